"""The project's own promises: the README's two set-up commands, and CI running the same test command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", readme, re.S)
    assert block, "the README must open with a bash block of set-up commands"
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def test_readme_starts_with_exactly_two_set_up_commands():
    commands = readme_commands()
    assert len(commands) == 2
    assert commands[0].endswith("streamlit run app.py")
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_and_the_linter():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert readme_commands()[1] in [line.strip() for line in ci]
    assert "ruff check ." in [line.strip() for line in ci]


def test_runtime_requirements_are_pinned():
    lines = [ln.strip() for ln in (ROOT / "requirements.txt").read_text().splitlines()]
    requirements = [ln for ln in lines if ln and not ln.startswith("#")]
    assert requirements, "requirements.txt lists what Community Cloud installs"
    assert all("==" in ln for ln in requirements), [ln for ln in requirements if "==" not in ln]


def test_the_library_does_not_import_streamlit():
    offenders = [p.relative_to(ROOT).as_posix() for p in (ROOT / "geo").rglob("*.py")
                 if re.search(r"^\s*(?:import|from)\s+streamlit\b", p.read_text(encoding="utf-8"), re.M)]
    assert offenders == []

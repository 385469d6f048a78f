"""Run every benchmark script in this folder, in one process each.

``--smoke`` passes tiny sizes: CI runs it only to keep the scripts working; the figures that matter
come from full runs, recorded in the README.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    extra = sys.argv[1:]
    failed = []
    for script in sorted(HERE.glob("*.py")):
        if script.name in ("run_all.py", "__init__.py") or script.name.startswith("_"):
            continue
        print(f"== {script.name}", flush=True)
        if subprocess.run([sys.executable, str(script), *extra], check=False).returncode != 0:
            failed.append(script.name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

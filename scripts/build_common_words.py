"""Regenerate ``assets/common_words.txt``: lower-case English words that are also gazetteer names.

The reader takes a capitalised common word at the start of a sentence ("Police said", "Mobile
phones") for the word, not for the town of that name. The list is the intersection of a plain
English word lists (Debian's ``wamerican`` and ``wbritish``, SCOWL, public domain-like licence: British
spellings matter, "the Centre" is India's central government) and the gazetteer's one-word names; run it
after the gazetteer's sources change::

    apt-get install wamerican wbritish && python scripts/build_common_words.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.gazetteer import Gazetteer

WORD_LISTS = (Path("/usr/share/dict/american-english"), Path("/usr/share/dict/british-english"))
OUT = Path(__file__).resolve().parent.parent / "assets" / "common_words.txt"


def main() -> int:
    missing = [str(p) for p in WORD_LISTS if not p.exists()]
    if missing:
        print(f"{', '.join(missing)} missing: apt-get install wamerican wbritish", file=sys.stderr)
        return 1
    english = {w.strip() for p in WORD_LISTS for w in p.read_text(encoding="utf-8").splitlines()}
    lower = {w for w in english if w.isalpha() and w.islower() and len(w) > 1}
    gaz = Gazetteer.load()
    common = sorted(w for w in lower if gaz.has_key(w))
    header = ("# Lower-case English words that are also gazetteer names (scripts/build_common_words.py).\n"
              "# Source: Debian wamerican and wbritish (SCOWL word lists) intersected with the compiled "
              "gazetteer's keys.\n")
    OUT.write_text(header + "\n".join(common) + "\n", encoding="utf-8")
    print(f"{len(common)} words -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

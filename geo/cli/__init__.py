"""The command line: ``python -m geo COMMAND ...``.

Each command lives in its own module here and registers itself with :func:`add_parser`; this module
only builds the parser, runs the chosen command and turns errors into one clear line on stderr.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from geo.errors import ConflictMapError

#: Modules that define ``register(subparsers)``; each owns the commands of one concern.
COMMAND_MODULES = ("geo.cli.geocode", "geo.cli.extract", "geo.cli.store")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geo", description="Conflict Map: reports in, mapped events out.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue  # a command module not written yet
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    try:
        return int(args.handler(args) or 0)
    except ConflictMapError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `python -m geo ... | head` is not an error
        return 0
    except KeyboardInterrupt:
        return 130

"""The ``spiegel`` command. Messages in Dutch; no traceback for anything a user causes.

Exit codes: 0 done, 1 refused (bad file, unwritable path, ...), 2 wrong arguments.

The parser and its Dutch texts are in :mod:`spiegel_tui.cli.parser`; each subcommand
lives in a module by topic (``meetings``, ``transfer``, ``purge``) with one
registration line in ``parser._subcommands``.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sys
from collections.abc import Sequence

from spiegel_tui.cli.common import EXIT_REFUSED, EXIT_USAGE, print_error
from spiegel_tui.cli.parser import build_parser
from spiegel_tui.errors import SpiegelError

__all__ = ["EXIT_REFUSED", "EXIT_USAGE", "build_parser", "main"]


def _safe_streams() -> None:
    """Output that cannot hold "ë" (PYTHONIOENCODING=ascii, LANG=C) gets "?" instead
    of a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(Exception):
                reconfigure(errors="replace")


def _utf8_arguments(argv: Sequence[str]) -> list[str]:
    """Arguments as typed: under LANG=C Python decodes "ö" as two undecodable bytes,
    which would be stored as two replacement characters."""
    result = []
    for arg in argv:
        try:
            result.append(arg if arg.isascii() else os.fsencode(arg).decode("utf-8"))
        except (UnicodeError, ValueError):
            result.append(arg)
    return result


def _output_closed() -> None:
    """Stdout was closed early (``| head``): drop what is left instead of failing again
    at exit when Python flushes it."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    # Everything Spiegel creates (database, backups, exports) is for its owner only.
    os.umask(0o077)
    _safe_streams()
    args = build_parser().parse_args(_utf8_arguments(sys.argv[1:] if argv is None else argv))
    try:
        code = _run(args)
        sys.stdout.flush()
        return code
    except SpiegelError as error:
        print_error(error.message)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _output_closed()
        print_error("de uitvoer werd gesloten voordat alles geschreven was.")
        return EXIT_REFUSED
    except OSError as error:
        # Writing to stdout or stderr failed (a full disk, /dev/full): say so if we can.
        if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EPIPE):
            _output_closed()
            print_error("de uitvoer kon niet geschreven worden (schijf vol of uitvoer gesloten).")
            return EXIT_REFUSED
        raise
    except Exception as error:
        # A SQLite error from a connection not opened by the store (none should be
        # left): Dutch all the same, never SQLite's English or a traceback.
        import sqlite3

        if not isinstance(error, sqlite3.Error):
            raise
        from spiegel_tui.storage.database import translate_sqlite_error

        print_error(translate_sqlite_error(error, None).message)
        return EXIT_REFUSED


def _run(args: argparse.Namespace) -> int:
    """Run the subcommand the parser chose (each sets ``handler``)."""
    return int(args.handler(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""Writing files safely: owner-only, atomically, never half a file.

A document is written to a temporary file in the target folder, flushed to disk and
renamed over the target, so a crash or a full disk leaves the old file intact.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from spiegel_tui.errors import ExportError

OWNER_FILE = 0o600
OWNER_DIR = 0o700


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) readable by the owner only."""
    path.mkdir(parents=True, exist_ok=True, mode=OWNER_DIR)
    # A folder we do not own (e.g. /tmp) stays as it is: its files are still 0600.
    with contextlib.suppress(PermissionError):
        os.chmod(path, OWNER_DIR)


def describe_os_error(error: OSError, path: Path) -> str:
    """A Dutch sentence for the common reasons a file cannot be written."""
    return f"Kan '{path}' niet schrijven: {describe_os_reason(error)}."


def describe_os_reason(error: OSError) -> str:
    """Why, in Dutch (the system's own text is English on most machines)."""
    reasons = {
        errno.ENOENT: "de map bestaat niet",
        errno.EACCES: "geen toestemming om daar te schrijven",
        errno.EPERM: "geen toestemming om daar te schrijven",
        errno.EROFS: "het bestandssysteem is alleen-lezen",
        errno.ENOSPC: "de schijf is vol",
        errno.EDQUOT: "de schijfruimte (quotum) is op",
        errno.EFBIG: "het bestand wordt te groot",
        errno.EISDIR: "dat is een map, geen bestand",
        errno.ENOTDIR: "een deel van het pad is geen map",
        errno.ENAMETOOLONG: "de naam is te lang",
    }
    if error.errno in reasons:
        return reasons[error.errno]
    return f"systeemfout {error.errno}" if error.errno else "onbekende fout"


SQLITE_HEADER = b"SQLite format 3\x00"
_WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
_SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def _head(path: Path, size: int) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return b""
    try:
        return os.read(fd, size)
    except OSError:
        return b""
    finally:
        os.close(fd)


def is_database_file(path: Path) -> bool:
    """True for an SQLite database, its WAL, or a -shm/-journal file beside one."""
    head = _head(path, len(SQLITE_HEADER))
    if head == SQLITE_HEADER or head[:4] in _WAL_MAGIC:
        return True
    for suffix in _SQLITE_COMPANIONS:
        if path.name.endswith(suffix):
            base = path.with_name(path.name.removesuffix(suffix))
            if _head(base, len(SQLITE_HEADER)) == SQLITE_HEADER:
                return True
    return False


def _same_file(a: os.stat_result, b: Path) -> bool:
    try:
        other = os.stat(b)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (other.st_dev, other.st_ino)


def check_target(
    path: Path,
    *,
    force: bool = False,
    protect: Sequence[Path] = (),
    require_folder: bool = True,
) -> None:
    """Refuse, in Dutch, any target an export must not write: a folder, a device, a
    pipe, a database (any SQLite file, or the one open: ``protect`` and its WAL/SHM),
    a name too long, a missing folder, or an existing file without ``force``."""
    path = Path(path)
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise ExportError(describe_os_error(error, path)) from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise ExportError(f"Kan '{path}' niet schrijven: dat is een map, geen bestand.")
        if not stat.S_ISREG(info.st_mode):
            raise ExportError(
                f"Kan '{path}' niet schrijven: dat is geen gewoon bestand "
                "(maar een apparaat, pijp of socket). Kies een bestandsnaam."
            )
        protected = [p for base in protect for p in _with_companions(Path(base))]
        if any(_same_file(info, p) for p in protected) or is_database_file(path):
            raise ExportError(
                f"'{path}' is een database (van Spiegel of een ander programma): "
                "daar schrijft Spiegel nooit een export overheen. Kies een andere naam."
            )
        if not force:
            raise ExportError(
                f"'{path}' bestaat al. Kies een andere naam of gebruik --force om het te vervangen."
            )
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder_ok = stat.S_ISDIR(os.stat(folder).st_mode)
    except OSError:
        folder_ok = False
    if not folder_ok and require_folder:
        raise ExportError(f"Kan '{path}' niet schrijven: de map '{folder}' bestaat niet.")
    max_name = _max_name(folder)
    if len(os.fsencode(path.name)) > max_name:
        raise ExportError(
            f"Kan niet schrijven: de bestandsnaam is te lang "
            f"({len(os.fsencode(path.name))} tekens; hoogstens {max_name}). Kies een kortere naam."
        )


def _with_companions(path: Path) -> list[Path]:
    return [path] + [path.with_name(path.name + suffix) for suffix in _SQLITE_COMPANIONS]


def _max_name(folder: Path) -> int:
    try:
        # The temporary file gets a prefix and a suffix: keep room for them.
        return os.pathconf(folder, "PC_NAME_MAX") - 20
    except (OSError, ValueError, AttributeError):
        return 235


def write_atomic(
    path: Path,
    write: Callable[[Path], None] | bytes,
    *,
    force: bool = False,
    protect: Sequence[Path] = (),
) -> Path:
    """Write a file atomically with mode 0600.

    ``write`` is either the bytes to write or a function that writes the file at the
    path it is given. Without ``force`` an existing file is never replaced; a
    database, a folder, a device or a pipe never (see :func:`check_target`).
    """
    path = Path(path)
    check_target(path, force=force, protect=protect)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise ExportError(describe_os_error(error, path)) from None
    tmp = Path(tmp_name)
    try:
        if isinstance(write, bytes):
            with os.fdopen(fd, "wb") as handle:
                handle.write(write)
                handle.flush()
                os.fsync(handle.fileno())
        else:
            os.close(fd)
            write(tmp)
            os.chmod(tmp, OWNER_FILE)
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise ExportError(describe_os_error(error, path)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(folder)
    return path


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

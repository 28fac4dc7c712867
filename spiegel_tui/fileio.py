"""Writing files safely: owner-only, atomically, never half a file.

A document is written to a temporary file in the target folder, flushed to disk and
renamed over the target, so a crash or a full disk leaves the old file intact.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import ExportError

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


def write_atomic(
    path: Path,
    write: Callable[[Path], None] | bytes,
    *,
    force: bool = False,
) -> Path:
    """Write a file atomically with mode 0600.

    ``write`` is either the bytes to write or a function that writes the file at the
    path it is given. Without ``force`` an existing file is never replaced.
    """
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"Kan '{path}' niet schrijven: dat is een map, geen bestand.")
    if path.exists() and not force:
        raise ExportError(
            f"'{path}' bestaat al. Kies een andere naam of gebruik --force om het te vervangen."
        )
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"Kan '{path}' niet schrijven: de map '{folder}' bestaat niet.")
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

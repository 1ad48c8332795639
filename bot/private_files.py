"""Files and folders Vern creates are its own: mode 0600 for files, 0700 for folders.

The SQLite database, exports, the outbox, generated secrets, backups and the
erasure journal hold personal data or the keys to it; another account on the
same machine must not read them (Art. 32(1)(b): confidentiality). The mode is
set at creation, not after: a file created 0644 and narrowed a moment later
can be opened in between, and an open descriptor outlives the chmod.
"""

from __future__ import annotations

import fcntl
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
# Masks group and other bits on everything a Vern process creates, its libraries' files included.
PROCESS_UMASK = 0o077


def restrict_process_umask() -> None:
    """Called first by every `vern` command, so files Rasa, SQLite or a library create are private too."""
    os.umask(PROCESS_UMASK)


def private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) and make `path` itself 0700, whatever the umask or an older mode."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    path.chmod(DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create `path` empty with mode 0600 if it is missing; narrow an existing one to 0600."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        path.chmod(FILE_MODE)
    else:
        os.close(descriptor)
        path.chmod(FILE_MODE)  # os.open's mode is filtered by the umask; this is the mode we want
    return path


def write_private_bytes(path: Path, data: bytes) -> Path:
    """Write `path` whole, 0600 from its first byte, through a temporary name (a reader never sees half)."""
    # A name of its own per writer: two processes writing the same file at once (Vern's processes starting side by
    # side) must not rename each other's temporary file away.
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            os.fchmod(handle.fileno(), FILE_MODE)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


@contextmanager
def exclusive(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `lock_path` (a private file, made if missing) for a read-modify-write that other
    processes of this checkout may do at the same moment."""
    descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock

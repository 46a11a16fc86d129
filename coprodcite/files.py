"""Files the user names: read only regular files (or standard input) up to a size
limit, and write output atomically without ever replacing the library or a device.

Reading refuses what is not a regular file (a FIFO with no writer would wait for
ever, ``/dev/zero`` never ends): such input can be piped into standard input,
which is read up to the same limit. Writing replaces a regular file atomically (a
temporary file beside it, then a rename), writes a character device or a FIFO in
place (``-o /dev/stdout``; the node itself is never replaced), and refuses
folders, block devices, sockets and the library's own files.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from coprodcite.errors import FormatError, InvalidInput

#: Default limit on one input file (or standard input), in MB (2**20 bytes).
MAX_INPUT_MB = 200
_CHUNK = 1024 * 1024
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    return next((words for test, words in _KINDS if test(mode)), "not a regular file")


def _too_large(name: str, limit: int) -> FormatError:
    return FormatError(
        f"larger than the {limit / 2**20:.3g} MB limit on input",
        file=name,
        hint="split it, or raise COPRODCITE_MAX_INPUT_MB",
    )


def read_stream(stream: BinaryIO, *, limit: int, name: str = "<stdin>") -> bytes:
    """Everything ``stream`` holds, at most ``limit`` bytes (else FormatError)."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(min(_CHUNK, limit + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise _too_large(name, limit)
    return b"".join(chunks)


def read_file(path: Path, *, limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them. Anything
    else (a FIFO, a device, a folder) is refused at once, without waiting."""
    try:
        # O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror or exc}", file=str(path)) from exc
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
        os.close(fd)
        if info.st_size > limit and stat.S_ISREG(info.st_mode):
            raise _too_large(str(path), limit)
        raise FormatError(
            f"not a regular file ({kind_of(info.st_mode)})",
            file=str(path),
            hint="give a file, or pipe the data into standard input (-)",
        )
    os.set_blocking(fd, True)
    with os.fdopen(fd, "rb") as stream:
        try:
            return read_stream(stream, limit=limit, name=str(path))
        except OSError as exc:
            raise FormatError(f"cannot read: {exc.strerror or exc}", file=str(path)) from exc


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 with or without BOM, UTF-16 with BOM (EndNote's
    "Unicode" exports), else Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")  # a BOM then no UTF-16: fuzzing
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# -- writing ---------------------------------------------------------------------------


def write_output(path: Path, text: str | bytes, *, protected: Iterable[Path] = ()) -> None:
    """Write ``text`` to ``path``: atomically over a regular file (or a new one), in
    place to a character device or a FIFO. ``protected`` files (the library) and
    their SQLite journal files are refused, under any name that reaches them."""
    _refuse_protected(path, protected)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise _cannot_write(path, exc) from exc
    if mode is None or stat.S_ISREG(mode):
        # a symbolic link stays one: the file it points to is replaced
        write_atomically(Path(os.path.realpath(path)) if path.is_symlink() else path, text)
    elif stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        _write_in_place(path, text, fifo=stat.S_ISFIFO(mode))
    else:
        raise InvalidInput(
            f"cannot write {path}: it is {kind_of(mode)}", hint="give a file name to write"
        )


def _refuse_protected(path: Path, protected: Iterable[Path]) -> None:
    target = Path(os.path.realpath(path))
    try:
        target_stat: os.stat_result | None = os.stat(target)
    except OSError:
        target_stat = None
    for library in protected:
        for name in (f"{library}", f"{library}-wal", f"{library}-shm", f"{library}-journal"):
            same_name = Path(os.path.realpath(name)) == target
            try:
                same_file = target_stat is not None and os.path.samestat(target_stat, os.stat(name))
            except OSError:
                same_file = False
            if same_name or same_file:
                raise InvalidInput(
                    f"cannot write {path}: it is the library {library}"
                    + ("" if name == str(library) else f"'s journal file {Path(name).name}"),
                    hint="give another file name; the library was not touched",
                )


def _write_in_place(path: Path, text: str | bytes, *, fifo: bool) -> None:
    flags = os.O_WRONLY | (os.O_NONBLOCK if fifo else 0)
    try:
        fd = os.open(path, flags)  # no O_CREAT, no O_TRUNC: the node stays as it is
    except OSError as exc:
        if fifo and exc.errno == errno.ENXIO:  # no process has the FIFO open for reading
            raise InvalidInput(
                f"cannot write {path}: no process is reading from this FIFO",
                hint="start the reader first, or write to a file",
            ) from exc
        raise _cannot_write(path, exc) from exc
    try:
        os.set_blocking(fd, True)
        with os.fdopen(fd, "wb", closefd=True) as out:
            out.write(text.encode("utf-8") if isinstance(text, str) else text)
    except OSError as exc:
        raise _cannot_write(path, exc) from exc


def write_atomically(path: Path, text: str | bytes) -> None:
    """Write a temporary file beside ``path``, then rename it over ``path`` (text as
    UTF-8; bytes as they are, e.g. a Word file)."""
    temp: str | None = None
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else None
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(text.encode("utf-8") if isinstance(text, str) else text)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, path)
        temp = None
    except OSError as exc:
        raise _cannot_write(path, exc) from exc
    finally:
        if temp is not None:
            Path(temp).unlink(missing_ok=True)


def _cannot_write(path: Path, exc: OSError) -> InvalidInput:
    return InvalidInput(
        f"cannot write {path}: {exc.strerror or exc}",
        hint="check that the folder exists and is writable",
    )

"""Reading only regular files up to a limit, and writing without replacing a device,
a FIFO or the library (coprodcite.files)."""

import io
import os
import stat
import threading
from pathlib import Path

import pytest

from coprodcite.errors import FormatError, InvalidInput
from coprodcite.files import decode, read_file, read_stream, write_output


def test_a_regular_file_is_read(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_bytes(b"@book{a, title={A}}")
    assert read_file(path, limit=100) == b"@book{a, title={A}}"


def test_a_fifo_with_no_writer_is_refused_at_once(tmp_path):
    fifo = tmp_path / "refs.fifo"
    os.mkfifo(fifo)
    with pytest.raises(FormatError, match=r"refs\.fifo: not a regular file \(a FIFO"):
        read_file(fifo, limit=100)


@pytest.mark.parametrize(("path", "kind"), [("/dev/zero", "a character device"), ("/", "a folder")])
def test_what_is_not_a_regular_file_is_refused(path, kind):
    with pytest.raises(FormatError, match=f"not a regular file \\({kind}\\)"):
        read_file(Path(path), limit=100)


def test_a_file_over_the_limit_is_refused(tmp_path):
    path = tmp_path / "big.ris"
    path.write_bytes(b"x" * 101)
    with pytest.raises(FormatError, match=r"big\.ris: larger than the .* MB limit"):
        read_file(path, limit=100)
    path.write_bytes(b"x" * 100)
    assert len(read_file(path, limit=100)) == 100


@pytest.mark.parametrize(("size", "ok"), [(0, True), (99, True), (100, True), (101, False)])
def test_a_stream_is_read_up_to_the_limit(size, ok):
    stream = io.BytesIO(b"y" * size)
    if ok:
        assert read_stream(stream, limit=100) == b"y" * size
    else:
        with pytest.raises(FormatError, match="<stdin>: larger than"):
            read_stream(stream, limit=100)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"caf\xc3\xa9", "café"),
        (b"\xef\xbb\xbfcaf\xc3\xa9", "café"),
        ("café".encode("utf-16"), "café"),
        (b"caf\xe9", "café"),  # Windows-1252
        (bytes.fromhex("feffffff5efffe"), "\uffff\u5eff\ufffd"),  # a BOM, then not UTF-16
    ],
)
def test_decode(data, text):
    assert decode(data) == text


# -- writing ------------------------------------------------------------------------------


@pytest.fixture
def library(tmp_path):
    path = tmp_path / "lib.sqlite"
    for name in ("lib.sqlite", "lib.sqlite-wal", "lib.sqlite-shm"):
        (tmp_path / name).write_bytes(b"library bytes")
    return path


@pytest.mark.parametrize("name", ["lib.sqlite", "lib.sqlite-wal", "lib.sqlite-shm"])
def test_the_library_and_its_journal_files_are_refused(tmp_path, library, name):
    with pytest.raises(InvalidInput, match="it is the library"):
        write_output(tmp_path / name, "@book{...}", protected=[library])
    assert (tmp_path / name).read_bytes() == b"library bytes"


def test_the_library_is_refused_under_another_name(tmp_path, library):
    (tmp_path / "link.bib").symlink_to(library)
    os.link(library, tmp_path / "hard.bib")
    (tmp_path / "sub").mkdir()
    for other in (
        tmp_path / "link.bib",
        tmp_path / "hard.bib",
        tmp_path / "sub" / ".." / "lib.sqlite",
    ):
        with pytest.raises(InvalidInput, match="it is the library"):
            write_output(other, "@book{...}", protected=[library])
    assert library.read_bytes() == b"library bytes"


def test_a_journal_file_not_there_yet_is_refused_too(tmp_path):
    library = tmp_path / "lib.sqlite"
    library.write_bytes(b"library bytes")
    with pytest.raises(InvalidInput, match="journal file lib.sqlite-wal"):
        write_output(tmp_path / "lib.sqlite-wal", "x", protected=[library])
    assert not (tmp_path / "lib.sqlite-wal").exists()


def test_a_regular_file_is_replaced_and_a_symlink_stays_one(tmp_path):
    target = tmp_path / "refs.bib"
    target.write_text("old")
    link = tmp_path / "current.bib"
    link.symlink_to(target)
    write_output(link, "new")
    assert link.is_symlink() and target.read_text() == "new"


def test_a_fifo_is_written_in_place(tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received = []

    def reader():
        with open(fifo, "rb") as stream:  # blocks until the writer opens it too
            received.append(stream.read())

    thread = threading.Thread(target=reader)
    thread.start()
    for _ in range(1_000_000):  # the writer does not wait: try until the reader is there
        try:
            write_output(fifo, "@book{a}")
            break
        except InvalidInput:
            continue
    thread.join()
    assert received == [b"@book{a}"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_fifo_nobody_reads_is_refused_at_once(tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    with pytest.raises(InvalidInput, match="no process is reading from this FIFO"):
        write_output(fifo, "text")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_character_device_is_written_in_place():
    """A terminal (pty) stands for /dev/null, /dev/stdout and the like."""
    master, slave = os.openpty()
    try:
        device = Path(os.ttyname(slave))
        write_output(device, "@book{a}")
        assert stat.S_ISCHR(os.stat(device).st_mode)
        assert os.read(master, 100).replace(b"\r\n", b"\n") == b"@book{a}"
    finally:
        os.close(master)
        os.close(slave)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(InvalidInput, match="it is a folder"):
        write_output(tmp_path, "text")

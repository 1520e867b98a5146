"""Files on disk: finding them below directories (``find_minutes``) and reading one within a size
limit (``read_file``). Plain Python, no Django; safe to run in a worker process."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from .documents import IntakeError
from .read import SUFFIXES, sniff

# Minutes are a few kilobytes; a file over this is not minutes, and parsing and showing it would
# cost seconds and hundreds of megabytes (load_minutes --max-bytes).
MAX_BYTES = 2_000_000


def read_file(path: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """A file's bytes (``read_bounded``); IntakeError with the reason when it is not read."""
    try:
        return read_bounded(Path(path), max_bytes)
    except _Refused as exc:
        raise IntakeError(str(exc)) from None
    except OSError as exc:
        raise IntakeError(f"cannot be read ({exc.strerror or exc})") from None


class _Refused(Exception):
    """A path that is not read: not a regular file, or over the size limit."""


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``. Anything else is refused before it is
    read: a FIFO would block the loader, a device never ends, a huge file costs all the memory."""
    kind = _not_regular(os.stat(path).st_mode)
    if kind:
        raise _Refused(f"not a regular file ({kind}); not read")
    # O_NONBLOCK: should a FIFO replace the file after the check, opening it does not wait for a writer.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with open(fd, "rb", buffering=0) as file:
        info = os.fstat(fd)
        kind = _not_regular(info.st_mode)
        if kind:
            raise _Refused(f"not a regular file ({kind}); not read")
        if info.st_size > max_bytes:
            raise _Refused(_too_large(f"{info.st_size:,}", max_bytes))
        chunks, size = [], 0
        while chunk := file.read(max_bytes + 1 - size):
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:  # it grew since fstat
                raise _Refused(_too_large(f"over {max_bytes:,}", max_bytes))
        return b"".join(chunks)


def _too_large(size: str, max_bytes: int) -> str:
    return f"too large: {size} bytes, over the limit of {max_bytes:,} bytes (see --max-bytes); not read"


def _not_regular(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISDIR, "a directory"),
    ):
        if test(mode):
            return name
    return "not a regular file"


# Finding files ----------------------------------------------------------------------------------


def find_minutes(paths: Iterable[str | Path], on_skip: Callable[[Path, str], None] | None = None) -> list[Path]:
    """Files as given; a directory means every regular file below it with a suffix intake reads
    (*.txt, *.html, *.docx, *.pdf, *.jsonl …: archive.intake.SUFFIXES), and every file without a
    suffix that is sniffed as a page, Word, PDF or JSON Lines file, sorted by path.

    Below a directory, what cannot be loaded is skipped and passed to ``on_skip`` with the reason:
    such a file that is not a regular file (FIFO, socket, device), a broken symbolic link, a symbolic
    link loop, a directory that cannot be read. Symbolic links to directories are followed, each
    directory once. A path given explicitly is returned as it is; reading it reports what is wrong.
    """
    skip = on_skip or (lambda path, reason: None)
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        try:
            info = os.stat(path)
        except OSError:
            found.append(path)  # read_file says why it cannot be read
            continue
        if stat.S_ISDIR(info.st_mode):
            found.extend(sorted(_walk(path, info, skip)))
        else:
            found.append(path)
    return found


def _walk(root: Path, info: os.stat_result, skip: Callable[[Path, str], None]) -> list[Path]:
    found = []
    seen = {(info.st_dev, info.st_ino)}
    # (directory, the (device, inode) of it and of the directories that enclose it)
    stack = [(str(root), ((info.st_dev, info.st_ino),))]
    while stack:
        directory, enclosing = stack.pop()
        try:
            with os.scandir(directory) as entries:
                entries = list(entries)
        except OSError as exc:
            skip(Path(directory), f"directory cannot be read ({exc.strerror or exc})")
            continue
        for entry in entries:
            try:
                link = entry.is_symlink()
                txt = _known_suffix(entry.name)
                unknown = not txt and "." not in entry.name
                if not link and txt and entry.is_file(follow_symlinks=False):
                    found.append(Path(entry.path))  # the common case, from the directory listing alone
                    continue
                if not (link or txt or unknown or entry.is_dir(follow_symlinks=False)):
                    continue
                target = entry.stat()  # follows a symbolic link
            except OSError as exc:
                skip(Path(entry.path), _stat_error(exc, link))
                continue
            if stat.S_ISDIR(target.st_mode):
                key = (target.st_dev, target.st_ino)
                if key in enclosing:
                    skip(Path(entry.path), "symbolic link loop (it points to a directory that encloses it)")
                elif key in seen:
                    skip(Path(entry.path), "a directory already walked through another path")
                else:
                    seen.add(key)
                    stack.append((entry.path, (*enclosing, key)))
            elif not txt and not (unknown and stat.S_ISREG(target.st_mode) and _sniffed(entry.path)):
                continue
            elif stat.S_ISREG(target.st_mode):
                found.append(Path(entry.path))
            else:
                skip(Path(entry.path), f"not a regular file ({_not_regular(target.st_mode)})")
    return found


def _known_suffix(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in SUFFIXES


def _sniffed(path: str) -> bool:
    """A file without a suffix is loaded when its first bytes are a page, Word, PDF or JSON Lines."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with open(fd, "rb", buffering=0) as file:
            head = file.read(4096)
    except OSError:
        return False
    return sniff(head, path) != "text"


def _stat_error(exc: OSError, link: bool) -> str:
    if link and exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if link and isinstance(exc, FileNotFoundError):
        return "broken symbolic link (its target does not exist)"
    return f"cannot be read ({exc.strerror or exc})"

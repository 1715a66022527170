"""Files a user gives or gets: inputs read safely, results written atomically (or to stdout).

What hepgen promises about a user's files lives here:

- An input (plan file, library file, CSV, logo) is read only if it is a regular file, and
  only up to a size limit, so a pipe or device can neither hang a run nor fill memory.
- Every input read is remembered, and an output that is one of them (the same file, links
  followed) is refused: a plan never overwrites its own plan file or logo.
- An output is written to a fresh temporary file in the same folder and renamed over the
  target, so a reader sees the old file or the new one, never half of one, and nothing is
  left behind on failure. A new file gets the mode the umask allows; a replaced one keeps
  its mode. A device or pipe (``/dev/null``, a FIFO) is written in place, never replaced,
  and so is what a descriptor's name (``/dev/stderr``, ``/dev/fd/3``) is open on.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from pathlib import Path

from .errors import HepgenError, Location

_INPUTS: set[tuple[int, int, int]] = set()  # (device, inode, ctime) of every input read
_STDOUT_NAMES = ("-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")


def _identity(info: os.stat_result) -> tuple[int, int, int]:
    return info.st_dev, info.st_ino, info.st_ctime_ns


def read_input(path: str | Path, limit: int | None, name: str | None = None) -> bytes:
    """The bytes of the regular file *path*, at most *limit* + 1 of them (so a caller can
    tell "too big"); remembered as an input of this run. *name* is how messages call it."""
    name = name or str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(path, flags)
    except IsADirectoryError:
        raise HepgenError("is a folder, not a file", Location(name)) from None
    except OSError as exc:
        raise HepgenError(f"cannot read the file: {exc.strerror or exc}", Location(name)) from None
    info = os.fstat(handle)
    if stat.S_ISDIR(info.st_mode):  # opening a folder read-only succeeds on POSIX
        os.close(handle)
        raise HepgenError("is a folder, not a file", Location(name))
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(info.st_mode):
            raise HepgenError("is not a regular file (a pipe, device or socket); "
                              "save the content to a file and give that", Location(name))
        _INPUTS.add(_identity(info))
        try:
            return stream.read() if limit is None else stream.read(limit + 1)
        except OSError as exc:
            raise HepgenError(f"cannot read the file: {exc.strerror or exc}",
                              Location(name)) from None


class DiskFull(HepgenError):
    """A write failed for want of space (or of the size this process may write): the next
    write to the same disk would fail too, so a batch stops rather than try every row."""


_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG)


def _cannot(doing: str, exc: OSError, shown: str) -> HepgenError:
    kind = DiskFull if exc.errno in _FULL else HepgenError
    return kind(f"cannot {doing}: {exc.strerror or exc}", Location(shown))


def _is_input(info: os.stat_result) -> bool:
    return _identity(info) in _INPUTS


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _stdout(data: bytes) -> None:
    if sys.stdout is None:
        raise HepgenError("standard output is closed; give a file name with -o")
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:  # `hepgen generate -o - | head`: the reader chose to stop
        raise
    except OSError as exc:
        raise HepgenError(f"cannot write to standard output: {exc.strerror or exc}") from None


def _descriptor(target: str) -> int | None:
    """The open file descriptor *target* names (``/dev/stderr``, ``/dev/fd/3``), if any:
    such a name is a link to whatever the descriptor is open on (say, a log file that
    standard error is appended to), which must be written through, never replaced."""
    if target == "/dev/stderr":
        return 2
    for stem in ("/dev/fd/", "/proc/self/fd/"):
        if target.startswith(stem) and target[len(stem):].isdigit():
            return int(target[len(stem):])
    return None


def _to_descriptor(fd: int, data: bytes, shown: str) -> None:
    if fd == 2 and sys.stderr is not None:
        sys.stderr.flush()
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except OSError as exc:
        if exc.errno == errno.EBADF:
            raise HepgenError("is not open; give a file name such as plan.pdf",
                              Location(shown)) from None
        raise _cannot("write here", exc, shown) from None


def _existing(path: Path, shown: str) -> os.stat_result | None:
    """The file at *path* (links followed) if there is one; errors for a path that cannot
    be a file: a folder, a file used as a folder, one of this run's inputs."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        parent = path.parent
        while str(parent) not in ("", ".", parent.anchor) and not parent.is_file():
            parent = parent.parent
        raise HepgenError(f"{parent} is a file, not a folder; choose another place for the "
                          "output", Location(shown)) from None
    except OSError as exc:
        raise _cannot("write here", exc, shown) from None
    if stat.S_ISDIR(info.st_mode):
        raise HepgenError("is a folder; give a file name such as plan.pdf", Location(shown))
    if _is_input(info):
        raise HepgenError("is one of this run's inputs (a plan file, library file, CSV or "
                          "logo); write the output to another file", Location(shown))
    return info


def _in_place(path: Path, info: os.stat_result, data: bytes, shown: str) -> None:
    """Write to a character device or a pipe as it is; refuse anything else not a file."""
    if stat.S_ISCHR(info.st_mode):
        flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0)
    elif stat.S_ISFIFO(info.st_mode):
        flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0)
    else:
        raise HepgenError("is a device or socket, not a file; give a file name such as "
                          "plan.pdf", Location(shown))
    try:
        handle = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise HepgenError("is a pipe that nobody is reading; start the reader first",
                              Location(shown)) from None
        raise _cannot("write here", exc, shown) from None
    try:
        os.set_blocking(handle, True)
        with os.fdopen(handle, "wb", closefd=False) as stream:
            stream.write(data)
    except OSError as exc:
        raise _cannot("write the file", exc, shown) from None
    finally:
        os.close(handle)


def _folder_of(path: Path, shown: str) -> Path:
    folder = path.parent if str(path.parent) else Path(".")
    if folder.is_dir():
        return folder
    if folder.exists() or any(p.is_file() for p in folder.parents):
        blocker = folder if folder.exists() else next(p for p in folder.parents if p.is_file())
        raise HepgenError(f"{blocker} is a file, not a folder; choose another place for the "
                          "output", Location(shown))
    raise HepgenError("the folder for the output does not exist; create it first", Location(shown))


def _temp(folder: Path, stem: str, mode: int, data: bytes, shown: str, prefix: str) -> str:
    """A finished temporary file in *folder* holding *data*; removed again on any failure."""
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{prefix}{stem}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise _cannot("write here", exc, shown) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, mode)
    except BaseException as exc:
        os.unlink(temp)
        if isinstance(exc, OSError):
            raise _cannot("write the file", exc, shown) from None
        raise
    return temp


def write_atomic(target: str, data: bytes, prefix: str = "") -> None:
    """Write *data* to *target* so that a reader sees the old file or the new one, never
    half of one: write a temporary file in the same folder, then rename it over.
    *prefix* starts the temporary file's name (so a stopped batch can find its own)."""
    if target == "":
        raise HepgenError("the output file name is empty; give one such as plan.pdf")
    if target in _STDOUT_NAMES:
        _stdout(data)
        return
    if (fd := _descriptor(target)) is not None:
        _to_descriptor(fd, data, target)
        return
    path = Path(target)
    info = _existing(path, target)
    if info is not None and not stat.S_ISREG(info.st_mode):
        _in_place(path, info, data, target)
        return
    if info is not None and path.is_symlink():  # replace the file, keep the link to it
        path = Path(os.path.realpath(path))
    folder = _folder_of(path, target)
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    temp = _temp(folder, path.name, mode, data, target, prefix)
    try:
        os.replace(temp, path)
    except OSError as exc:
        raise _cannot("write the file", exc, target) from None
    finally:
        if os.path.lexists(temp):
            os.unlink(temp)


def make_folder(folder: str) -> Path:
    """The output folder *folder*, created with its parents if missing; a clear error when
    something that is not a folder stands in the way."""
    if folder == "":
        raise HepgenError("the output folder name is empty; give one such as handouts")
    path = Path(folder)
    if path.is_dir():
        return path
    for part in (path, *path.parents):
        if os.path.lexists(part) and not part.is_dir():
            what = ("a link to nothing" if part.is_symlink() and not part.exists()
                    else "a file")
            raise HepgenError(f"{part} is {what}, not a folder; choose another place for the "
                              "output", Location(folder))
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as exc:
        raise _cannot("create the folder", exc, folder) from None
    return path


def check_target(target: str) -> None:
    """Refuse, before any work, an output that :func:`write_atomic` would refuse: an empty
    name, a folder, a missing or read-only folder (the wizard asks this before its first
    question)."""
    if target == "":
        raise HepgenError("the output file name is empty; give one such as plan.pdf")
    if target in _STDOUT_NAMES or _descriptor(target) is not None:
        return
    path = Path(target)
    info = _existing(path, target)
    if info is None or stat.S_ISREG(info.st_mode):
        folder = _folder_of(path, target)
        if not os.access(folder, os.W_OK):
            raise HepgenError("cannot write in this folder; choose another place for the output",
                              Location(target))


def write_new(folder: str, stem: str, suffix: str, data: bytes, prefix: str = "") -> str:
    """Write *data* to a new file in *folder* named *stem*.*suffix*, or *stem*-2.*suffix*
    and so on if that is taken, never replacing a file; returns the name used. The name is
    claimed atomically, so two runs writing into one folder both keep their files."""
    shown = os.path.join(folder, f"{stem}.{suffix}")
    directory = _folder_of(Path(shown), shown)
    temp = _temp(directory, f"{stem}.{suffix}", 0o666 & ~_umask(), data, shown, prefix)
    try:
        for n in range(1, 10_000):
            name = f"{stem}.{suffix}" if n == 1 else f"{stem}-{n}.{suffix}"
            target = directory / name
            try:
                os.link(temp, target)
                return name
            except FileExistsError:
                continue
            except OSError:  # no hard links here: claim the name, then rename over it
                try:
                    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
                except FileExistsError:
                    continue
                os.replace(temp, target)
                return name
        raise HepgenError("too many files with this name already; use another --out-dir",
                          Location(shown))
    except OSError as exc:
        raise _cannot("write the file", exc, shown) from None
    finally:
        if os.path.lexists(temp):
            os.unlink(temp)


MAX_LOGO_BYTES = 5 * 1024 * 1024
MAX_LOGO_PIXELS = 25_000_000


def read_logo(path: str | None) -> bytes | None:
    """The logo's bytes, after checking it is a whole PNG or JPEG of sane size."""
    if not path:
        return None
    try:
        data = read_input(path, MAX_LOGO_BYTES)
    except HepgenError as exc:
        raise HepgenError(exc.message.replace("the file", "the logo"), exc.where) from None
    return check_logo(data, path)


def check_logo(data: bytes, name: str) -> bytes:
    """*data* if it is a PNG or JPEG under the size limits (a file read or an upload)."""
    if len(data) > MAX_LOGO_BYTES:
        raise HepgenError("the logo is over 5 MB; use a smaller image", Location(name))
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        raise HepgenError("the logo must be a PNG or JPEG image", Location(name))
    _check_image(data, name)
    return data


def _check_image(data: bytes, path: str) -> None:
    """Refuse a logo too big in pixels (a small file can unpack to gigabytes) or cut short."""
    import io
    import warnings

    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            width, height = image.size
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            raise HepgenError("cannot read the logo image; give a PNG or JPEG file",
                              Location(path)) from None
        if width * height > MAX_LOGO_PIXELS:
            raise HepgenError(
                f"the logo is {width}×{height} pixels, over the limit of "
                f"{MAX_LOGO_PIXELS // 1_000_000} million; scale it down (a logo needs "
                "about 600 pixels across)", Location(path))
        try:
            image.load()
        except (OSError, ValueError, SyntaxError):
            raise HepgenError("the logo image is damaged or cut short; save it again as a "
                              "PNG or JPEG", Location(path)) from None

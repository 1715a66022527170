"""Files a user gives or gets: the logo read in, results written atomically (or to stdout)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .errors import HepgenError, Location


def write_atomic(target: str, data: bytes) -> None:
    """Write *data* to *target* so that a reader sees the old file or the new one, never
    half of one: write a temporary file in the same folder, then rename it over."""
    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    path = Path(target)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise HepgenError("the folder for the output does not exist; create it first",
                          Location(str(path)))
    if path.is_dir():
        raise HepgenError("is a folder; give a file name such as plan.pdf", Location(str(path)))
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise HepgenError(f"cannot write here: {exc.strerror}", Location(str(path))) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except OSError as exc:
        raise HepgenError(f"cannot write the file: {exc.strerror}", Location(str(path))) from None
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


MAX_LOGO_BYTES = 5 * 1024 * 1024


def read_logo(path: str | None) -> bytes | None:
    """The logo's bytes, after checking it is a PNG or JPEG of sane size."""
    if not path:
        return None
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_LOGO_BYTES + 1)
    except OSError as exc:
        raise HepgenError(f"cannot read the logo: {exc.strerror}", Location(path)) from None
    return check_logo(data, path)


def check_logo(data: bytes, name: str) -> bytes:
    """*data* if it is a PNG or JPEG under the size limit (a file read or an upload)."""
    if len(data) > MAX_LOGO_BYTES:
        raise HepgenError("the logo is over 5 MB; use a smaller image", Location(name))
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        raise HepgenError("the logo must be a PNG or JPEG image", Location(name))
    return data

"""A disk cache of the validated library, so each command need not re-read every file.

The key covers the hepgen version, the code that reads and checks the files, and every
library file's path and *content* (a hash of its bytes): any edit means a fresh, fully
checked load, even one in the same second that keeps the size. The full key is stored with
the library and compared on reading, so a stale or colliding entry is never used.

The cache holds plain JSON, never pickles: reading it can build only hepgen's own frozen
dataclasses, tuples, lists, dicts and scalars, so a planted file cannot run code. It is used
only in a folder that belongs to this user and that nobody else can write to; cache files
are opened without following links, and written through a fresh temporary file
(``tempfile``, ``O_EXCL``) that is removed if anything goes wrong.

A missing, unreadable or unwritable cache is never an error; the library is then loaded
the ordinary way. ``hepgen validate`` never uses it. HEPGEN_NO_CACHE=1 turns it off;
HEPGEN_CACHE_DIR puts it elsewhere (default: $XDG_CACHE_HOME/hepgen or ~/.cache/hepgen).
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import importlib
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any, Callable

from . import __version__

KEEP = 16  # cache files kept; older ones are removed
MAX_CACHE_BYTES = 64 * 1024 * 1024
MAX_HASHED_BYTES = 1024 * 1024  # library files are far smaller; a bigger one fails to load
_CODE = ("library.py", "builders.py", "overlay.py", "models.py", "schema.py", "yamlload.py",
         "cache.py", "errors.py", "figures/pose.py", "figures/checks.py", "figures/scene.py",
         "schemas/exercise.json", "schemas/program.json", "schemas/education.json")


def cache_dir() -> Path:
    if os.environ.get("HEPGEN_CACHE_DIR"):
        return Path(os.environ["HEPGEN_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "hepgen"


# --- plain data in and out -------------------------------------------------------------
# A list is a JSON array; a tuple {"t": [...]}; a dict {"d": [[key, value], ...]}; a
# dataclass {"c": "module:Name", "f": {field: value}} and an enum {"e": "module:Name",
# "v": value}, where the class must be a dataclass or enum defined in a hepgen module.
# Fields named "file" are stored as absolute paths and given back relative to the working
# folder, as messages name files.


def _abs(value: str) -> str:
    return os.path.abspath(value) if value else value


def _rel(value: str) -> str:
    if not value:
        return value
    try:
        relative = os.path.relpath(value)
    except ValueError:  # another drive on Windows
        return value
    return value if relative.startswith("..") else relative


def encode(value: Any) -> Any:
    """*value* as JSON-ready plain data; TypeError for anything that is not plain data."""
    cls = type(value)
    if value is None or cls in (bool, int, float, str):
        return value
    if cls is tuple:
        return {"t": [encode(v) for v in value]}
    if cls is list:
        return [encode(v) for v in value]
    if cls is dict:
        return {"d": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, enum.Enum) and cls.__module__.split(".")[0] == "generator":
        return {"e": f"{cls.__module__}:{cls.__qualname__}", "v": encode(value.value)}
    if dataclasses.is_dataclass(value) and cls.__module__.split(".")[0] == "generator":
        fields = {}
        for field in dataclasses.fields(value):
            if not field.init:
                continue
            item = getattr(value, field.name)
            fields[field.name] = _abs(item) if field.name == "file" and isinstance(item, str) \
                else encode(item)
        return {"c": f"{cls.__module__}:{cls.__qualname__}", "f": fields}
    raise TypeError(f"cannot cache a {cls.__name__}")


def _class(name: str, kind: Callable[[type], bool]) -> type:
    module, _, qualname = name.partition(":")
    if module.split(".")[0] != "generator" or not all(p.isidentifier() for p in module.split(".")):
        raise ValueError(f"not a hepgen class: {name}")
    target: Any = importlib.import_module(module)
    for part in qualname.split("."):
        target = getattr(target, part)
    if not (isinstance(target, type) and kind(target)):
        raise ValueError(f"not a hepgen dataclass or enum: {name}")
    return target


def decode(data: Any) -> Any:
    """The value :func:`encode` made *data* from; ValueError for anything else."""
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [decode(v) for v in data]
    if isinstance(data, dict) and len(data) == 1 and isinstance(data.get("t"), list):
        return tuple(decode(v) for v in data["t"])
    if isinstance(data, dict) and len(data) == 1 and isinstance(data.get("d"), list):
        return {decode(k): decode(v) for k, v in data["d"]}
    if isinstance(data, dict) and set(data) == {"c", "f"} and isinstance(data["f"], dict):
        cls = _class(data["c"], dataclasses.is_dataclass)
        values = {name: _rel(item) if name == "file" and isinstance(item, str) else decode(item)
                  for name, item in data["f"].items()}
        return cls(**values)
    if isinstance(data, dict) and set(data) == {"e", "v"}:
        return _class(data["e"], lambda c: issubclass(c, enum.Enum))(decode(data["v"]))
    raise ValueError("not hepgen cache data")


# --- the key -----------------------------------------------------------------------------


def fingerprint(roots: list[Path], files: list[Path], tag: str = "") -> str:
    """What the cached value depends on: versions, code, every file's bytes, and *tag*
    (the language a library is loaded in)."""
    from .files import read_input

    lines = [__version__, f"tag|{tag}"]
    package = Path(__file__).resolve().parent
    for name in _CODE:
        path = package / name
        if path.exists():
            info = path.stat()
            lines.append(f"{name}|{info.st_mtime_ns}|{info.st_ctime_ns}|{info.st_ino}|"
                         f"{info.st_size}")
    lines += [f"root|{root.resolve()}" for root in roots]
    for path in files:
        digest = hashlib.blake2b(read_input(path, MAX_HASHED_BYTES), digest_size=16).hexdigest()
        lines.append(f"{path.resolve()}|{digest}")
    return "\n".join(lines)


# --- the folder and its files --------------------------------------------------------------


def _private_folder(folder: Path, create: bool) -> bool:
    """True when *folder* is a real folder (not a link) of this user that others cannot write."""
    if create:
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            os.mkdir(folder, 0o700)
        except FileExistsError:
            pass
        except OSError:
            return False
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o022:
        return False
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def _read(path: Path) -> Any:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    handle = os.open(path, flags)
    with os.fdopen(handle, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CACHE_BYTES or (
                hasattr(os, "getuid") and info.st_uid != os.getuid()):
            raise ValueError("not a cache file of this user")
        return json.loads(stream.read(MAX_CACHE_BYTES + 1))


def _write(folder: Path, path: Path, data: bytes) -> None:
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, path)  # replaces a link itself, never its target
    finally:
        if os.path.lexists(temp):
            os.unlink(temp)


def _tidy(folder: Path) -> None:
    entries = []
    for pattern in ("library-*.json", "library-*.pickle"):  # pickles: from older versions
        for entry in folder.glob(pattern):
            try:
                entries.append((entry.suffix == ".json", entry.lstat().st_mtime, entry))
            except OSError:
                pass
    entries.sort()
    for _, _, stale in entries[:-KEEP]:
        stale.unlink(missing_ok=True)


def cached(roots: list[Path], files: list[Path], load: Callable[[], object],
           kind: type = object, tag: str = ""):
    """*load()*'s result, from the cache when the files are unchanged since it was stored;
    a stored value that is not a *kind* is ignored like a corrupt one. *tag* tells apart
    values made from the same files (a library loaded in another language)."""
    if os.environ.get("HEPGEN_NO_CACHE"):
        return load()
    try:
        key = fingerprint(roots, files, tag)
    except Exception:  # a file vanished or is unreadable: the load says what is wrong
        return load()
    folder = cache_dir()
    path = folder / f"library-{hashlib.blake2b(key.encode(), digest_size=8).hexdigest()}.json"
    if _private_folder(folder, create=False):
        try:
            stored = _read(path)
            if isinstance(stored, dict) and stored.get("key") == key:
                value = decode(stored["value"])
                if isinstance(value, kind):
                    return value
        except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
            pass  # missing, truncated, planted, or written by an incompatible version
    value = load()  # raises on a broken library: nothing is cached then
    try:
        data = json.dumps({"key": key, "value": encode(value)}, ensure_ascii=False).encode()
    except (TypeError, ValueError, RecursionError):
        return value
    if _private_folder(folder, create=True):
        try:
            _write(folder, path, data)
            _tidy(folder)
        except OSError:
            pass
    return value

"""A disk cache of the validated library, so each command need not re-read every file.

The fingerprint covers the hepgen version, the code that reads and checks the files,
and every library file's path, size and modification time: any edit means a fresh,
fully checked load. The full fingerprint is stored with the library and compared on
reading, so a stale or colliding entry is never used. A missing, unreadable or
unwritable cache is never an error; the library is then loaded the ordinary way.
``hepgen validate`` never uses it. HEPGEN_NO_CACHE=1 turns it off; HEPGEN_CACHE_DIR puts
it elsewhere (default: $XDG_CACHE_HOME/hepgen or ~/.cache/hepgen).
"""

from __future__ import annotations

import os
import pickle
import zlib
from pathlib import Path
from typing import Callable

from . import __version__

KEEP = 16  # cache files kept; older ones are removed
_CODE = ("library.py", "models.py", "schema.py", "yamlload.py", "figures/pose.py",
         "figures/checks.py", "figures/scene.py",
         "schemas/exercise.json", "schemas/program.json", "schemas/education.json")


def cache_dir() -> Path:
    if os.environ.get("HEPGEN_CACHE_DIR"):
        return Path(os.environ["HEPGEN_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "hepgen"


def fingerprint(roots: list[Path], files: list[Path]) -> str:
    lines = [__version__]
    package = Path(__file__).resolve().parent
    for name in _CODE:
        stat = (package / name).stat()
        lines.append(f"{name}|{stat.st_mtime_ns}|{stat.st_size}")
    lines += [f"root|{root.resolve()}" for root in roots]
    for path in files:
        stat = path.stat()
        lines.append(f"{path.resolve()}|{stat.st_mtime_ns}|{stat.st_size}")
    return "\n".join(lines)


def cached(roots: list[Path], files: list[Path], load: Callable[[], object]):
    """*load()*'s result, from the cache when the files are unchanged since it was stored."""
    if os.environ.get("HEPGEN_NO_CACHE"):
        return load()
    try:
        key = fingerprint(roots, files)
    except OSError:
        return load()
    folder = cache_dir()
    path = folder / f"library-{zlib.crc32(key.encode()):08x}.pickle"
    try:
        with path.open("rb") as handle:
            stored_key, value = pickle.load(handle)
        if stored_key == key:
            return value
    except Exception:  # missing, truncated, or written by an incompatible version
        pass
    value = load()  # raises on a broken library: nothing is cached then
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temp = folder / f".{path.name}.{os.getpid()}.part"
        temp.write_bytes(pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temp, path)
        old = sorted(folder.glob("library-*.pickle"), key=lambda p: p.stat().st_mtime)
        for stale in old[:-KEEP]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass
    return value

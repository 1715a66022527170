"""``hepgen init``: copy the built-in library into a folder, all of it or nothing.

The files are written into a hidden folder inside the target first and moved into place
only when every one is written, so a full disk or a folder that cannot be written leaves
the target as it was (no half library, no empty files), and nothing already there is
ever overwritten.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import HepgenError, Location
from .library import FOLDERS, builtin_root


def _target(folder: str) -> Path:
    target = Path(folder)
    if target.is_symlink() and not target.exists():
        raise HepgenError("is a link to a folder that does not exist; remove the link or give "
                          "another name", Location(folder))
    if target.exists() and not target.is_dir():
        raise HepgenError("exists and is not a folder; choose another name", Location(folder))
    clashes = [target / sub for sub in FOLDERS if os.path.lexists(target / sub)]
    if clashes:
        raise HepgenError(f"{clashes[0]} already exists; choose an empty folder so nothing "
                          "of yours is overwritten", Location(folder))
    return target


def _make_folders(target: Path) -> Path | None:
    """Create *target* and any missing parents; the topmost one created, if any."""
    missing = [p for p in (target, *target.parents) if not os.path.lexists(p)]
    os.makedirs(target, exist_ok=True)
    return missing[-1] if missing else None


def copy_builtin(folder: str) -> int:
    """Copy the built-in library's YAML files, translations included, into *folder*; how
    many were copied."""
    from .overlay import LANG_FOLDER

    target = _target(folder)
    source = builtin_root()
    created = staging = None
    moved: list[Path] = []
    count = 0
    try:
        created = _make_folders(target)
        staging = Path(tempfile.mkdtemp(prefix=".hepgen-init-", dir=target))
        for sub in FOLDERS:
            (staging / sub).mkdir()
            translations = [p for p in (source / sub).glob("*/*.yaml")
                            if LANG_FOLDER.match(p.parent.name)]  # exercises/es/plank.yaml
            for path in sorted((source / sub).glob("*.yaml")) + sorted(translations):
                relative = path.relative_to(source / sub)
                (staging / sub / relative).parent.mkdir(exist_ok=True)
                with open(staging / sub / relative, "xb") as handle:
                    handle.write(path.read_bytes())
                count += 1
        for sub in FOLDERS:
            os.rename(staging / sub, target / sub)
            moved.append(target / sub)
    except OSError as exc:
        for path in moved:
            shutil.rmtree(path, ignore_errors=True)
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
            staging = None
        if created is not None:
            shutil.rmtree(created, ignore_errors=True)
        raise HepgenError(f"cannot copy the library here: {exc.strerror or exc}",
                          Location(folder)) from None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    return count

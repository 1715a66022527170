"""Library text in another language: overlay files beside the English ones.

``exercises/es/bird-dog.yaml`` holds the Spanish of ``exercises/bird-dog.yaml``: the same
shape, but only what a patient reads (names, steps, cues, mistakes, safety lines, titles,
phases' names and focus, education points). Doses, figures, sources and ids stay in the
English file, the one source for them. The rules, checked here with file:line:

- the overlay repeats the English file's ``id`` (its file name);
- variants are matched by their ``id``; phases and other lists of mappings by position;
- a list of sentences (steps, cues, stop_if, points ...) replaces the English list whole and
  must have as many entries, so a step left out cannot go unnoticed;
- anything the overlay leaves out is printed in English, with a warning when a plan is built
  (once per file) and a line per text from ``hepgen validate --lang xx``.

Which keys an overlay may hold is not written down twice: :func:`overlay_schema` derives each
overlay kind's JSON Schema from the English one, keeping the text fields (those of the
``text`` and ``short`` kinds) and the ids that match variants.

An overlay applies to the English file in its own library folder: a clinic that replaces a
built-in exercise with its own copy gets its own translation (or English), never the built-in
translation of a different text.
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import HepgenError, Location

if TYPE_CHECKING:
    from .models import Library
    from .yamlload import Doc

LANG_FOLDER = re.compile(r"^[a-z]{2,3}$")
"""A language folder's name: a two- or three-letter code such as es."""

_TEXT = ("#/$defs/text", "#/$defs/short")
_NEVER = ("sources", "figure", "dose", "video")  # facts, not words: always the English file's


def overlay_path(english: str | Path, lang: str) -> Path:
    """Where the *lang* overlay of an English library file is.

    >>> overlay_path("exercises/bird-dog.yaml", "es").as_posix()
    'exercises/es/bird-dog.yaml'
    """
    english = Path(english)
    return english.parent / lang / english.name


def is_overlay(path: Path) -> bool:
    """Whether *path* is an overlay: in a language folder inside exercises/, programs/ or
    education/.

    >>> is_overlay(Path("lib/exercises/es/plank.yaml")), is_overlay(Path("lib/exercises/plank.yaml"))
    (True, False)
    """
    from .library import FOLDERS

    return bool(LANG_FOLDER.match(path.parent.name)) and path.parent.parent.name in FOLDERS


def overlay_files(root: Path, lang: str) -> list[Path]:
    """A library folder's *lang* overlays, in a stable order."""
    from .library import FOLDERS

    found = []
    for folder in FOLDERS:
        sub = root / folder / lang
        if sub.is_dir():
            found.extend(sorted(p for p in sub.iterdir() if p.suffix in (".yaml", ".yml")))
    return found


def overlay_languages(root: Path) -> list[str]:
    """The language folders a library folder holds overlays in."""
    from .library import FOLDERS

    return sorted({sub.name for folder in FOLDERS if (root / folder).is_dir()
                   for sub in (root / folder).iterdir()
                   if sub.is_dir() and LANG_FOLDER.match(sub.name)})


# --- the schemas ------------------------------------------------------------------------


def _text_only(node: dict, root: dict) -> dict | None:
    """The part of an English schema *node* an overlay may hold, or None if no text."""
    ref = node.get("$ref")
    if ref in _TEXT:
        return {"$ref": ref}
    if ref is not None:
        target = root
        for part in ref[2:].split("/"):
            target = target[part]
        return _text_only(target, root)
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        items = _text_only(node["items"], root)
        if items is None:
            return None
        if "$ref" in items:  # a list of sentences: the same bounds as the English
            return {k: v for k, v in node.items() if k != "description"} | {"items": items}
        return {"type": "array", "items": items}
    if node.get("type") == "object" and "properties" in node:
        properties = {}
        for key, sub in node["properties"].items():
            if key in _NEVER:
                continue
            kept = _text_only(sub, root)
            if kept is not None:
                properties[key] = kept
        if not properties:
            return None
        if "id" in node["properties"]:  # ids name the file and match variants
            properties = {"id": node["properties"]["id"], **properties}
        result = {"type": "object", "additionalProperties": False, "properties": properties}
        if "id" in properties:
            result["required"] = ["id"]
        return result
    return None


@lru_cache(maxsize=None)
def overlay_schema(kind: str) -> dict:
    """The JSON Schema of a *kind* overlay, derived from the English *kind* schema.

    >>> sorted(overlay_schema("education")["properties"])
    ['id', 'intro', 'lang', 'points', 'title']
    """
    from .schema import load_schema

    english = load_schema(kind)
    derived = _text_only(english, english)
    derived["properties"]["lang"] = {
        "type": "string", "pattern": "^[a-z]{2,3}$",
        "description": "the language of this file; optional, and then the name of its folder"}
    return {
        "$schema": english.get("$schema"),
        "title": f"{english.get('title', kind)} (translation)",
        "description": ("The patient-facing text of one English file in another language, "
                        "in a language folder beside it (exercises/es/ID.yaml). Doses, "
                        "figures and sources stay in the English file."),
        **derived,
        "$defs": english.get("$defs", {}),
    }


# --- applying an overlay ------------------------------------------------------------------


class _Merge:
    """Walks an English document and its overlay together, guided by the overlay schema."""

    def __init__(self, english: Doc, overlay: Doc | None, root: dict):
        self.english = english
        self.overlay = overlay
        self.root = root
        self.missing: list[tuple] = []  # paths in the English document
        self.problems: list[HepgenError] = []
        self.total = 0  # sentences in the English file, a list counting each entry
        self.left = 0  # of which not translated

    def resolve(self, node: dict) -> dict:
        while "$ref" in node and node["$ref"] not in _TEXT:
            target = self.root
            for part in node["$ref"][2:].split("/"):
                target = target[part]
            node = target
        return node

    def walk(self, en, tr, node: dict, path: tuple, at: tuple):
        """The merged value at English *path* (overlay *at*); *tr* is None if left out."""
        node = self.resolve(node)
        if node.get("$ref") in _TEXT:
            self.total += 1
            if tr is None:
                self.missing.append(path)
                self.left += 1
                return en
            return tr
        if node.get("type") == "array":
            items = self.resolve(node["items"])
            if items.get("$ref") in _TEXT:
                self.total += len(en)
            if tr is None and items.get("$ref") in _TEXT:
                self.missing.append(path)
                self.left += len(en)
                return en
            if items.get("$ref") in _TEXT:
                if len(tr) != len(en):
                    self.problems.append(self.overlay.error(
                        f"{label(self.overlay.data, at)} has {len(tr)} entries here but "
                        f"{len(en)} in English; "
                        "translate each one, in the same order", at))
                    return en
                return list(tr)
            return self.walk_list(en, tr or [], items, path, at)
        merged = dict(en)
        for key in node.get("properties", {}):
            if key in ("id", "lang") or key not in en:
                continue
            given = tr.get(key) if isinstance(tr, dict) else None
            merged[key] = self.walk(en[key], given, node["properties"][key], path + (key,),
                                    at + (key,))
        return merged

    def walk_list(self, en: list, tr: list, items: dict, path: tuple, at: tuple) -> list:
        """Mappings in a list: matched by id when they have one (variants), else by place."""
        from .errors import did_you_mean

        if "id" in items.get("properties", {}):
            english_ids = [item.get("id") for item in en]
            by_id = {}
            for j, item in enumerate(tr):
                if item.get("id") not in english_ids:
                    self.problems.append(self.overlay.error(
                        f"no variant '{item.get('id')}' in the English file"
                        f"{did_you_mean(str(item.get('id')), english_ids)}", at + (j, "id")))
                else:
                    by_id[item["id"]] = (j, item)
            return [self.walk(item, by_id.get(item["id"], (None, None))[1], items,
                              path + (i,), at + (by_id.get(item["id"], (i,))[0],))
                    for i, item in enumerate(en)]
        if len(tr) > len(en):
            self.problems.append(self.overlay.error(
                f"{len(tr)} entries here but {len(en)} in English; they are matched by "
                "position, so give at most as many, in the same order", at + (len(en),)))
        return [self.walk(item, tr[i] if i < len(tr) else None, items, path + (i,), at + (i,))
                for i, item in enumerate(en)]


def merge(english: Doc, overlay: Doc | None, kind: str) -> tuple[dict, list[tuple], list[HepgenError]]:
    """The English data with the overlay's text put in; the English paths left untranslated
    (``[()]``: no overlay at all); the overlay's problems (schema, ids, list lengths), each at
    its file:line."""
    data, walker = _merged(english, overlay, kind)
    return data, ([()] if overlay is None else walker.missing), walker.problems


def coverage(english: Doc, overlay: Doc | None, kind: str) -> tuple[int, int]:
    """How many of the English file's sentences the overlay translates, of how many (a
    broken overlay translates none)."""
    _, walker = _merged(english, overlay, kind)
    if walker.problems:
        _, walker = _merged(english, None, kind)
    return walker.total - walker.left, walker.total


def _merged(english: Doc, overlay: Doc | None, kind: str) -> tuple[dict, _Merge]:
    root = overlay_schema(kind)
    walker = _Merge(english, overlay, root)
    if overlay is not None:
        if not isinstance(overlay.data, dict):
            walker.problems.append(overlay.error(
                "a translation is a mapping of keys like the English file (id: ..., name: ...)"))
        else:
            walker.problems.extend(check_overlay(overlay, kind))
        if walker.problems:
            return english.data, walker
    data = walker.walk(copy.deepcopy(english.data), overlay.data if overlay else None, root,
                       (), ())
    return data, walker


def check_overlay(overlay: Doc, kind: str) -> list[HepgenError]:
    """An overlay's problems with its schema, and an id that is not its file name."""
    from .schema import _Validator

    root = overlay_schema(kind)
    found = [overlay.error(message, path, key=at_key)
             for path, message, at_key in _Validator(root).problems(overlay.data, root, ())]
    stem, folder = Path(overlay.file).stem, Path(overlay.file).parent.name
    if not found and overlay.data.get("lang", folder) != folder:
        found.append(overlay.error(
            f"lang '{overlay.data['lang']}' does not match the folder the file is in "
            f"({folder}); move the file or correct lang", ("lang",)))
    if not found and overlay.data.get("id") != stem:
        found.append(overlay.error(
            f"id '{overlay.data.get('id')}' does not match the file name; a translation "
            f"repeats the id of the English file it translates ({stem})", ("id",)))
    found.sort(key=lambda e: (e.where.line, e.where.col) if e.where else (0, 0))
    return found


def label(data, path: tuple) -> str:
    """A text's place in words, naming variants by id and other entries by number.

    >>> data = {"name": "x", "variants": [{"id": "a"}, {"id": "leg-slide", "steps": ["x"]}]}
    >>> label(data, ("variants", 1, "steps")), label(data, ("name",))
    ("variants 'leg-slide' steps", 'name')
    """
    parts: list[str] = []
    node = data
    for key in path:
        node = node[key]
        if isinstance(key, int):
            parts[-1] += f" '{node['id']}'" if isinstance(node, dict) and "id" in node else f" {key + 1}"
        else:
            parts.append(str(key))
    return " ".join(parts)


def missing_problems(english: Doc, lang: str, paths: list[tuple]) -> list[HepgenError]:
    """One problem per untranslated text, at its place in the English file (or one for
    the whole file when it has no overlay at all)."""
    target = overlay_path(english.file, lang).as_posix()
    if paths == [()]:
        return [english.error(f"no '{lang}' translation; add {target}")]
    return [english.error(f"{label(english.data, p)} has no '{lang}' translation in {target}", p)
            for p in paths]


def warnings(library: Library, program: str, exclude: tuple[str, ...] = ()) -> list[HepgenError]:
    """Once per file a plan of *program* uses: which texts are printed in English for want
    of a translation into *library*'s language."""
    if library.lang == "en" or program not in library.programs:
        return []
    chosen = library.programs[program]
    used = [("program", chosen)]
    used += [("exercise", library.exercises[name]) for name in chosen.exercise_ids
             if name not in exclude and name in library.exercises]
    used += [("education", library.education[name]) for name in chosen.education
             if name in library.education]
    found = []
    for kind, value in used:
        what = library.missing.get(f"{kind}:{value.id}")
        if what is None:
            continue
        target = overlay_path(value.file, library.lang).as_posix()
        found.append(HepgenError(
            f"no '{library.lang}' translation ({target}); printed in English" if what == ("",)
            else f"printed in English, no '{library.lang}' translation in {target}: "
                 + "; ".join(what), Location(value.file)))
    return found


# --- a whole library in another language ----------------------------------------------------


def _read(path: Path, problems: list) -> Doc | None:
    from .library import display_name
    from .yamlload import load_file

    try:
        return load_file(path, display_name(path))
    except HepgenError as exc:
        problems.extend(exc.errors)
        return None


def _pairs(docs: dict, lang: str, problems: list):
    """Each loaded English file with its *lang* overlay (None: it has none), as (kind, id,
    English doc, overlay doc); an overlay that cannot be read adds its problem instead."""
    for (kind, ident), english in docs.items():
        path = overlay_path(english.file, lang)
        overlay = _read(path, problems) if path.is_file() else None
        if overlay is not None or not path.is_file():
            yield kind, ident, english, overlay


def _orphan(path: Path) -> HepgenError | None:
    """An overlay with no English file beside it, as a problem; else None."""
    if path.parent.parent.joinpath(path.name).is_file():
        return None
    return HepgenError(f"no English file {path.parent.parent.name}/{path.name} beside this "
                       "translation; a translation needs the file it translates",
                       Location(_display(path)))


def translate(values: dict, docs: dict, lang: str, problems: list) -> dict[str, tuple[str, ...]]:
    """Put each loaded file's *lang* overlay into *values* (rebuilt by the same builders as
    the English); add the overlays' problems to *problems*. Returns, per file ('kind:id'),
    the texts left in English ("" alone: the file has no overlay)."""
    from .builders import BUILDERS
    from .yamlload import Doc

    missing: dict[str, tuple[str, ...]] = {}
    for kind, ident, english, overlay in _pairs(docs, lang, problems):
        if values[kind].get(ident) is None:
            continue
        data, paths, found = merge(english, overlay, kind)
        problems.extend(found)
        if found:
            continue
        values[kind][ident] = BUILDERS[kind](
            Doc(data, english.file, english.marks, english.key_marks), ident, [])
        if paths:
            missing[f"{kind}:{ident}"] = ("",) if paths == [()] else tuple(
                label(english.data, p) for p in paths)
    return missing


def library_coverage(docs: dict, lang: str) -> tuple[int, int]:
    """How many of a loaded library's sentences have a *lang* translation, of how many."""
    from .i18n import SOURCE

    done = total = 0
    for kind, _, english, overlay in _pairs(docs, lang, []):
        got, of = coverage(english, None if lang == SOURCE else overlay, kind)
        done, total = done + (of if lang == SOURCE else got), total + of
    return done, total


def check_translations(docs: dict, roots: list[Path], langs: list[str],
                       report_missing: bool) -> tuple[int, list[HepgenError]]:
    """For ``hepgen validate``: every overlay of *langs* in *roots* checked against its
    English file, overlays with no English file, and (if *report_missing*) every text left
    untranslated, at its line in the English file. Returns the overlays read and problems."""
    problems: list[HepgenError] = []
    count = 0
    for lang in langs:
        for root in roots:
            for path in overlay_files(root, lang):
                count += 1
                if (orphan := _orphan(path)) is not None:
                    problems.append(orphan)
        for kind, _, english, overlay in _pairs(docs, lang, problems):
            _, paths, found = merge(english, overlay, kind)
            problems.extend(found)
            if report_missing and not found:
                problems.extend(missing_problems(english, lang, paths))
    return count, problems


def check_overlay_file(path: Path, lang: str | None) -> list[HepgenError]:
    """One overlay file given to ``hepgen validate``, against the English file beside it;
    with *lang* (its own language), also what it leaves in English."""
    from .library import FOLDERS, load_one

    problems: list[HepgenError] = []
    english_path = path.parent.parent / path.name
    if (orphan := _orphan(path)) is not None:
        return [orphan]
    try:
        _, english = load_one(english_path, FOLDERS[path.parent.parent.name])
    except HepgenError as exc:
        return exc.errors
    overlay = _read(path, problems)
    if overlay is None:
        return problems
    _, paths, found = merge(english, overlay, FOLDERS[path.parent.parent.name])
    if lang == path.parent.name and not found:
        found += missing_problems(english, path.parent.name, paths)
    return found


def _display(path: Path) -> str:
    from .library import display_name

    return display_name(path)

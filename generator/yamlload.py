"""Safe YAML loading that remembers where every value came from.

PyYAML's safe loader is used to parse and to build scalars, so no Python tags can run. On
top of it this module adds what a clinician editing a file needs: duplicate keys are errors,
every value keeps its ``line:col`` (see :class:`Doc`), and hostile files (huge, binary,
not UTF-8, alias bombs) are refused quickly with a clear sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import HepgenError, Location

try:  # the C parser is several times faster; fall back to pure Python where it is missing
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader

MAX_FILE_BYTES = 256 * 1024
"""Library and plan files are a few KB; anything this big is a mistake or an attack."""

MAX_NODES = 20_000
"""Upper bound on values built from one file, aliases expanded (stops 'billion laughs')."""

Path_ = tuple  # a path into the document: keys and list indexes


@dataclass
class Doc:
    """A loaded YAML document: plain data plus where each part of it stands."""

    data: Any
    file: str
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_ = (), key: bool = False) -> Location:
        """The location of the value at *path* (or of its key, if *key*).

        Falls back to the nearest enclosing value that has a mark.
        """
        table = self.key_marks if key else self.marks
        path = tuple(path)
        while True:
            if path in table:
                line, col = table[path]
                return Location(self.file, line, col)
            if key and path in self.marks:
                line, col = self.marks[path]
                return Location(self.file, line, col)
            if not path:
                return Location(self.file, 1, 1)
            path = path[:-1]

    def error(self, message: str, path: Path_ = (), key: bool = False) -> HepgenError:
        return HepgenError(message, self.where(path, key))


_ALLOWED_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)
"""Plain data only: no Python objects, binary, sets or custom tags."""


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _tag_error(node: yaml.Node, file: str) -> HepgenError:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    return HepgenError(
        f"the tag '{tag}' is not allowed (hepgen files hold plain text and numbers); remove it",
        Location(file, *_mark(node)),
    )


class _Builder:
    """Turns a composed node graph into plain Python data with marks."""

    def __init__(self, loader: yaml.SafeLoader, doc: Doc):
        self.loader = loader
        self.doc = doc
        self.count = 0

    def build(self, node: yaml.Node, path: Path_) -> Any:
        if node.tag not in _ALLOWED_TAGS:
            raise _tag_error(node, self.doc.file)
        self.count += 1
        if self.count > MAX_NODES:
            raise self.doc.error(
                f"the file expands to more than {MAX_NODES:,} values (too many aliases?); "
                "write the values out instead of repeating anchors",
                path,
            )
        self.doc.marks[path] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            raise self.doc.error(f"cannot read this value: {exc.problem}", path) from None
        except (ValueError, OverflowError):
            raise self.doc.error(f"cannot read the value '{node.value}'", path) from None

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise HepgenError(
                    "merge keys ('<<') are not supported; write the keys out",
                    Location(self.doc.file, *_mark(key_node)),
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise HepgenError(
                    "a key must be a plain word, not a list or mapping",
                    Location(self.doc.file, *_mark(key_node)),
                )
            if key_node.tag not in _ALLOWED_TAGS:
                raise _tag_error(key_node, self.doc.file)
            key = self._scalar(key_node, path)
            if isinstance(key, (list, dict)) or key is None:
                raise HepgenError(
                    "a key must be a plain word", Location(self.doc.file, *_mark(key_node))
                )
            if not isinstance(key, str):
                key = str(key_node.value)
            if key in result:
                first = self.doc.key_marks[path + (key,)]
                raise HepgenError(
                    f"duplicate key '{key}' (first given at line {first[0]}); keep only one",
                    Location(self.doc.file, *_mark(key_node)),
                )
            self.doc.key_marks[path + (key,)] = _mark(key_node)
            result[key] = self.build(value_node, path + (key,))
        return result


def _yaml_error(exc: yaml.MarkedYAMLError, name: str, text: str) -> HepgenError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    lines = text.splitlines()
    bad_char = lines[line - 1][col - 1 : col] if 0 < line <= len(lines) else ""
    if bad_char == "\t" or "'\\t'" in problem:
        message = "a tab character is not allowed in YAML indentation; indent with spaces"
    elif "could not find expected ':'" in problem:
        message = "a line is missing its ':' after the key (or a quote is not closed)"
    elif "mapping values are not allowed" in problem:
        message = "unexpected ':' here; put text with a colon in quotes"
    else:
        message = f"YAML syntax error: {problem}; check the indentation and quotes"
    return HepgenError(message, Location(name, line, col))


def parse(text: str, name: str) -> Doc:
    """Parse YAML *text* (from *name*, for messages) into a :class:`Doc`."""
    doc = Doc(data=None, file=name)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise HepgenError("the file is empty; it needs at least an id and a name", Location(name, 1, 1))
    loader = _BaseLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise HepgenError("the file is empty", Location(name, 1, 1))
        doc.data = _Builder(loader, doc).build(node, ())
    except yaml.composer.ComposerError as exc:
        if "expected a single document" in str(exc.problem or ""):
            raise HepgenError(
                "the file holds more than one YAML document ('---'); keep one per file",
                Location(name, exc.problem_mark.line + 1, exc.problem_mark.column + 1),
            ) from None
        raise _yaml_error(exc, name, text) from None
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, name, text) from None
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        raise HepgenError(f"not readable as YAML text: {exc}".splitlines()[0], Location(name)) from None
    except RecursionError:
        raise HepgenError("the file is nested too deeply to be a hepgen file", Location(name)) from None
    finally:
        loader.dispose()
    return doc


def _place(raw: bytes, offset: int, name: str) -> Location:
    line = raw[:offset].count(b"\n") + 1
    return Location(name, line, offset - (raw.rfind(b"\n", 0, offset) + 1) + 1)


def decode(raw: bytes, name: str) -> str:
    """Check raw bytes are small UTF-8 text and return the text."""
    if len(raw) > MAX_FILE_BYTES:
        raise HepgenError(
            f"the file is over {MAX_FILE_BYTES // 1024} KB, far too big for a hepgen file; "
            "is it the right file?",
            Location(name, 1, 1),
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) > 1 and b"\x00" in raw[:2]
                                                    and raw[:4].count(b"\x00") == 2):
        raise HepgenError("the file is UTF-16 text; save it as UTF-8 in your editor",
                          Location(name, 1, 1))
    if b"\x00" in raw:
        raise HepgenError("this is a binary file, not YAML text", _place(raw, raw.index(b"\x00"), name))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise HepgenError(
            "the file is not UTF-8 text; save it as UTF-8 in your editor",
            _place(raw, exc.start, name),
        ) from None
    return text


def hidden_characters(doc: Doc) -> list[HepgenError]:
    """Text in *doc* holding a character a reader cannot see as written (a control or
    format character, say a terminal escape typed as "\\e" or U+202E, which reverses the
    text after it): each printed as an empty box, or sent raw to a terminal by ``show``.
    Line breaks are fine (a ``|`` block keeps them)."""
    from .errors import hidden_character

    found = []

    def walk(value: Any, path: Path_) -> None:
        if isinstance(value, str):
            hidden = hidden_character(value, allow="\n")
            if hidden:
                found.append(doc.error(f"this text has an invisible or control character "
                                       f"({hidden}); type it again without it", path))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, path + (i,))

    walk(doc.data, ())
    return found


def load_file(path: str | Path, name: str | None = None) -> Doc:
    """Read and parse one YAML file; *name* is how messages refer to it."""
    from .files import read_input

    path = Path(path)
    name = name or str(path)
    raw = read_input(path, MAX_FILE_BYTES, name)  # a regular file only: a pipe cannot hang us
    return parse(decode(raw, name), name)

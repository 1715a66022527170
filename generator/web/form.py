"""Web form fields <-> the plan-file mapping, and that mapping -> checked settings.

A form's field names are the plan file's keys (``weeks``, ``exclude``,
``exercises.bird-dog.pin``, ``review.decisions.plank``), so a form, an uploaded plan file
and the plan file a clinician downloads are one mapping. It goes through the same schema
and library checks as ``--plan-file``; each problem comes back with the name of the field
it belongs to. No rule about plans lives here: this module only reshapes text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable

from ..errors import HepgenError, Location
from ..models import Library
from ..settings import Settings, from_doc
from ..yamlload import Doc, decode, parse

LISTS = ("days", "exclude", "sections")
FLAGS = ("large_print", "summary")
NUMBERS = ("weeks", "sessions", "review.from_week")
NUMBER_GROUPS = ("cap", "dose")
_TRUE = {"on", "yes", "true", "1"}
_FALSE = {"off", "no", "false", "0"}
CONTROL_PREFIX = "_"
"""Fields that steer the page (``_form``), not the plan; they never reach the plan file."""
UPLOADS = ("logo", "plan_file")


class FormDoc(Doc):
    """A :class:`Doc` whose places are form field names rather than lines of a file."""

    def where(self, path=(), key: bool = False) -> Location:
        return Location(field_name(path))


def field_name(path: Iterable) -> str:
    """The form field a place in the mapping belongs to (list entries belong to the list).

    >>> field_name(("exercises", "bird-dog", "cap", "reps")), field_name(("days", 2))
    ('exercises.bird-dog.cap.reps', 'days')
    """
    return ".".join(str(p) for p in path if not isinstance(p, int)) or "form"


def known_fields(exercise_ids: Iterable[str]) -> set[str]:
    """Every form field the plan file's schema allows, with these exercises' own (a problem
    with one of them is shown next to it; any other goes in the list at the top).

    >>> names = known_fields(["plank"])
    >>> {"sessions", "exercises.plank.cap.reps", "review.decisions.plank", "logo"} <= names
    True
    """
    from ..schema import load_schema

    root = load_schema("plan")
    ids = tuple(exercise_ids)
    out = set(UPLOADS)

    def walk(node: dict, name: str) -> None:
        if "$ref" in node:
            node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        if name:
            out.add(name)
        for key, inner in node.get("properties", {}).items():
            walk(inner, f"{name}.{key}" if name else key)
        if isinstance(node.get("additionalProperties"), dict) and "propertyNames" in node:
            for ident in ids:  # keyed by exercise id: exercises.<id>, review.decisions.<id>
                walk(node["additionalProperties"], f"{name}.{ident}")

    walk(root, "")
    return out


def _number(text: str) -> Any:
    return int(text) if text.isdecimal() and len(text) < 6 else text


def _split(values: list[str]) -> list[str]:
    """Repeated fields and ';'- or ','-separated text as one list (empty entries dropped)."""
    out = []
    for value in values:
        out += [part.strip().lower() for part in value.replace(",", ";").split(";") if part.strip()]
    return out


def _put(data: dict, keys: list[str], value: Any) -> None:
    for key in keys[:-1]:
        inner = data.setdefault(key, {})
        if not isinstance(inner, dict):  # 'exercises=x' and 'exercises.plank.pin=y' together
            inner = data[key] = {}
        data = inner
    data[keys[-1]] = value


def form_data(form) -> dict:
    """The plan-file mapping a submitted form describes (*form*: a werkzeug MultiDict).

    Text that is not the right kind (``weeks=six``) is kept as text, so the schema check
    names the field and says what it should be.

    >>> from werkzeug.datastructures import MultiDict
    >>> form_data(MultiDict([("weeks", "8"), ("days", "mon;wed"), ("days", "fri"),
    ...     ("large_print", "on"), ("exercises.plank.cap.hold_s", "20"), ("patient", ""),
    ...     ("_form", "clinician")]))
    {'weeks': 8, 'days': ['mon', 'wed', 'fri'], 'large_print': True, 'exercises': {'plank': {'cap': {'hold_s': 20}}}}
    """
    data: dict = {}
    for name in form:
        if name.startswith(CONTROL_PREFIX) or name in UPLOADS:
            continue
        values = [v.strip() if name != "notes" and not name.endswith(".note") else v
                  for v in form.getlist(name)]
        if name in LISTS:
            items = _split(values)
            if items:
                data[name] = items
            continue
        value = next((v for v in reversed(values) if v.strip()), "")
        keys = name.split(".")
        if name in FLAGS:
            if value.lower() in _TRUE | _FALSE:
                data[name] = value.lower() in _TRUE
            elif value:
                data[name] = value
            continue
        if not value.strip():
            continue
        if name in NUMBERS or (len(keys) == 4 and keys[0] == "exercises"
                               and keys[2] in NUMBER_GROUPS):
            _put(data, keys, _number(value))
        else:
            _put(data, keys, value)
    return data


def merge(base: dict, top: dict) -> dict:
    """*top* over *base*, mapping by mapping (the form wins over an uploaded plan file).

    >>> merge({"weeks": 6, "exercises": {"plank": {"pin": "a"}}},
    ...       {"weeks": 8, "exercises": {"plank": {"note": "n"}}})
    {'weeks': 8, 'exercises': {'plank': {'pin': 'a', 'note': 'n'}}}
    """
    out = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def read_plan_file(raw: bytes, name: str, library: Library) -> dict:
    """An uploaded plan file's mapping, read with the same safe loader and limits as files
    on disk; problems are reported against the file's own lines."""
    from ..settings import plan_mapping

    data = plan_mapping(parse(decode(raw, name), name), library)
    data.pop("logo", None)  # a path on someone else's computer; upload the logo instead
    return data


def settings(data: dict, library: Library) -> Settings:
    """Checked settings from the mapping, by the plan file's schema and the one request
    checker; raises :class:`ErrorList` with every problem at its field."""
    return from_doc(FormDoc(data=data, file="form"), library, folder=None)


def fields(data: dict, prefix: str = "") -> list[tuple[str, str]]:
    """The mapping as form fields again (hidden fields, a form filled in from a file).

    >>> fields({"weeks": 8, "days": ["mon", "thu"], "large_print": False,
    ...         "exercises": {"plank": {"cap": {"hold_s": 20}}}})
    [('weeks', '8'), ('days', 'mon;thu'), ('large_print', 'no'), ('exercises.plank.cap.hold_s', '20')]
    """
    out = []
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out += fields(value, name + ".")
        elif isinstance(value, list):
            out.append((name, ";".join(str(v) for v in value)))
        elif isinstance(value, bool):
            out.append((name, "yes" if value else "no"))
        elif isinstance(value, date):
            out.append((name, value.isoformat()))
        else:
            out.append((name, str(value)))
    return out


def plan_file_text(data: dict) -> str:
    """The mapping as a plan file a clinician can keep and re-open (or use with the CLI)."""
    import yaml

    keep = dict(data)
    if isinstance(keep.get("start"), str):  # written as a date, as a person would type it
        try:
            keep["start"] = date.fromisoformat(keep["start"])
        except ValueError:
            pass
    head = ("# hepgen plan file: open it again in hepgen serve (Clinician, 'Open a plan file')\n"
            "# or use it with: hepgen generate --plan-file THIS-FILE\n")
    return head + yaml.safe_dump(keep, sort_keys=False, allow_unicode=True, width=90)


@dataclass(frozen=True)
class Problems:
    """Problems of one submission, by field, for showing each next to its field."""

    by_field: dict[str, list[str]]
    general: list[str]
    lines: list[str]  # every problem as the command line prints it

    @classmethod
    def of(cls, error: HepgenError, known: Iterable[str]) -> "Problems":
        known = set(known)
        by_field: dict[str, list[str]] = {}
        general = []
        for item in error.errors:
            name = item.where.file if item.where is not None else item.field or None
            if item.where is not None and item.where.line:  # in an uploaded plan file
                name = "plan_file"
            message = str(item) if name == "plan_file" else item.message
            if name in known:
                by_field.setdefault(name, []).append(message)
            else:
                general.append(str(item))
        return cls(by_field, general, [str(item) for item in error.errors])

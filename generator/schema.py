"""JSON Schemas for hepgen's YAML files, and the validator that applies them.

The schemas in ``generator/schemas/*.json`` are the single source of truth for the file
formats: ``hepgen schema`` publishes them for editors, and :func:`check` validates loaded
files against them. The validator here implements the part of JSON Schema 2020-12 those
schemas use (type, properties, required, additionalProperties, propertyNames, enum,
minimum/maximum, min/maxLength, min/maxItems, minProperties, uniqueItems, pattern, anyOf,
local $ref). It is small so that commands that only read the library start fast, and it
speaks a clinician's language: every problem comes back with the file, line and column,
and unknown keys get a "did you mean" hint. The test suite checks the schemas against the
reference ``jsonschema`` implementation.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from datetime import date, datetime
from typing import Any, Iterator

from .errors import HepgenError, did_you_mean
from .yamlload import Doc

KINDS = ("exercise", "program", "education", "plan")

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list (lines starting with '- ')",
    "object": "a mapping (lines of 'key: value')",
    "null": "empty",
    "date": "a date",
}


@lru_cache(maxsize=None)
def schema_text(kind: str) -> str:
    """The published JSON Schema for *kind*, as text."""
    if kind not in KINDS:
        raise HepgenError(f"no schema called '{kind}'; choose one of: {', '.join(KINDS)}")
    return (Path(__file__).parent / "schemas" / f"{kind}.json").read_text("utf-8")


@lru_cache(maxsize=None)
def load_schema(kind: str) -> dict:
    return json.loads(schema_text(kind))


def _type_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "date"  # YAML reads 2027-01-04 as a date


def _describe(value: Any) -> str:
    kind = _type_of(value)
    if kind == "object":
        return "a mapping"
    if kind == "array":
        return "a list"
    if kind == "null":
        return "empty"
    text = str(value)
    if len(text) > 30:
        text = text[:27] + "..."
    return f"'{text}'" if kind == "string" else text


def _name(path: tuple) -> str:
    """A short name for the place: the last two keys, with a list entry counted from 1.

    >>> _name(("variants", 0, "dose", "sets")), _name(("variants", 1)), _name(())
    ('dose.sets', 'variants entry 2', 'the file')
    """
    if path and isinstance(path[-1], int):
        return f"{_name(path[:-1])} entry {path[-1] + 1}"
    keys = [str(p) for p in path if isinstance(p, str)]
    return ".".join(keys[-2:]) if keys else "the file"


_Problem = tuple[tuple, str, bool]  # (path, message, point at the key rather than the value)


def _in_enum(value: Any, schema: dict) -> bool:
    """Whether *value* is one of the schema's ``enum``; in any case where the schema says
    ``x-any-case`` (a plan file's level, paper and days, as on the command line)."""
    if schema.get("x-any-case") and isinstance(value, str):
        return value.strip().lower() in schema["enum"]
    return value in schema["enum"]


class _Validator:
    def __init__(self, root: dict):
        self.root = root

    def resolve(self, schema: dict) -> dict:
        while "$ref" in schema:
            ref = schema["$ref"]
            if not ref.startswith("#/"):
                raise ValueError(f"only local references are supported: {ref}")
            target = self.root
            for part in ref[2:].split("/"):
                target = target[part]
            extra = {k: v for k, v in schema.items() if k != "$ref"}
            schema = {**target, **extra}
        return schema

    def problems(self, value: Any, schema: dict, path: tuple) -> Iterator[_Problem]:
        schema = self.resolve(schema)
        name = _name(path)
        if isinstance(value, (date, datetime)):  # YAML reads 2027-01-04 as a date
            if schema.get("format") not in ("date", "date-time") and "anyOf" not in schema:
                yield path, (f"{name} must be text, not the date {value.isoformat()}; put it "
                             f"in quotes: '{value.isoformat()}'"), False
                return
            value = value.isoformat()
        if "anyOf" in schema:
            yield from self._any_of(value, schema["anyOf"], path)
            return
        if "enum" in schema and not _in_enum(value, schema):
            options = ", ".join(str(o) for o in schema["enum"])
            hint = did_you_mean(str(value), [str(o) for o in schema["enum"]])
            yield path, f"{name} is {_describe(value)}; use one of: {options}{hint}", False
            return
        wanted = schema.get("type")
        if wanted is not None:
            actual = _type_of(value)
            ok = actual == wanted or (wanted == "number" and actual == "integer")
            if not ok:
                yield path, f"{name} must be {_TYPE_WORDS[wanted]}, not {_describe(value)}", False
                return
        if isinstance(value, str):
            yield from self._string(value, schema, path, name)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            if "minimum" in schema and value < schema["minimum"]:
                yield path, f"{name} is {value}; it must be at least {schema['minimum']}", False
            if "maximum" in schema and value > schema["maximum"]:
                yield path, f"{name} is {value}; it must be at most {schema['maximum']}", False
        elif isinstance(value, list):
            yield from self._array(value, schema, path, name)
        elif isinstance(value, dict):
            yield from self._object(value, schema, path, name)

    def _string(self, value: str, schema: dict, path: tuple, name: str) -> Iterator[_Problem]:
        if "minLength" in schema and len(value.strip()) < schema["minLength"]:
            yield path, f"{name} must not be empty", False
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            yield path, (
                f"{name} is too long ({len(value)} characters; at most {schema['maxLength']}); "
                "shorten it"
            ), False
        if "pattern" in schema and not re.search(schema["pattern"], value):
            hint = schema.get("x-hint", f"it must match {schema['pattern']}")
            yield path, f"{name} {_describe(value)} is not valid: {hint}", False
        elif schema.get("format") == "date":
            from .request import date_problem

            problem = date_problem(value)
            if problem:
                yield path, f"{name} {_describe(value)} {problem}", False

    def _array(self, value: list, schema: dict, path: tuple, name: str) -> Iterator[_Problem]:
        if "minItems" in schema and len(value) < schema["minItems"]:
            need = schema["minItems"]
            yield path, f"{name} needs at least {need} entr{'y' if need == 1 else 'ies'}", False
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            yield path, f"{name} has {len(value)} entries; at most {schema['maxItems']} are allowed", False
        if schema.get("uniqueItems"):
            seen = []
            for i, item in enumerate(value):
                if item in seen:
                    yield path + (i,), f"{name} lists {_describe(item)} twice; keep one", False
                seen.append(item)
        if "items" in schema:
            for i, item in enumerate(value):
                yield from self.problems(item, schema["items"], path + (i,))

    def _object(self, value: dict, schema: dict, path: tuple, name: str) -> Iterator[_Problem]:
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        unknown = [key for key in value if key not in props] if extra is False else []
        guessed = {key: did_you_mean(key, [p for p in props if p not in value]) for key in unknown}
        meant = {hint.split("'")[1] for hint in guessed.values() if hint}
        for key in schema.get("required", []):
            if key not in value and key not in meant:  # a typo'd key is reported as such
                where = f" in {name}" if path else ""
                yield path, f"missing required key '{key}'{where}", False
        if "minProperties" in schema and len(value) < schema["minProperties"]:
            yield path, f"{name} must not be empty", False
        for key, item in value.items():
            sub = path + (key,)
            if "propertyNames" in schema:
                for _, message, _ in self.problems(key, schema["propertyNames"], sub):
                    yield sub, message.replace(_name(sub), f"the key '{key}'", 1), True
            if key in props:
                yield from self.problems(item, props[key], sub)
            elif extra is False:
                hint = guessed[key] or "; allowed here: " + ", ".join(props)
                yield sub, f"unknown key '{key}'{hint}", True
            elif isinstance(extra, dict):
                yield from self.problems(item, extra, sub)

    def _any_of(self, value: Any, options: list, path: tuple) -> Iterator[_Problem]:
        results = [list(self.problems(value, option, path)) for option in options]
        if any(not found for found in results):
            return
        actual = _type_of(value)
        for option, found in zip(options, results):
            if self.resolve(option).get("type") == actual:
                yield from found
                return
        wanted = " or ".join(_TYPE_WORDS[self.resolve(o).get("type", "string")] for o in options)
        yield path, f"{_name(path)} must be {wanted}, not {_describe(value)}", False


def check(doc: Doc, kind: str) -> list[HepgenError]:
    """All schema problems of a loaded file, in file order, as errors with places."""
    validator = _Validator(load_schema(kind))
    found = [
        doc.error(message, path, key=at_key)
        for path, message, at_key in validator.problems(doc.data, load_schema(kind), ())
    ]
    found.sort(key=lambda e: (e.where.line, e.where.col) if e.where else (0, 0))
    return found

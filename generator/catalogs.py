"""The gettext catalogs behind :mod:`generator.i18n`: extraction and completeness.

Used by translators' tools (``pybabel extract`` through ``babel.cfg``), by ``hepgen list
--languages`` and by the tests; never while a plan is rendered.
"""

from __future__ import annotations

import ast
from pathlib import Path

from .i18n import DOMAIN, LOCALE_DIR


def extract_constants(fileobj, keywords, comment_tags, options):
    """A Babel extractor for modules whose every string is patient text (clinical.py):
    each string constant outside docstrings is a message, so the safety wording can change
    there without markers and still reach the catalogs (``babel.cfg`` names this)."""
    tree = ast.parse(fileobj.read())
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):  # code, not text: f-strings and imports
            for inner in ast.walk(node):
                docstrings.add(id(inner))
        if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in docstrings and node.value.strip()):
            yield node.lineno, None, node.value, []


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_po(lang: str):
    """The *lang* catalog's source, as Babel reads it."""
    from babel.messages.pofile import read_po as read

    with open(po_path(lang), "rb") as handle:
        return read(handle, locale=lang)


def template():
    """The catalog template (messages.pot): every string to translate."""
    from babel.messages.pofile import read_po as read

    with open(LOCALE_DIR / f"{DOMAIN}.pot", "rb") as handle:
        return read(handle)


def completeness(lang: str) -> tuple[int, int]:
    """How many of the template's strings *lang* translates, of how many."""
    if lang == "en":
        total = sum(1 for message in template() if message.id)
        return total, total
    translated = {m.id for m in read_po(lang) if m.id and m.string and not m.fuzzy
                  and (all(m.string) if isinstance(m.string, tuple) else True)}
    wanted = [m.id for m in template() if m.id]
    return sum(1 for m in wanted if m in translated), len(wanted)


def compiled(lang: str) -> bytes:
    """The .mo bytes a fresh compile of the *lang* .po gives (what pybabel compile writes)."""
    from io import BytesIO

    from babel.messages.mofile import write_mo

    out = BytesIO()
    write_mo(out, read_po(lang))
    return out.getvalue()

"""The languages a plan can be printed in, and the fixed words in each.

Fixed strings (headings, the pain rule, labels) are marked in the code with ``_()`` and
translated through gettext catalogs kept in ``generator/locale`` and managed with Babel
(see README "Adding a language"). Library text (exercise steps, program titles, education)
is translated in overlay files instead (:mod:`generator.overlay`).

The language is chosen once per rendering with :func:`using`; every ``_()`` below it reads
it, so renderers and the small wording helpers they share need no extra argument. It is a
context variable: threads of the web app and batch workers each have their own.

>>> with using("es"):
...     _("The pain rule")
'La regla del dolor'
>>> _("The pain rule")
'The pain rule'
"""

from __future__ import annotations

import gettext as _gettext
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Iterator

SOURCE = "en"
"""English is the source: the code and the library are written in it."""

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"


@lru_cache(maxsize=None)
def languages() -> tuple[str, ...]:
    """The language codes hepgen can print: English, then each language with a compiled
    catalog in ``generator/locale`` (adding a language adds a folder, not code).

    >>> languages()[:2]
    ('en', 'es')
    """
    found = sorted(folder.name for folder in LOCALE_DIR.iterdir()
                   if (folder / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()) if LOCALE_DIR.is_dir() else []
    return (SOURCE, *[code for code in found if code != SOURCE])


def name(lang: str) -> str:
    """A language's name in itself, from Babel's locale data: 'English', 'Español'."""
    from babel import Locale

    return (Locale.parse(lang).get_display_name(lang) or lang).capitalize()


_current: ContextVar[str] = ContextVar("hepgen_lang", default=SOURCE)


@lru_cache(maxsize=None)
def catalog(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog for *lang* (English: no translation at all)."""
    if lang == SOURCE:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[lang], fallback=True)


def current() -> str:
    """The language being rendered now."""
    return _current.get()


@contextmanager
def using(lang: str) -> Iterator[None]:
    """Render in *lang* inside the block."""
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def _(message: str) -> str:
    """*message* in the current language (itself in English, or when untranslated)."""
    return catalog(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for *count*, in the current language.

    >>> ngettext("%(n)d session", "%(n)d sessions", 3) % {"n": 3}
    '3 sessions'
    """
    return catalog(_current.get()).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """*message* in the current language, where the same English needs other words in
    another *context* ('lighter' of a week, not of an exercise)."""
    return catalog(_current.get()).pgettext(context, message)


def N_(message: str) -> str:
    """Mark *message* for the catalog without translating it yet (a constant translated
    where it is printed, with ``_(CONSTANT)``)."""
    return message


def speaking(render):
    """Decorate a renderer of a plan so that it writes in the plan's language.

    >>> class Plan: lang = "es"
    >>> speaking(lambda plan: _("The pain rule"))(Plan())
    'La regla del dolor'
    """
    from functools import wraps

    @wraps(render)
    def rendered(plan, *args, **kwargs):
        with using(getattr(plan, "lang", SOURCE)):
            return render(plan, *args, **kwargs)

    return rendered

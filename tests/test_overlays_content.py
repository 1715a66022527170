"""The Spanish text of the built-in library: every file has an overlay of the same shape.

An overlay (``exercises/es/<id>.yaml`` beside ``exercises/<id>.yaml``, and so on) repeats
the file's ``id``, adds ``lang: es`` and holds only what a patient reads. Variants are
matched by id, phases by position, and lists of lines have as many items as the English,
so a line added to or removed from an English file shows up here until the Spanish follows.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml

from generator.fonts import missing_glyphs
from generator.library import builtin_root
from generator.overlay import overlay_schema
from test_readability import counts

ROOT = builtin_root()
SCHEMAS = Path(__file__).resolve().parent.parent / "generator" / "schemas"
LANG = "es"



def text_spec(node: dict, root: dict):
    """The text a patient reads, as :func:`compare` walks it, read from the overlay schema
    (the one home of which keys are text): '' a line, [] a list of lines, a dict the text keys
    inside an object or inside each item of a list of objects."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[1]
        return "" if name in ("text", "short") else text_spec(root["$defs"][name], root)
    if node.get("type") == "array":
        items = text_spec(node["items"], root)
        return [] if items == "" else items
    return {key: text_spec(sub, root) for key, sub in node.get("properties", {}).items()
            if key not in ("id", "lang")}


TEXT = {kind: text_spec(schema, schema) for kind in ("exercise", "program", "education")
        for schema in [overlay_schema(kind)]}
FOLDERS = {"exercises": "exercise", "programs": "program", "education": "education"}
MATCHED_BY_ID = {"variants"}  # other lists of objects are matched by position


def english_files() -> list[tuple[str, Path]]:
    return [(kind, path) for folder, kind in FOLDERS.items()
            for path in sorted((ROOT / folder).glob("*.yaml"))]


def read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def limits(kind: str) -> tuple[int, int]:
    """The schema's longest short text (names, titles) and longest text."""
    defs = json.loads((SCHEMAS / f"{kind}.json").read_text())["$defs"]
    return defs["short"]["maxLength"], defs["text"]["maxLength"]


def numbers(text: str) -> Counter:
    """The numbers in a line (doses, pain scores, ages): a translation keeps them all."""
    return Counter(re.findall(r"\d+", text))


def compare(en, es, spec, where: str, problems: list[str], pairs: list) -> None:
    """Check *es* has exactly the text keys of *en* that *spec* names, shaped alike."""
    if not isinstance(es, dict):
        problems.append(f"{where}: should be a mapping, not {type(es).__name__}")
        return
    wanted = {k for k in spec if k in en}
    for key in sorted(set(es) - wanted - {"id"}):
        problems.append(f"{where}.{key}: not patient text or not in the English; leave it out")
    for key in sorted(wanted - set(es)):
        problems.append(f"{where}.{key}: missing")
    for key in sorted(wanted & set(es)):
        here, rule = f"{where}.{key}", spec[key]
        if rule == "":
            pairs.append((here, en[key], es[key], key in ("name", "title")))
        elif rule == []:
            if not isinstance(es[key], list) or len(es[key]) != len(en[key]):
                problems.append(f"{here}: {len(en[key])} lines in English, "
                                f"{len(es[key]) if isinstance(es[key], list) else 'no list'} here")
                continue
            pairs.extend((f"{here}[{i}]", a, b, False)
                         for i, (a, b) in enumerate(zip(en[key], es[key])))
        elif isinstance(en[key], dict):
            compare(en[key], es[key], rule, here, problems, pairs)
        else:
            if not isinstance(es[key], list) or len(es[key]) != len(en[key]):
                problems.append(f"{here}: {len(en[key])} items in English, not the same here")
                continue
            for i, (a, b) in enumerate(zip(en[key], es[key])):
                if key in MATCHED_BY_ID and (not isinstance(b, dict) or b.get("id") != a["id"]):
                    problems.append(f"{here}[{i}]: should be the variant '{a['id']}', "
                                    "in the English order")
                    continue
                compare(a, b, rule, f"{here}[{i}]", problems, pairs)


def check(kind: str, path: Path) -> list[str]:
    overlay = path.parent / LANG / path.name
    if not overlay.is_file():
        return [f"{overlay}: missing"]
    en, es = read(path), read(overlay)
    problems: list[str] = []
    if not isinstance(es, dict):
        return [f"{overlay}: not a mapping"]
    if es.get("id") != en["id"] or es.get("lang") != LANG:
        problems.append(f"{overlay}: should start 'id: {en['id']}' and 'lang: {LANG}'")
    pairs: list = []
    compare(en, {k: v for k, v in es.items() if k != "lang"}, TEXT[kind], str(overlay),
            problems, pairs)
    short, longest = limits(kind)
    for where, a, b, is_name in pairs:
        if not isinstance(b, str) or not b.strip():
            problems.append(f"{where}: should be a line of text, not {b!r} "
                            "(quote it if it holds ': ' or starts with a sign)")
            continue
        if len(b) > (short if is_name else longest):
            problems.append(f"{where}: {len(b)} characters, the schema allows "
                            f"{short if is_name else longest}")
        if b == a and len(a.split()) >= 3:
            problems.append(f"{where}: still the English")
        if numbers(a) != numbers(b):
            problems.append(f"{where}: numbers {sorted(numbers(a).elements())} in English, "
                            f"{sorted(numbers(b).elements())} here")
        if (missing := missing_glyphs(b)):
            problems.append(f"{where}: the handout's font cannot print {''.join(missing)!r}")
    return problems


@pytest.mark.parametrize(("kind", "path"), english_files(), ids=lambda v: getattr(v, "name", v))
def test_overlay_matches_its_english_file(kind, path):
    problems = check(kind, path)
    assert not problems, "\n".join(problems)


def test_no_overlay_without_its_english_file():
    for folder in FOLDERS:
        for overlay in sorted((ROOT / folder / LANG).glob("*.y*ml")):
            assert (ROOT / folder / overlay.name).is_file(), f"{overlay}: no English file"


def test_the_check_catches_an_overlay_that_drifted(tmp_path):
    """A missing line, a renamed variant, a dose, a changed number, a line left in English
    and a character the font lacks are each reported, naming where."""
    shutil.copy(ROOT / "exercises" / "bird-dog.yaml", tmp_path / "bird-dog.yaml")
    es = read(ROOT / "exercises" / LANG / "bird-dog.yaml")
    es["variants"][0]["steps"].pop()
    es["variants"][1]["id"] = "leg-slid"
    es["variants"][2]["dose"] = {"reps": 5}
    es["variants"][3]["cues"][0] = "Long from fingertips to heel, as if pulled at both ends."
    es["variants"][4]["mistakes"][1] = "Levantar demasiado ☃"
    es["safety"]["stop_if"][0] = es["safety"]["stop_if"][0].replace("5", "6")
    (tmp_path / LANG).mkdir()
    (tmp_path / LANG / "bird-dog.yaml").write_text(yaml.safe_dump(es, allow_unicode=True))
    problems = [p.split("bird-dog.yaml: ", 1)[-1].split("bird-dog.yaml.", 1)[-1]
                for p in check("exercise", tmp_path / "bird-dog.yaml")]
    assert sorted(problems) == [
        "safety.stop_if[0]: numbers ['10', '5'] in English, ['10', '6'] here",
        "variants[0].steps: 4 lines in English, 3 here",
        "variants[1]: should be the variant 'leg-slide', in the English order",
        "variants[2].dose: not patient text or not in the English; leave it out",
        "variants[3].cues[0]: still the English",
        "variants[4].mistakes[1]: the handout's font cannot print '☃'",
    ]


# --- plain Spanish ------------------------------------------------------------------------
# The Szigriszt-Pazos perspicuity (INFLESZ scale), the usual measure of Spanish health
# leaflets: 55 to 65 is "normal", 65 to 80 "fairly easy" (primary school), below 40 "very
# hard". Like tests/test_readability.py for the English, a whole file must read fairly
# easily, and no line of 10 words or more on its own may be very hard.
FILE_EASE = 65.0
LINE_EASE = 40.0
_ES_WORD = re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ]+|\d+")
_VOWELS = re.compile(r"[aeiouáéíóúü]+")


def syllables_es(word: str) -> int:
    """Vowel groups, split where two strong vowels (a, e, o, or an accented í or ú) meet.

    >>> [syllables_es(w) for w in ("espalda", "rodilla", "cuello", "respiración", "día", "leer")]
    [3, 3, 2, 4, 2, 2]
    """
    word = word.lower()
    if word.isdigit():
        return 1
    strong = set("aeoáéíóú")
    count = 0
    for group in _VOWELS.findall(word):
        count += 1 + sum(a in strong and b in strong for a, b in zip(group, group[1:]))
    return max(1, count)


def ease(texts: list[str]) -> float:
    """Szigriszt-Pazos perspicuity of some texts; higher is easier.

    >>> ease(["Apoye las manos en el suelo."]) > 80
    True
    >>> ease(["La contraindicación metodológica de intervenciones fisioterapéuticas "
    ...       "interdisciplinarias permanece insuficientemente caracterizada."]) < 0
    True
    """
    words, sentences, syllable_count = counts(texts, _ES_WORD, syllables_es)
    return 206.835 - 62.3 * syllable_count / words - words / sentences if words else 100.0


def overlay_texts(data) -> list[str]:
    """Every line of an overlay a patient reads (all its strings but id and lang)."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, list):
        return [t for item in data for t in overlay_texts(item)]
    if isinstance(data, dict):
        return [t for key, value in data.items() if key not in ("id", "lang")
                for t in overlay_texts(value)]
    return []


@pytest.mark.parametrize(("kind", "path"), english_files(), ids=lambda v: getattr(v, "name", v))
def test_overlay_reads_easily(kind, path):
    texts = overlay_texts(read(path.parent / LANG / path.name))
    hard = [f"{ease([t]):.0f} '{t}'" for t in texts
            if len(_ES_WORD.findall(t)) >= 10 and ease([t]) < LINE_EASE]
    assert ease(texts) >= FILE_EASE and not hard, (
        f"{path.name} ({LANG}): ease {ease(texts):.0f} (bar {FILE_EASE:.0f}); "
        f"very hard lines: {hard}")

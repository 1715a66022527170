"""The plan as a web page (``--format html``) and the ``hepgen serve`` command."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from html.parser import HTMLParser

import pytest

from generator.engine import ExerciseChoice
from generator.htmlplan import render_html, style_hash, stylesheet
from generator.settings import Settings


class Outline(HTMLParser):
    """Headings, ids and figures of a page, as a screen reader would find them."""

    def __init__(self):
        super().__init__()
        self.headings: list[int] = []
        self.ids: list[str] = []
        self.svgs: list[dict] = []
        self.tables = self.captions = 0
        self.lang = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "svg":
            self.svgs.append(attrs)
        self.tables += tag == "table"
        self.captions += tag == "caption"


@pytest.fixture(scope="module")
def page(library):
    settings = Settings(patient="Zoë <O'Brien>", notes="Walk & rest", weeks=8,
                        start=date(2027, 1, 4),
                        choices={"bird-dog": ExerciseChoice(note="Small <moves>")})
    return render_html(settings.build(library)).decode("utf-8")


def test_the_page_is_self_contained_and_scriptless(page):
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "<link" not in page and " style=" not in page
    assert re.search(r"<style>(.*?)</style>", page, re.S).group(1) == stylesheet()


def test_user_text_is_escaped(page):
    assert "Zoë &lt;O&#39;Brien&gt;" in page and "Walk &amp; rest" in page
    assert "Small &lt;moves&gt;" in page and "<O'Brien>" not in page


def test_the_page_has_a_language_and_an_outline_without_gaps(page):
    outline = Outline()
    outline.feed(page)
    assert outline.lang == "en"
    assert outline.headings[0] == 1 and outline.headings.count(1) == 1
    for before, after in zip(outline.headings, outline.headings[1:]):
        assert after <= before + 1, "no heading level is skipped"
    assert len(outline.ids) == len(set(outline.ids)), "ids are unique"
    assert outline.tables >= 2 and outline.captions >= 1


def test_every_figure_is_inline_svg_with_its_own_text_alternative(page, library):
    outline = Outline()
    outline.feed(page)
    assert outline.svgs
    for svg in outline.svgs:
        assert svg["role"] == "img"
        title, desc = svg["aria-labelledby"].split()
        assert f'<title id="{title}">' in page and f'<desc id="{desc}">' in page
    titles = [unescape(t) for t in re.findall(r'<title id="[^"]+">(.*?)</title>', page)]
    assert "Bird dog: All-fours brace" in titles


def test_the_page_holds_the_plan_and_the_safety_advice(page, library):
    from generator import clinical

    text = unescape(page)
    for sign in clinical.EMERGENCY + clinical.SEE_DOCTOR:
        assert sign in text
    for _, rule in clinical.PAIN_RULE:
        assert rule in text
    for week in range(1, 9):
        assert f'<th scope="row">{week}<span' in page
    assert "lighter week" in text and "Mon 4 Jan 2027" in text


def test_large_print_and_print_styles(library):
    plan = Settings().build(library)
    assert 'class="plan-page large"' in render_html(plan, large_print=True).decode()
    assert "@media print" in stylesheet() and "@media (max-width" in stylesheet()


def test_style_hash_names_the_inline_stylesheet():
    import base64
    import hashlib

    digest = base64.b64encode(hashlib.sha256(stylesheet().encode()).digest()).decode()
    assert style_hash() == f"'sha256-{digest}'"


def test_generate_writes_html_by_suffix_or_format(run, tmp_path):
    out = tmp_path / "plan.html"
    result = run("generate", "--patient", "Ann Lee", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.read_text().startswith("<!DOCTYPE html>") and "Ann Lee" in out.read_text()
    result = run("generate", "--format", "html", "-o", "-")
    assert result.exit_code == 0 and "<html lang=\"en\">" in result.stdout


# --- hepgen serve -------------------------------------------------------------------------

def test_serve_binds_to_this_computer_by_default_without_a_warning(run, monkeypatch):
    pytest.importorskip("waitress")
    calls = []
    monkeypatch.setattr("waitress.serve", lambda app, **kw: calls.append(kw))
    result = run("serve", "--no-open", "--port", "8099", "--threads", "3")
    assert result.exit_code == 0, result.stderr
    assert calls == [{"host": "127.0.0.1", "port": 8099, "threads": 3, "channel_timeout": 30,
                      "ident": "hepgen"}]
    assert "http://127.0.0.1:8099/" in result.stderr and "no login" not in result.stderr


def test_serve_warns_that_a_network_address_has_no_login(run, monkeypatch):
    pytest.importorskip("waitress")
    monkeypatch.setattr("waitress.serve", lambda app, **kw: None)
    result = run("serve", "--no-open", "--host", "0.0.0.0")
    assert result.exit_code == 0
    assert "It has no login" in result.stderr


def test_serve_reports_a_port_in_use_on_one_line(run, monkeypatch):
    pytest.importorskip("waitress")

    def busy(app, **kw):
        raise OSError(98, "Address already in use")
    monkeypatch.setattr("waitress.serve", busy)
    result = run("serve", "--no-open", "--port", "8098")
    assert result.exit_code == 1
    assert result.stderr.strip().endswith(
        "cannot listen on 127.0.0.1:8098: Address already in use; try another --port")

"""What each output must keep, each checked where the user sees it: tests that fail when a
hand edit removes a safety line or breaks a path (issue #16, item 6)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from conftest import MONDAY, ROOT

ICS_ARGS = ("generate", "--start", MONDAY.isoformat(), "--weeks", "4", "--format", "ics",
            "-o", "-")


def _events(text: str) -> list[dict[str, str]]:
    """The VEVENTs of an .ics text as {property: value} (folded lines joined)."""
    unfolded = text.replace("\r\n ", "").replace("\r\n", "\n")
    events, current = [], None
    for line in unfolded.split("\n"):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None and ":" in line:
            key, _, value = line.partition(":")
            current[key.split(";")[0]] = value
    return events


def test_every_calendar_event_ends_the_day_after_it_starts(run):
    """Without DTEND some calendar apps show a session as a zero-length event at midnight."""
    result = run(*ICS_ARGS)
    assert result.exit_code == 0, result.stderr
    events = _events(result.output)
    assert len(events) >= 8
    for event in events:
        assert _day(event["DTEND"]) == _day(event["DTSTART"]) + timedelta(days=1), event


def _day(value: str) -> date:
    return date(int(value[:4]), int(value[4:6]), int(value[6:8]))


def test_the_text_plan_lists_every_sign_to_see_a_doctor(run):
    from generator import clinical

    result = run("generate", "--start", MONDAY.isoformat(), "--format", "txt", "-o", "-")
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.output.split())
    after = text.split(clinical.SEE_DOCTOR_TITLE + ":", 1)[1]
    for item in clinical.SEE_DOCTOR:
        assert f"- {' '.join(item.split())}" in after, item


def test_show_gives_every_variants_cues(run, library):
    exercise = library.exercises["plank"]
    result = run("show", "plank")
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.output.split())
    for variant in exercise.variants:
        assert variant.cues and " ".join(" ".join(variant.cues).split()) in text, variant.id


def _logo_images(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages[0].images)


def _png(path):
    from PIL import Image

    Image.new("RGB", (120, 60), (20, 90, 160)).save(path, format="PNG")


def test_a_plan_files_logo_is_found_beside_it_from_any_folder(run, tmp_path, monkeypatch):
    folder = tmp_path / "clinic"
    folder.mkdir()
    _png(folder / "logo.png")
    (folder / "ann.yaml").write_text(f"patient: Ann Lee\nstart: {MONDAY}\nlogo: logo.png\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    plain = run("generate", "--start", MONDAY.isoformat(), "-o", "plain.pdf")
    result = run("generate", "--plan-file", str(folder / "ann.yaml"), "-o", "ann.pdf")
    assert plain.exit_code == 0 and result.exit_code == 0, result.stderr
    assert _logo_images((elsewhere / "ann.pdf").read_bytes()) == \
        _logo_images((elsewhere / "plain.pdf").read_bytes()) + 1


def test_a_csv_rows_logo_is_found_beside_the_csv_from_any_folder(run, tmp_path, monkeypatch):
    folder = tmp_path / "clinic"
    folder.mkdir()
    _png(folder / "logo.png")
    (folder / "monday.csv").write_text(f"patient,start,logo\nAnn Lee,{MONDAY},logo.png\n"
                                       f"Bo Chen,{MONDAY},\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = run("batch", str(folder / "monday.csv"), "--out-dir", "out", "--jobs", "1")
    assert result.exit_code == 0, result.stderr
    assert _logo_images((elsewhere / "out" / "ann-lee.pdf").read_bytes()) == \
        _logo_images((elsewhere / "out" / "bo-chen.pdf").read_bytes()) + 1


@pytest.mark.parametrize("up_to, words", [
    ("prone-on-elbow", "prone-on-elbows"),  # a typo: not a variant of back-extension
    ("bird-dog-arm-leg", "is not a variant of back-extension"),  # another exercise's
])
def test_a_phase_up_to_that_is_no_variant_of_its_exercise(run, tmp_path, up_to, words):
    source = (ROOT / "programs" / "back-spasm-recovery.yaml").read_text()
    assert source.count("up_to: prone-on-elbows") == 1
    (tmp_path / "programs").mkdir()
    program = tmp_path / "programs" / "back-spasm-recovery.yaml"
    program.write_text(source.replace("up_to: prone-on-elbows", f"up_to: {up_to}"))
    line = source.split("up_to: prone-on-elbows")[0].count("\n") + 1
    for args in (("validate", "--library", str(tmp_path)),
                 ("generate", "--library", str(tmp_path), "--format", "json", "-o", "-")):
        result = run(*args)
        assert result.exit_code == 1, result.output
        assert f"{program}:{line}:" in result.stderr and words in result.stderr, result.stderr


def test_a_start_harder_than_the_first_phases_up_to_is_refused(run, tmp_path):
    """advanced would start back-extension on a variant the first phase does not allow."""
    source = (ROOT / "programs" / "back-spasm-recovery.yaml").read_text()
    old = "  back-extension:\n    beginner: prone-lying\n    intermediate: prone-on-elbows\n" \
          "    advanced: prone-on-elbows\n"
    assert source.count(old) == 1
    (tmp_path / "programs").mkdir()
    program = tmp_path / "programs" / "back-spasm-recovery.yaml"
    program.write_text(source.replace(old, old.replace("advanced: prone-on-elbows",
                                                       "advanced: full-press-up")))
    line = source.split("up_to: prone-on-elbows")[0].count("\n") + 1
    result = run("validate", "--library", str(tmp_path))
    assert result.exit_code == 1, result.output
    assert f"{program}:{line}:" in result.stderr, result.stderr
    assert ("back-extension starts at advanced level on 'full-press-up', which is harder than "
            "up_to 'prone-on-elbows'") in result.stderr


# --- survivors of a mutation run over calendar.py and text.py ---------------------------


def _ics(run, *args):
    from icalendar import Calendar

    result = run("generate", "--start", MONDAY.isoformat(), "--format", "ics", "-o", "-", *args)
    assert result.exit_code == 0, result.stderr
    return Calendar.from_ical(result.output)


def test_the_calendar_is_a_well_formed_icalendar_file(run):
    calendar = _ics(run, "--weeks", "6")
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["PRODID"]) == "-//hepgen//home exercise plan//EN"
    assert str(calendar["X-WR-CALNAME"]) == "Back spasm recovery"  # no patient: no colon
    events = calendar.walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids) and all(u.startswith("back-spasm-recovery-") for u in uids)
    for event in events:
        assert event.decoded("DTSTAMP").utcoffset() is not None  # UTC, as RFC 5545 asks
        assert str(event["TRANSP"]) == "TRANSPARENT"
        week = int(str(event["SUMMARY"]).split("week ")[1].split(",")[0])
        description = str(event["DESCRIPTION"])
        assert description.startswith(f"Back spasm recovery, week {week} (")
        assert ("(lighter week)" in str(event["SUMMARY"])) == (week == 4), event["SUMMARY"]
    assert str(events[0]["SUMMARY"]) == "Back exercises: week 1, session 1"
    assert str(events[1]["SUMMARY"]) == "Back exercises: week 1, session 2"
    assert str(_ics(run, "--patient", "Ann Lee")["X-WR-CALNAME"]) == \
        "Back spasm recovery: Ann Lee"


def test_a_reissued_calendar_updates_the_same_events(run):
    """Re-importing a plan re-issued from week 3 replaces weeks 3 onwards, not adds to them."""
    def uids(calendar):
        return {str(e["SUMMARY"]).split(" (")[0]: str(e["UID"]) for e in calendar.walk("VEVENT")}

    whole = uids(_ics(run, "--weeks", "6", "--patient", "Ann Lee"))
    again = uids(_ics(run, "--weeks", "6", "--patient", "Ann Lee", "--from-week", "3"))
    assert len(again) >= 8 and "Back exercises: week 2, session 1" not in again
    assert all(whole[summary] == uid for summary, uid in again.items())
    other = uids(_ics(run, "--weeks", "6", "--patient", "Bo Chen"))
    assert not set(other.values()) & set(whole.values())  # two patients never collide


def test_the_text_plan_keeps_everything_around_notes_and_cautions(run, tmp_path):
    plan = tmp_path / "ann.yaml"
    plan.write_text(f"patient: Ann Lee\nstart: {MONDAY}\nweeks: 6\nnotes: Walk daily.\n"
                    "exercises:\n  plank:\n    note: Keep it small.\n")
    result = run("generate", "--plan-file", str(plan), "--format", "txt", "-o", "-")
    assert result.exit_code == 0, result.stderr
    text = result.output
    assert text.startswith("Back spasm recovery: 6 weeks, ")
    assert "For: Ann Lee" in text and "Week 1" in text and "Week 6" in text
    assert "Notes from your clinician:\n  Walk daily.\n" in text
    assert "Note on Plank: Keep it small." in text
    assert text.index("Week 6") < text.index("WARNING SIGNS")

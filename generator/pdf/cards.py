"""Exercise cards: one per exercise, several to a page, each drawn whole.

A card's title is what the person does (the variant the plan starts with), with the
exercise's family below it. The dose is a bold strip. The figure sits beside the steps; each
harder variant the plan moves to follows inside the same card, with its own strip, figure
and steps. One "stop and ask" box closes the card, holding only what the pain rule on the
cover does not already say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.platypus import Paragraph, Spacer, Table

from ..i18n import N_, _
from ..models import Exercise, Variant
from ..plan import Plan, Prescription, card_numbers
from ..wording import week_range
from .common import bullets, dose_change, nobreak
from .flowables import Beside, Card, Columns, FigureFrame, bold, esc, grid, heading, para
from .fonts import REGULAR
from .styles import INK, TINT, WARN, WARN_TINT, Styles


@dataclass(frozen=True)
class Stage:
    """A stretch of weeks on one variant."""

    variant: Variant
    first: int
    last: int
    start_dose: str
    end_dose: str
    first_sentence: str
    start: Prescription | None = None
    end: Prescription | None = None
    sessions: tuple[int, int] = (0, 0)  # fewest and most sessions a week on this variant


def stages(plan: Plan, exercise: Exercise) -> list[Stage]:
    found: list[Stage] = []
    for week in plan.weeks:
        for p in week.exercises:
            if p.exercise != exercise.id:
                continue
            variant = exercise.variants[p.rung]
            if found and found[-1].variant.id == variant.id:
                s = found[-1]
                found[-1] = Stage(s.variant, s.first, week.week, s.start_dose,
                                  p.short() if not week.deload else s.end_dose, s.first_sentence,
                                  s.start, p if not week.deload else s.end,
                                  (min(s.sessions[0], week.sessions),
                                   max(s.sessions[1], week.sessions)))
            else:
                found.append(Stage(variant, week.week, week.week, p.short(), p.short(),
                                   p.sentence(), p, p, (week.sessions, week.sessions)))
    return found


def _weeks(stage: Stage) -> str:
    return week_range(stage.first, stage.last)


def _qr(url: str, size: float):
    """A QR code for a video address (the barcode module loads only when one is needed)."""
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    widget = QrCodeWidget(url)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.initialFontName = REGULAR  # no unembedded Helvetica in the file
    drawing.add(widget)
    return drawing


def _two_columns(left: list, right: list, width: float, left_w: float, styles: Styles) -> Columns:
    gap = styles.size(10)
    return Columns(left, right, left_w - gap, gap)


def strip_text(stage: Stage) -> str:
    """The stage's dose for the bold strip: '10 reps, up to 12 reps · hold 3 s · 2 sessions
    a week'."""
    start, end = stage.start, stage.end
    if start is None or end is None:  # stages built by hand, without prescriptions
        text = nobreak(stage.start_dose)
        if stage.end_dose != stage.start_dose:
            text = _("{dose}, up to {end}").format(dose=text, end=nobreak(stage.end_dose))
        return text
    text = dose_change(start, end)
    if start.daily:
        return text
    low, high = stage.sessions
    return text + " · " + nobreak(  # 'sessions a week' never split from its numbers
        _("{n} sessions a week").format(n=low) if low == high else
        _("{low} to {high} sessions a week").format(low=low, high=high))


def _strip(stage: Stage, styles: Styles, width: float, first: bool) -> Table:
    dose = esc(strip_text(stage)).replace(" · ", "\u00a0· ")  # a line never opens on a dot
    if first:
        weeks = _weeks(stage)
        text = f"{esc(weeks[:1].upper() + weeks[1:])}: {dose}"
    else:  # 'From week 8: Forearm plank' says when; the dose follows on its own line
        text = esc(_("From week {week}: {variant}").format(
            week=stage.first, variant=stage.variant.name)) + f"<br/>{dose}"
    return grid([[Paragraph(text, styles["dose"])]], [width], [
        ("BACKGROUND", (0, 0), (-1, -1), TINT),
        ("LINEBEFORE", (0, 0), (0, -1), styles.size(4), INK),
        ("LEFTPADDING", (0, 0), (-1, -1), styles.size(7)),
        ("TOPPADDING", (0, 0), (-1, -1), styles.size(3)),
        ("BOTTOMPADDING", (0, 0), (-1, -1), styles.size(4)),
    ])


def _steps(stage: Stage, styles: Styles, first: bool) -> list:
    v = stage.variant
    block = [para(v.summary, styles["body"])] if v.summary and not first else []
    return block + bullets(v.steps, styles, numbered=True, style="step")


def _tips(variant: Variant, styles: Styles, width: float) -> list:
    """Tips, then what to avoid, run on in one paragraph, each led by its bold word (far
    shorter than lists)."""
    parts = [f"<b>{esc(label)}:</b> " + " ".join(esc(_sentence(i)) for i in items)
             for label, items in ((_("Tips"), variant.cues), (_("Avoid"), variant.mistakes))
             if items]
    return [Paragraph(" ".join(parts), styles["run_on"])] if parts else []


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _note(text: str, styles: Styles, width: float):
    return grid([[Paragraph(bold(_("Note from your clinician:")) + f" {esc(text)}",
                            styles["body"])]],
                [width], [("BACKGROUND", (0, 0), (-1, -1), TINT),
                          ("LEFTPADDING", (0, 0), (-1, -1), styles.size(8)),
                          ("TOPPADDING", (0, 0), (-1, -1), styles.size(4)),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), styles.size(4))])


def figure_width(inner: float, styles: Styles, first: bool) -> float:
    """The figure's box on a card: it grows with the type in large print."""
    share = 0.30 if first else 0.26
    return min(inner * share * styles.scale, inner * 0.48)


def chunks(exercise: Exercise, used: list[Stage], styles: Styles, inner: float,
           note: str = "") -> list[list[list]]:
    """The card's content, one chunk per variant; each chunk is blocks that stay together.

    The advice that closes a card (options, when to stop, video) joins the last chunk, so a
    card that has to continue never continues with the safety box alone.
    """
    out: list[list[list]] = []
    for i, stage in enumerate(used):
        first = i == 0
        fw = figure_width(inner, styles, first)
        picture = FigureFrame(fw, fw * 0.62, stage.variant.name, styles, stage.variant.figure)
        head: list = []
        if first and note:
            head += [_note(note, styles, inner), Spacer(1, styles.size(2))]
        elif not first:
            head.append(Spacer(1, styles.size(3)))
        head += [_strip(stage, styles, inner, first), Spacer(1, styles.size(1)),
                 Beside(picture, _steps(stage, styles, first)
                        + _tips(stage.variant, styles, inner), styles.size(10),
                        styles.size(2))]
        out.append([head])
    closing = out[-1]
    options = _options(exercise, used, styles, inner)
    if options:
        closing.append(options)
    closing.append(_safety(exercise, styles, inner, [s.variant for s in used]))
    videos = [s.variant for s in used if s.variant.video]
    if videos:
        size = styles.size(64)
        closing.append([Spacer(1, styles.size(6)), _two_columns(
            [_qr(videos[0].video, size)],
            [para(_("Scan with a phone camera to watch {name} on video.").format(
                name=videos[0].name), styles["small"]),
             para(videos[0].video, styles["small"])],
            inner, size + styles.size(10), styles)])
    return out


def _header(number: int, exercise: Exercise, used: list[Stage], styles: Styles,
            continued: bool) -> list:
    title = f"{number}. {esc(used[0].variant.name)}"
    if continued:
        title = esc(_("{title} (continued)").format(title=f"{number}. {used[0].variant.name}"))
    family = f"<b>{esc(exercise.name)}</b>"
    if exercise.purpose and not continued:
        family += f" · {esc(exercise.purpose)}"
    return [Paragraph(title, styles["card_title"]), Paragraph(family, styles["card_family"])]


def card_gap(styles: Styles) -> float:
    """The space between two cards on a page."""
    return styles.size(6)


def exercise_cards(number: int, exercise: Exercise, used: list[Stage], styles: Styles,
                   width: float, height: float, first_room: float | None = None,
                   note: str = "", parts: list | None = None) -> list[Card]:
    """The exercise as one card drawn whole; only a card taller than a page is broken,
    between its variants (or, for one variant longer than a page, between its blocks).

    *first_room* is the height left for the first card when it shares its page with a
    heading; it is only a hint (a card that does not fit there moves to the next page).
    """
    inner = width - 2 * styles.size(9)
    result: list[Card] = []
    current: list = []

    headers: dict[bool, list] = {}  # made once: trial cards share them (and their wrapping)

    def make(content: list) -> Card:
        continued = bool(result)
        if continued not in headers:
            headers[continued] = _header(number, exercise, used, styles, continued)
        card = Card(content, styles, header=headers[continued], gap=card_gap(styles))
        if not continued:
            card.outline_level = 1
            card.outline_text = f"{number}. {exercise.name}"
        return card

    def fits(content: list) -> bool:
        return make(content).fits(width, height)

    for chunk in parts if parts is not None else chunks(exercise, used, styles, inner, note):
        flat = [item for block in chunk for item in block]
        if fits(current + flat):
            current += flat
            continue
        if current:
            result.append(make(current))
            current = []
        if fits(flat):
            current = flat
            continue
        for block in chunk:  # one variant longer than a page: break between its blocks
            if current and not fits(current + block):
                result.append(make(current))
                current = []
            current += block
    result.append(make(current))
    return result


def _options(exercise: Exercise, used: list[Stage], styles: Styles, width: float) -> list:
    """What to do instead when it is too hard or too easy, and whether it may be done daily:
    one run-on paragraph, each part led by its bold words."""
    rungs = [exercise.variants.index(s.variant) for s in used]
    parts = []
    low, high = min(rungs), max(rungs)
    if low > 0:
        easier = exercise.variants[low - 1]
        advice = (_("Do {name} instead: {summary}").format(name=easier.name,
                                                           summary=easier.summary)
                  if easier.summary else _("Do {name} instead.").format(name=easier.name))
        parts.append(bold(_("Too hard today?")) + f" {esc(advice)}")
    if high < len(exercise.variants) - 1:
        harder = exercise.variants[high + 1]
        advice = _("Ask a physiotherapist about {name}.").format(name=harder.name)
        parts.append(bold(_("Finding it easy?")) + f" {esc(advice)}")
    if exercise.also_daily:
        parts.append(esc(_("You can also do this exercise every day.")))
    if not parts:
        return []
    return [Spacer(1, styles.size(2)), Paragraph(" ".join(parts), styles["body"])]


# Translators: the next three are regular expressions for a library's stop lines in your
# language: a score above 5, pain down a leg, and the word for sharp pain. Lines they match
# are left off a card, as the pain rule already says them.
_SCORE = N_(r"\b(above|over|more than) 5( out of 10)?\b")
_LEG = N_(r"\b(numbness|tingling)\b.*\bleg\b")
_SHARP = N_(r"\bsharp\b")


def beyond_pain_rule(line: str) -> str | None:
    """A card's stop line as far as it adds to the pain rule on the cover, or None.

    >>> beyond_pain_rule("Pain, numbness or tingling spreads into a leg.") is None
    True
    >>> beyond_pain_rule("Pain goes above 5 out of 10, or is sharp.")
    'The pain is sharp.'
    >>> beyond_pain_rule("Your neck starts to hurt.")
    'Your neck starts to hurt.'
    """
    if re.search(_(_LEG), line, re.I):
        return None
    if re.search(_(_SCORE), line, re.I):
        return _("The pain is sharp.") if re.search(_(_SHARP), line, re.I) else None
    return line


def _safety(exercise: Exercise, styles: Styles, width: float, variants=()) -> list:
    """One box: the stop lines the pain rule does not already say, then the cautions of the
    exercise and of the variants on the card."""
    lines = exercise.stop_if + tuple(x for v in variants for x in v.stop_if)
    stop_if = dict.fromkeys(x for x in map(beyond_pain_rule, lines) if x)
    cautions = dict.fromkeys(exercise.cautions + tuple(x for v in variants for x in v.cautions))
    text = (_("<b>STOP</b> and ask a physiotherapist or doctor if the pain rule says so, or "
              "if: {lines}").format(lines=" ".join(esc(_sentence(x)) for x in stop_if))
            if stop_if else
            _("<b>STOP</b> and ask a physiotherapist or doctor if the pain rule says so."))
    rows = [[Paragraph(text, styles["body"])]]
    if cautions:
        rows.append([Paragraph(bold(_("Take care:")) + " "
                               + " ".join(esc(_sentence(x)) for x in cautions), styles["body"])])
    box = grid(rows, [width], [
        ("BACKGROUND", (0, 0), (-1, -1), WARN_TINT),
        ("LINEBEFORE", (0, 0), (0, -1), styles.size(4), WARN),
        ("LEFTPADDING", (0, 0), (-1, -1), styles.size(8)),
        ("TOPPADDING", (0, 0), (-1, -1), styles.size(1)),
        ("BOTTOMPADDING", (0, 0), (-1, -1), styles.size(1)),
        ("TOPPADDING", (0, 0), (0, 0), styles.size(3)),
        ("BOTTOMPADDING", (0, -1), (-1, -1), styles.size(4)),
    ])
    return [Spacer(1, styles.size(2)), box]


def card_parts(plan: Plan, styles: Styles, width: float) -> dict[str, list]:
    """Each exercise's card content, built once: measuring it for :func:`packed` and
    printing it then wrap each paragraph only once."""
    inner = width - 2 * styles.size(9)
    return {e.id: chunks(e, stages(plan, e), styles, inner, plan.exercise_notes.get(e.id, ""))
            for e in plan.exercises}


def card_heights(plan: Plan, styles: Styles, width: float, height: float,
                 parts: dict | None = None) -> dict[str, float]:
    """Each exercise's card height (its pieces, if it is taller than a page, with their gaps)."""
    gap = card_gap(styles)
    tall = {}
    for e in plan.exercises:
        made = exercise_cards(1, e, stages(plan, e), styles, width, height, None,
                              plan.exercise_notes.get(e.id, ""),
                              parts.get(e.id) if parts else None)
        tall[e.id] = sum(c.wrap(width, height)[1] for c in made) + gap * (len(made) - 1)
    return tall


def packed(plan: Plan, tall: dict[str, float], styles: Styles, height: float,
           first_room: float = 0.0, head: float = 0.0, ordered: bool = False) -> "Packing":
    """The exercises (ids) in the order their cards are printed, to fill pages best: as few
    pages as they can take (see :func:`_fewest_pages`), with the room left under the last
    card and how full the least full of the other pages is. *first_room* is what is left on
    the page where the cards begin (below the plan at a glance); *head* is the height of the
    section's heading, which moves to the next page with the first card when no card fits
    there. *ordered* puts the cards in their numbers' order where the pages allow, before
    the room under the last. Only where a card is printed changes: its number stays (see
    card_numbers). *tall*: the cards' heights (see card_heights)."""
    gap = card_gap(styles)
    rank = card_numbers(plan)
    rooms = (first_room - gap, height - head - gap, height)
    pages = _fewest_pages(sorted(plan.exercises, key=lambda e: rank[e.id]), tall, gap, *rooms,
                          ordered=ordered)
    last = max(i for i, group in enumerate(pages) if group) if any(pages) else 0
    room = (rooms[0] if last == 0 else rooms[1] if last == 1 and not pages[0] else height) \
        - _used(pages[last], tall, gap)
    thinnest = min((_used(group, tall, gap) / height for group in pages[1:last] if group),
                   default=1.0)
    # as near the cards' numbers as the pages allow: each page's cards in that order, and
    # the whole pages between the first and the last (the same room each) sorted by it
    pages = [sorted(page, key=lambda e: rank[e.id]) for page in pages if page]
    if len(pages) > 3:
        pages[1:-1] = sorted(pages[1:-1], key=lambda page: rank[page[0].id])
    return Packing(tuple(e.id for page in pages for e in page), max(0.0, room), thinnest)


@dataclass(frozen=True)
class Packing:
    """Where the cards go: *order* (ids, as printed), the *room* left under the last card,
    and the fill of the *thinnest* page but the last (a fraction of a page)."""

    order: tuple[str, ...]
    room: float
    thinnest: float


def _used(group, tall: dict, gap: float) -> float:
    """The height a page's *group* of cards takes, with the gaps between them."""
    return sum(tall[e.id] for e in group) + gap * (len(group) - 1)


def _choices(left: list, tall: dict, gap: float, room: float) -> list[list]:
    """Every choice of one to three cards of *left* (in their order) that fit in *room*."""
    from itertools import combinations

    return [list(chosen) for k in (1, 2, 3) for chosen in combinations(left, k)
            if _used(chosen, tall, gap) <= room]


SEARCH_UP_TO = 8
"""Cards a plan may have for the packing to try every way of putting them on pages; with
more, each page takes the cards that fill it most, one page after another."""


def _fewest_pages(cards: list, tall: dict, gap: float, below: float, first: float,
                  page: float, ordered: bool = False) -> list[list]:
    """The cards on pages, as lists: first those that go below the plan at a glance (*below*
    is the room there; often none go), then pages opening with the section's heading
    (*first*) and whole pages (*page*). As few pages as the cards can take and, of those
    ways, the one that leaves the most room under the last card, where the log begins. A
    card taller than a page goes alone. The first way found wins a tie, so the program's
    order breaks ties. *ordered*: of the ways with fewest pages, those with the fewest cards
    printed before one that comes earlier in *cards* (their numbers), then the room."""
    from functools import lru_cache

    def used(group) -> float:
        return _used(group, tall, gap)

    if len(cards) > SEARCH_UP_TO:  # greedy: each page filled most, in turn
        left, room = list(cards), first
        under = max(_choices(left, tall, gap, below), key=used, default=[])
        pages = [under]
        if under:
            left, room = [e for e in left if e not in under], page
        while left:
            pages.append(max(_choices(left, tall, gap, room), key=used, default=left[:1]))
            left, room = [e for e in left if e not in pages[-1]], page
        return pages

    place = {e.id: i for i, e in enumerate(cards)}

    def disorder(group, left) -> int:
        """Cards of *group* that come after a card of *left* not in it: printed too early."""
        if not ordered:
            return 0
        return sum(place[x.id] > place[y.id] for x in group for y in left if y not in group)

    @lru_cache(maxsize=None)
    def rest(placed: frozenset, opened: bool) -> tuple:
        """(pages, cards out of order, minus the room left on the last, the pages) for the
        cards not *placed*."""
        left = [e for e in cards if e.id not in placed]
        if not left:
            return 0, 0, 0.0, ()
        room = page if opened else first
        best = None
        for group in _choices(left, tall, gap, room) or [left[:1]]:
            count, shuffled, spare, after = rest(placed | {e.id for e in group}, True)
            found = (count + 1, shuffled + disorder(group, left),
                     spare if after else used(group) - room, (group,) + after)
            if best is None or found[:3] < best[:3]:
                best = found
        return best

    best = None
    for under in [[]] + _choices(cards, tall, gap, below):
        count, shuffled, spare, after = rest(frozenset(e.id for e in under), bool(under))
        if not after:
            spare = used(under) - below
        found = (count, shuffled + disorder(under, cards), spare, [under] + list(after))
        if best is None or found[:3] < best[:3]:
            best = found
    return best[3]


def cards_heading(styles: Styles, rule_at: str) -> list:
    """The section's heading and first line, kept with the first card."""
    intro = para(_("Each card shows how to do one exercise and how much to do. The pain rule "
                   "{where} says when to stay the same or go back a step.").format(where=rule_at),
                 styles["body"])
    intro.keepWithNext = 1
    return [heading(_("Your exercises"), styles["h1"], 0), intro]


def cards(plan: Plan, styles: Styles, width: float, height: float,
          rule_at: str | None = None, parts: dict | None = None,
          order: tuple[str, ...] = ()) -> list:
    """The cards, printed in *order* (ids; see :func:`packed`), else by their numbers."""
    story: list = cards_heading(styles, rule_at or _("at the front"))
    # the first card goes with the heading: one taller than the room left under it (at the
    # top of a page) is broken between its variants, rather than leave the heading alone
    under = height - card_gap(styles) - sum(f.wrap(width, height)[1] + f.getSpaceAfter()
                                            for f in story)
    numbers = card_numbers(plan)
    by_id = {e.id: e for e in plan.exercises}
    printed = [by_id[i] for i in order] if order else sorted(plan.exercises,
                                                             key=lambda e: numbers[e.id])
    for first, exercise in enumerate(printed):
        room = height if first else under
        story += exercise_cards(numbers[exercise.id], exercise, stages(plan, exercise), styles,
                                width, room, None, plan.exercise_notes.get(exercise.id, ""),
                                parts.get(exercise.id) if parts else None)
    return story

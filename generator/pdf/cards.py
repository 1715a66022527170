"""Exercise cards: one per exercise in the plan, each drawn whole on one page.

A card shows what the exercise is for, the figure, the steps, cues and mistakes of the
variant the plan starts with, then each harder variant the plan moves to and from which
week, the doses it will move through, easier and harder options, and when to stop.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import PageBreak, Paragraph, Spacer, Table

from ..models import Exercise, Variant
from ..plan import Plan
from .common import bullets, nobreak
from .flowables import Card, Columns, FigureFrame, esc, grid, heading, para
from .fonts import REGULAR
from .styles import TINT, WARN, WARN_TINT, Styles


@dataclass(frozen=True)
class Stage:
    """A stretch of weeks on one variant."""

    variant: Variant
    first: int
    last: int
    start_dose: str
    end_dose: str
    first_sentence: str


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
                                  p.short() if not week.deload else s.end_dose, s.first_sentence)
            else:
                found.append(Stage(variant, week.week, week.week, p.short(), p.short(),
                                   p.sentence()))
    return found


def _weeks(stage: Stage) -> str:
    if stage.first == stage.last:
        return f"week {stage.first}"
    return f"weeks {stage.first} to {stage.last}"


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


def _variant_block(stage: Stage, styles: Styles, first: bool) -> list:
    v = stage.variant
    title = f"{esc(v.name)}" if first else f"From week {stage.first}: {esc(v.name)}"
    block = [Paragraph(title, styles["h3"])]
    if v.summary:
        block.append(para(v.summary, styles["body"]))
    block += bullets(v.steps, styles, numbered=True, style="step")
    return block


def _tips(variant: Variant, styles: Styles, width: float) -> Table:
    left = [para("Tips", styles["label"])] + bullets(variant.cues, styles)
    right = [para("Avoid", styles["label"])] + bullets(variant.mistakes, styles)
    return _two_columns(left, right, width, width / 2, styles)


def _doses(items: list[Stage], styles: Styles) -> list:
    out = [para("How much to do", styles["label"])]
    for stage in items:
        start, end = nobreak(stage.start_dose), nobreak(stage.end_dose)
        change = start if start == end else f"{start}, rising to {end}"
        out.append(Paragraph(
            f"<b>{esc(_weeks(stage).capitalize())}</b>: {esc(change)}", styles["body"]))
    return out


def _note(text: str, styles: Styles, width: float):
    return grid([[Paragraph(f"<b>Note from your clinician:</b> {esc(text)}", styles["body"])]],
                [width], [("BACKGROUND", (0, 0), (-1, -1), TINT),
                          ("LEFTPADDING", (0, 0), (-1, -1), styles.size(8)),
                          ("TOPPADDING", (0, 0), (-1, -1), styles.size(5)),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), styles.size(4))])


def chunks(exercise: Exercise, used: list[Stage], styles: Styles, inner: float,
           note: str = "") -> list[list[list]]:
    """The card's content, one chunk per variant; each chunk is blocks that stay together.

    The advice that closes a card (options, when to stop, video) joins the last chunk, so a
    card that has to continue never continues with the safety box alone.
    """
    first = used[0]
    figure_w = inner * 0.36
    figure = FigureFrame(figure_w, figure_w * 0.62, first.variant.name, styles,
                         first.variant.figure)
    left = [figure, Spacer(1, styles.size(6))] + _doses(used, styles)
    right = _variant_block(first, styles, first=True)
    intro = [para(exercise.purpose, styles["card_purpose"]), Spacer(1, styles.size(6))]
    if note:
        intro += [_note(note, styles, inner), Spacer(1, styles.size(6))]
    out = [[intro + [_two_columns(left, right, inner, figure_w + styles.size(10), styles)],
            [Spacer(1, styles.size(4)), _tips(first.variant, styles, inner)]]]
    for stage in used[1:]:
        small = inner * 0.28
        picture = FigureFrame(small, small * 0.62, stage.variant.name, styles, stage.variant.figure)
        out.append([[Spacer(1, styles.size(6)),
                     _two_columns([picture], _variant_block(stage, styles, first=False), inner,
                                  small + styles.size(10), styles)],
                    [Spacer(1, styles.size(2)), _tips(stage.variant, styles, inner)]])
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
            [para(f"Scan with a phone camera to watch {videos[0].name} on video.", styles["small"]),
             para(videos[0].video, styles["small"])],
            inner, size + styles.size(10), styles)])
    return out


def exercise_cards(number: int, exercise: Exercise, used: list[Stage], styles: Styles,
                   width: float, height: float, first_room: float | None = None,
                   note: str = "") -> list[Card]:
    """As few cards as hold the exercise, each small enough to print whole on one page.

    Cards break between variants; only a variant too long for a page of its own is broken
    between its blocks. *first_room* is the height left for the first card when it shares
    its page with a heading.
    """
    inner = width - 2 * styles.size(9)
    result: list[Card] = []
    current: list = []

    def make(content: list) -> Card:
        continued = bool(result)
        title = f"{number}. {esc(exercise.name)}" + (" (continued)" if continued else "")
        card = Card(content, styles, header=Paragraph(title, styles["card_title"]),
                    gap=styles.size(12))
        if not continued:
            card.outline_level, card.outline_text = 1, f"{number}. {exercise.name}"
        return card

    def fits(content: list) -> bool:
        room = first_room if first_room is not None and not result else height
        return make(content).fits(width, room)

    for chunk in chunks(exercise, used, styles, inner, note):
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
    rungs = [exercise.variants.index(s.variant) for s in used]
    out = []
    low, high = min(rungs), max(rungs)
    if low > 0:
        easier = exercise.variants[low - 1]
        out.append(Paragraph(f"<b>Too hard today?</b> Do {esc(easier.name)} instead"
                             + (f": {esc(easier.summary)}" if easier.summary else "."),
                             styles["body"]))
    if high < len(exercise.variants) - 1:
        harder = exercise.variants[high + 1]
        out.append(Paragraph(f"<b>Finding it easy?</b> Ask a physiotherapist or doctor about {esc(harder.name)}"
                             + (f": {esc(harder.summary)}" if harder.summary else "."),
                             styles["body"]))
    if exercise.also_daily:
        out.append(para("You can also do this one every day, as well as on your session days.",
                        styles["body"]))
    return [Spacer(1, styles.size(4))] + out if out else []


def _safety(exercise: Exercise, styles: Styles, width: float, variants=()) -> list:
    """The exercise's stop lines and cautions, then those of the variants on the card."""
    stop_if = dict.fromkeys(exercise.stop_if + tuple(x for v in variants for x in v.stop_if))
    cautions = dict.fromkeys(exercise.cautions + tuple(x for v in variants for x in v.cautions))
    rows = [[para("Stop and ask a physiotherapist or doctor if", styles["warn_title"])]]
    rows += [[item] for item in bullets(stop_if, styles)]
    if cautions:
        rows.append([para("Take care", styles["label"])])
        rows += [[item] for item in bullets(cautions, styles)]
    box = grid(rows, [width], [
        ("BACKGROUND", (0, 0), (-1, -1), WARN_TINT),
        ("LINEBEFORE", (0, 0), (0, -1), 3, WARN),
        ("LEFTPADDING", (0, 0), (-1, -1), styles.size(8)),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (0, 0), styles.size(5)),
        ("BOTTOMPADDING", (0, -1), (-1, -1), styles.size(5)),
    ])
    return [Spacer(1, styles.size(6)), box]


def cards(plan: Plan, styles: Styles, width: float, height: float) -> list:
    story: list = [heading("Your exercises", styles["h1"], 0),
                   para("Each card shows how to do one exercise. Keep the card handy the first "
                        "few times you do it.", styles["body"])]
    used = sum(f.wrap(width, height)[1] + f.getSpaceAfter() for f in story) + styles.size(12)
    for number, exercise in enumerate(plan.exercises, 1):
        room = height - used if number == 1 else None
        story += exercise_cards(number, exercise, stages(plan, exercise), styles, width, height,
                                room, plan.exercise_notes.get(exercise.id, ""))
    story.append(PageBreak())
    return story

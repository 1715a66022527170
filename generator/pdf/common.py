"""Pieces shared by several sections: doses kept on one line, the pain-rule box, bullet lists."""

from __future__ import annotations

from reportlab.platypus import Paragraph, Table

from .. import clinical
from ..i18n import N_, _, ngettext
from .flowables import esc, grid, para
from .styles import AMBER_TINT, GREEN_TINT, INK, STOP_TINT, WARN, Styles

PAIN_TINTS = (GREEN_TINT, AMBER_TINT, STOP_TINT, STOP_TINT)


def keep_numbers(text: str) -> str:
    """A clinic's contact with its phone number never broken between lines: spaces between
    digits become non-breaking.

    >>> keep_numbers("Riverside Physio 01234 567890").split(" ")
    ['Riverside', 'Physio', '01234\xa0567890']
    """
    import re

    return re.sub(r"(?<=\d) (?=\+?\d)", "\u00a0", text)


def number_key(numbers: dict[str, int], exercises) -> str:
    """What numbered columns stand for, as markup: '<b>1</b> Cat-cow stretch · <b>2</b> ...',
    each number kept on the line with its name."""
    return " · ".join(f"<b>{numbers[e.id]}</b>\u00a0{esc(e.name)}" for e in exercises)


def nobreak(text: str) -> str:
    """Keep a dose on one line, except that '/ side' may go to the next.

    >>> nobreak("2 × 30 s / side").split(" ")
    ['2\xa0×\xa030\xa0s', '/\xa0side']
    """
    return " ".join(part.replace(" ", "\u00a0") for part in text.replace(" / ", "\n/ ").split("\n"))


def dose_change(start, end) -> str:
    """From one dose to another, saying only what changes when just one thing does.

    >>> from generator.plan import Prescription, Change
    >>> a = Prescription("h", "H", "v", "V", 0, 3, 1, 2, 20, True, 30, Change.START)
    >>> b = Prescription("h", "H", "v", "V", 0, 3, 1, 2, 30, True, 30, Change.PROGRESS)
    >>> dose_change(a, b).replace("\xa0", " ")
    '2 reps · hold 20 s, up to 30 s · each side'
    """
    first, last = dose_words(start).split(" · "), dose_words(end).split(" · ")
    if first == last:
        return " · ".join(first)
    changed = [i for i, (x, y) in enumerate(zip(first, last)) if x != y]
    if len(first) == len(last) and len(changed) == 1:
        i = changed[0]
        a, b = first[i].split("\xa0"), last[i].split("\xa0")
        if len(a) == len(b) and a[0] == b[0] and len(a) > 1:  # 'hold 20 s' -> '30 s'
            b = b[1:]
        elif len(a) == len(b) == 2 and a[1] == b[1]:  # '10 reps' -> '12'
            b = b[:1]
        first[i] = _("{dose}, up to {end}").format(dose=first[i], end=chr(0xa0).join(b))
        return " · ".join(first)
    return _("{dose}, up to {end}").format(dose=" · ".join(first), end=" · ".join(last))


def dose_words(p) -> str:
    """A prescription as the card's strip says it, kept on one line piece by piece.

    >>> from generator.plan import Prescription, Change
    >>> dose_words(Prescription("p", "P", "v", "V", 0, 3, 1, 10, 3, False, 30, Change.START))
    '10\xa0reps · hold\xa03\xa0s'
    >>> dose_words(Prescription("b", "B", "v", "V", 0, 3, 2, 8, None, True, 30, Change.START))
    '2\xa0sets\xa0of\xa08 · each\xa0side'
    >>> dose_words(Prescription("c", "C", "v", "V", 0, 3, 3, 5, 10, False, 30, Change.START, 2))
    '5-3-1\xa0reps · hold\xa010\xa0s'
    >>> dose_words(Prescription("m", "M", "v", "V", 0, 3, 1, 12, 5, False, 0, Change.START,
    ...                         rounds=True)).replace("\xa0", " ")
    '12 rounds · 5 s at each end'
    """
    if p.daily:
        return nobreak(p.short())
    if p.drop:
        parts = [_("{counts} reps").format(counts="-".join(map(str, p.reps_per_set())))]
    elif p.sets > 1:
        parts = [_("{sets} sets of {reps}").format(sets=p.sets, reps=p.reps)]
    elif p.rounds and p.hold_s is not None:  # a slow movement that pauses at each end
        parts = [ngettext("{reps} round", "{reps} rounds", p.reps).format(reps=p.reps)]
    else:
        parts = [ngettext("{reps} rep", "{reps} reps", p.reps).format(reps=p.reps)]
    if p.hold_s is not None:
        parts.append((_("{seconds} s at each end") if p.rounds and not p.drop else
                      _("hold {seconds} s")).format(seconds=p.hold_s))
    if p.per_side:
        parts.append(_("each side"))
    return " · ".join(nobreak(part) for part in parts)


def bullets(items, styles: Styles, numbered: bool = False, style: str = "bullet") -> list:
    return [
        Paragraph(esc(item), styles[style], bulletText=f"{i}." if numbered else "•")
        for i, item in enumerate(items, 1)
    ]


SIGNALS = (N_("GO"), N_("CAUTION"), N_("STOP"), N_("STOP"))
"""A word for each zone of the pain rule, so it reads without colour."""
WEIGHTS = (1, 3, 6, 6)
"""The width of each zone's left bar, in points: heavier as the zone gets more serious."""
BUTT = 0
"""A line's ends cut square at its ends (reportlab's default rounds them past a row's edge)."""
EMERGENCY_LINE = (2, WARN, None, None, None, 2, 2)
"""A heavy double line around the emergency signs: in black and white they still stand out."""
EMERGENCY_INSET = 3
"""How far that double line's outer edge lies outside its box (its weight and half its gap)."""


def set_in(make, width: float) -> Table:
    """The table *make(width)* makes, narrowed and set in so that a double line drawn round
    it (see EMERGENCY_LINE) keeps to *width*, as every other box keeps to the margins."""
    inset = EMERGENCY_INSET
    return grid([[make(width - 2 * inset)]], [width], [
        ("LEFTPADDING", (0, 0), (-1, -1), inset), ("RIGHTPADDING", (0, 0), (-1, -1), inset),
        ("TOPPADDING", (0, 0), (-1, -1), 0),  # above and below, the spaces around the box
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])  # hold the line, as they always have


def pain_rule_box(styles: Styles, width: float) -> Table:
    """The pain rule in full, a band per zone. In black and white each zone still says GO,
    CAUTION or STOP and carries a heavier bar the more serious it is."""
    rows = [[para(_(clinical.PAIN_RULE_TITLE), styles["box_title"]), ""],
            [para(_(clinical.PAIN_RULE_INTRO), styles["body"]), ""]]
    for signal, (zone, text) in zip(SIGNALS, clinical.PAIN_RULE):
        rows.append([Paragraph(f"<b>{esc(_(signal))}</b><br/>{esc(_(zone))}", styles["body"]),
                     para(_(text), styles["body"])])
    rows.append([para(_(clinical.FLARE_UP_TITLE), styles["label"]),
                 para(f"{_(clinical.FLARE_UP)} {_(clinical.BACK_ON_PLAN)}", styles["body"])])
    label_w = styles.size(84)
    commands = [
        ("SPAN", (0, 0), (1, 0)),
        ("SPAN", (0, 1), (1, 1)),
        ("BOX", (0, 0), (-1, -1), 1.5, INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), styles.size(8)),
        ("RIGHTPADDING", (0, 0), (-1, -1), styles.size(6)),
        ("TOPPADDING", (0, 0), (-1, -1), styles.size(3)),
        ("BOTTOMPADDING", (0, 0), (-1, -1), styles.size(2)),
    ]
    for i, (tint, weight) in enumerate(zip(PAIN_TINTS, WEIGHTS)):
        commands.append(("BACKGROUND", (0, 2 + i), (-1, 2 + i), tint))
        commands.append(("LINEABOVE", (0, 2 + i), (-1, 2 + i), 0.5, INK))
        commands.append(("LINEBEFORE", (0, 2 + i), (0, 2 + i), weight, INK, BUTT))
    commands.append(("TEXTCOLOR", (0, 4), (0, 5), WARN))
    commands.append(("LINEABOVE", (0, 6), (-1, 6), 0.5, INK))
    return grid(rows, [label_w, width - label_w], commands)


def pain_rule_pointer(where: str) -> str:
    """One sentence that sends the reader to the pain rule printed in full elsewhere."""
    return _("Use the pain rule {where} every week: GO (0 to 3) move up, CAUTION (4 to 5) stay "
             "the same, STOP (above 5, or spreading down a leg) go back a step or ask."
             ).format(where=where)

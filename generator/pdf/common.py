"""Pieces shared by several sections: doses kept on one line, the pain-rule box, bullet lists."""

from __future__ import annotations

from reportlab.platypus import Paragraph, Table

from .. import clinical
from ..wording import span  # noqa: F401 - the sections import it from here
from .flowables import esc, grid, para
from .styles import AMBER_TINT, GREEN_TINT, INK, WARN, WARN_TINT, Styles

PAIN_TINTS = (GREEN_TINT, AMBER_TINT, WARN_TINT, WARN_TINT)


def nobreak(text: str) -> str:
    """Keep a dose on one line, except that '/ side' may go to the next.

    >>> nobreak("2 × 30 s / side").split(" ")
    ['2\xa0×\xa030\xa0s', '/\xa0side']
    """
    return " ".join(part.replace(" ", "\u00a0") for part in text.replace(" / ", "\n/ ").split("\n"))


def bullets(items, styles: Styles, numbered: bool = False, style: str = "bullet") -> list:
    return [
        Paragraph(esc(item), styles[style], bulletText=f"{i}." if numbered else "•")
        for i, item in enumerate(items, 1)
    ]


def pain_rule_box(styles: Styles, width: float) -> Table:
    """The pain rule as a table with a tinted band per zone; it reads in black and white too."""
    rows = [[para(clinical.PAIN_RULE_TITLE, styles["box_title"]), ""],
            [para(clinical.PAIN_RULE_INTRO, styles["body"]), ""]]
    for zone, text in clinical.PAIN_RULE:
        rows.append([para(zone, styles["label"]), para(text, styles["body"])])
    rows.append([para(clinical.FLARE_UP_TITLE, styles["label"]),
                 para(f"{clinical.FLARE_UP} {clinical.BACK_ON_PLAN}", styles["body"])])
    label_w = styles.size(78)
    commands = [
        ("SPAN", (0, 0), (1, 0)),
        ("SPAN", (0, 1), (1, 1)),
        ("BOX", (0, 0), (-1, -1), 1.5, INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), styles.size(8)),
        ("RIGHTPADDING", (0, 0), (-1, -1), styles.size(8)),
        ("TOPPADDING", (0, 0), (-1, -1), styles.size(4)),
        ("BOTTOMPADDING", (0, 0), (-1, -1), styles.size(3)),
    ]
    for i, tint in enumerate(PAIN_TINTS):
        commands.append(("BACKGROUND", (0, 2 + i), (-1, 2 + i), tint))
        commands.append(("LINEABOVE", (0, 2 + i), (-1, 2 + i), 0.5, INK))
    commands.append(("TEXTCOLOR", (0, 5), (0, 5), WARN))
    commands.append(("LINEABOVE", (0, 6), (-1, 6), 0.5, INK))
    return grid(rows, [label_w, width - label_w], commands)

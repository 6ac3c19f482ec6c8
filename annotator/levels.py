"""How evidence and risk combine into the warning level a reader sees (documented in docs/knowledge-base.md)."""
from __future__ import annotations

from typing import Final, Literal

Evidence = Literal["established", "promising", "limited", "unproven", "disproven"]
Risk = Literal["low", "moderate", "high", "severe"]
Level = Literal["established", "caution", "warning", "danger"]                  # of a card or one use
ShownLevel = Literal["established", "depends", "caution", "warning", "danger"]  # of a highlight

EVIDENCE: Final[tuple[Evidence, ...]] = ("established", "promising", "limited", "unproven", "disproven")
RISKS: Final[tuple[Risk, ...]] = ("low", "moderate", "high", "severe")
LEVELS: Final[tuple[Level, ...]] = ("established", "caution", "warning", "danger")  # calmest first
DEPENDS: Final = "depends"  # no use named near a mention, and the treatment's uses differ in level
# as the popup orders them, calmest first
ALL_LEVELS: Final[tuple[ShownLevel, ...]] = ("established", DEPENDS, "caution", "warning", "danger")

_MATRIX: Final[dict[str, tuple[Level, Level, Level, Level]]] = {
    "established": ("established", "established", "established", "established"),
    "promising": ("caution", "caution", "warning", "danger"),
    "limited": ("caution", "caution", "warning", "danger"),
    "unproven": ("warning", "warning", "danger", "danger"),
    "disproven": ("warning", "warning", "danger", "danger"),
}


def level_for(evidence: str, risk: str) -> Level:
    return _MATRIX[evidence][RISKS.index(risk)]


def caution_rank(evidence: str, risk: str) -> tuple[int, int, int]:
    """Sort key: larger is more cautious. Used when two indications compete for one mention on a real tie."""
    return (LEVELS.index(level_for(evidence, risk)), EVIDENCE.index(evidence), RISKS.index(risk))

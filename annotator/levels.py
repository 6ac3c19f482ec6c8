"""How evidence and risk combine into the warning level a reader sees (documented in docs/knowledge-base.md)."""
from __future__ import annotations

EVIDENCE = ("established", "promising", "limited", "unproven", "disproven")
RISKS = ("low", "moderate", "high", "severe")
LEVELS = ("established", "caution", "warning", "danger")  # calmest first

_MATRIX = {
    "established": ("established", "established", "established", "established"),
    "promising": ("caution", "caution", "warning", "danger"),
    "limited": ("caution", "caution", "warning", "danger"),
    "unproven": ("warning", "warning", "danger", "danger"),
    "disproven": ("warning", "warning", "danger", "danger"),
}


def level_for(evidence: str, risk: str) -> str:
    return _MATRIX[evidence][RISKS.index(risk)]


def caution_rank(evidence: str, risk: str) -> tuple[int, int, int]:
    """Sort key: larger is more cautious. Used when two indications compete for one mention."""
    return (LEVELS.index(level_for(evidence, risk)), EVIDENCE.index(evidence), RISKS.index(risk))

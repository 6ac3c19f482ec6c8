"""What `annotate` returns: typed, immutable, and one `to_dict()` away from the JSON the server sends."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Highlight:
    """One mention, as a W3C Web Annotation style text-quote selector plus offsets, with the verdict that applies.

    `start`/`end` count Unicode code points of the extracted text (or of the block, for `annotate_blocks`), so
    that `text[start:end] == exact` always holds.
    """

    treatment: str
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    match: str             # "exact" or "fuzzy"
    score: int             # 0-100
    level: str             # "established", "caution", "warning", "danger"
    indication: str | None
    evidence: str
    risk: str
    block: int | None = None

    def to_dict(self) -> dict:
        out = dict(vars(self))  # every field is a plain value: no deep copy (asdict) on the hot path
        if self.block is None:
            del out["block"]
        return out


@dataclass(frozen=True)
class Annotations:
    highlights: tuple[Highlight, ...]
    treatments: dict          # id -> card, for every treatment highlighted
    kb_version: str
    kb_entries: int
    text: str = ""            # the extracted text the offsets refer to (not part of the JSON)

    def to_dict(self) -> dict:
        return {
            "kb": {"version": self.kb_version, "entries": self.kb_entries},
            "highlights": [h.to_dict() for h in self.highlights],
            "treatments": self.treatments,
        }

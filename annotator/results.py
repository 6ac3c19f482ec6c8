"""What `annotate` returns: typed, immutable, and one `to_dict()` away from the JSON the server sends.

Every value in a result is frozen (highlights, cards, the mapping of cards), so one result, or the KB's cards inside
it, can be shared between threads and callers; `to_dict()` returns a fresh copy that a caller may change."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .cards import Card
from .levels import Evidence, Risk, ShownLevel


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
    match: Literal["exact", "fuzzy"]
    score: int             # 0-100
    level: ShownLevel
    indication: str | None
    evidence: Evidence
    risk: Risk
    block: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out = dict(vars(self))  # every field is a plain value: no deep copy (asdict) on the hot path
        if self.block is None:
            del out["block"]
        return out


@dataclass(frozen=True)
class Annotations:
    highlights: tuple[Highlight, ...]
    treatments: Mapping[str, Card]   # id -> card, for every treatment highlighted (read-only)
    kb_version: str
    kb_entries: int
    text: str = ""            # the extracted text the offsets refer to (not part of the JSON)

    def to_dict(self, with_text: bool = False) -> dict[str, Any]:
        """The JSON of docs/annotations.schema.json; `with_text` adds the extracted text the offsets count in (for
        an HTML page, whose text the caller does not have)."""
        out: dict[str, Any] = {"kb": {"version": self.kb_version, "entries": self.kb_entries}}
        if with_text:
            out["text"] = self.text
        out["highlights"] = [h.to_dict() for h in self.highlights]
        out["treatments"] = {tid: card.to_dict() for tid, card in self.treatments.items()}
        return out

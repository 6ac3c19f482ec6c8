"""What a reader's card holds, as frozen, typed values built once per KB entry.

Results hand out these same objects to every caller and every thread, so they must not be changeable: a caller that
edits a card (`card.summary = ...`) gets an error instead of silently changing every later answer. `to_dict()` builds
a fresh JSON-ready copy in the shape docs/annotations.schema.json fixes.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from .levels import Evidence, Level, Risk, level_for


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    url: str
    year: int
    kind: str | None = None   # regulator, agency, guideline, systematic-review, trial, journal, news, other

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "publisher": self.publisher, "url": self.url, "year": self.year,
                "kind": self.kind}


@dataclass(frozen=True)
class CitedNote:
    note: str
    sources: tuple[str, ...]
    status: str | None = None  # for a regulator's note: approved, not-approved, ... (see the KB schema)

    def to_dict(self) -> dict[str, Any]:
        return {"note": self.note, "sources": list(self.sources)}


@dataclass(frozen=True)
class IndicationCard:
    condition: str
    evidence: Evidence
    risk: Risk
    level: Level
    note: str
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"condition": self.condition, "evidence": self.evidence, "risk": self.risk, "level": self.level,
                "note": self.note, "sources": list(self.sources)}


@dataclass(frozen=True)
class Change:
    date: str
    note: str


@dataclass(frozen=True)
class Card:
    id: str
    name: str
    category: str
    evidence: Evidence
    risk: Risk
    level: Level
    summary: str
    details: str | None
    indications: tuple[IndicationCard, ...]
    regulatory: Mapping[str, CitedNote]   # read-only view, by jurisdiction code
    risks: tuple[str, ...]
    cost: CitedNote | None
    sources: tuple[Source, ...]
    reviewed: str
    changes: tuple[Change, ...] = ()

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Card:
        """From an entry's checked YAML data."""
        return cls(
            id=data["id"], name=data["name"], category=data["category"], evidence=data["evidence"],
            risk=data["risk"], level=level_for(data["evidence"], data["risk"]), summary=data["summary"].strip(),
            details=data.get("details", "").strip() or None,
            indications=tuple(
                IndicationCard(i["condition"], i["evidence"], i["risk"], level_for(i["evidence"], i["risk"]),
                               i["note"].strip(), tuple(i["sources"]))
                for i in data["indications"]),
            regulatory=MappingProxyType({k: _note(v) for k, v in data["regulatory"].items()}),
            risks=tuple(r.strip() for r in data["risks"]),
            cost=_note(data["cost"]) if data.get("cost") else None,
            sources=tuple(Source(s["id"], s["title"], s["publisher"], s["url"], s["year"], s.get("kind"))
                          for s in data["sources"]),
            reviewed=data["reviewed"],
            changes=tuple(Change(c["date"], c["note"].strip()) for c in data.get("changes", ())),
        )

    @property
    def summary_fields(self) -> dict[str, str]:
        """The few fields a list of treatments shows."""
        return {"id": self.id, "name": self.name, "category": self.category, "evidence": self.evidence,
                "risk": self.risk, "level": self.level}

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.summary_fields,
            "summary": self.summary,
            "details": self.details,
            "indications": [i.to_dict() for i in self.indications],
            "regulatory": {k: {**v.to_dict(), "status": v.status} for k, v in self.regulatory.items()},
            "risks": list(self.risks),
            "cost": self.cost.to_dict() if self.cost else None,
            "sources": [s.to_dict() for s in self.sources],
            "reviewed": self.reviewed,
            "changes": [{"date": c.date, "note": c.note} for c in self.changes],
        }


def _note(data: dict[str, Any]) -> CitedNote:
    return CitedNote(data["note"].strip(), tuple(data["sources"]), data.get("status"))

"""A loaded KB entry: the fields the matcher and the cards need, built once from the validated YAML data."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .cards import Card
from .levels import level_for
from .normalize import norm_phrase


@dataclass(frozen=True)
class Indication:
    condition: str
    words: tuple[tuple[str, ...], ...]   # normalised phrases that signal this condition
    evidence: str
    risk: str
    level: str


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    aliases: tuple[tuple[str, bool], ...]    # (spelling, exact); the name comes first
    not_when: tuple[tuple[str, ...], ...]    # normalised veto phrases
    indications: tuple[Indication, ...]
    card: Card

    @classmethod
    def from_data(cls, data: dict) -> Entry:
        aliases = [(name, exact) for name, exact, _ in alias_list(data)]
        indications = tuple(
            Indication(i["condition"], tuple(p for p in map(norm_phrase, i["words"]) if p), i["evidence"],
                       i["risk"], level_for(i["evidence"], i["risk"]))
            for i in data["indications"])
        return cls(data["id"], data["name"], tuple(dict.fromkeys(aliases)),
                   tuple(p for p in map(norm_phrase, data.get("not_when", [])) if p), indications,
                   Card.from_data(data))


def alias_list(data: dict) -> list[tuple[str, bool, tuple]]:
    """Every spelling the matcher looks for, as (spelling, exact, path in the YAML). The name counts, without a
    bracketed abbreviation: "Platelet-rich plasma (PRP)" is matched as "Platelet-rich plasma"."""
    out = [(re.sub(r"\s*\([^)]*\)", "", data["name"]).strip() or data["name"], False, ("name",))]
    for i, alias in enumerate(data["aliases"]):
        if isinstance(alias, str):
            out.append((alias, False, ("aliases", i)))
        else:
            out.append((alias["name"], bool(alias.get("exact")), ("aliases", i)))
    return out

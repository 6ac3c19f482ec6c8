"""An abbreviation the text defines for a treatment stands for that treatment everywhere in the text.

Writers name a treatment once in full and give the short form they use after it: "fenbendazole (FZ)", "low-dose
naltrexone (LDN)". The KB cannot list every such short form, and a reader takes each later "FZ" as the drug. The
short form must look like one made from the name (its first letter is the name's, its other letters stand in the
name in order: the test of Schwartz and Hearst, 2003), so that "ivermectin (see below)" or "metformin (Glucophage)"
define nothing here. The reverse, a treatment's short form after some other words ("Chief of Defence Staff (CDS)"),
is the other sense of the short form and is handled in acronyms.py.
"""
from __future__ import annotations

import re

from .match import Alias, Match

_DEFINED = re.compile(r"[ \t]*\(([A-Z][A-Za-z0-9]{1,7})\)")


def defined(text: str, candidates: list[Match]) -> list[Match]:
    """Every use of an abbreviation the text defines right after one of the candidates' names, as a match of that
    candidate's treatment, where no candidate already stands."""
    defs: dict[str, str] = {}
    for m in candidates:
        if m.alias.exact or m.alias.ambiguous or m.alias.short_form:
            continue
        found = _DEFINED.match(text, m.end)
        if found and _abbreviates(found.group(1), text[m.start:m.end]):
            defs.setdefault(found.group(1), m.alias.entry)
    if not defs:
        return []
    aliases = {short: Alias(entry, short, exact=True) for short, entry in defs.items()}
    taken = bytearray(len(text))  # where a candidate already stands
    for m in candidates:
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    out = []
    for use in _SHORT_FORM.finditer(text):  # one pass, however many abbreviations the text defines
        alias = aliases.get(use.group(1))
        if alias and taken.find(1, use.start(), use.end()) == -1:
            out.append(Match(use.start(), use.end(), alias, 100, False))
    return out


_SHORT_FORM = re.compile(r"(?<![\w-])([A-Z][A-Za-z0-9]{1,7}?)s?(?![\w-])")


def _abbreviates(short: str, name: str) -> bool:
    """Can `short` be made from `name`: at least two capitals, the same first letter, the other letters found in
    order ("FZ" in "fenbendazole", "LDN" in "low-dose naltrexone"; not "Ozempic")?"""
    letters, name = short.lower(), name.lower()
    if sum(c.isupper() for c in short) < 2 or letters[0] != name[:1]:
        return False
    at = 1
    for c in letters[1:]:
        at = name.find(c, at) + 1
        if at == 0:
            return False
    return True

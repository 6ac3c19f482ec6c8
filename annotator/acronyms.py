"""An acronym the text itself spells out as something else is that something else, everywhere in the text.

Writers define the acronyms they use: "Computer-Based Test (CBT) centres", "the Marine Stewardship Council, MSC,",
"MMR (Mumbai Metropolitan Region)". When the words beside an acronym's first letters spell it out and they are not
one of the treatment's own names (found by the same matcher, typos and spellings included), every use of that
acronym in the text means the other thing, as a reader would take it. The same holds when the text writes it out
as a capitalised name anywhere, one word per letter ("Lake Shore Drive" on a page about "Lower LSD"). A text that
spells it out as the treatment ("cognitive behavioural therapy (CBT)") keeps it.
"""
from __future__ import annotations

import bisect
import functools
import re

from .match import Match
from .normalize import CLOSE_QUOTES, OPEN_QUOTES

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_MINOR = frozenset({"of", "the", "and", "for", "in", "on", "to", "a", "an", "de", "du", "des", "la", "del", "y", "et",
                    "&"})
_REACH = 80   # characters either side where an acronym's spelled-out form may stand

Definition = tuple[int, int]   # where the spelled-out words stand in the text


def foreign(text: str, candidates: list[Match]) -> set[Match]:
    """The candidates that are acronyms the text spells out as something other than their treatment."""
    acronyms: dict[tuple[str, str], list[Match]] = {}
    for m in candidates:
        letters = _letters(text[m.start:m.end])
        if m.alias.exact and letters:
            acronyms.setdefault((m.alias.entry, letters), []).append(m)
    out: set[Match] = set()
    names: list[list[re.Match[str]]] | None = None  # the text's runs of capitalised words, found once if needed
    by_entry: dict[str, list[tuple[int, int]]] | None = None  # entry -> (start, end) of its candidates, if needed
    for (entry, letters), found in acronyms.items():
        spans = [d for m in found if (d := _definition(text, m.start, m.end, letters))]
        if not spans and letters.isalpha() and len(letters) >= 3:
            names = _capitalised_runs(text) if names is None else names
            spans = _written_out(names, letters)
        if spans:
            by_entry = _by_entry(candidates) if by_entry is None else by_entry
            if not any(_names(by_entry, entry, span) for span in spans):
                out.update(found)
    return out


_CAPITALISED = re.compile(r"[A-Z][a-z’']+")
_RUN = re.compile(r"[A-Z][a-z’']+(?:(?:[ -]+(?:of|the|and|for|de|del|la|y|et|&))?[ -]+[A-Z][a-z’']+){2,}")


def _capitalised_runs(text: str) -> list[list[re.Match[str]]]:
    """Every run of three or more capitalised words (minor words allowed between them), as its words: one pass
    over the text, however many acronyms it holds."""
    return [list(_CAPITALISED.finditer(text, run.start(), run.end())) for run in _RUN.finditer(text)
            if run.start() == 0 or not text[run.start() - 1].isalnum()]


def _written_out(runs: list[list[re.Match[str]]], letters: str) -> list[Definition]:
    """Where the text writes the acronym out as a name, one capitalised word per letter ("Southbound Lower Lake
    Shore Drive" ... "Lower LSD"): a road, a body or a firm the reader already knows it stands for."""
    spans = []
    for words in runs:
        initials = "".join(w.group()[0] for w in words)
        i = initials.find(letters)
        while i != -1:
            spans.append((words[i].start(), words[i + len(letters) - 1].end()))
            i = initials.find(letters, i + 1)
    return spans


def _letters(surface: str) -> str:
    """The capitals of an acronym as written ("MSCs" -> "MSC"), or "" when the surface is not an acronym."""
    core = surface[:-1] if surface.endswith("s") else surface
    return core if 2 <= len(core) <= 8 and core.isupper() and core.isalnum() else ""


def _definition(text: str, start: int, end: int, letters: str) -> Definition | None:
    """Where the words that spell out the acronym at [start, end) stand: before it, as in "Chief of Defence Staff
    (CDS)", "electronically stored information (“ESI”)" or "Computer Base Test, CBT,"; or after it in brackets, as
    in "MMR (Mumbai Metropolitan Region)"."""
    if text[end:end + 1] in CLOSE_QUOTES and text[start - 1:start] in OPEN_QUOTES:   # quoted: look past the quotes
        start, end = start - 1, end + 1
    before, after = text[max(start - _REACH, 0):start].rstrip(), text[end:end + 2]
    if (before.endswith("(") and after.startswith(")")) or (before.endswith(",") and after.startswith(",")):
        lo = start - _REACH if start > _REACH else 0
        head = text[lo:start].rstrip()[:-1]
        words = list(_WORD.finditer(head))
        first = _spelled(words[::-1], letters[::-1], last=True)
        if first is not None:
            return lo + words[-1 - first].start(), lo + len(head)
    bracket = re.match(r"\s*\(([^()]{3,%d})\)" % _REACH, text[end:end + _REACH + 4])
    if bracket:
        inner = list(_WORD.finditer(bracket.group(1)))
        if _spelled(inner, letters, last=False) == len(inner) - 1:
            return end + bracket.start(1), end + bracket.end(1)
    return None


def _spelled(words: list[re.Match[str]], letters: str, last: bool) -> int | None:
    """Walk the words (nearest the acronym first when `last`) taking one letter of the acronym per initial; a minor
    word may take a letter or be skipped ("Department of Defense (DoD)", "Knowledge, Attitude and Practice (KAP)").
    The index of the word that took the final letter, or None."""
    initials = [[p[0].upper() for p in (parts[::-1] if last else parts) if p]
                for parts in (re.split(r"[-‐]", w.group()) for w in words)]
    minor = [w.group().lower() in _MINOR for w in words]
    wanted = letters.upper()

    @functools.lru_cache(maxsize=None)
    def walk(k: int, i: int) -> int | None:
        if k == len(words):
            return None
        joined = "".join(initials[k])
        n = len(joined)   # "ﬁ".upper() is two letters
        if n and wanted.startswith(joined, i):
            if i + n == len(wanted):
                if not minor[k]:
                    return k
            elif (taken := walk(k + 1, i + n)) is not None:
                return taken
        return walk(k + 1, i) if minor[k] else None

    return walk(0, 0)


def _by_entry(candidates: list[Match]) -> dict[str, list[tuple[int, int]]]:
    """Each entry's candidates as (start, end), in order: built once per text, and only if an acronym is spelled
    out."""
    found: dict[str, list[tuple[int, int]]] = {}
    for m in sorted(candidates, key=lambda m: (m.start, m.end)):
        found.setdefault(m.alias.entry, []).append((m.start, m.end))
    return found


def _names(by_entry: dict[str, list[tuple[int, int]]], entry: str, span: Definition) -> bool:
    """Does one of the entry's own names stand inside the spelled-out words? Its names are bisected: a text with
    thousands of spelled-out acronyms does not read every candidate for each."""
    lo, hi = span
    names = by_entry.get(entry, [])
    k = bisect.bisect_left(names, (lo, -1))
    while k < len(names) and names[k][0] < hi:
        if names[k][1] <= hi:
            return True
        k += 1
    return False

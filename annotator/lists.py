"""A bare word that is a treatment only as an item of a list of treatments: "chemotherapy, radiation and surgery".

Articles about cancer list its treatments by their everyday names ("surgery", "radiation", "hormone therapy"); on
their own these words also mean a knee operation, cosmic rays or the menopause. An entry marks such a name with
`listed_with`, the entries whose names, as the next or previous item of the same list, make it the treatment. An
item is the name alone: "radiation oncologist", "hip surgery" and "surgery wards" are not the item "surgery". The
first item of a list starts its sentence or clause, or follows one of the KB's `list_cues` ("had", "such as",
"undergo"); a name written with a capital stands only at the start of its sentence, clause or bullet ("Surgery,
radiation and chemotherapy are..."), since "Emergency, Surgery, Chemotherapy Day Unit" lists a hospital's
departments. The neighbour must be a whole item too ("radiation, chemotherapy drugs and benzene" lists hazards). And
the text or the page's title must name one of the listed name's own uses (a cancer): keloids, lupus and ectopic
pregnancy are also treated with "radiotherapy or surgery". A listed name kept this way is itself a neighbour for the
next one ("chemotherapy, radiation, surgery and hormone treatment"). Everything here reads the candidates alone,
before any veto; the vetoes still apply, and a name whose neighbour is not highlighted in the end goes too.
"""
from __future__ import annotations

import bisect
import re

from collections.abc import Callable

from .entry import Cues
from .match import Match
from .normalize import norm

# what stands between two items of a list: commas, "and", "or", "with", "followed by", bullets and line breaks
_BETWEEN = re.compile(r"(?:\s|[,;/&+•·*]|\band/or\b|\band\b|\bor\b|\bnor\b|\bplus\b|\bwith\b|\bthen\b|\bfollowed by\b"
                      r"|\bas well as\b)*", re.I)
_SEPARATOR = re.compile(r"[,;/&+•·*\n]|\band\b|\bor\b|\bnor\b|\bplus\b|\bwith\b|\bthen\b|\bfollowed\b|\bas well as\b",
                        re.I)
_AFTER = re.compile(r"\s*(?:[.,;:!?)\]\n]|$|" + _SEPARATOR.pattern + ")", re.I)   # what may follow an item
_OPENING = re.compile(r"(?:^|[.!?:;(\[\n•·*–—-])\s*\Z")           # the start of a sentence, clause or bullet
_LAST_WORD = re.compile(r"([^\W\d_]+)\s*\Z")
_NEXT_WORD = re.compile(r"[\s-]*([^\W\d_]+)")
_REACH = 40   # characters before an item where the word opening its list is looked for


def resolve(candidates: list[Match], text: str, cues: Cues,
            names_a_use: Callable[[str], bool] = lambda entry: True) -> list[Match]:
    """The candidates without the listed names that stand in no list beside a treatment that `listed_with` names.
    `names_a_use` tells whether the text or the page's title names one of an entry's uses."""
    listed = [m for m in candidates if m.alias.listed_with]
    if not listed:
        return candidates
    items = [m for m in listed if _an_item(m, text, cues.list_openers) and names_a_use(m.alias.entry)]
    anchors = [(m.start, m.end, m.alias.entry) for m in candidates
               if not m.alias.listed_with and not _modified(m, text, cues.list_modifiers)]
    kept: set[Match] = set()
    while True:   # a kept item is a neighbour for the next: "chemotherapy, radiation, surgery"
        near = _Neighbours(anchors)
        found = {m for m in items if m not in kept and _beside(m, near, text)}
        if not found:
            break
        kept |= found
        anchors += [(m.start, m.end, m.alias.entry) for m in found]
    return [m for m in candidates if not m.alias.listed_with or m in kept]


def _modified(m: Match, text: str, modifiers: frozenset[str]) -> bool:
    """Does a word right after the name, or the name's own last word, make it describe something else ("chemotherapy
    drugs" as a hazard, "Chemotherapy Day Unit")?"""
    word = _NEXT_WORD.match(text, m.end)
    last = _LAST_WORD.search(text, m.start, m.end)
    return any(w is not None and norm(w.group(1)) in modifiers for w in (word, last))


def _an_item(m: Match, text: str, openers: frozenset[str]) -> bool:
    """Is the name a whole item of a list: followed by a separator or the end of its clause, and preceded by a
    separator, the start of its clause or a word that opens a list?"""
    if not _AFTER.match(text, m.end):
        return False
    before = text[max(m.start - _REACH, 0):m.start]
    if _OPENING.search(before):
        return True
    if text[m.start].isupper():   # "Emergency, Surgery, Chemotherapy Day Unit": a department, a title
        return False
    if before.rstrip().endswith((",", "/", "&", "+")):
        return True
    word = _LAST_WORD.search(before)
    return word is not None and (norm(word.group(1)) in openers or _SEPARATOR.fullmatch(word.group(1)) is not None)


class _Neighbours:
    """The treatments found, sorted by where they start and by where they end, so that the ones just before and just
    after an item are found by bisection: a page with thousands of "surgery" costs no more per mention."""

    def __init__(self, anchors: list[tuple[int, int, str]]):
        self.by_start = sorted(anchors)
        self.starts = [a[0] for a in self.by_start]
        self.by_end = sorted(anchors, key=lambda a: a[1])
        self.ends = [a[1] for a in self.by_end]

    def before(self, pos: int) -> list[tuple[int, int, str]]:
        return self.by_end[bisect.bisect_left(self.ends, pos - _REACH):bisect.bisect_right(self.ends, pos)]

    def after(self, pos: int) -> list[tuple[int, int, str]]:
        return self.by_start[bisect.bisect_left(self.starts, pos):bisect.bisect_right(self.starts, pos + _REACH)]


def _beside(m: Match, near: _Neighbours, text: str) -> bool:
    """Is the next or previous item of its list a treatment its `listed_with` names?"""
    wanted = m.alias.listed_with
    return any(entry in wanted and _joins(text[end:m.start]) for _, end, entry in near.before(m.start)) \
        or any(entry in wanted and _joins(text[m.end:start]) for start, _, entry in near.after(m.end))


def _joins(gap: str) -> bool:
    """Does the gap between two items hold only what separates items of a list, and at least one separator?"""
    return len(gap) <= _REACH and _BETWEEN.fullmatch(gap) is not None and _SEPARATOR.search(gap) is not None

"""A bare word that is a treatment only as an item of a list of treatments: "chemotherapy, radiation and surgery".

Articles about cancer list its treatments by their everyday names ("surgery", "radiation", "hormone therapy"); on
their own these words also mean a knee operation, cosmic rays or the menopause. An entry marks such a name with
`listed_with`, the entries whose names, as the next or previous item of the same list, make it the treatment. An
item is the name alone: "radiation oncologist", "hip surgery" and "surgery wards" are not the item "surgery". The
first item of a list starts its sentence or clause, or follows one of the KB's `list_cues` ("had", "such as",
"undergo"); a name written with a capital stands only at the start of its sentence, clause or bullet ("Surgery,
radiation and chemotherapy are..."), since "Emergency, Surgery, Chemotherapy Day Unit" lists a hospital's
departments. The neighbour must be a whole item too ("radiation, chemotherapy drugs and benzene" lists hazards). And
the page must name one of the listed name's own uses (a cancer): keloids, lupus and ectopic pregnancy are also
treated with "radiotherapy or surgery". The title or the name's own paragraph is enough; where only another paragraph
names it, the list must hold two such treatments besides the name, or one in a list of nothing else after a paragraph
that names it ("She had surgery and chemotherapy" in a story whose lead names the cancer), since "hair loss can follow
stress, chemotherapy, surgery or childbirth" lists causes. A listed name kept this way is itself a neighbour for the
next one ("chemotherapy, radiation, surgery and hormone treatment"). Everything here reads the candidates alone, before
any veto; the vetoes still apply, and a name whose neighbour is not highlighted in the end goes too.
"""
from __future__ import annotations

import bisect
import re

from collections.abc import Callable

from .context import UsePlace
from .entry import Cues
from .match import Match
from .normalize import norm

UseNamed = Callable[[Match], UsePlace | None]

# what separates two items of a list: commas, "and", "or", "with", "followed by", bullets and line breaks
_SEPARATORS = (r"[,;/&+•·*\n]|\band\b|\bor\b|\bnor\b|\bplus\b|\bwith\b|\bthen\b|\bfollowed\b(?:\s+by\b)?"
               r"|\bas well as\b")
_BETWEEN = re.compile(rf"(?:\s|{_SEPARATORS})*", re.I)   # all that may stand between two items
_SEPARATOR = re.compile(_SEPARATORS, re.I)
_AFTER = re.compile(r"\s*(?:[.,;:!?)\]\n]|$|" + _SEPARATOR.pattern + ")", re.I)   # what may follow an item
_OPENING = re.compile(r"(?:^|[.!?:;(\[\n•·*–—-])\s*\Z")           # the start of a sentence, clause or bullet
_LAST_WORD = re.compile(r"([^\W\d_]+)\s*\Z")
_NEXT_WORD = re.compile(r"[\s-]*([^\W\d_]+)")
_REACH = 40   # characters before an item where the word opening its list is looked for


def resolve(candidates: list[Match], text: str, cues: Cues, use_named: UseNamed = lambda m: "near") -> list[Match]:
    """The candidates without the listed names that stand in no list beside a treatment that `listed_with` names.
    `use_named(m)` tells where the page names one of m's entry's uses (Context.use_named)."""
    listed = [m for m in candidates if m.alias.listed_with]
    if not listed:
        return candidates
    names = [m for m in candidates if not _modified(m, text, cues.list_modifiers)]
    anchors = [(m.start, m.end, m.alias.entry) for m in names if not m.alias.listed_with]
    runs = _lists(names, text)
    items = [m for m in listed if _an_item(m, text, cues.list_openers) and _use_fits(m, runs, text, use_named(m))]
    kept: set[Match] = set()
    while True:   # a kept item is a neighbour for the next: "chemotherapy, radiation, surgery"
        near = _Neighbours(anchors)
        found = {m for m in items if m not in kept and _beside(m, near, text)}
        if not found:
            break
        kept |= found
        anchors += [(m.start, m.end, m.alias.entry) for m in found]
    return [m for m in candidates if not m.alias.listed_with or m in kept]


def _use_fits(m: Match, runs: dict[Match, list[Match]], text: str, place: UsePlace | None) -> bool:
    """Is the listed name's use (a cancer) named where its list makes it the treatment: in the title or its own
    paragraph; else in any paragraph, with two partners in its list, or one in a closed list after the paragraph
    that names it?"""
    if place == "near":
        return True
    if place is None:
        return False
    partners = _partners(m, runs)
    return partners >= 2 or partners == 1 and place == "before" and _closed(runs[m], text)


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


def _lists(names: list[Match], text: str) -> dict[Match, list[Match]]:
    """Each name's list: the run of names around it joined by separators. A shorter name inside a longer one is
    skipped. Found once per text, so that a page with thousands of "surgery" costs no more per mention."""
    runs: dict[Match, list[Match]] = {}
    run: list[Match] = []
    for name in sorted(names, key=lambda n: (n.start, -n.end)):
        if run and name.start < run[-1].end:
            continue
        if not run or not _joins(text[run[-1].end:name.start]):
            run = []
        run.append(name)
        runs[name] = run
    return runs


def _partners(m: Match, runs: dict[Match, list[Match]]) -> int:
    """How many treatments that m's `listed_with` names are items of its list? Two make a list of cancer treatments
    even where only another paragraph names the cancer ("surgery, chemotherapy and radiation", or a bulleted list);
    one may be a list of causes ("hair loss can follow stress, chemotherapy, surgery or childbirth")."""
    return sum(n is not m and n.alias.entry in m.alias.listed_with for n in runs.get(m, ()))


_OPEN_BEFORE = re.compile(r"[^\W\d_][\w)’'-]*\s*(?:[,;/&+]|\band\b|\bor\b|\bnor\b)\s*\Z", re.I)
_OPEN_AFTER = re.compile(r"\s*(?:,\s*)?(?:[,;/&+]|\band\b|\bor\b|\bnor\b)\s*[^\W\d_]+(?:[ -][^\W\d_]+)?\s*"
                         r"(?:[.;:!?)\n,/&+]|\band\b|\bor\b|\bnor\b|\Z)", re.I)
# an opening phrase ends in a comma too: "After her diagnosis, surgery and chemotherapy followed"
_OPENING_PHRASE = re.compile(r"(?:^|[.!?:;\n]\s*)(?:After|Following|Since|Then|In|By|Before|When|Later|Next|First|"
                             r"Afterwards|Eventually|Soon|Within|Over)\b[^.!?:;\n]*,\s*\Z")


def _closed(run: list[Match], text: str) -> bool:
    """Does the list hold nothing but its treatments: no other item before its first name or after its last? "She
    had surgery and chemotherapy" is closed; "stress, chemotherapy, surgery or childbirth" lists causes."""
    first, last = run[0], run[-1]
    before = text[max(first.start - 80, 0):first.start]
    return not (_OPEN_BEFORE.search(before) and not _OPENING_PHRASE.search(before)) \
        and not _OPEN_AFTER.match(text, last.end)

"""A short form ("stem cells", "plasma") is the treatment the text has named in full, as a reader takes it.

An article about mesenchymal stem cells soon says just "stem cells", and one about young-plasma clinics says
"plasma" and "transfusions". An entry lists such words as aliases with `short_form: true`. A short form is a
candidate in a text (or a page whose title) that names its treatment by another name; where several treatments could
own it, the one named last before it wins, and it takes the place of a broader entry's match on the same words.
Before any full name, the broader entry (if any) keeps the words ("stem cell therapy" before "mesenchymal stem
cells" is still stem cell therapy); a short form no other entry claims ("plasma transfusions" in a lead paragraph,
"young donor plasma" named further on) goes to the first treatment named after it. In a text that names none of
them, it is dropped, unless no other entry claims it, it is marked ambiguous, its own sentence names one of its
treatment's uses by a phrase of two or more words, and every use of its treatment is established ("exercise may help
ease the symptoms of low back pain" is physiotherapy's; a wrong guess there shows a calm, true card, never an
alarm). A short form marked ambiguous needs treatment context in its own sentence: the treatment being plainly meant
elsewhere in the text is not enough, since articles explain the biology of what they sell.
"""
from __future__ import annotations

import bisect
from collections.abc import Callable

from .match import Match

Span = tuple[int, int]


def resolve(candidates: list[Match], named_in_header: set[str],
            stands_alone: Callable[[Match], bool] = lambda m: False) -> list[Match]:
    """The candidates with each short form given to its treatment or dropped (see the module docstring).
    `stands_alone` tells whether an ambiguous short form no one else claims may stand where its treatment is named
    nowhere (vetoes.stands_alone: its sentence names a use, and every use is established)."""
    shorts: dict[Span, list[Match]] = {}
    for m in candidates:
        if m.alias.short_form:
            shorts.setdefault((m.start, m.end), []).append(m)
    if not shorts:
        return candidates
    full: dict[str, list[int]] = {}   # entry -> where its full names start, in order
    for m in sorted(candidates, key=lambda m: m.start):
        if not m.alias.short_form:
            full.setdefault(m.alias.entry, []).append(m.start)
    broader = {(m.start, m.end) for m in candidates if not m.alias.short_form}
    kept: set[Match] = set()
    for span, group in shorts.items():
        owners = {m.alias.entry: m for m in group}
        owner = _owner(span, owners, full, named_in_header, span not in broader)
        if owner:
            kept.add(owners[owner])
        elif len(owners) == 1 and span not in broader and group[0].alias.ambiguous and stands_alone(group[0]):
            kept.add(group[0])   # one owner, named nowhere, but its use is: "exercise ... eases low back pain"
    taken = {(m.start, m.end) for m in kept}
    return [m for m in candidates if m in kept or not (m.alias.short_form or (m.start, m.end) in taken)]


def _owner(span: Span, owners: dict[str, Match], full: dict[str, list[int]], named_in_header: set[str],
           unclaimed: bool) -> str | None:
    """The owner named last before the short form; else one the page's title names; else, for words no other
    entry claims, the first named after it. Each owner's names are bisected, not walked: a page of thousands of
    short forms costs no more per mention than a short one."""
    before = []
    for e in owners:
        k = bisect.bisect_left(full.get(e, []), span[0])
        if k:
            before.append((full[e][k - 1], e))
    if before:
        return max(before)[1]
    header = sorted(e for e in named_in_header if e in owners)
    if header:
        return header[0]
    if not unclaimed:
        return None
    after = [(starts[k], e) for e in owners
             if (k := bisect.bisect_left(starts := full.get(e, []), span[0])) < len(starts)]
    return min(after)[1] if after else None

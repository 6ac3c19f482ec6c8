"""A short form ("stem cells", "plasma") is the treatment the text has named in full, as a reader takes it.

An article about mesenchymal stem cells soon says just "stem cells", and one about young-plasma clinics says
"plasma" and "transfusions". An entry lists such words as aliases with `short_form: true`. A short form is a
candidate only after the text (or in a page whose title) names its treatment by another name; where several
treatments could own it, the one named last before it wins, and it takes the place of a broader entry's match on the
same words. Before that, or in a text that names none of them, the broader entry (if any) keeps the words. A short
form marked ambiguous needs treatment context in its own sentence: the treatment being plainly meant elsewhere in
the text is not enough, since articles explain the biology of what they sell.
"""
from __future__ import annotations

import bisect

from .match import Match

Span = tuple[int, int]


def resolve(candidates: list[Match], named_in_header: set[str]) -> list[Match]:
    """The candidates with each short form given to its treatment or dropped (see the module docstring)."""
    shorts: dict[Span, list[Match]] = {}
    for m in candidates:
        if m.alias.short_form:
            shorts.setdefault((m.start, m.end), []).append(m)
    if not shorts:
        return candidates
    full = sorted((m.start, m.alias.entry) for m in candidates if not m.alias.short_form)
    starts = [s for s, _ in full]
    kept: set[Match] = set()
    for (start, _), group in shorts.items():
        owners = {m.alias.entry: m for m in group}
        i = bisect.bisect_left(starts, start)
        order = [e for _, e in reversed(full[:i])] + sorted(named_in_header)
        owner = next((e for e in order if e in owners), None)
        if owner:
            kept.add(owners[owner])
    taken = {(m.start, m.end) for m in kept}
    return [m for m in candidates if m in kept or not (m.alias.short_form or (m.start, m.end) in taken)]

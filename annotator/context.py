"""Read the words around a mention: which sentence and paragraph it sits in, and what they are about.

This is where "stem cell transplant for leukaemia" and "stem cell therapy for back pain" part ways, and where
"Muse" the band or a treatment name inside a web address is told apart from a treatment.
"""
from __future__ import annotations

import bisect
import re

from .entry import Entry, Indication
from .levels import caution_rank
from .normalize import PARAGRAPH_BREAK, TOKEN_RE, norm

_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+|\n")
_URLISH = re.compile(r"://|www\.|@|\.(?:com|org|net|gov|edu|io|co|uk|info|health|clinic)\b/?", re.I)


_ADDRESS_REACH = 256  # how far a web address may reach either side of a mention


class Context:
    """Paragraph, sentence and word lookups over one text, each computed once, so that a text with thousands of
    mentions in one long paragraph still costs time in proportion to its length."""

    def __init__(self, text: str):
        self.text = text
        self._paragraphs: list[tuple[int, int]] = []   # found so far, sorted
        self._sentences: dict[int, list[int]] = {}     # paragraph start -> sentence starts in it
        self._words: dict[tuple[int, int], Words] = {}
        self._indications: dict[tuple[str, tuple[int, int]], Indication | None] = {}

    def paragraph(self, pos: int) -> tuple[int, int]:
        """The paragraph around `pos`, found by looking for the nearest blank lines either side."""
        i = bisect.bisect_right(self._paragraphs, (pos, len(self.text) + 1)) - 1
        if i >= 0 and self._paragraphs[i][0] <= pos < self._paragraphs[i][1]:
            return self._paragraphs[i]
        text = self.text
        m = PARAGRAPH_BREAK.search(text, pos)
        hi = m.start() if m else len(text)
        lo, j = 0, pos
        while (j := text.rfind("\n", 0, j)) != -1:
            k = text.rfind("\n", 0, j)
            if k != -1 and not text[k + 1:j].strip():
                lo = j + 1
                break
        bisect.insort(self._paragraphs, (lo, hi))
        return lo, hi

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence holding [start, end); a mention that straddles a sentence end takes both sentences."""
        lo, hi = self.paragraph(start)
        starts = self._sentences.get(lo)
        if starts is None:
            starts = self._sentences[lo] = [lo] + [m.end() for m in _SENTENCE_END.finditer(self.text, lo, hi)]
        i = bisect.bisect_right(starts, start) - 1
        j = bisect.bisect_left(starts, end)
        return starts[i], (starts[j] if j < len(starts) else hi)

    def words(self, lo: int, hi: int) -> Words:
        words = self._words.get((lo, hi))
        if words is None:
            words = self._words[(lo, hi)] = Words([norm(w) for w in TOKEN_RE.findall(self.text, lo, hi)])
        return words

    def indication_in(self, entry: Entry, span: tuple[int, int]) -> Indication | None:
        """The most cautious of the entry's indications whose words occur in the span (once per entry and span)."""
        key = (entry.id, span)
        if key not in self._indications:
            words = self.words(*span)
            near = [i for i in entry.indications if any(words.contain(p) for p in i.words)]
            self._indications[key] = max(near, key=lambda i: caution_rank(i.evidence, i.risk)) if near else None
        return self._indications[key]

    def in_address(self, start: int, end: int) -> bool:
        """True when the mention is part of a URL, e-mail address or domain name (its white-space-free chunk)."""
        text = self.text
        lo = max(start - _ADDRESS_REACH, 0)
        hi = min(end + _ADDRESS_REACH, len(text))
        begin = start  # back to the white space before the mention: usually one step (every match object costs)
        while begin > lo and not text[begin - 1].isspace():
            begin -= 1
        after = _SPACE.search(text, end, hi)
        return bool(_URLISH.search(text, begin, after.start() if after else hi))


class Words:
    """The normalised words of a span, indexed by word so that looking for a phrase does not scan them all."""

    def __init__(self, words: list[str]):
        self.words = words
        self.at: dict[str, list[int]] = {}
        self._answers: dict[tuple[str, ...], bool] = {}  # each phrase is looked for once per span
        for i, w in enumerate(words):
            self.at.setdefault(w, []).append(i)

    def contain(self, phrase: tuple[str, ...]) -> bool:
        found = self._answers.get(phrase)
        if found is None:
            n = len(phrase)
            found = self._answers[phrase] = any(
                tuple(self.words[i:i + n]) == phrase for i in self.at.get(phrase[0], ()))
        return found


def vetoed(entry: Entry, ctx: Context, start: int, end: int) -> bool:
    if ctx.in_address(start, end):
        return True
    if not entry.not_when:
        return False
    words = ctx.words(*ctx.sentence(start, end))
    return any(words.contain(phrase) for phrase in entry.not_when)


def indication_for(entry: Entry, ctx: Context, start: int, end: int) -> Indication | None:
    """The indication whose words stand nearest (same sentence, then same paragraph); the most cautious on a tie."""
    if not entry.indications:
        return None
    for span in (ctx.sentence(start, end), ctx.paragraph(start)):
        found = ctx.indication_in(entry, span)
        if found is not None:
            return found
    return None

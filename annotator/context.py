"""Read the words around a mention: which sentence and paragraph it sits in, and what they are about.

This is where "stem cell transplant for leukaemia" and "stem cell therapy for back pain" part ways, and where
"Muse" the band or a treatment name inside a web address is told apart from a treatment.
"""
from __future__ import annotations

import bisect
import re

from .entry import Entry, Indication
from .levels import caution_rank
from .normalize import TOKEN_RE, norm

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+|\n")
_URLISH = re.compile(r"://|www\.|@|\.(?:com|org|net|gov|edu|io|co|uk|info|health|clinic)\b/?", re.I)


class Context:
    """Paragraph and sentence lookup over one text, computed lazily, once per paragraph."""

    def __init__(self, text: str):
        self.text = text
        self._sentences: dict[int, list[int]] = {}     # paragraph start -> sentence starts in it
        self._words: dict[tuple[int, int], list[str]] = {}

    def paragraph(self, pos: int) -> tuple[int, int]:
        """The paragraph around `pos`: found by walking to the nearest blank lines, so a page with thousands of
        paragraphs costs nothing for the ones without a mention."""
        text = self.text
        m = _PARAGRAPH_BREAK.search(text, pos)
        hi = m.start() if m else len(text)
        lo = pos
        while lo > 0:
            j = text.rfind("\n", 0, lo)
            if j == -1:
                return 0, hi
            k = text.rfind("\n", 0, j)
            if not text[k + 1:j].strip() and k != -1:
                return j + 1, hi
            lo = j
        return 0, hi

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence holding [start, end); a mention that straddles a sentence end takes both sentences."""
        lo, hi = self.paragraph(start)
        starts = self._sentences.get(lo)
        if starts is None:
            starts = self._sentences[lo] = [lo] + [m.end() for m in _SENTENCE_END.finditer(self.text, lo, hi)]
        i = bisect.bisect_right(starts, start) - 1
        j = bisect.bisect_left(starts, end)
        return starts[i], (starts[j] if j < len(starts) else hi)

    def words(self, lo: int, hi: int) -> list[str]:
        words = self._words.get((lo, hi))
        if words is None:
            words = self._words[(lo, hi)] = [norm(w) for w in TOKEN_RE.findall(self.text, lo, hi)]
        return words

    def in_address(self, start: int, end: int) -> bool:
        """True when the mention is part of a URL, e-mail address or domain name."""
        lo = max(self.text.rfind(" ", 0, start), self.text.rfind("\n", 0, start)) + 1
        hi = len(self.text)
        for stop in (" ", "\n"):
            j = self.text.find(stop, end)
            if j != -1:
                hi = min(hi, j)
        return bool(_URLISH.search(self.text, lo, hi))


def contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    first = phrase[0]
    return any(words[i:i + n] == list(phrase) for i, w in enumerate(words) if w == first)


def vetoed(entry: Entry, ctx: Context, start: int, end: int) -> bool:
    if ctx.in_address(start, end):
        return True
    if not entry.not_when:
        return False
    words = ctx.words(*ctx.sentence(start, end))
    return any(contains(words, phrase) for phrase in entry.not_when)


def indication_for(entry: Entry, ctx: Context, start: int, end: int) -> Indication | None:
    """The indication whose words stand nearest (same sentence, then same paragraph); the most cautious on a tie."""
    if not entry.indications:
        return None
    for lo, hi in (ctx.sentence(start, end), ctx.paragraph(start)):
        words = ctx.words(lo, hi)
        near = [i for i in entry.indications if any(contains(words, p) for p in i.words)]
        if near:
            return max(near, key=lambda i: caution_rank(i.evidence, i.risk))
    return None

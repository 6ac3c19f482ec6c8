"""The one pipeline: text -> candidate matches -> vetoes -> non-overlapping highlights with verdicts -> result."""
from __future__ import annotations

from types import MappingProxyType

from .context import Context, indication_for, vetoed
from .errors import AnnotatorError
from .extract import extract_text
from .kb import KnowledgeBase
from .match import Match
from .results import Annotations, Highlight

CONTEXT_CHARS = 32


def annotate(html: str | bytes, kb: KnowledgeBase) -> Annotations:
    """Annotate a web page. Offsets refer to the extracted text (see annotator.extract), returned as `.text`."""
    return annotate_text(extract_text(html), kb)


def annotate_text(text: str, kb: KnowledgeBase) -> Annotations:
    """Annotate plain text; blank lines separate paragraphs."""
    _require(isinstance(text, str), f"expected text as str, got {type(text).__name__}")
    return _result(_highlights(text, kb), kb, text)


def annotate_blocks(blocks: list[str], kb: KnowledgeBase) -> Annotations:
    """Annotate text blocks that a caller already cut (the extension's paragraphs); offsets are per block."""
    _require(isinstance(blocks, (list, tuple)), f"expected a list of text blocks, got {type(blocks).__name__}")
    highlights: list[Highlight] = []
    for i, block in enumerate(blocks):
        _require(isinstance(block, str), f"block {i} must be a string, got {type(block).__name__}")
        highlights += _highlights(block, kb, i)
    return _result(highlights, kb, "")


def _require(ok: bool, message: str) -> None:
    if not ok:
        raise AnnotatorError(message)


def _result(highlights: list[Highlight], kb: KnowledgeBase, text: str) -> Annotations:
    cards = {h.treatment: kb.card(h.treatment) for h in highlights}
    return Annotations(tuple(highlights), MappingProxyType(dict(sorted(cards.items()))), kb.version, len(kb), text)


def _highlights(text: str, kb: KnowledgeBase, block: int | None = None) -> list[Highlight]:
    ctx = Context(text)
    candidates = kb.matcher.find(text)
    passed: set = set()  # a veto depends on the entry, the text and the place only: each winner is asked once
    while True:  # vetoes are checked on the winners only; a vetoed winner lets the next-best candidate through
        chosen = _without_overlaps(candidates)
        rejected = {m for m in chosen if m not in passed and vetoed(kb.entry(m.alias.entry), ctx, m.start, m.end)}
        if not rejected:
            return [_highlight(m, kb, ctx, block) for m in chosen]
        passed.update(set(chosen) - rejected)
        candidates = [m for m in candidates if m not in rejected]


def _without_overlaps(matches: list[Match]) -> list[Match]:
    """Longest first, then best score, then earliest: each position of the text belongs to one highlight."""
    if not matches:
        return []
    taken = bytearray(max(m.end for m in matches))
    chosen = []
    for m in sorted(matches, key=lambda m: (m.start - m.end, -m.score, m.start, m.alias.entry)):
        if taken.find(1, m.start, m.end) == -1:
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


def _highlight(m: Match, kb: KnowledgeBase, ctx: Context, block: int | None) -> Highlight:
    entry = kb.entry(m.alias.entry)
    ind = indication_for(entry, ctx, m.start, m.end)
    card = entry.card
    evidence, risk, level = (ind.evidence, ind.risk, ind.level) if ind else (card.evidence, card.risk, card.level)
    text = ctx.text
    return Highlight(
        treatment=entry.id, exact=text[m.start:m.end],
        prefix=text[max(0, m.start - CONTEXT_CHARS):m.start], suffix=text[m.end:m.end + CONTEXT_CHARS],
        start=m.start, end=m.end, match="fuzzy" if m.fuzzy else "exact", score=m.score, level=level,
        indication=ind.condition if ind else None, evidence=evidence, risk=risk, block=block)

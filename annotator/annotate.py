"""The one pipeline: text -> candidate matches -> vetoes -> non-overlapping highlights with verdicts -> result.

Blocks (the extension's paragraphs) are read as one text, a blank line between each, so that a mention's
neighbouring paragraphs are context for blocks too; offsets are then given per block."""
from __future__ import annotations

import bisect
from types import MappingProxyType

from bs4 import BeautifulSoup

from . import abbreviations, acronyms, lists, short_forms
from .context import Context
from .errors import AnnotatorError
from .extract import extract_page
from .kb import KnowledgeBase
from .match import Match
from .page import NO_PAGE, Page
from .results import Annotations, Highlight
from .verdicts import verdict_for
from .vetoes import (NO_CONTEXT, OTHER_SENSE, OTHER_TERM, SUBSTANCE, VETO, about_an_animal, names_its_use,
                     sets_the_sense, stands_alone, titled, treatment_meant, vetoed)

CONTEXT_CHARS = 32
BLOCK_GAP = "\n\n"


def annotate(html: str | bytes | BeautifulSoup, kb: KnowledgeBase) -> Annotations:
    """Annotate a web page. Offsets refer to the extracted text (see annotator.extract), returned as `.text`; the
    page's title, first headline and declared language are its context. A BeautifulSoup object is read as it is."""
    text, page = extract_page(html)
    return annotate_text(text, kb, page)


def annotate_text(text: str, kb: KnowledgeBase, page: Page = NO_PAGE) -> Annotations:
    """Annotate plain text; blank lines separate paragraphs. `page` says what the text's page is about."""
    _require(isinstance(text, str), f"expected text as str, got {type(text).__name__}")
    _require(isinstance(page, Page), f"expected the page context as a Page, got {type(page).__name__}")
    return _result(_highlights(text, kb, page), kb, text)


def annotate_blocks(blocks: list[str], kb: KnowledgeBase, page: Page = NO_PAGE) -> Annotations:
    """Annotate text blocks that a caller already cut (the extension's paragraphs); offsets are per block."""
    _require(isinstance(blocks, (list, tuple)), f"expected a list of text blocks, got {type(blocks).__name__}")
    _require(isinstance(page, Page), f"expected the page context as a Page, got {type(page).__name__}")
    starts = []
    at = 0
    for i, block in enumerate(blocks):
        _require(isinstance(block, str), f"block {i} must be a string, got {type(block).__name__}")
        starts.append(at)
        at += len(block) + len(BLOCK_GAP)
    highlights = _highlights(BLOCK_GAP.join(blocks), kb, page, starts)
    return _result(highlights, kb, "")


def _require(ok: bool, message: str) -> None:
    if not ok:
        raise AnnotatorError(message)


def _result(highlights: list[Highlight], kb: KnowledgeBase, text: str) -> Annotations:
    cards = {h.treatment: kb.card(h.treatment) for h in highlights}
    return Annotations(tuple(highlights), MappingProxyType(dict(sorted(cards.items()))), kb.version, len(kb), text)


def _highlights(text: str, kb: KnowledgeBase, page: Page, blocks: list[int] | None = None) -> list[Highlight]:
    ctx = Context(text, page, kb.cues.harm)
    use_named: lists.UseNamed = lambda m: ctx.use_named(kb.entry(m.alias.entry), m.start)
    candidates = kb.matcher.find(text)
    if candidates:
        in_header = kb.matcher.find(page.header) if page.header else []
        ctx.header_names = sorted((m.start, m.end) for m in in_header)
        ctx.header_entries = frozenset(m.alias.entry for m in in_header)
        spelled_out = acronyms.foreign(text, candidates)  # "Computer-Based Test (CBT)": see acronyms.py
        candidates = [m for m in candidates if m not in spelled_out]
        named = {m.alias.entry for m in in_header if not m.alias.short_form}  # the treatments the title names
        candidates = lists.resolve(candidates, text, kb.cues, use_named)   # "chemotherapy, radiation and surgery"
        candidates = short_forms.resolve(candidates, named,
                                         lambda m: stands_alone(m, kb.entry(m.alias.entry), ctx))
        candidates += abbreviations.defined(text, candidates)  # "fenbendazole (FZ)": see abbreviations.py
        ctx.names = sorted((m.start, m.end) for m in candidates)
    asked: dict[Match, str | None] = {}  # a veto depends on the entry, the text and the place: each winner asked once
    while True:  # vetoes are checked on the winners only; a vetoed winner lets the next-best candidate through
        chosen = _without_overlaps(candidates)
        for m in chosen:
            if m not in asked:
                asked[m] = vetoed(m, kb.entry(m.alias.entry), ctx, kb.cues)
        health = any(asked[m] is None and not m.alias.ambiguous for m in chosen)
        meant = {m.alias.entry for m in chosen  # one sense per text: see vetoes.py
                 if asked[m] is None and sets_the_sense(m, kb.entry(m.alias.entry), ctx, health)
                 or asked[m] == NO_CONTEXT and titled(kb.entry(m.alias.entry), ctx)}
        rejected = {m for m in chosen if asked[m] in (VETO, OTHER_SENSE, OTHER_TERM, SUBSTANCE)
                    or (asked[m] == NO_CONTEXT and (m.alias.entry not in meant or m.alias.short_form))}
        rejected |= _in_other_sense(chosen, asked, kb, ctx, health)
        if not rejected:
            chosen = lists.resolve(chosen, text, kb.cues, use_named)   # its neighbour may have been vetoed
            ctx.note_treatments([(m.alias.entry, m.start) for m in chosen])
            ctx.highlighted = [(m.start, m.end) for m in chosen]   # harms end at the next of these (context.py)
            return [_highlight(m, kb, ctx, blocks) for m in chosen]
        candidates = [m for m in candidates if m not in rejected]


def _in_other_sense(chosen: list[Match], asked: dict[Match, str | None], kb: KnowledgeBase, ctx: Context,
                    health: bool) -> set[Match]:
    """Where the text uses a name in its other sense, its mentions without treatment context, unless one of them
    plainly is the treatment (vetoes.py); outside a health text, not one in a sentence about an animal. A name that
    is part of another term ("intermittent fasting") takes only its own word along, not the treatment's other names."""
    other = {m.alias.entry for m in chosen if asked[m] == OTHER_SENSE}
    terms = {(m.alias.entry, m.alias.name) for m in chosen if asked[m] == OTHER_TERM}
    if not other and not terms:
        return set()
    shown = [m for m in chosen if asked[m] is None
             and (m.alias.entry in other or (m.alias.entry, m.alias.name) in terms)]
    meant = {m for m in shown if (treatment_meant(m, kb.entry(m.alias.entry), ctx, kb.cues)
                                  or names_its_use(m, kb.entry(m.alias.entry), ctx))
             and (health or not about_an_animal(m, ctx, kb.cues))}
    plainly = {m.alias.entry for m in meant}
    return {m for m in shown if m not in meant and m.alias.entry not in plainly}


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


def _highlight(m: Match, kb: KnowledgeBase, ctx: Context, blocks: list[int] | None) -> Highlight:
    entry = kb.entry(m.alias.entry)
    verdict = verdict_for(entry, ctx, m.start, m.end, kb.cues)
    text = ctx.text
    lo, hi, block, base = 0, len(text), None, 0
    if blocks is not None:  # offsets, prefix and suffix stay inside the mention's own block
        block = bisect.bisect_right(blocks, m.start) - 1
        base = lo = blocks[block]
        hi = blocks[block + 1] - len(BLOCK_GAP) if block + 1 < len(blocks) else len(text)
    return Highlight(
        treatment=entry.id, exact=text[m.start:m.end],
        prefix=text[max(lo, m.start - CONTEXT_CHARS):m.start], suffix=text[m.end:min(hi, m.end + CONTEXT_CHARS)],
        start=m.start - base, end=m.end - base, match="fuzzy" if m.fuzzy else "exact", score=m.score,
        level=verdict.level, indication=verdict.indication, evidence=verdict.evidence, risk=verdict.risk,
        block=block)

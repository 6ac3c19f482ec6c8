"""Which candidate matches are not treatments after all. Each rule covers a category of false friend:

- part of a web address or an e-mail address;
- an ambiguous name (a bare "stem cells", "CBD", "MSC") without treatment context: its own sentence must show a
  treatment is meant (a cue word from the KB's _cues.yaml, or one of the entry's own `cues` or use words), or its
  paragraph or the page's title and headline must name one of the entry's uses;
- a name in another language: a name marked with a language matches only text in that language, and a typo is
  forgiven only in text of the language the name is written in (English unless marked);
- the entry's `not_when` words in the same sentence, for what context cannot decide, unless that sentence also names
  one of the entry's uses ("fenbendazole, a horse dewormer, for her cancer" is exactly the sentence to catch).
"""
from __future__ import annotations

from .context import HEADER, Context
from .entry import Entry, Phrase
from .match import Match

ENGLISH = "en"


def vetoed(m: Match, entry: Entry, ctx: Context, cues: tuple[Phrase, ...]) -> bool:
    alias = m.alias
    if ctx.in_address(m.start, m.end):
        return True
    if alias.lang is not None or m.fuzzy:
        lang = ctx.language(m.start)
        if lang != (alias.lang or ENGLISH):
            return True
    if entry.not_when and _around(ctx, ctx.sentence(m.start, m.end), m, lambda w: w.any(entry.not_when)):
        # a veto never silences the sentence it was written for: one that names a use of the treatment
        return not _names_a_use(entry, ctx, ctx.sentence(m.start, m.end), m)
    if alias.ambiguous:
        sentence = ctx.sentence(m.start, m.end)
        return not (_around(ctx, sentence, m, lambda w: w.any(cues) or w.any(entry.cues))
                    or any(_names_a_use(entry, ctx, span, m) for span in (sentence, ctx.paragraph(m.start)))
                    or ctx.hits(entry, HEADER))
    return False


def _around(ctx: Context, span: tuple[int, int], m: Match, test) -> bool:
    """`test` on the words of the span before and after the mention (its own words do not count: "MMR" is one of
    the vaccine entry's use words, so it cannot vouch for itself)."""
    return test(ctx.words(span[0], m.start)) or test(ctx.words(m.end, span[1]))


def _names_a_use(entry: Entry, ctx: Context, span: tuple[int, int], m: Match) -> bool:
    return bool(ctx.hits(entry, (span[0], m.start)) or ctx.hits(entry, (m.end, span[1])))

"""Read the words around a mention: its sentence, its paragraph, the page's title and headline, the paragraphs
nearby, and the language they are written in.

Every lookup is computed once per text, so a text with thousands of mentions in one long paragraph still costs time
in proportion to its length.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Generic, Literal, TypeVar

from .entry import Entry, Indication, Phrase
from .language import guess_language, primary
from .levels import caution_rank
from .normalize import NON_PREFIXES, PARAGRAPH_BREAK, TOKEN_RE, norm, norm_phrase
from .page import NO_PAGE, Page

_SPACE = re.compile(r"\s+")
# A sentence ends at a run of end marks (quotes and brackets may follow) and white space. A match starts only at the
# first mark of a run: tried from every mark of a run not followed by white space, the regular expression cost the
# square of the run's length in one call into C (200 KB of dots held a server worker, GIL and all, for hours).
# A citation mark may stand between a sentence's full stop and the next sentence ("hypogonadism.[32] However",
# "mental health.1 Meanwhile"): after a word, a number or a bracketed number then a capital is a sentence end.
# After a single letter ("A. muricata", "e.g. green tea") the marks end a sentence only before a word that is not
# lowercase: an initial or an abbreviation goes on; a forum written in lowercase still ends its sentences.
_SENTENCE_END = re.compile(r"(?<![.!?…])(?<!\b[A-Za-z])[.!?…]+[\"'”’)\]]*\s+"
                           r"|(?<![.!?…])(?<=\b[A-Za-z])[.!?…]+[\"'”’)\]]*\s+(?![a-z\s])"
                           r"|(?<=[^\W\d_)])\.(?:\[\d{1,3}(?:[,–-]\d{1,3})*\]|\d{1,3}(?:[,–-]\d{1,3})*)"
                           r"\s+(?=[A-Z“\"])"
                           r"|\n")
_CLAUSE_BREAK = re.compile(r"[;:()—–]|,(?=\s+(?:but|while|whereas|although|though|yet|however|so|they|he|she|it|"
                           r"we|you|I)\b)")
# what ends the harms a harm phrase lists: a clause break or a sentence's end
_HARM_END = re.compile(_CLAUSE_BREAK.pattern + r"|[.!?…\n]")
_GAP = re.compile(r"\s+")
_PRINTED = re.compile(r"\S")


@functools.lru_cache(maxsize=4)
def _harm_phrases(harms: tuple[str, ...]) -> tuple[tuple[tuple[Phrase, tuple[str, ...]], ...], frozenset[str]]:
    """The harm phrases as (normalised words to find, words as written), and their first words: once per KB."""
    phrases = tuple((norm_phrase(h), tuple(h.lower().split())) for h in harms)
    return phrases, frozenset(p[0] for p, _ in phrases if p)


def _as_written(text: str, starts: list[int], written: tuple[str, ...]) -> bool:
    """Are the words at `starts` the phrase as written, whatever their case, with only white space between them
    ("Risks of"; not "risk of", "risks, of course, of")?"""
    if len(starts) != len(written):
        return False
    for k, (at, w) in enumerate(zip(starts, written)):
        end = at + len(w)
        if text[at:end].lower() != w:
            return False
        if k + 1 < len(starts) and not _GAP.fullmatch(text, end, starts[k + 1]):
            return False
    return not text[end:end + 1].isalnum()


_URLISH = re.compile(r"://|www\.|@|\.(?:com|org|net|gov|edu|io|co|uk|info|health|clinic)\b/?", re.I)
_ADDRESS_REACH = 256   # how far a web address may reach either side of a mention
NEIGHBOURS = 2         # rings of paragraphs either side that may name a use when the mention's own paragraph does not
HEADER = (-1, -1)      # the span key of the page's title and headline

Span = tuple[int, int]
UsePlace = Literal["near", "before", "after"]   # where a page names a use, seen from a mention (Context.use_named)
K = TypeVar("K")
Hit = tuple[float, Indication]   # (how specific the words found are, the indication they signal)
NAME_ONLY = 0.5   # how specific a use is when only a name of the treatment signals it (a brand's own use)


class Context:
    """Paragraph, sentence and word lookups over one text and its page."""

    def __init__(self, text: str, page: Page = NO_PAGE, harms: tuple[str, ...] = ()):
        self.text = text
        self.page = page
        # phrases after which a clause names harms, not uses: (normalised words to find, words as written)
        self._harms, self._harm_firsts = _harm_phrases(harms)
        self._harm_masks: dict[Span, frozenset[int]] = {}
        self._free: dict[tuple[Span, Phrase], list[int]] = {}
        self.highlighted: list[Span] | None = None      # (start, end) of the final highlights, once chosen
        self.header_names: list[Span] = []              # (start, end) of the names in the page's title and headline
        self.header_entries: frozenset[str] = frozenset()  # the KB ids those names belong to
        self._paragraphs: list[Span] = []              # found so far, sorted
        self._sentences: dict[int, list[int]] = {}     # paragraph start -> sentence starts in it
        self._clauses: dict[Span, tuple[list[int], list[int]]] = {}   # sentence -> (starts, ends) of its breaks
        self._words: dict[Span, Words] = {}
        self._hits: dict[tuple[str, Span], list[Hit]] = {}
        self._first_uses: dict[str, Span | None] = {}  # entry -> the first paragraph naming one of its uses
        self._langs: dict[Span, str | None] = {}
        self._page_lang: str | None = None
        self.treatments: dict[Span, set[str]] = {}     # paragraph -> the treatments highlighted in it
        self.for_animals: str | None = None             # "title", "label", "text" or "": why it is about an animal
        self.page_kinds: dict[str, bool] = {}           # "bust", "business": is the page such a report?
        self.folded_words: tuple[list[str], Counter[str]] | None = None   # its words folded, and their counts
        self.titles: frozenset[str] | None = None        # quoted names the text calls titles ("the track “Lithium”")
        self.claims_in_text: dict[str, bool] = {}      # entry -> does the text name a claim made to people?
        self.paragraph_uses: dict[tuple[str, Span, tuple[Phrase, ...]], list[tuple[float, float, Indication]]] = {}
        self.names: list[Span] = []                    # (start, end) of every candidate name, sorted

    def note_treatments(self, found: list[tuple[str, int]]) -> None:
        """Remember which treatments are highlighted in which paragraph, from (KB id, start) pairs."""
        for treatment, start in found:
            self.treatments.setdefault(self.paragraph(start), set()).add(treatment)

    # -- spans ------------------------------------------------------------------------------------------------

    def paragraph(self, pos: int) -> Span:
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

    def sentences(self, paragraph: Span) -> list[Span]:
        """The sentences of a paragraph, in order."""
        starts = self._sentence_starts(*paragraph)
        return list(zip(starts, starts[1:] + [paragraph[1]]))

    def _sentence_starts(self, lo: int, hi: int) -> list[int]:
        """Where the sentences of the paragraph [lo, hi) start, found once per paragraph."""
        starts = self._sentences.get(lo)
        if starts is None:
            starts = self._sentences[lo] = [lo] + [m.end() for m in _SENTENCE_END.finditer(self.text, lo, hi)]
        return starts

    def sentence(self, start: int, end: int) -> Span:
        """The sentence holding [start, end); a mention that straddles a sentence end takes both sentences."""
        lo, hi = self.paragraph(start)
        starts = self._sentence_starts(lo, hi)
        i = bisect.bisect_right(starts, start) - 1
        j = bisect.bisect_left(starts, end)
        return starts[i], (starts[j] if j < len(starts) else hi)

    def clause(self, start: int, end: int) -> Span:
        """The clause around [start, end), inside its sentence: between semicolons, colons, brackets, dashes, or a
        comma that opens another clause ("While doctors agree that testosterone therapy is beneficial in hypogonadal
        men, they worry about clinics that sell it as a cure-all for ageing"). A comma in a list ("its
        stress-soothing, anxiety-quelling powers") or before a relative clause (", which") joins what it separates.
        A sentence's breaks are found once: a long sentence with many mentions is not scanned again per mention."""
        span = self.sentence(start, end)
        breaks = self._clauses.get(span)
        if breaks is None:
            found = list(_CLAUSE_BREAK.finditer(self.text, *span))
            breaks = self._clauses[span] = [b.start() for b in found], [b.end() for b in found]
        starts, ends = breaks
        k, j = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        return (ends[k - 1] if k else span[0]), (starts[j] if j < len(starts) else span[1])

    def neighbours(self, span: Span) -> Iterator[list[Span]]:
        """The other paragraphs, nearest first: [the one before, the one after], then the next ring out."""
        text = self.text
        before, after = span, span
        for _ in range(NEIGHBOURS):
            ring = []
            j = before[0] - 1
            while j >= 0 and text[j].isspace():
                j -= 1
            if j >= 0:
                before = self.paragraph(j)
                ring.append(before)
            k = after[1]
            while k < len(text) and text[k].isspace():
                k += 1
            if k < len(text):
                after = self.paragraph(k)
                ring.append(after)
            if not ring:
                return
            yield ring

    # -- words ------------------------------------------------------------------------------------------------

    def words(self, lo: int, hi: int) -> Words:
        """The words of a span of the text, or of the page's title and headline for the span HEADER."""
        key = (lo, hi)
        words = self._words.get(key)
        if words is None:
            text = self.page.header if key == HEADER else self.text
            found = list(TOKEN_RE.finditer(text) if key == HEADER else TOKEN_RE.finditer(text, lo, hi))
            words = self._words[key] = Words([norm(w.group()) for w in found], [w.start() for w in found])
        return words

    def longest_use(self, span: Span, phrases: tuple[Phrase, ...], lo: int = 0, hi: int | None = None) -> int:
        """`longest` over the span's words, where a phrase counts only outside the harms the span lists."""
        words = self.words(*span)
        harmed = self._harmed(span, words)
        if "non" in words.at:
            harmed = harmed | self._negated(span, words)
        if not harmed:
            return longest(words, phrases, lo, hi)
        best = 0
        for p in phrases:
            if len(p) <= best or p[0] not in words.at:
                continue
            free = self._free.get((span, p))
            if free is None:  # once per span and phrase: a span with many mentions asks again for each
                free = self._free[(span, p)] = [i for i in words.find(p) if i not in harmed]
            k = bisect.bisect_left(free, lo)
            if k < len(free) and (hi is None or free[k] + len(p) <= hi):
                best = len(p)
        return best

    def _harmed(self, span: Span, words: Words) -> frozenset[int]:
        """The word positions of the span that name harms, not uses: from just after a harm phrase ("documented
        risks of blindness, tumor formation, and bacterial infections") to the end of its clause or the next
        highlighted treatment ("the risks of stem cell therapy for autism" is about autism). A phrase counts as
        written, not as its normalised words: "risks of" names harms, "lowered the risk of hospitalization" a use.
        Found when a use is first looked for in the span, once the highlights are known (`highlighted`); a long
        clause is searched for its end once, however many harm phrases it holds."""
        if not any(w in words.at for w in self._harm_firsts):  # most spans hold no harm phrase's first word
            return _NO_HARMS
        harmed = self._harm_masks.get(span)
        if harmed is not None:
            return harmed
        header = span == HEADER
        text = self.page.header if header else self.text
        names = self.header_names if header else (self.highlighted if self.highlighted is not None else self.names)
        hi = len(text) if header else span[1]
        starts, n = words.starts, len(words.words)
        found = sorted(i + len(phrase) for phrase, written in self._harms for i in words.find(phrase)
                       if _as_written(text, starts[i:i + len(phrase)], written))
        taken: set[int] = set()
        stop, clause_end = -1, -1
        for j in found:
            if j < stop or j == n:
                continue
            if starts[j] >= clause_end:
                end = _HARM_END.search(text, starts[j], hi)
                clause_end = end.start() if end else hi
            limit = clause_end
            k = bisect.bisect_left(names, (starts[j], -1))
            if k < len(names) and names[k][0] < limit:
                limit = names[k][0]
            stop = bisect.bisect_left(starts, limit)
            taken.update(range(j, stop))
        harmed = frozenset(taken)
        if header or self.highlighted is not None:  # final: the highlights (or the header's names) are known
            self._harm_masks[span] = harmed
        return harmed

    def use_named(self, entry: Entry, at: int) -> UsePlace | None:
        """Where the page names one of the entry's uses, seen from `at`: in its title or headline or in `at`'s own
        paragraph ("near"), in a paragraph before ("before": the lead of a news story), only in later ones ("after"),
        or nowhere (None)."""
        if self.names_a_use(entry, at):
            return "near"
        first = self._first_use(entry)
        return None if first is None else "before" if first[1] <= at else "after"

    def names_a_use(self, entry: Entry, at: int | None = None) -> bool:
        """Does the page's title or headline, or the paragraph holding `at` (any paragraph of the text when `at` is
        None), name one of the entry's uses? Asked before the highlights are known, so it reads the words alone
        (not `hits`, whose answers depend on the highlights)."""
        if self.page.header.strip() and self.words(*HEADER).any(entry.use_words):
            return True
        if at is not None:
            return self.words(*self.paragraph(at)).any(entry.use_words)
        return self._first_use(entry) is not None

    def _first_use(self, entry: Entry) -> Span | None:
        """The first paragraph that names one of the entry's uses. The text is read paragraph by paragraph until one
        does, once per entry."""
        if entry.id not in self._first_uses:
            self._first_uses[entry.id] = next((span for span in self._paragraphs_in_order()
                                               if self.words(*span).any(entry.use_words)), None)
        return self._first_uses[entry.id]

    def _paragraphs_in_order(self) -> Iterator[Span]:
        """Each paragraph, found from its first printed character as a mention's would be (a span found from a blank
        line would start there and be kept for every later lookup)."""
        at = _PRINTED.search(self.text)
        while at is not None:
            lo, hi = self.paragraph(at.start())
            yield lo, hi
            at = _PRINTED.search(self.text, max(hi, at.start() + 1))

    def _negated(self, span: Span, words: Words) -> frozenset[int]:
        """The word positions of the span right after "non-": "sold to non-smokers" names no smokers, and
        "non-alcoholic fatty liver disease" no drinking."""
        text = self.page.header if span == HEADER else self.text
        starts = words.starts
        return frozenset(i + 1 for i in words.find(("non",))
                         if i + 1 < len(starts) and text[starts[i]:starts[i + 1]].lower() in NON_PREFIXES)

    def hits(self, entry: Entry, span: Span) -> list[Hit]:
        """The entry's indications whose words occur in the span, each with the length of its longest phrase found
        (a longer phrase is more specific: "treatment-resistant depression" beats "depression"); a use signalled only
        by one of the treatment's names counts least."""
        key = (entry.id, span)
        found = self._hits.get(key)
        if found is None:
            words = self.words(*span)
            found = self._hits[key] = [(n, i) for i in entry.indications  # most spans hold no use's first word
                                       if (n := (not i.firsts.isdisjoint(words.at) and self.longest_use(span, i.words))
                                           or NAME_ONLY * words.any(i.names))]
        return found

    # -- language ---------------------------------------------------------------------------------------------

    def language(self, pos: int) -> str:
        """The language of the paragraph at `pos`; a paragraph too short to tell takes the page's."""
        span = self.paragraph(pos)
        if span not in self._langs:
            self._langs[span] = guess_language(self.text[span[0]:span[1]])
        return self._langs[span] or self.page_language()

    def page_language(self) -> str:
        if self._page_lang is None:
            self._page_lang = primary(self.page.lang) or guess_language(self.text) or "en"
        return self._page_lang

    # -- addresses --------------------------------------------------------------------------------------------

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


_NONE: list[int] = []
_NO_HARMS: frozenset[int] = frozenset()


class _Positions(Generic[K]):
    """Where each key of a sequence stands. A key met once keeps only its position (an int, no list): most words of
    a span occur once, and a list for each was most of what reading context allocated, and so most of the garbage
    collector's work on a big page."""

    def __init__(self, keys: Iterable[K]):
        self.first: dict[K, int] = {}
        self._more: dict[K, list[int]] = {}   # every position of the keys that occur more than once
        first, more = self.first, self._more
        for i, key in enumerate(keys):
            at = first.setdefault(key, i)
            if at != i:
                if key in more:
                    more[key].append(i)
                else:
                    more[key] = [at, i]

    def get(self, key: K) -> list[int]:
        """The positions of the key, in order (empty when it does not occur)."""
        more = self._more.get(key)
        if more is not None:
            return more
        at = self.first.get(key)
        return _NONE if at is None else [at]


class Words:
    """The normalised words of a span, indexed by word so that looking for a phrase does not scan them all, with
    the offset where each word starts so that a mention's own words can be told from the words around it."""

    def __init__(self, words: list[str], starts: list[int] | None = None):
        self.words = words
        self.starts = starts if starts is not None else list(range(len(words)))
        self._positions = _Positions(words)
        self.at = self._positions.first   # word -> its first position: `in` tells whether a word occurs
        self._found: dict[Phrase, list[int]] = {}  # each phrase is looked for once per span
        self.cue_bounds: tuple[int, int] | None = None  # (first end, last start) of treatment cues, once asked
        self.idiom_words: frozenset[int] = frozenset()   # positions inside an idiom ("take place"), set with them
        self.idiom_positions: frozenset[int] | None = None   # positions inside an idiom alone, once asked
        self._pair_index: _Positions[Phrase] | None = None

    def index(self, pos: int) -> int:
        """The position of the first word that starts at or after text offset `pos`."""
        return bisect.bisect_left(self.starts, pos)

    def find(self, phrase: Phrase) -> list[int]:
        """The word positions where the phrase starts, in order."""
        if phrase[0] not in self.at:  # most phrases asked for: no pair index built, nothing cached
            return _NONE
        found = self._found.get(phrase)
        if found is None:
            n = len(phrase)
            found = self._positions.get(phrase[0])
            if n > 1:
                if len(found) > 1:  # a word met more than once: only where the phrase's second word follows it
                    found = self._pairs().get(phrase[:2])
                found = [i for i in found if tuple(self.words[i:i + n]) == phrase] or _NONE
            self._found[phrase] = found
        return found

    def _pairs(self) -> _Positions[Phrase]:
        """Where each pair of neighbouring words starts, built on the first phrase of two or more words whose first
        word occurs more than once: a common first word ("back") would otherwise be checked at every place it
        occurs, for every phrase."""
        if self._pair_index is None:
            words = self.words
            self._pair_index = _Positions(zip(words, words[1:]))
        return self._pair_index

    def contain(self, phrase: Phrase) -> bool:
        return bool(self.find(phrase))


    def any(self, phrases: tuple[Phrase, ...]) -> bool:
        at = self.at
        return any(p[0] in at and self.find(p) for p in phrases)

    def outside(self, phrase: Phrase, lo: int, hi: int) -> bool:
        """Does the phrase occur without touching word positions [lo, hi)? The first and last places decide."""
        found = self.find(phrase)
        return bool(found) and (found[0] + len(phrase) <= lo or found[-1] >= hi)

    def over(self, phrase: Phrase, lo: int, hi: int) -> bool:
        """Does the phrase occur over any of word positions [lo, hi)?"""
        found = self.find(phrase)
        k = bisect.bisect_left(found, lo - len(phrase) + 1)
        return k < len(found) and found[k] < hi

    def within(self, phrase: Phrase, lo: int, hi: int) -> bool:
        """Does the phrase occur wholly inside word positions [lo, hi)?"""
        found = self.find(phrase)
        k = bisect.bisect_left(found, lo)
        return k < len(found) and found[k] + len(phrase) <= hi


def longest(words: Words, phrases: tuple[Phrase, ...], lo: int = 0, hi: int | None = None) -> int:
    """The length of the longest of the phrases found (inside word positions [lo, hi) when given)."""
    at = words.at  # most phrases' first word is not in the span at all: one dict lookup rules them out
    if hi is None:
        return max((len(p) for p in phrases if p[0] in at and words.contain(p)), default=0)
    return max((len(p) for p in phrases if p[0] in at and words.within(p, lo, hi)), default=0)


def strongest(hits: list[tuple[float, float, Indication]]) -> Indication | None:
    """The most specific of the (score, phrase length, indication) hits: the highest score; on equal scores the most
    cautious (a longer phrase far off is no stronger than a short one beside the mention: "compounded semaglutide,
    the active ingredient in the weight-loss drug Ozempic"), then the longer phrase."""
    if not hits:
        return None
    return max(hits, key=lambda h: (h[0], caution_rank(h[2].evidence, h[2].risk), h[1]))[2]

"""Find treatment names in text: exact words first, one-letter typos second, never a guess on a short word.

Aliases are indexed as a trie over normalised words, so the cost of a page grows with the page, not with the
number of aliases. The text is split on white space (in C); each distinct chunk is cut into words once, and each
distinct word is looked up in the index once (both cached across calls); only the spots where a name can start
are then walked through the trie. Typos are found through an index of the first and last halves of alias words
(one typo leaves one half intact) and confirmed with rapidfuzz's OSA distance. A text word that is itself a common
English word is never taken for a typo ("stain" is not "statin").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from collections.abc import Iterator
from typing import NamedTuple

from rapidfuzz.distance import OSA

from .normalize import GAP_RE, MAX_CACHED_WORD, PARAGRAPH_BREAK, TOKEN_RE, fold, norm, normal

MIN_FUZZY_LEN = 5          # words shorter than this never match fuzzily
MIN_FUZZY_SCORE = 80       # a fuzzy match scoring below this is not shown
SKIP_PENALTY = 10          # score lost for one extra word inside a name
_CACHE_LIMIT = 200_000     # distinct text words remembered across calls
_MANY_STARTERS = 128       # past this many distinct starting words, locate them in one pass (about where one
                           # `str.find` scan per word starts to cost more than cutting the whole page into words)

_COMMON = frozenset(resources.files("caveat.annotator").joinpath("data/common_words.txt").read_text("utf-8").split())


@dataclass(frozen=True)
class Alias:
    entry: str                  # KB id
    name: str                   # as the KB spells it
    exact: bool                 # case-sensitive, whole word, never fuzzy
    ambiguous: bool = False     # needs treatment context (see vetoes.py)
    lang: str | None = None     # matched only in text of this language
    short_form: bool = False    # only where the text names the treatment in full (short_forms.py)
    brand: bool = False         # written with a capital (not as an entry's title): a typo of it must be too
    listed_with: tuple[str, ...] = ()   # only as an item of a list beside one of these entries (lists.py)


class Match(NamedTuple):  # tuples: a big page makes thousands of candidates
    start: int
    end: int
    alias: Alias
    score: int
    fuzzy: bool


class _Word(NamedTuple):
    word: str                 # normalised
    near: tuple[str, ...]     # alias words one typo away
    starts: bool              # can a name start here?


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    aliases: list[Alias] = field(default_factory=list)


class Matcher:
    """Compiled once per knowledge base; `find` is pure and safe to call from many threads."""

    def __init__(self, aliases: list[Alias]):
        self._root = _Node()
        self._exact: dict[str, list[Alias]] = {}   # first raw word -> exact aliases starting with it
        self._vocab: set[str] = set()              # every normalised alias word
        surfaces: dict[str, str] = {}              # alias word as written (folded) -> its normalised form
        for alias in aliases:
            raw_words = TOKEN_RE.findall(alias.name)
            if alias.exact:
                if raw_words:
                    self._exact.setdefault(raw_words[0], []).append(alias)
                continue
            for word in map(fold, raw_words):
                surfaces[word] = surfaces[normal(word)] = normal(word)
            for words in _spellings(tuple(map(norm, raw_words))):
                self._insert(words, alias)
        # Typo index over the words as written and as normalised: "pathces" is one swap from "patches",
        # though two edits from its normalised form "patch".
        self._halves: dict[str, list[tuple[str, str]]] = {}
        for surface, word in surfaces.items():
            if len(surface) >= MIN_FUZZY_LEN and not surface.isdigit():
                for key in _half_keys(surface, len(surface)):
                    self._halves.setdefault(key, []).append((surface, word))
        self._words: dict[str, _Word] = {}      # raw text word -> what the index knows of it
        self._chunks: dict[str, tuple[str, ...]] = {}  # chunk of text without white space -> words that start names

    def clear_cache(self) -> None:
        """Forget what was learnt about text words (benchmarks use it to time a page never seen before)."""
        self._words.clear()
        self._chunks.clear()

    def _insert(self, words: tuple[str, ...], alias: Alias) -> None:
        node = self._root
        for word in words:
            self._vocab.add(word)
            node = node.children.setdefault(word, _Node())
        if alias not in node.aliases:
            node.aliases.append(alias)

    # -- per-word lookups, cached ------------------------------------------------------------------------------

    def _word(self, raw: str) -> _Word:
        known = self._words.get(raw)
        if known is None:
            if len(self._words) > _CACHE_LIMIT:
                self._words.clear()
            folded = fold(_without_trademark(raw))
            word = normal(folded)
            near = self._neighbours(folded, word)
            children = self._root.children
            starts = _unpossessed(raw) in self._exact or word in children or any(w in children for w in near)
            known = _Word(word, near, starts)
            if len(raw) <= MAX_CACHED_WORD:
                self._words[raw] = known
        return known

    def _neighbours(self, folded: str, word: str) -> tuple[str, ...]:
        """Alias words one edit (insert, delete, substitute, swap) from this text word, if it may be a typo."""
        if len(word) < MIN_FUZZY_LEN or word in self._vocab or word.isdigit() \
                or word in _COMMON or folded in _COMMON:
            return ()
        found = set()
        for query in {folded, word}:
            for size in (len(query) - 1, len(query), len(query) + 1):
                for key in _half_keys(query, size):
                    for surface, target in self._halves.get(key, ()):
                        if OSA.distance(query, surface, score_cutoff=1) <= 1 and not _another_compound(query, surface):
                            found.add(target)
        return tuple(sorted(found))

    # -- the scan ----------------------------------------------------------------------------------------------

    def find(self, text: str) -> list[Match]:
        """All candidate matches in `text`, overlapping ones included (the caller picks among them).

        `str.split` (C speed) yields the page's chunks; each distinct chunk is cut into words once and cached, so
        only the few words that can start a name are then located, with `str.find`."""
        starters: set[str] = set()
        for chunk in set(text.split()):
            found = self._chunks.get(chunk)
            if found is None:
                found = tuple(w for w in TOKEN_RE.findall(chunk) if self._word(w).starts)
                if len(chunk) <= MAX_CACHED_WORD:  # long chunks are page text nobody will send again: not kept
                    if len(self._chunks) > _CACHE_LIMIT:
                        self._chunks.clear()
                    self._chunks[chunk] = found
            starters.update(found)
        matches: list[Match] = []
        for word in self._spots(text, starters):
            matches += self._exact_at(text, word)
            matches += self._walk(text, word)
        return matches

    @staticmethod
    def _spots(text: str, starters: set[str]) -> Iterator[re.Match[str]]:
        """Where the starting words stand. A few are found fastest with `str.find` each; many (a hostile page of
        near-misses) in one pass over the words, so the cost never grows as starters times text."""
        if len(starters) > _MANY_STARTERS:
            yield from (m for m in TOKEN_RE.finditer(text) if m.group() in starters)
            return
        for raw in starters:
            i = text.find(raw)
            while i != -1:
                word = TOKEN_RE.match(text, i) if i == 0 or not _word_char_at(text, i - 1) else None
                if word is not None and word.group() == raw:
                    yield word
                i = text.find(raw, i + 1)

    def _exact_at(self, text: str, m: re.Match[str]) -> list[Match]:
        out = []
        for alias in self._exact.get(_unpossessed(m.group()), ()):
            end = m.start() + len(alias.name)
            if text.startswith(alias.name, m.start()) and not _word_char_at(text, end):
                out.append(Match(m.start(), end, alias, 100, False))
        return out

    def _walk(self, text: str, first: re.Match[str]) -> list[Match]:
        """Follow the trie from one starting word. A state is (node, end, letters, typos, skipped): letters counts
        the letters of the alias words met so far (typos are scored against them); one extra word may be skipped
        (not "and" or "or", which join two things; `skipped` is that word, None for none), never before a
        one-letter alias word, nor a word that ends another treatment's name begun at the same word ("hydrogen
        peroxide water" is not hydrogen water; "insulin low-dose potentiation therapy" is still the therapy), nor one
        that alone names another treatment whose name begun there ends where this one ends ("intravenous chelation
        therapy" is chelation therapy, not intravenous therapy)."""
        out: list[Match] = []
        skips: list[tuple[Match, re.Match[str]]] = []   # matches with a word skipped, and that word
        info = self._word(first.group())
        states: list[tuple[_Node, int, int, int, re.Match[str] | None]] = [
            (child, first.end(), len(alias_word), typos, None) for alias_word, child, typos in self._steps(self._root, info)]
        while states:
            node, end, letters, typos, skipped = states.pop()
            for alias in node.aliases:
                m = _scored(first.start(), end, alias, letters, typos, skipped is not None)
                if skipped is not None:
                    skips.append((m, skipped))
                else:
                    out.append(m)
            nxt = _next_word(text, end) if node.children else None
            if nxt is None:
                continue
            info = self._word(nxt.group())
            for alias_word, child, more in self._steps(node, info):
                states.append((child, nxt.end(), letters + len(alias_word), typos + more, skipped))
            after = None if skipped or info.word in _JOINERS else _next_word(text, nxt.end())
            if after is not None:
                info = self._word(after.group())
                for alias_word, child, more in self._steps(node, info):
                    if len(alias_word) > 1:  # "vitamin C a day" is not vitamin A: one letter is no proof
                        states.append((child, after.end(), letters + len(alias_word), typos + more, nxt))
        named: dict[int, set[str]] = {}   # where names begun here end, and whose names they are
        for m in out:
            if not m.fuzzy:
                named.setdefault(m.end, set()).add(m.alias.entry)
        out += [m for m, word in skips if m.alias.entry in named.get(word.end(), {m.alias.entry})
                and not self._names_another(text, word, m)]
        # a typo of a brand is taken only where it is capitalised: "cause celebre" is French, not Celebrex; and a
        # typo of a short common noun not where a capital starts a word mid-sentence with another letter: "Torax
        # Syrup" is a brand, not borax ("Kratum" is still kratom, a long name misspelt, "Setraline", the drug)
        lowered = text[first.start()].islower()
        proper = not lowered and not _starts_a_sentence(text, first.start())
        return [m for m in out if m.score >= MIN_FUZZY_SCORE
                and not (m.fuzzy and (m.alias.brand if lowered else
                                      proper and _short_noun(m.alias) and _first_letter_differs(text, m)))]

    def _names_another(self, text: str, word: re.Match[str], m: Match) -> bool:
        """Is this skipped word on its own a name of another treatment ("chelation", "ketamine"), one of whose names
        begun here ends where `m` ends, and none of `m`'s own? A word that names nothing alone still may be skipped
        ("Ayurvedic herbal remedies"; "NAD+ IV drips", where "IV drips" is NAD+ therapy's name too)."""
        if not self._word(word.group()).starts:
            return False
        found = [x for x in self._exact_at(text, word) + self._walk(text, word) if not x.fuzzy]
        owners = {x.alias.entry for x in found if x.end == m.end}
        alone = {x.alias.entry for x in found if x.end == word.end()}
        return m.alias.entry not in owners and bool(owners & alone)

    @staticmethod
    def _steps(node: _Node, info: _Word) -> Iterator[tuple[str, _Node, int]]:
        child = node.children.get(info.word)
        if child is not None:
            yield info.word, child, 0
            return
        for near in info.near:
            child = node.children.get(near)
            if child is not None:
                yield near, child, 1


def _scored(start: int, end: int, alias: Alias, letters: int, typos: int, skipped: bool) -> Match:
    if not typos and not skipped:
        return Match(start, end, alias, 100, False)
    # each typo costs its share of the name's letters: one slip in "ivermectin" scores 90, in a 5-letter word 80
    score = round(100 * (1 - typos / max(letters, 1)))
    return Match(start, end, alias, score - (SKIP_PENALTY if skipped else 0), True)


def _spellings(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    """The alias as written, plus each pair of neighbouring words run together ('stem cell' -> 'stemcell'), except
    onto a one-letter word: "vitamina" + "s" is Spanish for vitamins, not "vitamin A"."""
    out = {words}
    for i in range(len(words) - 1):
        if len(words[i + 1]) > 1:
            out.add(words[:i] + (words[i] + words[i + 1],) + words[i + 2:])
    if len(words) > 2:
        out.add(("".join(words),))
    return {w for w in out if w}


def _half_keys(word: str, size: int) -> tuple[str, str]:
    """Index keys for words of length `size` one edit from `word`: one edit leaves either the first or the last
    (size-1)//2 letters untouched, so a typo shares a key with its alias word."""
    h = (size - 1) // 2
    return f"{size}<{word[:h]}", f"{size}>{word[len(word) - h:]}"


_JOINERS = frozenset({"and", "or", "nor", "but", "versus", "vs"})  # never skipped: they join two things, not one name
_TITLES = frozenset({"St", "Ste", "Mt", "Dr"})  # "St. John's wort": the full stop of a title is not a gap
_ASIDE = re.compile(r"\s(?:[‒–—]+|--)\s")   # not a hyphen typed with spaces: "Delta - 8 THC"


def _next_word(text: str, pos: int) -> re.Match[str] | None:
    """The next word after `pos` if only a gap of spaces, dashes or quotes (no paragraph break, and no en or em dash
    set off by spaces, which opens an aside: "the high-dose B vitamin — a treatment" is no vitamin A) comes first;
    the full stop after a title ("St.") is part of the name."""
    if text.startswith(".", pos) and text[max(pos - 3, 0):pos].split(" ")[-1].capitalize() in _TITLES:
        pos += 1
    gap = GAP_RE.match(text, pos)
    assert gap is not None  # it matches an empty gap too
    if PARAGRAPH_BREAK.search(gap.group()) or _ASIDE.search(gap.group()):
        return None
    return TOKEN_RE.match(text, gap.end())


def _without_trademark(raw: str) -> str:
    """The word without a trade mark sign flattened to letters ("WegovyTM", as copied from a page that printed
    "Wegovy™"); an acronym ("ATM") keeps its letters."""
    return raw[:-2] if len(raw) > 5 and raw.endswith("TM") and raw[-3].islower() else raw


def _unpossessed(raw: str) -> str:
    """The word without a possessive "'s": an acronym is written exactly, and "PRP's mechanisms" still names PRP."""
    return raw[:-2] if len(raw) > 2 and raw[-2] in "'’" and raw[-1] in "sS" else raw


_COMPOUND_ENDINGS = frozenset({"ide", "ite", "ate", "ine"})


def _another_compound(word: str, alias_word: str) -> bool:
    """Do two short words differ only in a chemical ending? Then they name two compounds, not one misspelt:
    "fluorite" is a mineral, not fluoride; "sulfite", "chlorate" and "iodine" are not sulfate, chlorite or iodide.
    A long drug name misspelt this way ("semaglutine", "tianeptide") is still the drug."""
    return len(word) <= 9 and word[:-3] == alias_word[:-3] and word[-3:] != alias_word[-3:] \
        and {word[-3:], alias_word[-3:]} <= _COMPOUND_ENDINGS   # a drug's long name misspelt is still the drug


def _word_char_at(text: str, i: int) -> bool:
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def _short_noun(alias: Alias) -> bool:
    """Is the alias one lower-case word of six letters or fewer ("borax", "kratom")? Its typos are other words."""
    return not alias.brand and " " not in alias.name and len(alias.name) <= 6


def _first_letter_differs(text: str, m: Match) -> bool:
    """Does the matched word begin with another letter than the alias ("Torax" for "borax")?"""
    return text[m.start].lower() != m.alias.name[:1].lower()


_OPENERS = frozenset(".!?:;\n•*-–—(\"“'‘")


def _starts_a_sentence(text: str, pos: int) -> bool:
    """Does the word at pos start a sentence, a line or a list item (nothing but spaces and quotes before it back
    to a full stop, a colon, a bullet or the text's start)?"""
    i = pos - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or text[i] in _OPENERS

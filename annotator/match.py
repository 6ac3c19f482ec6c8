"""Find treatment names in text: exact words first, one-letter typos second, never a guess on a short word.

Aliases are indexed as a trie over normalised words, so the cost of a page grows with the page, not with the
number of aliases: the text is cut into words once (in C, by `re.findall`), the distinct words are looked up in
the index (cached across calls), and only the spots where a name can start are walked. Typos are found through a
index of the first and last halves of alias words (one typo leaves one half intact), and confirmed with rapidfuzz; a text word that
is itself a common English word is never treated as a typo ("stain" is not "statin").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from .normalize import GAP_RE, TOKEN_RE, norm, norm_phrase

MIN_FUZZY_LEN = 5          # words shorter than this never match fuzzily
MIN_FUZZY_SCORE = 80       # a fuzzy match scoring below this is not shown
SKIP_PENALTY = 4           # score lost for one extra word inside a name
_CACHE_LIMIT = 200_000     # distinct text words remembered across calls

_COMMON = frozenset(resources.files("annotator").joinpath("data/common_words.txt").read_text("utf-8").split())
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


@dataclass(frozen=True)
class Alias:
    entry: str    # KB id
    name: str     # as the KB spells it
    exact: bool   # case-sensitive, whole word, never fuzzy


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    alias: Alias
    score: int
    fuzzy: bool


@dataclass
class _Node:
    children: dict = field(default_factory=dict)
    aliases: list = field(default_factory=list)


class Matcher:
    """Compiled once per knowledge base; `find` is pure and safe to call from many threads."""

    def __init__(self, aliases: list[Alias]):
        self._root = _Node()
        self._exact: dict[str, list[Alias]] = {}   # first raw word -> exact aliases starting with it
        self._vocab: set[str] = set()
        for alias in aliases:
            if alias.exact:
                first = TOKEN_RE.findall(alias.name)
                if first:
                    self._exact.setdefault(first[0], []).append(alias)
            else:
                for words in _spellings(norm_phrase(alias.name)):
                    self._insert(words, alias)
        self._halves: dict[str, list[str]] = {}
        for word in self._vocab:
            if len(word) >= MIN_FUZZY_LEN and not word.isdigit():
                for key in _half_keys(word, len(word)):
                    self._halves.setdefault(key, []).append(word)
        self._words: dict[str, tuple[str, bool]] = {}  # raw text word -> (normalised, can start a name)
        self._near: dict[str, tuple[str, ...]] = {}    # normalised text word -> alias words one edit away

    def _insert(self, words: tuple[str, ...], alias: Alias) -> None:
        node = self._root
        for word in words:
            self._vocab.add(word)
            node = node.children.setdefault(word, _Node())
        if alias not in node.aliases:
            node.aliases.append(alias)

    # -- per-word lookups, cached ------------------------------------------------------------------------------

    def _word(self, raw: str) -> tuple[str, bool]:
        known = self._words.get(raw)
        if known is None:
            if len(self._words) > _CACHE_LIMIT:
                self._words.clear()
            word = norm(raw)
            starts = raw in self._exact or word in self._root.children or any(
                w in self._root.children for w in self._neighbours(word))
            known = self._words[raw] = (word, starts)
        return known

    def _neighbours(self, word: str) -> tuple[str, ...]:
        """Alias words one edit (insert, delete, substitute, swap) from `word`, when `word` may be a typo."""
        near = self._near.get(word)
        if near is None:
            if len(self._near) > _CACHE_LIMIT:
                self._near.clear()
            near = ()
            if len(word) >= MIN_FUZZY_LEN and word not in self._vocab and word not in _COMMON \
                    and not word.isdigit():
                found = {c for size in (len(word) - 1, len(word), len(word) + 1)
                         for key in _half_keys(word, size) for c in self._halves.get(key, ())}
                near = tuple(sorted(c for c in found if OSA.distance(word, c, score_cutoff=1) <= 1))
            self._near[word] = near
        return near

    # -- the scan ----------------------------------------------------------------------------------------------

    def find(self, text: str) -> list[Match]:
        """All candidate matches in `text`, overlapping ones included (the caller picks among them)."""
        starters = [raw for raw in set(TOKEN_RE.findall(text)) if self._word(raw)[1]]
        if not starters:
            return []
        starters.sort(key=len, reverse=True)
        spots = re.compile("(?<![^\\W_])(?:" + "|".join(map(re.escape, starters)) + ")(?![^\\W_])")
        found: list[Match] = []
        for m in spots.finditer(text):
            found += self._exact_at(text, m)
            found += self._walk(text, m)
        return found

    def _exact_at(self, text: str, m: re.Match) -> list[Match]:
        out = []
        for alias in self._exact.get(m.group(), ()):
            end = m.start() + len(alias.name)
            if text.startswith(alias.name, m.start()) and not _word_char_at(text, end):
                out.append(Match(m.start(), end, alias, 100, False))
        return out

    def _walk(self, text: str, first: re.Match) -> list[Match]:
        """Follow the trie from one starting word; each state is (node, end, words seen, edits, skipped)."""
        out = []
        word = self._word(first.group())[0]
        states = [(child, first.end(), [word], [alias_word], edits, False)
                  for alias_word, child, edits in self._steps(self._root, word)]
        while states:
            node, end, seen, wanted, edits, skipped = states.pop()
            for alias in node.aliases:
                out.append(self._scored(first.start(), end, alias, seen, wanted, edits, skipped))
            if not node.children:
                continue
            nxt = _next_word(text, end)
            if nxt is None:
                continue
            word = self._word(nxt.group())[0]
            for alias_word, child, more in self._steps(node, word):
                states.append((child, nxt.end(), seen + [word], wanted + [alias_word], edits + more, skipped))
            if not skipped:
                after = _next_word(text, nxt.end())
                if after is not None:
                    word2 = self._word(after.group())[0]
                    for alias_word, child, more in self._steps(node, word2):
                        if child.aliases or child.children:
                            states.append((child, after.end(), seen + [word, word2], wanted + [alias_word],
                                           edits + more, True))
        return [m for m in out if m.score >= MIN_FUZZY_SCORE]

    def _steps(self, node: _Node, word: str):
        child = node.children.get(word)
        if child is not None:
            yield word, child, 0
            return
        for near in self._neighbours(word):
            child = node.children.get(near)
            if child is not None:
                yield near, child, 1

    @staticmethod
    def _scored(start, end, alias, seen, wanted, edits, skipped) -> Match:
        if not edits and not skipped:
            return Match(start, end, alias, 100, False)
        score = round(fuzz.ratio(" ".join(wanted), " ".join(seen))) - (SKIP_PENALTY if skipped else 0)
        return Match(start, end, alias, max(score, 0), True)


def _spellings(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    """The alias as written, plus each pair of neighbouring words run together ('stem cell' -> 'stemcell')."""
    out = {words}
    for i in range(len(words) - 1):
        out.add(words[:i] + (words[i] + words[i + 1],) + words[i + 2:])
    if len(words) > 2:
        out.add(("".join(words),))
    return {w for w in out if w}


def _half_keys(word: str, size: int) -> tuple[str, str]:
    """Index keys for words of length `size` one edit from `word`: one edit leaves either the first or the last
    (size-1)//2 letters untouched, so a typo shares a key with its alias word."""
    h = (size - 1) // 2
    return f"{size}<{word[:h]}", f"{size}>{word[len(word) - h:]}"


def _next_word(text: str, pos: int) -> re.Match | None:
    """The next word after `pos` if only a gap of spaces, dashes or quotes (no paragraph break) comes first."""
    gap = GAP_RE.match(text, pos)
    if _BLANK_LINE.search(gap.group()):
        return None
    return TOKEN_RE.match(text, gap.end())


def _word_char_at(text: str, i: int) -> bool:
    return i < len(text) and text[i].isalnum()

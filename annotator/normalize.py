"""Turn words into the comparable form the matcher indexes, so spelling variants meet without an alias each.

Case, accents, curly apostrophes, possessives and English plurals are folded here; hyphens, spaces and quotes
between words are handled by the matcher's gap rule, and typos by its fuzzy pass.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A word: letters and digits, with an optional possessive 's glued on (Gerson's, Myers’s).
TOKEN_RE = re.compile(r"[^\W_]+(?:['’][sS](?![^\W_]))?")

NON_PREFIXES = ("non-", "non ", "non\u2011")   # what negates the word after it: "non-opioid", "non smokers"

MAX_CACHED_WORD = 64  # longer words are never kept in a cache: no alias word is that long

# A blank line: paragraphs end there, in plain text and in the extracted text alike.
PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")

# The marks that open and close a quotation, straight or curly.
OPEN_QUOTES = frozenset("\"“‘'")
CLOSE_QUOTES = frozenset("\"”’'")

# What may stand between two words of one name: spaces, hyphens and dashes, quotes, slashes, plus, per cent.
GAP_RE = re.compile(r"[\s\-‐‑‒–—'\"“”‘’«»„/+%]{0,5}")


def fold(word: str) -> str:
    """Lower-case, drop accents and a possessive: 'Células' -> 'celulas', 'Gerson’s' -> 'gerson'."""
    word = word.lower()
    if not word.isascii():
        word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
        word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return word


_UK_US = ((re.compile(r"isation$"), "ization"), (re.compile(r"is(e|ed|es|ing)$"), r"iz\1"),
          (re.compile(r"(?<=...)our$"), "or"), (re.compile(r"^oe(?=...)"), "e"), (re.compile(r"(?<=.)ae(?=..)"), "e"),
          (re.compile(r"^ageing$"), "aging"))


def us_spelling(word: str) -> str:
    """British and American spellings meet: 'immunisation' and 'immunization', 'tumour' and 'tumor', 'oestrogen'
    and 'estrogen', 'leukaemia' and 'leukemia', 'ageing' and 'aging'. Both the KB and the text go through it, so a
    false pair it makes ('raise' and 'raize') costs nothing unless the KB uses one of them."""
    if len(word) < 5 or not ("is" in word or "our" in word or "oe" in word or "ae" in word or word == "ageing"):
        return word
    for pattern, replacement in _UK_US:
        word = pattern.sub(replacement, word)
    return word


def stem(word: str) -> str:
    """A deliberately small plural stripper: both the alias and the text go through it, so it need not be correct
    English, only consistent ('therapies' and 'therapy' both give 'therapy')."""
    n = len(word)
    if n > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if n > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if n > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def normal(folded: str) -> str:
    """The comparable form of a word already folded."""
    return us_spelling(stem(folded))


@lru_cache(maxsize=1 << 16)
def _norm_cached(word: str) -> str:
    return normal(fold(word))


def norm(word: str) -> str:
    """The comparable form of a word. Short words are cached; a long one (no alias word is) is not kept."""
    return _norm_cached(word) if len(word) <= MAX_CACHED_WORD else normal(fold(word))


def clear_norm_cache() -> None:
    """Forget the cached word forms, as a fresh process starts (the benchmark times KB compiles that way)."""
    _norm_cached.cache_clear()


def norm_phrase(phrase: str) -> tuple[str, ...]:
    return tuple(norm(w) for w in TOKEN_RE.findall(phrase))

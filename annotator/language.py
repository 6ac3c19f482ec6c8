"""A cheap guess at the language of a paragraph, so that typo tolerance, which is tuned on English names, is never
applied to another language (Portuguese "cheio" is one letter from "chemo", the council "CONSEMA" from "Cansema").

The guess counts the most common short words of each language; a paragraph with too few of them to tell (a
headline, a caption) takes the page's language instead."""
from __future__ import annotations

from .normalize import TOKEN_RE

_COMMON_WORDS = {
    "en": "the and of to in is that for it with as was on are be this by not or have from at but they his her which "
          "were has had been their who will would an you we",
    "es": "el la de que y en los las del se por con para una es su al lo como más pero sus le ya este ha sobre "
          "también fue entre cuando muy sin",
    "pt": "o a de que e do da em um para é com não uma os no se na por mais as dos como mas ao ele das à seu sua "
          "ou quando muito já também foi pelo",
    "fr": "le la les de des et est un une du en que qui dans pour pas sur au ce il sont avec plus par ne se son "
          "elle nous vous aux été",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus "
          "er hat dass sie nach wird bei",
    "it": "il di che e la per un in del è non una sono della con si le da al più gli nel alla anche come questo",
}
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}  # a common word -> the languages it is common in ("de": es, pt, it)
for _lang, _words in _COMMON_WORDS.items():
    for _word in _words.split():
        _LANGUAGES_OF[_word] = _LANGUAGES_OF.get(_word, ()) + (_lang,)
_SAMPLE = 3000        # characters read: enough words to tell, cheap on a long paragraph
_MIN_HITS = 4         # common words needed before a guess is made


def guess_language(text: str) -> str | None:
    """'en', 'es', 'pt', 'fr', 'de' or 'it', or None when the text is too short to tell."""
    counts = dict.fromkeys(_COMMON_WORDS, 0)
    for word in TOKEN_RE.findall(text[:_SAMPLE].lower()):
        for lang in _LANGUAGES_OF.get(word, ()):
            counts[lang] += 1
    best = max(counts, key=lambda lang: counts[lang])
    return best if counts[best] >= _MIN_HITS else None


def primary(tag: str | None) -> str | None:
    """'pt' from a declared language such as 'pt-BR'; None for none."""
    return tag.split("-")[0].strip().lower() or None if tag else None

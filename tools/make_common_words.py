"""Regenerate annotator/data/common_words.txt from the wordfreq package (a one-off tool, not a runtime dependency).

The matcher never fuzzy-matches a word that is itself a common English word: "stain" is one letter from "statin",
but a reader who wrote "stain" meant it. The list holds frequent words of five or more letters (shorter words are
never fuzzy-matched anyway). Run: pip install wordfreq && python tools/make_common_words.py
"""
import pathlib

from wordfreq import top_n_list

OUT = pathlib.Path(__file__).resolve().parent.parent / "annotator" / "data" / "common_words.txt"
words = sorted({w for w in top_n_list("en", 60000) if w.isalpha() and len(w) >= 5})
OUT.write_text("\n".join(words) + "\n", encoding="utf-8")
print(f"{len(words)} words -> {OUT}")

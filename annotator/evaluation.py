"""`caveat eval`: how well Caveat reads a labelled corpus of real texts (tests/corpus/, format in its README).

Each corpus file holds a real excerpt with every treatment mention a careful reader would want a card on (the words,
the KB id, the level the evidence supports for the use the text talks about) and every false friend. The scores:

- recall: labelled mentions of treatments in the KB that got a highlight of that treatment;
- precision: highlights that sit on a labelled mention of the same treatment;
- verdict agreement: of the mentions found, those whose highlight shows the labelled level;
- highlights on texts where nothing is a treatment (the `other/` folder): should be zero.

A third of the files, picked by a hash of the file name (so the choice never depends on how well they score), is
held out: rules are tuned on the rest and both scores are reported.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .annotate import annotate_text
from .context import Context
from .kb import KnowledgeBase
from .levels import ALL_LEVELS
from .page import Page
from .results import Highlight

NOT_IN_KB = "not-in-kb"
SPLITS = ("tune", "heldout")


@dataclass(frozen=True)
class Label:
    start: int
    end: int
    treatment: str       # a KB id, or NOT_IN_KB
    level: str | None    # the level the evidence supports for this use
    false_friend: bool = False


@dataclass(frozen=True)
class Finding:
    """One miss, false positive or wrong verdict, with what a reader needs to judge it."""
    kind: str            # "miss", "false positive", "wrong verdict"
    file: str
    exact: str
    treatment: str
    expected: str | None
    got: str | None
    sentence: str


@dataclass
class Score:
    texts: int = 0
    mentions: int = 0          # labelled mentions of treatments in the KB
    found: int = 0
    highlights: int = 0
    correct: int = 0
    agree: int = 0
    on_other: int = 0          # highlights on texts where nothing is a treatment
    findings: list[Finding] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("texts", "mentions", "found", "highlights", "correct", "agree", "on_other"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.findings += other.findings

    @property
    def recall(self) -> float:
        return self.found / self.mentions if self.mentions else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.highlights if self.highlights else 1.0

    @property
    def agreement(self) -> float:
        return self.agree / self.found if self.found else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"texts": self.texts, "mentions": self.mentions, "found": self.found, "recall": round(self.recall, 4),
                "highlights": self.highlights, "correct": self.correct, "precision": round(self.precision, 4),
                "verdicts_agree": self.agree, "verdict_agreement": round(self.agreement, 4),
                "highlights_on_other_texts": self.on_other}


def split_of(name: str) -> str:
    """'heldout' for about a third of the files, fixed by the file name alone."""
    return "heldout" if hashlib.sha256(name.encode()).digest()[0] % 3 == 0 else "tune"


def corpus_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.yaml") if p.is_file())


def evaluate(folder: str | Path, kb: KnowledgeBase) -> tuple[dict[str, Score], list[str]]:
    """Scores by split ('tune', 'heldout') and for 'all', and one message per malformed file (a label whose words
    are not in the text, say), naming the file and the label; a malformed file is left out of the scores."""
    folder = Path(folder)
    scores = {name: Score() for name in (*SPLITS, "all")}
    errors = []
    for path in corpus_files(folder):
        try:
            score = _score_file(path, folder, kb)
        except (ValueError, UnicodeDecodeError, yaml.YAMLError) as exc:
            errors.append(" ".join(str(exc).split()))
            continue
        scores[split_of(path.name)].add(score)
        scores["all"].add(score)
    return scores, errors


@dataclass(frozen=True)
class LabelledText:
    name: str            # the path inside the corpus folder
    text: str
    page: Page
    labels: tuple[Label, ...]

    @property
    def other(self) -> bool:
        """A text where nothing is a treatment (the `other/` folder)."""
        return "other" in Path(self.name).parts[:1]


def read_labelled(path: Path, folder: Path) -> LabelledText:
    """One corpus file, its labels placed in its text. Raises ValueError naming the file and the label when it is
    malformed."""
    name = str(path.relative_to(folder))
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"{name}: not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise ValueError(f"{name}: a corpus file is a mapping with a `text`")
    page = Page(title=data.get("title") or "", lang=data.get("lang"))
    return LabelledText(name, data["text"], page, tuple(_labels(name, data["text"], data)))


def _score_file(path: Path, folder: Path, kb: KnowledgeBase) -> Score:
    labelled = read_labelled(path, folder)
    name, text, labels = labelled.name, labelled.text, labelled.labels
    result = annotate_text(text, kb, labelled.page)
    ctx = Context(text)
    score = Score(texts=1, highlights=len(result.highlights))
    other = labelled.other
    for h in result.highlights:
        hit = [lab for lab in labels if lab.start < h.end and h.start < lab.end]
        if any(lab.treatment == h.treatment and not lab.false_friend for lab in hit):
            score.correct += 1
            continue
        score.on_other += other
        score.findings.append(Finding("false positive", name, h.exact, h.treatment, _why(hit), h.level,
                                      _sentence(ctx, h.start, h.end)))
    for lab in labels:
        if lab.false_friend or lab.treatment == NOT_IN_KB or lab.treatment not in kb:
            continue
        score.mentions += 1
        mine = [h for h in result.highlights
                if h.treatment == lab.treatment and h.start < lab.end and lab.start < h.end]
        sentence = _sentence(ctx, lab.start, lab.end)
        if not mine:
            score.findings.append(Finding("miss", name, text[lab.start:lab.end], lab.treatment, lab.level, None,
                                          sentence))
            continue
        score.found += 1
        if mine[0].level == lab.level:
            score.agree += 1
        else:
            score.findings.append(Finding("wrong verdict", name, mine[0].exact, lab.treatment, lab.level,
                                          _got(mine[0]), sentence))
    return score


def _labels(name: str, text: str, data: dict[str, Any]) -> Iterator[Label]:
    for key, friend in (("mentions", False), ("false_friends", True)):
        for i, item in enumerate(data.get(key) or ()):
            if not isinstance(item, dict) or not isinstance(item.get("exact"), str):
                raise ValueError(f"{name}: {key}[{i}] needs `exact`, the words as they appear in the text")
            spans = _occurrences(text, item["exact"])
            wanted = item.get("nth")
            if wanted is not None:
                wanted = [wanted] if isinstance(wanted, int) else wanted
                if not all(isinstance(n, int) and 1 <= n <= len(spans) for n in wanted):
                    raise ValueError(f"{name}: {key}[{i}] nth {wanted} but {item['exact']!r} occurs {len(spans)} "
                                     "time(s)")
                spans = [spans[n - 1] for n in wanted]
            if not spans:
                raise ValueError(f"{name}: {key}[{i}] {item['exact']!r} is not in the text")
            if not friend and item.get("level") not in ALL_LEVELS:
                raise ValueError(f"{name}: {key}[{i}] level {item.get('level')!r} is not one of "
                                 f"{', '.join(ALL_LEVELS)} (evidence words such as 'unproven' are not levels)")
            treatment = str(item.get("looks_like") if friend else item.get("treatment"))
            for start, end in spans:
                yield Label(start, end, treatment, item.get("level"), friend)


def _occurrences(text: str, exact: str) -> list[tuple[int, int]]:
    """Where `exact` stands as whole words (case as written)."""
    pattern = r"(?<!\w)" + re.escape(exact) + r"(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def _why(hit: Iterable[Label]) -> str:
    for lab in hit:
        if lab.false_friend:
            return "false friend"
        return f"labelled {lab.treatment}"
    return "not a labelled mention"


def _got(h: Highlight) -> str:
    return f"{h.level} ({h.indication or 'no use named'})"


def _sentence(ctx: Context, start: int, end: int) -> str:
    lo, hi = ctx.sentence(start, end)
    return " ".join(ctx.text[lo:hi].split())


def format_report(scores: dict[str, Score], kb: KnowledgeBase, folder: str | Path, split: str = "all") -> str:
    """The score table, then every miss, false positive and wrong verdict of `split` with its sentence."""
    head = ["split", "texts", "mentions", "found", "recall", "highlights", "correct", "precision", "verdicts ok",
            "agreement", "on other texts"]
    rows = [head] + [[name, str(s.texts), str(s.mentions), str(s.found), f"{s.recall:.3f}", str(s.highlights),
                      str(s.correct), f"{s.precision:.3f}", str(s.agree), f"{s.agreement:.3f}", str(s.on_other)]
                     for name, s in scores.items()]
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = [f"corpus {folder}: KB {kb.version} ({len(kb)} entries)", ""]
    lines += ["  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(r, widths)))
              for r in rows]
    for kind in ("miss", "false positive", "wrong verdict"):
        found = [f for f in scores[split].findings if f.kind == kind]
        lines += ["", f"{kind.upper()}ES ({len(found)})" if kind == "miss" else f"{kind.upper()}S ({len(found)})"]
        for f in found:
            verdict = {"miss": f"expected {f.expected}", "false positive": f"shown {f.got}; {f.expected}",
                       "wrong verdict": f"expected {f.expected}, shown {f.got}"}[kind]
            lines.append(f"  {f.file}: [{f.exact}] {f.treatment}, {verdict}\n      {f.sentence[:240]}")
    return "\n".join(lines)

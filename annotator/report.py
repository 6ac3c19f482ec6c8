"""Human-readable output: the CLI's text table and the knowledge-base coverage table."""
from __future__ import annotations

from collections import Counter

from .kb import KnowledgeBase
from .levels import EVIDENCE, LEVELS, RISKS
from .results import Annotations

NOT_ADVICE = "Not medical advice: talk to your doctor."
NOTHING_FOUND = "Caveat found no treatments it knows in this page."


def format_text(result: Annotations) -> str:
    if not result.highlights:
        return NOTHING_FOUND
    rows = [("TREATMENT", "LEVEL", "FOR", "WHERE")]
    for h in result.highlights:
        where = " ".join(f"…{h.prefix}[{h.exact}]{h.suffix}…".split())
        rows.append((result.treatments[h.treatment]["name"], h.level, h.indication or "(general)", where))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r[:3], widths)) + "  " + r[3] for r in rows]
    found = len(result.treatments)
    lines.append(f"\n{len(result.highlights)} mention(s) of {found} treatment(s). {NOT_ADVICE}")
    return "\n".join(lines)


def stats_table(kb: KnowledgeBase, markdown: bool = False) -> str:
    cards = [kb.card(i) for i in kb.ids()]
    aliases = sum(len(kb.entry(i).aliases) for i in kb.ids())
    sections = [
        ("category", Counter(c["category"] for c in cards), None),
        ("evidence (default verdict)", Counter(c["evidence"] for c in cards), EVIDENCE),
        ("risk (default)", Counter(c["risk"] for c in cards), RISKS),
        ("warning level (default)", Counter(c["level"] for c in cards), LEVELS),
        ("indication verdicts", Counter(i["evidence"] for c in cards for i in c["indications"]), EVIDENCE),
    ]
    head = f"{len(cards)} entries, {aliases} names and aliases, KB version {kb.version}"
    out = [head if not markdown else f"_{head}._"]
    for title, counts, order in sections:
        keys = order or sorted(counts)
        if markdown:
            out += ["", f"| {title} | entries |", "|---|---|"] + [f"| {k} | {counts[k]} |" for k in keys]
        else:
            out += ["", title + ":"] + [f"  {k:<22} {counts[k]:>4}" for k in keys]
    return "\n".join(out)

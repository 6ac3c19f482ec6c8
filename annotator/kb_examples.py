"""The example sentences each KB entry carries, run through the annotator: what a maintainer's edit does to readers.

Each example says what card its sentence must produce for its entry (level, and the use it is about), or that the
entry must stay silent there (a known false friend). `caveat kb check` runs them all and reports each miss at its
file and line, so an alias, `not_when` or indication edit that changes what readers get is seen at once."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .annotate import annotate_text
from .errors import Problem
from .kb import KnowledgeBase
from .kb_yaml import dotted, parse_file


def check_examples(kb: KnowledgeBase, folder: str | Path) -> list[Problem]:
    problems = []
    for treatment in kb.ids():
        examples = kb.entry(treatment).examples
        if not examples:
            continue
        file = Path(folder) / f"{treatment}.yaml"
        parsed = parse_file(str(file), file.read_text("utf-8"))
        for i, example in enumerate(examples):
            message = _mismatch(kb, treatment, example)
            if message:
                path = ("examples", i)
                problems.append(Problem(str(file), parsed.line_of(path), dotted(path), message))
    return problems


def _mismatch(kb: KnowledgeBase, treatment: str, example: dict[str, Any]) -> str | None:
    mine = [h for h in annotate_text(example["text"], kb).highlights if h.treatment == treatment]
    shown = ", ".join(f"{h.level} for {h.indication or 'no use named'} on '{h.exact}'" for h in mine)
    if example.get("silent"):
        return f"must stay silent, but shows {shown}" if mine else None
    wanted = (example["level"], example.get("indication"))
    if any((h.level, h.indication) == wanted for h in mine):
        return None
    expected = f"{wanted[0]} for {wanted[1] or 'no use named'}"
    return f"must show {expected}, but shows {shown or 'nothing'}"

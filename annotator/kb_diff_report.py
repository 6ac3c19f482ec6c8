"""How `caveat kb diff` prints: plain text for a terminal, Markdown to paste into a pull request, JSON for tools."""
from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .evaluation import Finding
from .kb_diff import KbDiff

SHOWN_PER_ENTRY = 25   # changes listed per entry in Markdown; the rest are counted


def _head(d: KbDiff) -> list[str]:
    counts = {kind: sum(c.kind == kind for c in d.changes) for kind in ("added", "removed", "changed")}
    verdict = ("**Worse than the base** on the labelled corpus:" if d.worse
               else "Not worse than the base on the labelled corpus.")
    return [f"{d.documents} documents ({d.labelled} labelled texts): {counts['added']} highlight(s) added, "
            f"{counts['removed']} removed, {counts['changed']} changed, in {len(d.by_entry())} entr(y/ies).",
            f"Labelled mentions found: {d.found[0]} → {d.found[1]}; false-friend hits: {d.false_hits[0]} → "
            f"{d.false_hits[1]}. {verdict}"]


def _change_line(c: Finding) -> str:
    verdict = {"added": c.got, "removed": c.expected, "changed": f"{c.expected} → {c.got}"}[c.kind]
    return f"{c.kind} in {c.file}: [{c.exact}] {verdict}"


def format_text(d: KbDiff) -> str:
    lines = [f"working KB {d.work_version} against {d.base} (KB {d.base_version})", *_head(d)]
    lines += [f"  {r.kind}: {r.file}: [{r.exact}] {r.treatment}\n      {r.sentence[:240]}" for r in d.regressions]
    for entry, changes in d.by_entry().items():
        lines += ["", f"{entry}"]
        lines += [f"  {_change_line(c)}\n      {c.sentence[:240]}" for c in changes]
    return "\n".join(lines)


def format_markdown(d: KbDiff) -> str:
    lines = [f"### `caveat kb diff`: working KB `{d.work_version}` against `{d.base}` (KB `{d.base_version}`)", "",
             *_head(d)]
    lines += [f"- {r.kind}: `{r.file}`: **{r.exact}** ({r.treatment})  \n  > {r.sentence[:300]}" for r in d.regressions]
    grouped = d.by_entry()
    if grouped:
        lines += ["", "| entry | added | removed | changed |", "|---|---:|---:|---:|"]
        lines += [f"| `{entry}` | " + " | ".join(str(sum(c.kind == k for c in changes))
                                                for k in ("added", "removed", "changed")) + " |"
                  for entry, changes in grouped.items()]
    for entry, changes in grouped.items():
        lines += ["", f"<details><summary><code>{entry}</code>: {len(changes)} change(s)</summary>", ""]
        for c in changes[:SHOWN_PER_ENTRY]:
            lines.append(f"- {_change_line(c).replace('[', '**').replace(']', '**')}  \n  > {c.sentence[:300]}")
        if len(changes) > SHOWN_PER_ENTRY:
            lines.append(f"- … and {len(changes) - SHOWN_PER_ENTRY} more (`caveat kb diff` lists them all)")
        lines += ["", "</details>"]
    return "\n".join(lines)


def to_json(d: KbDiff) -> dict[str, Any]:
    return {**asdict(d), "worse": d.worse}

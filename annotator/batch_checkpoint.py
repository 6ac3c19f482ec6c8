"""Resuming an interrupted batch run: every finished page is appended, with its rows, to <out>.progress.jsonl, one
line a page, flushed after each task. A run that finds this file skips the (input, record) pairs it holds; the
output tables are written from it once every page is done, and then it is removed.

The first line records the KB version: a run under another KB refuses to resume (its rows would mix two KBs). A line
cut short by the interruption is dropped, and its page is run again."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .batch_page import Outcome
from .batch_tables import pages_path
from .errors import AnnotatorError

FORMAT = 1


def progress_path(out: Path) -> Path:
    return out.with_name(f"{out.name}.progress.jsonl")


class Checkpoint:
    def __init__(self, out: Path, kb_version: str):
        self.out = out
        self.path = progress_path(out)
        self.kb_version = kb_version

    def start(self, overwrite: bool) -> set[tuple[str, int]]:
        """The pages already done (none for a new run). Refuses to resume under another KB, and to replace a
        finished output unless `overwrite`."""
        if self.path.exists():
            return self._resume()
        finished = [p for p in (self.out, pages_path(self.out)) if p.exists()]
        if finished and not overwrite:
            raise AnnotatorError(f"{finished[0]} exists (a finished run): remove it or pass --overwrite")
        with self.path.open("w", encoding="utf-8") as f:
            f.write(json.dumps({"caveat_batch": FORMAT, "kb_version": self.kb_version}) + "\n")
        return set()

    def _resume(self) -> set[tuple[str, int]]:
        raw = self.path.read_bytes()
        whole = raw[:raw.rfind(b"\n") + 1]  # a line cut short is dropped; its page runs again
        lines = whole.splitlines()
        try:
            head = json.loads(lines[0]) if lines else {}
        except json.JSONDecodeError:
            head = {}
        if head.get("caveat_batch") != FORMAT:
            raise AnnotatorError(f"{self.path}: not a caveat batch checkpoint; remove it to start over")
        if head["kb_version"] != self.kb_version:
            raise AnnotatorError(f"{self.path}: this run began under KB {head['kb_version']}, the KB now is "
                                 f"{self.kb_version}; resume with that KB, or remove the file to start over")
        if len(whole) < len(raw):
            with self.path.open("r+b") as f:
                f.truncate(len(whole))
        return {(page["input"], page["record"]) for page in map(_page_of, lines[1:])}

    def add(self, outcomes: list[Outcome]) -> None:
        with self.path.open("a", encoding="utf-8") as f:
            f.writelines(json.dumps({"page": o.page, "highlights": o.highlights}, ensure_ascii=False) + "\n"
                         for o in outcomes)

    def outcomes(self) -> Iterator[Outcome]:
        with self.path.open(encoding="utf-8") as f:
            next(f)
            for line in f:
                data = json.loads(line)
                yield Outcome(data["page"], tuple(data["highlights"]))

    def remove(self) -> None:
        self.path.unlink()


def _page_of(line: bytes) -> dict[str, Any]:
    page: dict[str, Any] = json.loads(line)["page"]
    return page

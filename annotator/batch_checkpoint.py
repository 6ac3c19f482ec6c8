"""Resuming an interrupted batch run: every finished task is appended to <out>.progress.jsonl, one short line a task
(its part's name, the (input, record) of its pages, its error rows and highlights), once the worker has written the
task's part files (batch_parts.py). A run that finds this file skips the pages it holds; the output tables are joined
from the recorded parts once every page is done, and then the file and the parts are removed.

The first line records the KB version: a run under another KB refuses to resume (its rows would mix two KBs). A line
cut short by the interruption is dropped, and a part the file does not record (written, but its task never recorded)
is removed: its pages run again, so no row is written twice."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from .batch_parts import TaskDone, part_of, parts_folder
from .batch_tables import pages_path
from .errors import AnnotatorError

FORMAT = 2


def progress_path(out: Path) -> Path:
    return out.with_name(f"{out.name}.progress.jsonl")


class Checkpoint:
    def __init__(self, out: Path, kb_version: str):
        self.out = out
        self.path = progress_path(out)
        self.parts = parts_folder(out)
        self.kb_version = kb_version

    def start(self, overwrite: bool) -> set[tuple[str, int]]:
        """The pages already done (none for a new run). Refuses to resume under another KB, and to replace a
        finished output unless `overwrite`."""
        if self.path.exists():
            return self._resume()
        finished = [p for p in (self.out, pages_path(self.out)) if p.exists()]
        if finished and not overwrite:
            raise AnnotatorError(f"{finished[0]} exists (a finished run): remove it or pass --overwrite")
        shutil.rmtree(self.parts, ignore_errors=True)  # left by a run whose checkpoint was removed
        self.parts.mkdir()
        with self.path.open("w", encoding="utf-8") as f:
            f.write(json.dumps({"caveat_batch": FORMAT, "kb_version": self.kb_version}) + "\n")
        return set()

    def _resume(self) -> set[tuple[str, int]]:
        raw = self.path.read_bytes()
        whole = raw[:raw.rfind(b"\n") + 1]  # a line cut short is dropped; its pages run again
        lines = whole.splitlines()
        try:
            head = json.loads(lines[0]) if lines else {}
        except json.JSONDecodeError:
            head = {}
        if head.get("caveat_batch") != FORMAT:
            raise AnnotatorError(f"{self.path}: not a checkpoint of this caveat batch; remove it to start over")
        if head["kb_version"] != self.kb_version:
            raise AnnotatorError(f"{self.path}: this run began under KB {head['kb_version']}, the KB now is "
                                 f"{self.kb_version}; resume with that KB, or remove the file to start over")
        if len(whole) < len(raw):
            with self.path.open("r+b") as f:
                f.truncate(len(whole))
        tasks = [_task(line) for line in lines[1:]]
        recorded = {task.part for task in tasks}
        self.parts.mkdir(exist_ok=True)
        for file in self.parts.iterdir():
            if part_of(file) not in recorded:
                file.unlink()
        return {page for task in tasks for page in task.pages}

    def add(self, task: TaskDone) -> None:
        line = {"part": task.part, "pages": task.pages, "errors": task.errors, "highlights": task.highlights}
        with self.path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")

    def tasks(self) -> list[TaskDone]:
        """Every task done, in the order they finished (this run's and the runs it resumes)."""
        with self.path.open("rb") as f:
            return [_task(line) for line in f.read().splitlines()[1:]]

    def remove(self) -> None:
        self.path.unlink()
        shutil.rmtree(self.parts)


def _task(line: bytes) -> TaskDone:
    data = json.loads(line)
    return TaskDone(data["part"], tuple((page[0], page[1]) for page in data["pages"]), data["errors"],
                    data["highlights"])

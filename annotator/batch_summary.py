"""What a batch run reports when it ends: pages, error rows, skipped WARC records and highlights."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .batch_parts import TaskDone


@dataclass(frozen=True)
class Summary:
    pages: int
    errors: int
    skipped: int      # WARC records that are not HTML responses
    highlights: int

    def __str__(self) -> str:
        return (f"{self.pages} page(s), {self.errors} error row(s), {self.highlights} highlight(s); "
                f"{self.skipped} WARC record(s) skipped (not HTML responses)")


def summarise(tasks: Iterable[TaskDone], skipped: int) -> Summary:
    done = list(tasks)
    return Summary(sum(len(t.pages) for t in done), sum(t.errors for t in done), skipped,
                   sum(t.highlights for t in done))

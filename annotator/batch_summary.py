"""What a batch run reports when it ends: pages, error rows, skipped WARC records and highlights, counted while the
output tables are written."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .batch_page import Outcome
from .batch_tables import Tables


@dataclass(frozen=True)
class Summary:
    pages: int
    errors: int
    skipped: int      # WARC records that are not HTML responses
    highlights: int

    def __str__(self) -> str:
        return (f"{self.pages} page(s), {self.errors} error row(s), {self.highlights} highlight(s); "
                f"{self.skipped} WARC record(s) skipped (not HTML responses)")


def summarise(outcomes: Iterable[Outcome], tables: Tables | None, skipped: int) -> Summary:
    pages = errors = highlights = 0
    for outcome in outcomes:
        if tables is not None:
            tables.write(outcome.page, list(outcome.highlights))
        pages += 1
        errors += outcome.page["status"] == "error"
        highlights += len(outcome.highlights)
    return Summary(pages, errors, skipped, highlights)

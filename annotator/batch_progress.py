"""The progress bar of a batch run: pages done of the total, pages per second and the time left, drawn on stderr
only when stderr is a terminal (a run piped into a file or a CI log prints just its closing summary)."""
from __future__ import annotations

import sys
from types import TracebackType


class Progress:
    def __init__(self, total: int, done: int = 0, enabled: bool | None = None):
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._bar = None
        if self.enabled:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress as Bar, TaskProgressColumn,
                                       TextColumn, TimeElapsedColumn, TimeRemainingColumn)

            self._bar = Bar(TextColumn("annotating"), BarColumn(), MofNCompleteColumn(), TextColumn("pages"),
                            TaskProgressColumn(), TextColumn("{task.fields[rate]} pages/s"),
                            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                            console=Console(stderr=True), speed_estimate_period=60)
            self._task = self._bar.add_task("pages", total=total, completed=done, rate="-")

    def __enter__(self) -> Progress:
        if self._bar is not None:
            self._bar.start()
        return self

    def advance(self, pages: int) -> None:
        if self._bar is not None:
            self._bar.advance(self._task, pages)
            speed = self._bar.tasks[0].speed
            self._bar.update(self._task, rate=f"{speed:.1f}" if speed else "-")

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()

"""The two exceptions callers catch, and the problem record that `kb check` prints."""
from __future__ import annotations

from dataclasses import dataclass


class AnnotatorError(Exception):
    """Input the annotator cannot work with. The message is one line that says what to do."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the knowledge base, pointing at the file and line a maintainer should open."""

    file: str
    line: int
    field: str
    message: str
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        tag = "warning: " if self.severity == "warning" else ""
        return f"{where}: {self.field}: {tag}{self.message}"


class KnowledgeBaseError(AnnotatorError):
    """The knowledge base did not load. `problems` lists every error, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        head = str(self.problems[0]) if self.problems else "unknown problem"
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(f"knowledge base has errors: {head}{more}")

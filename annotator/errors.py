"""The two exceptions callers catch, and the problem record that `kb check` prints."""
from __future__ import annotations

from dataclasses import dataclass


class AnnotatorError(Exception):
    """Input the annotator cannot work with. The message is one line that says what to do."""


MAX_MESSAGE = 500  # characters of a problem's message; its field (a path of keys) gets MAX_MESSAGE // 4


def clip(text: str, limit: int) -> str:
    """`text` cut in the middle to about `limit` characters. Messages quote the values they complain about, and a
    20 MB field must not become a 20 MB message (nor log, nor `GET /api/v1/kb`); head and tail keep what helps."""
    if len(text) <= limit:
        return text
    keep = limit // 2 - 20
    return f"{text[:keep]}…[{len(text) - 2 * keep:,} characters cut]…{text[-keep:]}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the knowledge base, pointing at the file and line a maintainer should open. Long values
    in the field or message are clipped (see `clip`)."""

    file: str
    line: int
    field: str
    message: str
    severity: str = "error"  # "error" or "warning"

    def __post_init__(self) -> None:
        object.__setattr__(self, "field", clip(self.field, MAX_MESSAGE // 4))
        object.__setattr__(self, "message", clip(self.message, MAX_MESSAGE))

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

"""The knowledge base: YAML files in a folder, checked, compiled into a matcher once, then read-only."""
from __future__ import annotations

import datetime as dt
import hashlib
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from .cards import Card
from .entry import Entry, alias_list
from .errors import KnowledgeBaseError, Problem
from .kb_check import check_entry, collisions
from .kb_yaml import parse_file
from .match import Alias, Matcher


def bundled_kb_path() -> Path:
    return Path(str(resources.files("caveat.annotator").joinpath("kb")))


def _folder(path: str | Path | None) -> Path:
    """The KB folder asked for; None means the bundled one."""
    return Path(path) if path is not None else bundled_kb_path()


def read_kb(path: str | Path | None = None, today: dt.date | None = None) -> tuple[list[dict], list[Problem], str]:
    """Parse and check every entry file. Returns (entries' data, problems, version hash); never raises."""
    folder = _folder(path)
    today = today or dt.date.today()
    if not folder.is_dir():
        return [], [Problem(str(folder), 0, "kb", "not a folder of <id>.yaml files")], ""
    files = sorted(folder.glob("*.y*ml"))
    problems: list[Problem] = []
    good: list[dict] = []
    claims = []
    contents: list[tuple[str, bytes]] = []
    for file in files:
        name = str(file)
        if file.suffix != ".yaml":
            problems.append(Problem(name, 0, "file", "entries must be named <id>.yaml"))
            continue
        raw = file.read_bytes()
        contents.append((file.name, raw))
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(Problem(name, raw[:exc.start].count(b"\n") + 1, "file", "not UTF-8 text"))
            continue
        parsed = parse_file(name, text)
        mine = parsed.problems + (check_entry(parsed, file.stem, today) if parsed.data is not None else [])
        problems += mine
        if not any(p.severity == "error" for p in mine):
            good.append(parsed.data)
            claims.append((parsed, alias_list(parsed.data)))
    if not files:
        problems.append(Problem(str(folder), 0, "kb", "no <id>.yaml files in this folder"))
    problems += collisions(claims)
    return good, sorted(problems), _version(contents)


def _version(contents: list[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256()
    for name, raw in contents:
        digest.update(name.encode() + b"\0" + raw + b"\0")
    return digest.hexdigest()[:12]


def kb_version(path: str | Path) -> str:
    """The version hash of the files in a KB folder as they are now, without parsing them."""
    return _version([(f.name, f.read_bytes()) for f in sorted(Path(path).glob("*.yaml"))])


class KnowledgeBase:
    """Immutable once built, so one instance serves every thread of a server."""

    def __init__(self, entries: list[Entry], version: str, path: Path | None = None,
                 warnings: list[Problem] | None = None):
        self._entries = {e.id: e for e in entries}
        self.version = version
        self.path = path
        self.warnings = list(warnings or [])
        self.matcher = Matcher([Alias(e.id, name, exact) for e in entries for name, exact in e.aliases])
        self._names = [(name, e.id) for e in entries for name, _ in e.aliases]

    @classmethod
    def load(cls, path: str | Path | None = None, today: dt.date | None = None) -> KnowledgeBase:
        """Load and compile a KB folder (None: the bundled one). Raises KnowledgeBaseError listing every error."""
        data, problems, version = read_kb(path, today)
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise KnowledgeBaseError(errors)
        return cls([Entry.from_data(d) for d in data], version, _folder(path), problems)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, treatment_id: object) -> bool:
        return treatment_id in self._entries

    def entry(self, treatment_id: str) -> Entry:
        return self._entries[treatment_id]

    def ids(self) -> list[str]:
        return sorted(self._entries)

    def card(self, treatment_id: str) -> Card:
        return self._entries[treatment_id].card

    def summaries(self) -> list[dict]:
        return [self._entries[i].card.summary_fields for i in self.ids()]

    def search(self, query: str, limit: int = 20) -> list[dict]:
        """Entries whose name or an alias is like `query`, best first (for a maintainer's search box)."""
        hits = process.extract(query, [n for n, _ in self._names], scorer=fuzz.WRatio,
                               processor=utils.default_process, limit=None, score_cutoff=75)
        best: dict[str, tuple[float, float]] = {}
        for name, score, index in hits:  # ties on WRatio go to the closer whole name
            tid = self._names[index][1]
            rank = (score, fuzz.ratio(query, name, processor=utils.default_process))
            best[tid] = max(best.get(tid, rank), rank)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))[:limit]
        return [{**self._entries[tid].card.summary_fields, "score": round(rank[0])} for tid, rank in ranked]

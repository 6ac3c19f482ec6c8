"""The knowledge base: YAML files in a folder, checked, compiled into a matcher once, then read-only."""
from __future__ import annotations

import datetime as dt
import hashlib
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from rapidfuzz import fuzz, process, utils

from .cards import Card
from .entry import AliasSpec, Cues, Entry, alias_list, bare_name, framing_phrase
from .errors import KnowledgeBaseError, Problem
from .kb_check import check_cues, check_entry, collisions, unknown_partners
from .kb_yaml import MAX_FILE_BYTES, Data, ParsedFile, parse_file, too_big
from .match import Alias, Matcher
from .normalize import norm_phrase


CUES_FILE = "_cues.yaml"   # not an entry: the words that show a sentence is about a treatment
MAX_PROBLEMS_PER_FILE = 50


def bundled_kb_path() -> Path:
    return Path(str(resources.files("caveat.annotator").joinpath("kb")))


def _folder(path: str | Path | None) -> Path:
    """The KB folder asked for; None means the bundled one."""
    return Path(path) if path is not None else bundled_kb_path()


class KBFiles(NamedTuple):
    entries: list[dict[str, Data]]  # the checked data of every entry without errors
    cues: dict[str, list[str]]  # the treatment cues and idioms (_cues.yaml; the bundled ones when the folder has none)
    problems: list[Problem]
    version: str               # hash of every file's bytes


def read_kb(path: str | Path | None = None, today: dt.date | None = None) -> KBFiles:
    """Parse and check every file of a KB folder; never raises."""
    folder = _folder(path)
    today = today or dt.date.today()
    if not folder.is_dir():
        return KBFiles([], {}, [Problem(str(folder), 0, "kb", "not a folder of <id>.yaml files")], "")
    files = sorted(f for f in folder.glob("*.y*ml") if not f.name.startswith("_"))
    problems: list[Problem] = []
    good: list[dict[str, Data]] = []
    claims: list[tuple[ParsedFile, list[AliasSpec]]] = []
    contents: list[tuple[str, bytes]] = []
    for file in files:
        if file.suffix != ".yaml":
            problems.append(Problem(str(file), 0, "file", "entries must be named <id>.yaml"))
            continue
        try:
            parsed = _parse(file, contents, problems)
            mine = check_entry(parsed, file.stem, today) if parsed is not None and parsed.data is not None else []
        except Exception as exc:  # noqa: BLE001 - MemoryError included: whatever happens, say which file it was
            problems.append(_failed(file, exc))
            continue
        problems += mine
        if parsed is not None and parsed.data is not None and not any(p.severity == "error" for p in mine):
            good.append(parsed.data)
            claims.append((parsed, alias_list(parsed.data)))
    if not files:
        problems.append(Problem(str(folder), 0, "kb", "no <id>.yaml files in this folder"))
    problems += collisions(claims) + unknown_partners(claims, {f.stem for f in files})
    cues = _cues(folder, contents, problems)
    return KBFiles(good, cues, _capped(problems), _version(sorted(contents)))


def _failed(file: Path, exc: Exception) -> Problem:
    return Problem(str(file), 0, "file", f"could not be read or checked: {type(exc).__name__}: {exc}")


def _capped(problems: list[Problem]) -> list[Problem]:
    """Sorted, and at most MAX_PROBLEMS_PER_FILE of each file (one broken file must not flood the log, the CLI or
    `GET /api/v1/kb`), with a last line that says how many more there are."""
    out: list[Problem] = []
    per_file: dict[str, int] = {}
    for problem in sorted(problems):
        seen = per_file[problem.file] = per_file.get(problem.file, 0) + 1
        if seen <= MAX_PROBLEMS_PER_FILE:
            out.append(problem)
    for file, count in per_file.items():
        if count > MAX_PROBLEMS_PER_FILE:
            out.append(Problem(file, 0, "file", f"{count - MAX_PROBLEMS_PER_FILE:,} more problems not shown"))
    return sorted(out)


def _parse(file: Path, contents: list[tuple[str, bytes]], problems: list[Problem]) -> ParsedFile | None:
    """Read and parse one file, noting its bytes for the version hash and its problems; None if it is too big or
    not text. Never reads more than the size cap, so a 20 MB file costs no more than a good one."""
    with file.open("rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    contents.append((file.name, raw))
    if len(raw) > MAX_FILE_BYTES:
        problems.append(too_big(str(file), file.stat().st_size))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(str(file), raw[:exc.start].count(b"\n") + 1, "file", "not UTF-8 text"))
        return None
    parsed = parse_file(str(file), text)
    problems += parsed.problems
    return parsed


def _cues(folder: Path, contents: list[tuple[str, bytes]], problems: list[Problem]) -> dict[str, list[str]]:
    """The folder's treatment cues; a folder without the file (a maintainer's test KB) uses the bundled ones."""
    file = folder / CUES_FILE
    if not file.is_file():
        file = bundled_kb_path() / CUES_FILE
        if folder == bundled_kb_path() or not file.is_file():
            problems.append(Problem(str(folder / CUES_FILE), 0, "file", "missing: the treatment cue words"))
            return {}
        parsed: ParsedFile | None = parse_file(str(file), file.read_text("utf-8"))
    else:
        try:
            parsed = _parse(file, contents, problems)
        except Exception as exc:  # noqa: BLE001 - as for entries: name the file whatever happens
            problems.append(_failed(file, exc))
            return {}
    if parsed is None or parsed.data is None:
        return {}
    mine = check_cues(parsed)
    problems += mine
    return {} if mine else dict(parsed.data)


def _version(contents: list[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256()
    for name, raw in contents:
        digest.update(name.encode() + b"\0" + raw + b"\0")
    return digest.hexdigest()[:12]


def _matcher_aliases(entry: Entry) -> list[Alias]:
    """The entry's aliases as the matcher takes them. A brand, whose typo counts only where capitalised (match.py),
    is an alias with every word capitalised that is not the entry's own name re-declared ("Echinacea", "St John's
    wort" are not brands)."""
    name = norm_phrase(bare_name(entry.name))
    return [Alias(entry.id, a.name, a.exact, a.ambiguous, a.lang, a.short_form,
                  norm_phrase(a.name) != name and all(w[:1].isupper() for w in a.name.split()), a.listed_with)
            for a in entry.aliases]


def kb_version(path: str | Path) -> str:
    """The version hash of the files in a KB folder as they are now, without parsing them."""
    return _version([(f.name, f.read_bytes()) for f in sorted(Path(path).glob("*.yaml"))])


_WHOLE_WORDS = 60  # how much of its words a search hit must share with the query


class KnowledgeBase:
    """Immutable once built, so one instance serves every thread of a server."""

    def __init__(self, entries: list[Entry], version: str, path: Path | None = None,
                 warnings: list[Problem] | None = None, cues: dict[str, list[str]] | None = None):
        self._entries = {e.id: e for e in entries}
        self.version = version
        self.path = path
        self.warnings = list(warnings or [])
        cues = cues or {}
        def phrases(key: str) -> tuple[tuple[str, ...], ...]:
            return tuple(p for p in map(norm_phrase, cues.get(key, ())) if p)

        self.cues = Cues(phrases("treatment_cues"), phrases("idioms"), phrases("substance_cues"),
                         phrases("contrast_cues"), phrases("copy_cues"), phrases("animal_cues"),
                         tuple(framing_phrase(m) for m in cues.get("measure_cues", ())),
                         tuple(cues.get("organisation_cues", ())), tuple(cues.get("company_cues", ())),
                         tuple(framing_phrase(m) for m in cues.get("taking_cues", ())), phrases("people_cues"),
                         tuple(cues.get("harm_cues", ())),
                         tuple(framing_phrase(m) for m in cues.get("raising_cues", ())),
                         phrases("animal_label_cues"), phrases("person_cues"), phrases("material_cues"),
                         phrases("arts_cues"), phrases("genuine_cues"), phrases("contraband_cues"),
                         phrases("enforcement_cues"), phrases("seizure_cues"),
                         phrases("finance_cues"), frozenset(w for (w,) in phrases("title_cues")),
                         frozenset(w for (w,) in phrases("leader_cues")),
                         frozenset(w for (w,) in phrases("list_cues")),
                         frozenset(w for (w,) in phrases("list_modifier_cues")),
                         business=tuple(cues.get("business_cues", ())),
                         business_event=phrases("business_event_cues"))
        self.matcher = Matcher([a for e in entries for a in _matcher_aliases(e)])
        self._names = [(a.name, e.id) for e in entries for a in e.aliases if not a.short_form]  # not shared words

    @classmethod
    def load(cls, path: str | Path | None = None, today: dt.date | None = None) -> KnowledgeBase:
        """Load and compile a KB folder (None: the bundled one). Raises KnowledgeBaseError listing every error."""
        return cls.from_files(read_kb(path, today), _folder(path))

    @classmethod
    def from_files(cls, files: KBFiles, folder: Path) -> KnowledgeBase:
        """Compile what read_kb read (so a caller that has read the folder does not read it again). Raises
        KnowledgeBaseError listing every error."""
        errors = [p for p in files.problems if p.severity == "error"]
        if errors:
            raise KnowledgeBaseError(errors)
        return cls([Entry.from_data(d) for d in files.entries], files.version, folder, files.problems, files.cues)

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

    def summaries(self) -> list[dict[str, Any]]:
        return [self._entries[i].card.summary_fields for i in self.ids()]

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Entries whose name or an alias is like `query`, best first (for a maintainer's search box)."""
        hits = process.extract(query, [n for n, _ in self._names], scorer=fuzz.WRatio,
                               processor=utils.default_process, limit=None, score_cutoff=75)
        best: dict[str, tuple[float, float]] = {}
        for name, score, index in hits:  # ties on WRatio go to the closer whole name
            if fuzz.token_set_ratio(query, name, processor=utils.default_process) < _WHOLE_WORDS:
                continue  # WRatio's partial match found one short common word inside a long query ("at all")
            tid = self._names[index][1]
            rank = (score, fuzz.ratio(query, name, processor=utils.default_process))
            best[tid] = max(best.get(tid, rank), rank)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))[:limit]
        return [{**self._entries[tid].card.summary_fields, "score": round(rank[0])} for tid, rank in ranked]

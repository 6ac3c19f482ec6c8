"""Every rule a KB entry must follow, reported all at once as `file:line: field: message`.

The JSON Schema (annotator/schemas/kb-entry.schema.json) carries the shape; the rules here are the ones a schema
cannot say: ids that match file names, aliases two entries both claim, sources cited but never listed, the source
rules (who may be a regulator, agency or guideline source; which kinds need a DOI, PMID or trial id; every verdict and
regulatory note resting on at least one of the strong kinds), and dates.
"""
from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from collections.abc import Iterator, Mapping
from typing import Protocol, cast
from urllib.parse import urlsplit

import jsonschema

from .authorities import authority_of
from .levels import EVIDENCE, RISKS, level_for
from .entry import AliasSpec
from .errors import Problem
from .kb_yaml import Data, ParsedFile, Path, Schema, dotted, typed
from .normalize import norm_phrase

STALE_AFTER = dt.timedelta(days=730)
NATIONAL_KINDS = frozenset({"regulator", "agency", "guideline"})  # must come from a listed national authority
PAPER_KINDS = frozenset({"systematic-review", "trial", "journal"})  # must carry a DOI, PMID or trial-registry id
VERDICT_KINDS = NATIONAL_KINDS | {"systematic-review", "trial"}  # what a verdict or regulatory note may rest on

class Add(Protocol):
    """Reports a problem at a path of the entry being checked."""

    def __call__(self, path: Path, message: str, severity: str = "error") -> None: ...


def _load_schema(name: str) -> Schema:
    schema: Schema = json.loads(resources.files("caveat.annotator").joinpath(f"schemas/{name}").read_text("utf-8"))
    return schema


def _inline_refs(node: object, defs: Schema, seen: tuple[str, ...] = ()) -> object:
    """The schema with each local `#/$defs/...` reference replaced by what it names (a recursive one is left as a
    reference): looking references up is a third of jsonschema's time on a KB entry."""
    if isinstance(node, list):
        return [_inline_refs(item, defs, seen) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/") and ref not in seen:
        target = _inline_refs(defs[ref.removeprefix("#/$defs/")], defs, seen + (ref,))
        rest = {key: _inline_refs(value, defs, seen) for key, value in node.items() if key != "$ref"}
        return {**rest, "allOf": [target]} if rest else target
    return {key: _inline_refs(value, defs, seen) for key, value in node.items()}


_schema = _load_schema("kb-entry.schema.json")
_validator = jsonschema.Draft202012Validator(cast(Schema, _inline_refs(_schema, _schema.get("$defs", {}))))
_cues_schema = _load_schema("kb-cues.schema.json")
_cues_validator = jsonschema.Draft202012Validator(_cues_schema)


def check_entry(parsed: ParsedFile, stem: str, today: dt.date) -> list[Problem]:
    """Problems of one file on its own (the file's own YAML problems come from parsing)."""
    if not isinstance(parsed.data, dict):
        return [Problem(parsed.name, 1, "entry", "an entry must be a mapping of fields (key: value)")]
    data = parsed.data = typed(parsed.data, _schema)
    problems = [] if _is_valid(data) else [_schema_problem(parsed, e) for e in _validator.iter_errors(data)]
    problems += _rules(parsed, data, stem, today)
    flagged = {p.line for p in problems}
    problems += [Problem(parsed.name, line, dotted(path), "placeholder left in: replace the TODO")
                 for path, line in _placeholders(parsed, data) if line not in flagged]
    return problems


def check_cues(parsed: ParsedFile) -> list[Problem]:
    """Problems of the KB's treatment-cue file (_cues.yaml)."""
    if not isinstance(parsed.data, dict):
        return [Problem(parsed.name, 1, "cues", "the cue file must be a mapping (treatment_cues: [...])")]
    parsed.data = typed(parsed.data, _cues_schema)
    return [_schema_problem(parsed, e) for e in _cues_validator.iter_errors(parsed.data)]


def _placeholders(parsed: ParsedFile, data: Data, path: Path = ()) -> Iterator[tuple[Path, int]]:
    """Every string still holding a TODO marker from `caveat kb new`."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _placeholders(parsed, value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _placeholders(parsed, value, path + (i,))
    elif isinstance(data, str) and "TODO" in data:
        yield path, parsed.line_of(path)


_known_valid: set[str] = set()  # entries (as canonical JSON) that validated: a reload walks only what changed
MAX_KNOWN = 4096


def _is_valid(data: dict[str, Data]) -> bool:
    """Most entries are valid, and a server reloading after an edit reads every entry again: an entry whose data
    validated before is not walked again."""
    try:
        key = json.dumps(data, sort_keys=True)
    except (TypeError, ValueError):  # not plain JSON data: no key to remember it by
        return _validator.is_valid(data)
    if key in _known_valid:
        return True
    if not _validator.is_valid(data):
        return False
    if len(_known_valid) >= MAX_KNOWN:
        _known_valid.clear()
    _known_valid.add(key)
    return True


def _schema_problem(parsed: ParsedFile, err: jsonschema.ValidationError) -> Problem:
    path: Path = tuple(err.absolute_path)
    if err.validator == "additionalProperties":
        properties = err.schema.get("properties", {}) if isinstance(err.schema, Mapping) else {}
        extra = sorted(set(cast(Mapping[str, Data], err.instance)) - set(properties))
        key = extra[0] if extra else ""
        known = ", ".join(sorted(properties))
        return Problem(parsed.name, parsed.line_of(path + (key,)), dotted(path + (key,)),
                       f"unknown key '{key}' (a typo?); allowed here: {known}")
    if err.validator == "required":
        return Problem(parsed.name, parsed.line_of(path), dotted(path), err.message)
    if err.validator == "uniqueItems" and isinstance(err.instance, list):
        first: dict[str, int] = {}
        for i, item in enumerate(err.instance):
            key = repr(item)
            if key in first:
                return Problem(parsed.name, parsed.line_of(path + (i,)), dotted(path + (i,)),
                               f"{item!r} is listed twice (first at line {parsed.line_of(path + (first[key],))}): "
                               "keep one")
            first[key] = i
    if err.validator == "oneOf" and err.context:
        # the branch for this kind of value (a mapping alias, not a string one) says what is wrong inside it
        inside = [e for e in err.context if not (e.validator == "type" and e.absolute_path == err.absolute_path)]
        err = jsonschema.exceptions.best_match(inside or err.context)
        path = tuple(err.absolute_path)
    return Problem(parsed.name, parsed.line_of(path), dotted(path), err.message)


def _rules(parsed: ParsedFile, data: dict[str, Data], stem: str, today: dt.date) -> list[Problem]:
    out: list[Problem] = []

    def add(path: Path, message: str, severity: str = "error") -> None:
        out.append(Problem(parsed.name, parsed.line_of(path), dotted(path), message, severity))

    if isinstance(data.get("id"), str) and data["id"] != stem:
        add(("id",), f"id '{data['id']}' must match the file name '{stem}.yaml'")
    sources = [s for s in _list(data, "sources") if isinstance(s, dict)]
    known = [s.get("id") for s in sources]
    for i, sid in _repeats(known):
        add(("sources", i, "id"), f"source id '{sid}' is listed twice")
    for path, cited in _citations(data):
        for j, sid in enumerate(cited):
            if isinstance(sid, str) and sid not in known:
                add(path + (j,), f"cites source '{sid}', which this entry's sources do not list")
    for i, source in enumerate(sources):
        _check_source(source, ("sources", i), add)
    kinds = {s.get("id"): s.get("kind") for s in sources}
    for path, cited in _citations(data):
        if path[0] != "cost" and not any(kinds.get(sid) in VERDICT_KINDS for sid in cited if isinstance(sid, str)):
            add(path, "cites no regulator, agency, guideline, systematic review or trial: a verdict or regulatory "
                      "note must rest on at least one (news may only back dates, events and costs)")
    for i, ind in enumerate(_list(data, "indications")):
        if isinstance(ind, dict) and ind.get("claim") and _level(ind) == "established":
            add(("indications", i, "claim"), "a claim goes beyond the evidence, so its level cannot be established: "
                                             "make it a use (without claim: true), or check its evidence and risk")
    conditions = [i.get("condition") for i in _list(data, "indications") if isinstance(i, dict)]
    for i, cond in _repeats(conditions):
        add(("indications", i, "condition"), f"condition '{cond}' appears twice")
    _check_reviewed(data.get("reviewed"), add, today)
    dates: list[str] = [c["date"] for c in _list(data, "changes")
                        if isinstance(c, dict) and isinstance(c.get("date"), str)]
    if dates and isinstance(data.get("reviewed"), str) and max(dates) > data["reviewed"]:
        add(("reviewed",), f"reviewed {data['reviewed']} is older than the newest change ({max(dates)}): a change "
                           "is a review, so set reviewed to its date")
    return out


def _check_source(source: dict[str, Data], path: Path, add: Add) -> None:
    url, kind = source.get("url"), source.get("kind")
    if not isinstance(url, str):
        return
    if not _host(url):
        add(path + ("url",), f"'{url}' is not a valid web address")
    elif kind in NATIONAL_KINDS and authority_of(url) is None:
        add(path + ("kind",), f"'{kind}' sources must come from a national authority, and {_host(url)} is "
                              "not one listed in annotator/authorities.py (a local council, GP practice, hospital trust or "
                              "state department is not): use the national body's page, or kind 'other'")
    if kind in PAPER_KINDS and not any(source.get(k) for k in ("doi", "pmid", "trial_id")):
        add(path + ("kind",), f"'{kind}' sources need a doi, pmid or trial_id (as printed on the page)")


def _level(ind: dict[str, Data]) -> str | None:
    """The level an indication's evidence and risk give, or None when either is missing or unknown (the schema
    reports those)."""
    evidence, risk = ind.get("evidence"), ind.get("risk")
    if evidence not in EVIDENCE or risk not in RISKS:
        return None
    return level_for(cast(str, evidence), cast(str, risk))


def _repeats(values: list[Data]) -> list[tuple[int, Data]]:
    """(index, value) of each value already seen earlier in the list."""
    return [(i, v) for i, v in enumerate(values) if v in values[:i]]


def _check_reviewed(reviewed: Data, add: Add, today: dt.date) -> None:
    if not isinstance(reviewed, str):
        return
    try:
        day = dt.date.fromisoformat(reviewed)
    except ValueError:
        add(("reviewed",), f"'{reviewed}' is not a real date (YYYY-MM-DD)")
        return
    if day > today:
        add(("reviewed",), f"date {reviewed} is in the future")
    elif today - day > STALE_AFTER:
        add(("reviewed",), f"last reviewed {reviewed}, over 2 years ago: check the sources again", "warning")


def _list(data: dict[str, Data], key: str) -> list[Data]:
    """The list under `key`, or [] when it is missing or not a list (the schema reports that)."""
    value = data.get(key)
    return value if isinstance(value, list) else []


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:  # e.g. "https://[bad": the schema pattern passes it, the authority check must not crash
        return ""


def _citations(data: dict[str, Data]) -> Iterator[tuple[Path, list[Data]]]:
    for i, ind in enumerate(_list(data, "indications")):
        if isinstance(ind, dict) and isinstance(ind.get("sources"), list):
            yield ("indications", i, "sources"), ind["sources"]
    regulatory = data.get("regulatory")
    if isinstance(regulatory, dict):
        for code, note in regulatory.items():
            if isinstance(note, dict) and isinstance(note.get("sources"), list):
                yield ("regulatory", code, "sources"), note["sources"]
    cost = data.get("cost")
    if isinstance(cost, dict) and isinstance(cost.get("sources"), list):
        yield ("cost", "sources"), cost["sources"]


def alias_key(alias: str, exact: bool) -> tuple[str, ...]:
    """Two aliases collide when they would match the same words."""
    return ("exact", alias) if exact else ("words",) + norm_phrase(alias)


def collisions(entries: list[tuple[ParsedFile, list[AliasSpec]]]) -> list[Problem]:
    """Aliases (names included) that more than one entry claims, and aliases of one entry that match the same words
    but disagree (`_twins`). `entries` pairs each file with its aliases."""
    owner: dict[tuple[str, ...], str] = {}
    out = []
    for parsed, aliases in entries:
        out += _twins(parsed, aliases)
        mine: set[tuple[str, ...]] = set()
        for alias in aliases:
            key = alias_key(alias.name, alias.exact)
            if key in mine or len(key) == 1 or alias.short_form or alias.listed_with:  # shared: short_forms, lists
                continue
            mine.add(key)
            if key in owner:
                out.append(Problem(parsed.name, parsed.line_of(alias.path), dotted(alias.path),
                                   f"alias '{alias.name}' is already claimed by {owner[key]}"))
            else:
                owner[key] = parsed.name
    return out


def unknown_partners(entries: list[tuple[ParsedFile, list[AliasSpec]]], ids: set[str]) -> list[Problem]:
    """`listed_with` ids that name no entry of the folder: such a name would never be highlighted (lists.py)."""
    return [Problem(parsed.name, parsed.line_of(alias.path), dotted(alias.path),
                    f"listed_with names '{other}', which is not an entry of this knowledge base")
            for parsed, aliases in entries for alias in aliases for other in alias.listed_with if other not in ids]


def _twins(parsed: ParsedFile, aliases: list[AliasSpec]) -> list[Problem]:
    """Aliases of one entry that match the same words (plurals and accents fold; an exact alias's words too) must
    agree: "benzos" cannot stay sure where "benzo" needs context, and a copy marked with a language is pointless
    beside one that matches in every language. An alias may re-declare the entry's name, which then gives way."""
    seen: dict[tuple[str, ...], AliasSpec] = {}
    out = []
    for alias in aliases:
        words = alias_key(alias.name, False)
        twin = seen.get(words)
        if twin is None or twin.path == ("name",):
            seen[words] = alias
            continue
        if twin.ambiguous != alias.ambiguous:
            message = (f"alias '{alias.name}' matches the same words as '{twin.name}' (plurals and accents fold) but "
                       "only one is ambiguous: mark both ambiguous, or neither")
        elif (twin.lang is None) != (alias.lang is None):
            message = (f"alias '{alias.name}' matches the same words as '{twin.name}', which has no lang and so "
                       "already matches in every language: keep one")
        else:
            continue
        out.append(Problem(parsed.name, parsed.line_of(alias.path), dotted(alias.path), message))
    return out

"""Read one KB file into plain data, remembering the line of every value and refusing duplicate keys and YAML bombs.

Plain `yaml.safe_load` keeps the last of two equal keys without a word, so a maintainer's text could vanish; and it
forgets line numbers, which every error message needs. A hostile or broken file must not cost more than its size:
aliases (`*name`) multiply a small file into gigabytes, and a complex key (`? *name`) is a whole tree where a word
belongs. So we read the parser's events (safe loader only) and build the data ourselves, refusing anchors, aliases
and non-text keys at the event that carries them, and stopping at a cap on values and nesting, before anything big
is built.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Union

import yaml

from .errors import Problem

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 256 * 1024  # the largest entry is about 12 KB
MAX_NODES = 20_000           # keys and values; the largest entry has about 600
MAX_DEPTH = 20               # the deepest entry is 4 levels deep
ANCHORS = "YAML anchors and aliases (&name, *name) are not supported: write it out"

Path = tuple[Union[str, int], ...]  # a path into the data: ("indications", 0, "words")
Data = Any     # what a file holds: mappings, lists and text (checked against the schema at run time)
Schema = dict[str, Any]


@dataclass
class ParsedFile:
    name: str
    data: Data = None
    lines: dict[Path, int] = field(default_factory=dict)  # 1-based line of each value
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, path: Path) -> int:
        """The line of the value at `path`, or of its nearest parent that has one."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


def parse_file(name: str, text: str) -> ParsedFile:
    """Parse one file's text; every way it can fail is a problem naming the file and, where known, the line."""
    parsed = ParsedFile(name)
    if len(text) > MAX_FILE_BYTES:
        parsed.problems.append(too_big(name, len(text), "characters"))
        return parsed
    builder = _Builder(parsed)
    try:
        parsed.data = builder.build(yaml.parse(text, Loader=_Loader))
    except _Refused as exc:
        parsed.problems.append(Problem(name, exc.line, dotted(exc.path), exc.message))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        parsed.problems.append(Problem(name, line, "yaml", f"syntax error: {exc.problem or exc}"))
    except yaml.YAMLError as exc:
        parsed.problems.append(Problem(name, builder.line, "yaml", f"not readable as YAML: {exc}"))
    except MemoryError:
        parsed.problems.append(Problem(name, builder.line, "yaml", "ran out of memory reading this file"))
    if parsed.data is None and not parsed.problems:
        parsed.problems.append(Problem(name, 1, "yaml", "the file is empty"))
    return parsed


def too_big(name: str, size: int, unit: str = "bytes") -> Problem:
    return Problem(name, 0, "file", f"{size:,} {unit}, over the limit of {MAX_FILE_BYTES // 1024} KB for one KB file "
                                    "(the largest entry is about 12 KB): is this the right file?")


class _Refused(Exception):
    """Something no KB file needs, found at `line` of the data at `path`: parsing stops there."""

    def __init__(self, line: int, path: Path, message: str):
        super().__init__(message)
        self.line, self.path, self.message = line, path, message


_Event = Union[yaml.ScalarEvent, yaml.CollectionStartEvent]


@dataclass
class _Open:
    """A mapping or list being filled, and (for a mapping) the key whose value comes next."""
    value: Union[dict[str, Data], list[Data]]
    path: Path
    key: str | None = None                              # None: a key comes next
    keep: bool = True                                   # False for the value of a duplicate key
    first_line: dict[str, int] = field(default_factory=dict)  # key -> line where it first appeared


class _Builder:
    """Parser events -> data. Iterative (a hostile file may nest deeply) and bounded (see the MAX_ caps)."""

    def __init__(self, parsed: ParsedFile):
        self.parsed = parsed
        self.open: list[_Open] = []
        self.root: Data = None
        self.nodes = 0
        self.documents = 0
        self.line = 1

    def build(self, events: Iterable[yaml.Event]) -> Data:
        for event in events:
            self.line = event.start_mark.line + 1 if event.start_mark else self.line
            if isinstance(event, yaml.DocumentStartEvent):
                self._document()
            elif isinstance(event, yaml.AliasEvent):
                raise _Refused(self.line, self._child_path(), ANCHORS)
            elif isinstance(event, yaml.ScalarEvent):
                self._scalar(event)
            elif isinstance(event, yaml.CollectionStartEvent):
                self._start(event)
            elif isinstance(event, yaml.CollectionEndEvent):
                self._place(self.open.pop().value)
        return self.root

    def _document(self) -> None:
        self.documents += 1
        if self.documents > 1:
            raise _Refused(self.line, (), "a second YAML document (---): one entry per file")

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        self._count(event)
        top = self.open[-1] if self.open else None
        if top is not None and isinstance(top.value, dict) and top.key is None:
            self._key(top, str(event.value))
        else:
            self._place(_scalar(event))

    def _start(self, event: yaml.CollectionStartEvent) -> None:
        self._count(event)
        top = self.open[-1] if self.open else None
        if top is not None and isinstance(top.value, dict) and top.key is None:
            raise _Refused(self.line, top.path, "a key must be plain text, not a list or mapping (YAML's '? ' "
                                                "complex key): write the key as a word")
        if len(self.open) >= MAX_DEPTH:
            raise _Refused(self.line, self._child_path(), f"nested more than {MAX_DEPTH} levels deep")
        path = self._child_path()
        self.parsed.lines.setdefault(path, self.line)
        value: Union[dict[str, Data], list[Data]] = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.open.append(_Open(value, path))

    def _count(self, event: _Event) -> None:
        if event.anchor is not None:
            raise _Refused(self.line, self._child_path(), ANCHORS)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Refused(self.line, self._child_path(), f"more than {MAX_NODES:,} keys and values (the largest "
                                                          "entry has about 600): is this the right file?")

    def _key(self, top: _Open, key: str) -> None:
        path = top.path + (key,)
        top.key = key
        top.keep = key not in top.first_line
        if not top.keep:
            self.parsed.problems.append(Problem(
                self.parsed.name, self.line, dotted(path),
                f"duplicate key '{key}' (first at line {top.first_line[key]}): keep one, or the other is lost"))
            return
        top.first_line[key] = self.line
        self.parsed.lines[path] = self.line

    def _child_path(self) -> Path:
        """The path of the node that starts now."""
        if not self.open:
            return ()
        top = self.open[-1]
        if isinstance(top.value, list):
            return top.path + (len(top.value),)
        return top.path + ((top.key,) if top.key is not None else ())

    def _place(self, value: Data) -> None:
        """Put a finished node into its parent (or make it the root)."""
        if not self.open:
            self.root = value
            return
        top = self.open[-1]
        if isinstance(top.value, list):
            self.parsed.lines.setdefault(top.path + (len(top.value),), self.line)
            top.value.append(value)
            return
        if top.keep and top.key is not None:
            top.value[top.key] = value
        top.key, top.keep = None, True

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_INT = re.compile(r"[-+]?[0-9]+")
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


class Plain(str):
    """A scalar written without quotes: only these may become a number or a boolean, and only where the schema
    asks for one (YAML 1.2's core schema). A quoted "2021" stays text."""


def _scalar(node: yaml.ScalarEvent) -> str | None:
    """YAML 1.1 (what PyYAML resolves) turns NO (Norway), Yes and on into booleans and 1e3 into a number; a
    maintainer means text. So every scalar is text here, except an unquoted null, until the schema says otherwise."""
    if not node.style:  # plain: None from the Python loader, "" from the C one
        return None if node.value in _NULLS else Plain(node.value)
    return node.value


def typed(data: Data, schema: Schema, root: Schema | None = None) -> Data:
    """`data` with each unquoted scalar that the schema wants as an integer or a boolean converted, YAML 1.2 style
    (`2021`, `true`). Anything else stays text, so the schema reports `year: 1e3` as not an integer."""
    root = root or schema
    while "$ref" in schema:
        schema = _resolve(root, schema["$ref"])
    if isinstance(data, dict):
        props = schema.get("properties", {})
        other = schema.get("additionalProperties")
        branch = _branch(schema, "object", root)
        if branch is not None:
            return typed(data, branch, root)
        return {k: typed(v, props.get(k, other if isinstance(other, dict) else {}), root) for k, v in data.items()}
    if isinstance(data, list):
        items = schema.get("items", {})
        return [typed(v, items, root) for v in data]
    if isinstance(data, Plain):
        kind = schema.get("type")
        if kind == "integer" and _INT.fullmatch(data):
            return int(data)
        if (kind == "boolean" or isinstance(schema.get("const"), bool)) and data in _BOOLS:
            return _BOOLS[data]
        return str(data)
    return data


def _branch(schema: Schema, kind: str, root: Schema) -> Schema | None:
    """The branch of a oneOf/anyOf that describes an object (an alias is a string or a mapping)."""
    options: list[Schema] = schema.get("oneOf") or schema.get("anyOf") or []
    for option in options:
        while "$ref" in option:
            option = _resolve(root, option["$ref"])
        if option.get("type") == kind:
            return option
    return None


def _resolve(root: Schema, ref: str) -> Schema:
    node = root
    for part in ref.partition("#")[2].strip("/").split("/"):
        node = node[part]
    return node


def dotted(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "entry"

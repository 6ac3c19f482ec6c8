"""Read one KB file into plain data, remembering the line of every value and refusing duplicate keys.

Plain `yaml.safe_load` keeps the last of two equal keys without a word, so a maintainer's text could vanish; and it
forgets line numbers, which every error message needs. So we compose the node tree (safe loader only) and build the
data ourselves.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .errors import Problem

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path = tuple  # a path into the data: ("indications", 0, "words")

@dataclass
class ParsedFile:
    name: str
    data: object = None
    lines: dict = field(default_factory=dict)  # Path -> 1-based line
    problems: list = field(default_factory=list)

    def line_of(self, path: Path) -> int:
        """The line of the value at `path`, or of its nearest parent that has one."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

def parse_file(name: str, text: str) -> ParsedFile:
    parsed = ParsedFile(name)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        parsed.problems.append(Problem(name, line, "yaml", f"syntax error: {exc.problem or exc}"))
        return parsed
    except yaml.YAMLError as exc:  # e.g. several documents in one file
        parsed.problems.append(Problem(name, 1, "yaml", f"not a single YAML document: {exc}"))
        return parsed
    if root is None:
        parsed.problems.append(Problem(name, 1, "yaml", "the file is empty"))
        return parsed
    parsed.data = _build(root, (), parsed)
    return parsed

def _build(root: yaml.Node, path: Path, parsed: ParsedFile) -> object:
    """Node tree -> data, iteratively (a hostile file may nest deeply)."""
    result_box: list = [None]
    todo = [(root, path, result_box, 0)]
    seen: set[int] = set()
    while todo:
        node, path, holder, slot = todo.pop()
        parsed.lines.setdefault(path, node.start_mark.line + 1)
        if id(node) in seen:  # an alias (*name): it may point at itself, or multiply a file's size
            parsed.problems.append(Problem(parsed.name, node.start_mark.line + 1, dotted(path),
                                           "YAML anchors and aliases (&name, *name) are not supported: write it out"))
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            value: object = {}
            first_line: dict = {}
            for key_node, value_node in node.value:
                key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "(a complex key)"
                line = key_node.start_mark.line + 1
                if key in first_line:
                    parsed.problems.append(Problem(
                        parsed.name, line, dotted(path + (key,)),
                        f"duplicate key '{key}' (first at line {first_line[key]}): keep one, or the other is lost"))
                    continue
                first_line[key] = line
                parsed.lines[path + (key,)] = line
                value[key] = None
                todo.append((value_node, path + (key,), value, key))
        elif isinstance(node, yaml.SequenceNode):
            value = [None] * len(node.value)
            for i, item in enumerate(node.value):
                todo.append((item, path + (i,), value, i))
        else:
            value = _scalar(node)
        holder[slot] = value
    return result_box[0]

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_INT = re.compile(r"[-+]?[0-9]+")
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


class Plain(str):
    """A scalar written without quotes: only these may become a number or a boolean, and only where the schema
    asks for one (YAML 1.2's core schema). A quoted "2021" stays text."""


def _scalar(node: yaml.ScalarNode) -> object:
    """YAML 1.1 (what PyYAML resolves) turns NO (Norway), Yes and on into booleans and 1e3 into a number; a
    maintainer means text. So every scalar is text here, except an unquoted null, until the schema says otherwise."""
    if not node.style:  # plain: None from the Python loader, "" from the C one
        return None if node.value in _NULLS else Plain(node.value)
    return node.value


def typed(data: object, schema: dict, root: dict | None = None) -> object:
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


def _branch(schema: dict, kind: str, root: dict) -> dict | None:
    """The branch of a oneOf/anyOf that describes an object (an alias is a string or a mapping)."""
    for option in schema.get("oneOf", schema.get("anyOf", ())):
        while "$ref" in option:
            option = _resolve(root, option["$ref"])
        if option.get("type") == kind:
            return option
    return None


def _resolve(root: dict, ref: str) -> dict:
    node: object = root
    for part in ref.partition("#")[2].strip("/").split("/"):
        node = node[part]  # type: ignore[index]
    return node  # type: ignore[return-value]


def dotted(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "entry"

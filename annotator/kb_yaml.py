"""Read one KB file into plain data, remembering the line of every value and refusing duplicate keys.

Plain `yaml.safe_load` keeps the last of two equal keys without a word, so a maintainer's text could vanish; and it
forgets line numbers, which every error message needs. So we compose the node tree (safe loader only) and build the
data ourselves.
"""
from __future__ import annotations

import datetime as dt
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
    scalars = yaml.constructor.SafeConstructor()  # one per file: it remembers every node it built
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
                key = _scalar(scalars, key_node) if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
                key = str(key)
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
            value = _scalar(scalars, node)
        holder[slot] = value
    return result_box[0]

def _scalar(scalars: yaml.constructor.SafeConstructor, node: yaml.Node) -> object:
    try:
        value = scalars.construct_object(node)
    except Exception:  # noqa: BLE001 - e.g. 2026-02-30, !!bool maybe, a !!python tag: keep the text, the schema judges it
        return node.value if isinstance(node.value, str) else str(node.value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def dotted(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "entry"

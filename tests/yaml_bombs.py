"""Hostile KB files, as an attacker who can edit the KB folder would write them (issue 14's reproducers). Each
function writes a real file and returns its path; the annotator and server tests feed them to the real loader."""
from __future__ import annotations

from pathlib import Path

ENTRY_HEAD = "id: {stem}\nname: A bomb\ncategory: supplement\nevidence: unproven\nrisk: low\n"


def alias_key_bomb(folder: Path, stem: str = "bomb", levels: int = 12, fan_out: int = 20) -> Path:
    """Billion laughs through a complex mapping key (`? *alias`): a few KB that mean fan_out**levels values to
    anything that expands the key (repr of the key's node did, with 4.7 GB and a MemoryError)."""
    lines = [ENTRY_HEAD.format(stem=stem) + "l0: &l0 [" + ", ".join(["lol"] * fan_out) + "]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * fan_out) + "]")
    lines.append(f"? *l{levels - 1}\n: boom\n")
    return _write(folder, stem, "\n".join(lines))


def complex_key(folder: Path, stem: str = "bomb") -> Path:
    """A mapping key that is a list: no KB field has one."""
    return _write(folder, stem, ENTRY_HEAD.format(stem=stem) + "? [a, b]\n: value\n")


def huge_field(folder: Path, stem: str = "bomb", size: int = 20 * 1024 * 1024) -> Path:
    """One 20 MB summary: once copied whole into the error message and 66 MB of log."""
    return _write(folder, stem, ENTRY_HEAD.format(stem=stem) + "summary: " + "x" * size + "\n")


def many_values(folder: Path, stem: str = "bomb", count: int = 30_000) -> Path:
    """Small values, lots of them: under the size cap, over the node cap."""
    return _write(folder, stem, ENTRY_HEAD.format(stem=stem) + "risks: [" + ", ".join(["r"] * count) + "]\n")


def deep(folder: Path, stem: str = "bomb", depth: int = 900) -> Path:
    return _write(folder, stem, ENTRY_HEAD.format(stem=stem) + "risks: " + "[" * depth + "]" * depth + "\n")


def duplicate_keys(folder: Path, stem: str = "bomb", count: int = 5_000) -> Path:
    return _write(folder, stem, ENTRY_HEAD.format(stem=stem) + "".join(f"name: again {i}\n" for i in range(count)))


def _write(folder: Path, stem: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.yaml"
    path.write_text(text, encoding="utf-8")
    return path

"""`caveat kb new`: a new entry file with every field in place, so a maintainer fills in rather than looks up.

The file parses and has the right shape; its TODO markers are what `kb check` then reports, line by line, as the
maintainer's to-do list. No source is pre-filled: every URL must be one the maintainer actually read.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from .errors import AnnotatorError
from .normalize import fold

TEMPLATE = """\
# yaml-language-server: $schema=../schemas/kb-entry.schema.json
# New entry: replace every TODO, then run `caveat kb check`. Guide: docs/knowledge-base.md
id: {id}
name: {name}
category: TODO            # regenerative, iv-therapy, longevity, off-label-drug, detox, alternative-cancer,
                          # oxygen-light-cold, alternative-medicine, supplement, psychedelic, conventional
evidence: TODO            # established, promising, limited, unproven, disproven (for the use most often pushed)
risk: TODO                # low, moderate, high, severe
summary: >-
  TODO: what it is and what the evidence says, in plain words (300 characters at most).
aliases:
  - TODO other name       # brand names, abbreviations (with exact: true), the Spanish name clinics use
not_when: []              # words that mean the text is about something else
indications:
  - condition: TODO the use, e.g. back pain
    words: [TODO words that signal this use]
    evidence: TODO
    risk: TODO
    note: TODO what the evidence says for this use.
    sources: [todo-source-1]
regulatory:
  US:
    note: TODO what the FDA (or FTC) says.
    sources: [todo-source-1]
risks:
  - TODO main risk
sources:
  - id: todo-source-1
    title: TODO the page title, as published
    publisher: TODO e.g. U.S. Food and Drug Administration
    url: https://TODO
    year: {year}
    kind: regulator  # or agency, guideline, systematic-review, trial, journal, news, other
  - id: todo-source-2
    title: TODO
    publisher: TODO
    url: https://TODO
    year: {year}
    kind: news
reviewed: {today}
"""


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def new_entry(name: str, folder: Path, today: dt.date | None = None) -> Path:
    today = today or dt.date.today()
    entry_id = slug(name)
    if not entry_id:
        raise AnnotatorError(f"cannot make an id from {name!r}: use letters or digits")
    path = folder / f"{entry_id}.yaml"
    if path.exists():
        raise AnnotatorError(f"{path} already exists: edit it instead")
    name_yaml = json.dumps(name, ensure_ascii=False)  # a JSON string is a valid YAML string, escapes and all
    path.write_text(TEMPLATE.format(id=entry_id, name=name_yaml, year=today.year, today=today.isoformat()),
                    encoding="utf-8")
    return path

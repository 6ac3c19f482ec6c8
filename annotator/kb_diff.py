"""`caveat kb diff`: what a knowledge-base edit does to readers, before it ships.

The working KB and a base (a git revision, annotated by that revision's own code in a temporary git worktree and a
subprocess, or a KB folder annotated by today's code) annotate the same documents: the labelled corpus and any
folders given. Highlights are matched by document, place and treatment: those only in the working KB's output are
added, those only in the base's removed, and those in both with another level or use changed. The edit is worse
than the base when a labelled mention the base found is lost, or a labelled false friend (or a text where nothing
is a treatment) gets a highlight the base did not give."""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import kb_diff_runner
from .batch_inputs import PageProblem, expand, index_input, read_page
from .batch_page import decode
from .errors import AnnotatorError
from .evaluation import NOT_IN_KB, Finding, LabelledText, corpus_files, read_labelled

Json = dict[str, Any]   # a document, a result or a highlight, as they travel to and from the runner
Key = tuple[str, int, int, str]   # document, start, end, treatment
LOST, FALSE_HIT = "lost labelled mention", "false friend hit"


@dataclass(frozen=True)
class KbDiff:
    base: str            # what was compared against, as the user named it
    base_version: str
    work_version: str
    documents: int
    labelled: int
    changes: tuple[Finding, ...]      # kind: added, removed or changed; expected: the base's verdict, got: the edit's
    regressions: tuple[Finding, ...]   # kind: LOST or FALSE_HIT
    found: tuple[int, int]           # labelled mentions found by (base, working)
    false_hits: tuple[int, int]      # false-friend hits of (base, working)

    @property
    def worse(self) -> bool:
        return bool(self.regressions)

    def by_entry(self) -> dict[str, list[Finding]]:
        grouped: dict[str, list[Finding]] = {}
        for change in self.changes:
            grouped.setdefault(change.treatment, []).append(change)
        return dict(sorted(grouped.items()))


def documents(corpus: Path | None, folders: list[str]) -> tuple[list[Json], dict[str, LabelledText]]:
    """The documents to annotate and, by document id, the labelled ones. Pages that cannot be read are left out."""
    docs: list[Json] = []
    labelled: dict[str, LabelledText] = {}
    if corpus is not None:
        for file in corpus_files(corpus):
            try:
                text = read_labelled(file, corpus)
            except (ValueError, UnicodeDecodeError):
                continue  # `caveat eval` names malformed corpus files
            labelled[text.name] = text
            docs.append({"id": text.name, "text": text.text, "title": text.page.title, "lang": text.page.lang})
    for path, kind in expand(folders):
        for ref in index_input(path, kind).pages:
            try:
                raw = read_page(path, kind, ref)
                content = raw.content if isinstance(raw.content, str) else decode(raw.content, raw.charset)
            except (PageProblem, OSError):
                continue
            html = content if isinstance(content, str) else content.decode("utf-8", "replace")
            docs.append({"id": f"{path}#{ref.record}", "text": html} if raw.is_text else
                        {"id": f"{path}#{ref.record}", "html": html})
    return docs, labelled


def annotate_revision(revision: str, repo: Path, kb_in_repo: Path, docs: list[Json]) -> list[Json]:
    """Annotate with the revision's own code and KB: a temporary worktree, a subprocess."""
    with _worktree(repo, revision) as checkout:
        done = subprocess.run([sys.executable, "-I", kb_diff_runner.__file__, str(checkout),
                               str(checkout / kb_in_repo)], input=json.dumps(docs), capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise AnnotatorError(f"the annotator of {revision} failed on the corpus: {last}")
    results: list[Json] = json.loads(done.stdout)
    return results


@contextmanager
def _worktree(repo: Path, revision: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="caveat-kb-diff-") as tmp:
        checkout = Path(tmp, "base")
        added = subprocess.run(["git", "-C", str(repo), "worktree", "add", "--detach", "--quiet", str(checkout),
                                revision], capture_output=True, text=True)
        if added.returncode != 0:
            raise AnnotatorError(f"--base {revision}: {added.stderr.strip() or 'not a git revision'}")
        try:
            yield checkout
        finally:
            subprocess.run(["git", "-C", str(repo), "worktree", "remove", "--force", str(checkout)],
                           capture_output=True)


def annotate_folder(kb_folder: str | None, docs: list[Json]) -> list[Json]:
    return kb_diff_runner.annotate_docs(docs, kb_folder)


def compare(base: str, before: list[Json], after: list[Json], labelled: dict[str, LabelledText]) -> KbDiff:
    old_texts, new_texts = ({r["id"]: r["text"] for r in results} for results in (before, after))
    old, new = _keyed(before), _keyed(after)
    changes = [_change("removed", k, old[k], None, old_texts) for k in old.keys() - new.keys()]
    changes += [_change("added", k, None, new[k], new_texts) for k in new.keys() - old.keys()]
    changes += [_change("changed", k, old[k], new[k], new_texts) for k in old.keys() & new.keys()
                if _verdict(old[k]) != _verdict(new[k])]
    changes.sort(key=lambda c: (c.treatment, c.file, c.kind, c.exact))
    found_old, hits_old = _against_labels(old, labelled)
    found_new, hits_new = _against_labels(new, labelled)
    regressions = [_finding(LOST, spot, labelled) for spot in sorted(found_old - found_new)]
    regressions += [_finding(FALSE_HIT, spot, labelled) for spot in sorted(hits_new - hits_old)]
    return KbDiff(base, _version(before), _version(after), len(after), len(labelled), tuple(changes),
                  tuple(regressions), (len(found_old), len(found_new)), (len(hits_old), len(hits_new)))


def _finding(kind: str, spot: Spot, labelled: dict[str, LabelledText]) -> Finding:
    doc, treatment, words, start = spot
    text = labelled[doc].text
    return Finding(kind, doc, words, treatment, None, None, _sentence(text, start, start + len(words)))


def _version(results: list[Json]) -> str:
    return results[0]["kb_version"] if results else ""


def _keyed(results: list[Json]) -> dict[Key, Json]:
    return {(r["id"], h["start"], h["end"], h["treatment"]): h for r in results for h in r["highlights"]}


def _verdict(h: Json) -> str:
    return f"{h['level']} ({h['indication'] or 'no use named'})"


def _change(kind: str, key: Key, old: Json | None, new: Json | None, texts: dict[str, str]) -> Finding:
    h = new or old
    assert h is not None  # compare() gives at least one side
    text = texts.get(key[0], "")
    sentence = _sentence(text, key[1], key[2]) if text else f"…{h['prefix']}{h['exact']}{h['suffix']}…"
    return Finding(kind, key[0], h["exact"], key[3], _verdict(old) if old else None, _verdict(new) if new else None,
                   sentence)


def _sentence(text: str, start: int, end: int) -> str:
    from .context import Context

    lo, hi = Context(text).sentence(start, end)
    return " ".join(text[lo:hi].split())


Spot = tuple[str, str, str, int]   # document, treatment, words, start


def _against_labels(highlights: dict[Key, Json], labelled: dict[str, LabelledText]) -> tuple[set[Spot], set[Spot]]:
    """(labelled mentions found, false-friend hits)."""
    found: set[Spot] = set()
    hits: set[Spot] = set()
    by_doc: dict[str, list[Key]] = {}
    for key in highlights:
        by_doc.setdefault(key[0], []).append(key)
    for doc, text in labelled.items():
        mine = by_doc.get(doc, [])
        for lab in text.labels:
            over = [k for k in mine if k[1] < lab.end and lab.start < k[2]]
            words = text.text[lab.start:lab.end]
            if lab.false_friend and over:
                hits.add((doc, lab.treatment, words, lab.start))
            elif not lab.false_friend and lab.treatment != NOT_IN_KB and any(k[3] == lab.treatment for k in over):
                found.add((doc, lab.treatment, words, lab.start))
        if text.other:
            hits |= {(doc, k[3], highlights[k]["exact"], k[1]) for k in mine}
    return found, hits


def run_diff(base: str, kb_folder: str | None, corpus: str | None, folders: list[str]) -> KbDiff:
    """Compare the working KB (`kb_folder`, None: the bundled one) against `base`: a KB folder, else a git revision
    of the checkout the working KB lives in. `corpus` None means that checkout's tests/corpus, when it has one."""
    from .kb import bundled_kb_path

    work = Path(kb_folder).resolve() if kb_folder else bundled_kb_path()
    repo = _toplevel(work)
    corpus_path = Path(corpus) if corpus else (repo / "tests" / "corpus" if repo else None)
    if corpus_path is not None and corpus and not corpus_path.is_dir():
        raise AnnotatorError(f"{corpus}: not a corpus folder (see tests/corpus/README.md)")
    docs, labelled = documents(corpus_path if corpus_path and corpus_path.is_dir() else None, folders)
    if not docs:
        raise AnnotatorError("nothing to compare on: no labelled corpus found and no folders given")
    if Path(base).is_dir():
        before = annotate_folder(str(Path(base).resolve()), docs)
    elif repo is None:
        raise AnnotatorError(f"--base {base}: the working KB {work} is not in a git checkout; give a KB folder")
    else:
        before = annotate_revision(base, repo, work.relative_to(repo), docs)
    return compare(base, before, annotate_folder(str(work), docs), labelled)


def _toplevel(folder: Path) -> Path | None:
    found = subprocess.run(["git", "-C", str(folder), "rev-parse", "--show-toplevel"], capture_output=True, text=True)
    return Path(found.stdout.strip()) if found.returncode == 0 else None

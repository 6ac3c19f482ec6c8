"""Annotate documents with one revision's annotator and KB, for `caveat kb diff`.

Imported, it annotates with the code that imports it (the working tree). Run as a script, as
`python -I kb_diff_runner.py CHECKOUT KB < docs.json`, it first installs CHECKOUT/annotator as `caveat.annotator`,
so a base revision is read by its own code and schema. It therefore calls only the long-standing public API
(KnowledgeBase.load, annotate, annotate_text) and copes with a revision that lacks the newer parts (Page, .text).
Documents are {"id", "text", "title", "lang"} or {"id", "html"}; results are {"id", "kb_version", "text",
"highlights"}."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from caveat.annotator import KnowledgeBase

HIGHLIGHT_FIELDS = ("start", "end", "treatment", "exact", "prefix", "suffix", "level", "indication")


def annotate_docs(docs: list[dict[str, Any]], kb_path: str | None) -> list[dict[str, Any]]:
    from caveat.annotator import KnowledgeBase

    kb = KnowledgeBase.load(kb_path)
    return [_annotated(doc, kb) for doc in docs]


def _annotated(doc: dict[str, Any], kb: KnowledgeBase) -> dict[str, Any]:
    """The document's highlights, and the text their offsets count in (an older revision's result of an HTML page
    may not carry it)."""
    import caveat.annotator as revision

    if "html" in doc:
        result = revision.annotate(doc["html"], kb)
    elif hasattr(revision, "Page"):
        result = revision.annotate_text(doc["text"], kb, revision.Page(title=doc.get("title") or "",
                                                                         lang=doc.get("lang")))
    else:
        result = revision.annotate_text(doc["text"], kb)
    return {"id": doc["id"], "kb_version": kb.version, "text": getattr(result, "text", "") or doc.get("text", ""),
            "highlights": [{field: getattr(h, field, None) for field in HIGHLIGHT_FIELDS} for h in result.highlights]}


def _use_checkout(checkout: Path) -> None:
    """Make `caveat.annotator` the package in CHECKOUT/annotator, before anything imports the installed one."""
    import caveat

    folder = checkout / "annotator"
    spec = importlib.util.spec_from_file_location("caveat.annotator", folder / "__init__.py",
                                                  submodule_search_locations=[str(folder)])
    if spec is None or spec.loader is None:
        raise ImportError(f"{folder}: no annotator package to load")
    module = importlib.util.module_from_spec(spec)
    sys.modules["caveat.annotator"] = module
    caveat.annotator = module
    spec.loader.exec_module(module)


if __name__ == "__main__":
    _use_checkout(Path(sys.argv[1]))
    json.dump(annotate_docs(json.load(sys.stdin), sys.argv[2]), sys.stdout)

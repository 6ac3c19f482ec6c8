"""GET /: the maintainers' playground. Paste HTML or text, or pick a bundled sample article, and see the highlights
and cards the extension would show. The page is static apart from the sample list; all page and KB text reaches the
DOM through textContent in static/playground.js, under the Content Security Policy set in security.py."""
from __future__ import annotations

from pathlib import Path

import annotator
from flask import Blueprint, render_template, send_from_directory

from .errors import ApiError

bp = Blueprint("playground", __name__)

EXAMPLES = Path(annotator.__file__).resolve().parent / "examples"


def sample_names() -> list[str]:
    return sorted(p.stem for p in EXAMPLES.glob("*.html"))


@bp.get("/")
def index():
    return render_template("playground.html", samples=sample_names())


@bp.get("/samples/<name>")
def sample(name: str):
    if name not in sample_names():
        raise ApiError(404, "no bundled sample article by that name", "unknown_sample")
    return send_from_directory(EXAMPLES, f"{name}.html", mimetype="text/plain")

"""GET /: the maintainers' playground. Paste HTML or text, or pick a bundled sample article, and see the highlights
and cards the extension would show. The cards are built by the extension's own content/card.js and styles.js (with
the wording table shared/verdicts.js),
shipped in the package as links to the extension's files (server/static/extension/), so the playground can never
drift from what readers see, from a checkout or from an installed wheel.
All page and KB text reaches the DOM through textContent, under the Content Security Policy set in security.py."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from flask import Blueprint, render_template, send_from_directory

from .errors import ApiError

bp = Blueprint("playground", __name__)

EXAMPLES = Path(str(resources.files("caveat.annotator").joinpath("examples")))
EXTENSION_CONTENT = Path(__file__).with_name("static") / "extension"
EXTENSION_SCRIPTS = ("verdicts.js", "card.js", "styles.js")


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


@bp.get("/extension/<name>")
def extension_script(name: str):
    if name not in EXTENSION_SCRIPTS or not (EXTENSION_CONTENT / name).is_file():
        raise ApiError(404, "only the extension's verdicts.js, card.js and styles.js are served", "not_found")
    return send_from_directory(EXTENSION_CONTENT, name, mimetype="text/javascript")

"""Realistic ~100 KB news article pages for the batch benchmark: `python benchmarks/news_pages.py OUT --pages 300`.

A page is built like a news site's article page: a <head> of meta tags, inline CSS and JSON-LD; a header with a
mega-menu of section links, a cookie banner and ad slots; the article (headline, standfirst, byline, 20 to 30
paragraphs of 25 to 45 words, pull quotes and figures); related stories, a newsletter form, comments teaser and a
footer of some hundred links; inline tracking and framework scripts. Visible text is about a tenth of the bytes,
as on real news pages. One sentence in twelve names a treatment the bundled KB knows (by an entry's name or alias),
often beside a use; the rest is health-news prose. Seeded: the same arguments give the same pages.
"""
from __future__ import annotations

import argparse
import html
import json
import random
from pathlib import Path

from caveat.annotator import KnowledgeBase

SIZE = 100_000
MENTION_RATE = 1 / 12
SECTIONS = ["News", "UK", "World", "Politics", "Business", "Health", "Science", "Tech", "Sport", "Culture",
            "Lifestyle", "Travel", "Money", "Opinion", "Climate", "Education", "Wellness", "Food", "Books", "Podcasts"]
SUBJECTS = ["Researchers", "Doctors", "The regulator", "A spokesperson for the clinic", "Patients", "Her GP",
            "The health secretary", "Campaigners", "The company", "Experts at the university", "Local nurses"]
VERBS = ["said", "warned", "told reporters", "argued", "found", "reported", "noted", "insisted", "admitted"]
CLAUSES = [
    "the waiting list for appointments had grown to eighteen months", "costs had risen sharply since the spring",
    "the trial enrolled fewer than two hundred people", "the results had not yet been peer reviewed",
    "many families travel abroad to avoid the queues", "the advice on the leaflet was out of date",
    "staff shortages were putting pressure on the emergency department", "demand spiked after a celebrity post",
    "the study followed participants for three years", "nobody had checked the claims made in the adverts",
    "the price was rarely mentioned on the website", "insurers would not cover the procedure",
    "social media posts had drawn millions of views", "the guidance would be reviewed next year",
]
USES = ["for back pain", "for long COVID", "for anxiety", "to slow ageing", "for cancer", "for weight loss",
        "for knee arthritis", "for depression", "for fatigue", "for migraines", "to boost immunity", "for acne"]


def treatment_names(kb: KnowledgeBase) -> list[str]:
    return sorted({kb.card(i).name for i in kb.ids()} | {a.name for i in kb.ids() for a in kb.entry(i).aliases
                                                        if not a.ambiguous and not a.short_form})


def _sentence(rng: random.Random, names: list[str]) -> str:
    subject, verb, clause = rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(CLAUSES)
    if rng.random() < MENTION_RATE:
        return f"{subject} {verb} that {rng.choice(names)} {rng.choice(USES)} was popular, but {clause}."
    return f"{subject} {verb} that {clause}, and {rng.choice(CLAUSES)}."


def _links(rng: random.Random, n: int, cls: str) -> str:
    return "".join(f'<li class="{cls}__item"><a class="{cls}__link" href="/{rng.choice(SECTIONS).lower()}/'
                   f'{rng.randrange(10**6)}" data-link-name="{cls} {i}">{rng.choice(SECTIONS)} '
                   f'{rng.choice(CLAUSES).split()[1]}</a></li>' for i in range(n))


def _style(rng: random.Random, rules: int) -> str:
    return "<style>" + "".join(f".c{rng.randrange(10**5)}{{margin:{rng.randrange(40)}px auto;color:#"
                                f"{rng.randrange(16**6):06x};display:flex;font:16px/1.4 Georgia,serif}}"
                                for _ in range(rules)) + "</style>"


def _script(rng: random.Random, statements: int) -> str:
    return "<script>" + "".join(f"window.__d{rng.randrange(10**5)}=function(e){{return e&&e.q{i}?"
                                 f"e.q{i}.map(function(x){{return x*{rng.randrange(99)}}}):null}};"
                                 for i in range(statements)) + "</script>"


def news_page(rng: random.Random, names: list[str], size: int = SIZE) -> str:
    headline = _sentence(rng, names).rstrip(".")
    head = (f"<head><meta charset=\"utf-8\"><title>{html.escape(headline)} | The Daily Example</title>"
            + "".join(f'<meta property="og:{k}" content="{html.escape(headline)}">' for k in ("title", "description"))
            + '<script type="application/ld+json">' + json.dumps({"@type": "NewsArticle", "headline": headline})
            + "</script>" + _style(rng, 150) + "</head>")
    chrome = (f'<header class="site-header"><div class="cookie-banner" hidden><p>We use cookies.</p>'
              f'<button>Accept</button></div><nav class="mega-menu"><ul>{_links(rng, 120, "menu")}</ul></nav>'
              f'<div class="ad-slot" id="top-banner"></div></header>')
    body, paragraphs = [f"<h1>{html.escape(headline)}</h1><p class=\"standfirst\">{_sentence(rng, names)}</p>"
                        f"<address class=\"byline\">By Sam Reporter, Health correspondent</address>"], 0
    while paragraphs < 20 or (paragraphs < 30 and rng.random() < 0.6):
        para = " ".join(_sentence(rng, names) for _ in range(rng.randint(2, 3)))
        body.append(f'<p class="article-body__para">{html.escape(para)}</p>')
        if paragraphs % 6 == 5:
            body.append(f'<figure><img src="/img/{rng.randrange(10**6)}.jpg" alt=""><figcaption>'
                        f'{_sentence(rng, names)}</figcaption></figure><div class="ad-slot inline"></div>')
        paragraphs += 1
    aside = (f'<aside class="related"><h2>Related stories</h2><ul>{_links(rng, 12, "related")}</ul></aside>'
             '<form class="newsletter"><label>Email</label><input type="email"><button>Sign up</button></form>')
    footer = f'<footer class="site-footer"><ul>{_links(rng, 100, "footer")}</ul><p>© The Daily Example</p></footer>'
    page = (f'<!doctype html><html lang="en">{head}<body>{chrome}<main><article>{"".join(body)}</article>'
            f"{aside}</main>{footer}")
    filler = size - len(page) - len("</body></html>")
    scripts = []
    while filler > 0:  # tracking and framework scripts make up the rest, as on a real page
        scripts.append(_script(rng, 40))
        filler -= len(scripts[-1])
    return page + "".join(scripts) + "</body></html>"


def write_pages(folder: Path, pages: int, seed: int = 15) -> list[Path]:
    rng = random.Random(seed)
    names = treatment_names(KnowledgeBase.load())
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"article-{i:05d}.html" for i in range(pages)]
    for path in paths:
        path.write_text(news_page(rng, names), encoding="utf-8")
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args()
    write_pages(args.out, args.pages, args.seed)


if __name__ == "__main__":
    main()

"""What a caller knows about the page around the text it sends: its title, its headline and its declared language.

Context beyond the paragraph decides a verdict when the text near a mention names no use ("Back pain cured abroad"
as the headline, "Muse stem cell treatment" three paragraphs down), and the language decides whether typos are
forgiven."""
from __future__ import annotations

from dataclasses import dataclass

MAX_TITLE = 1000   # characters kept of a title or a headline; the API refuses longer ones


@dataclass(frozen=True)
class Page:
    title: str = ""
    headline: str = ""
    lang: str | None = None    # as the page declares it ('en', 'pt-BR'); None when it does not

    @property
    def header(self) -> str:
        """Title and headline as one text to read words from (often the same words twice; that is harmless)."""
        return f"{self.title[:MAX_TITLE]}\n\n{self.headline[:MAX_TITLE]}"


NO_PAGE = Page()

"""The briefing of one story (``crosswire report STORY --format md|html``), with footnoted sources.

Every claim shown carries a footnote: outlet, headline, URL (or the input it came from),
date and the sentence itself. Article text is hostile input: the HTML page is rendered by
Jinja2 with autoescape on and has no scripts or external assets; the Markdown template
escapes every value it prints (a ``finalize`` hook, so a template cannot forget), and only
``http(s)`` URLs become links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jinja2 import Environment, StrictUndefined

from crosswire.compare.templates import HTML_TEMPLATE, MARKDOWN_TEMPLATE
from crosswire.compare.text import STATUS_MARK
from crosswire.compare.units import ClaimUnit
from crosswire.compare.view import ClaimRow, StoryView, widest_per_article
from crosswire.errors import OptionsError

FORMATS = ("md", "html")
SAFE_URL = re.compile(r"https?://[^\s<>\"'`]+", re.I)
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&!])")


@dataclass
class Footnote:
    number: int
    outlet: str
    title: str | None
    url: str | None  # http(s) only
    source: str | None
    published: str | None
    status: str
    sentence: str


@dataclass
class Cited:
    """A claim as the briefing shows it: its wording and the footnotes that back it."""

    row: ClaimRow
    notes: list[tuple[str, str, int]] = field(default_factory=list)  # (outlet, status, footnote number)


class Footnotes:
    """Numbers each (article, sentence) once, in order of first use."""

    def __init__(self, view: StoryView) -> None:
        self.view = view
        self.notes: list[Footnote] = []
        self._numbers: dict[tuple[str, int, int], int] = {}

    def number(self, unit: ClaimUnit) -> int:
        key = (unit.article_id, unit.start, unit.end)
        if key not in self._numbers:
            article = self.view.article(unit.article_id)
            self._numbers[key] = len(self.notes) + 1
            self.notes.append(
                Footnote(
                    number=len(self.notes) + 1,
                    outlet=unit.outlet,
                    title=article.title,
                    url=safe_url(article.url),
                    source=article.source,
                    published=article.published,
                    status=unit.status,
                    sentence=unit.text,
                )
            )
        return self._numbers[key]

    def cite(self, row: ClaimRow) -> Cited:
        cited = Cited(row)
        for outlet, cell in row.cells.items():
            for unit in widest_per_article(cell.units):
                cited.notes.append((outlet, unit.status, self.number(unit)))
        return cited


def render_report(view: StoryView, fmt: str = "md") -> str:
    """The story's briefing as Markdown (``"md"``) or a self-contained HTML page (``"html"``)."""
    if fmt not in FORMATS:
        raise OptionsError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
    notes = Footnotes(view)
    context = {
        "view": view,
        "corroborated": [notes.cite(row) for row in view.corroborated],
        "only_in": {outlet: [notes.cite(row) for row in rows] for outlet, rows in view.only_in.items() if rows},
        "contradictions": [
            (c, [(value, [(a, notes.number(a.unit)) for a in c.by_value[value]]) for value in c.values])
            for c in view.contradictions
        ],
        "changes": [(ch, notes.number(ch.before), notes.number(ch.after)) for ch in view.status_changes],
        "articles": sum(len(side.articles) for side in view.outlets),
        "marks": STATUS_MARK,
    }
    context["footnotes"] = notes.notes  # after every claim above has taken its number
    template = _environment(fmt).from_string(HTML_TEMPLATE if fmt == "html" else MARKDOWN_TEMPLATE)
    return template.render(**context)


def safe_url(url: str | None) -> str | None:
    """The URL when it is a plain http(s) address; anything else ("javascript:") is no link."""
    return url if url and SAFE_URL.fullmatch(url) else None


def markdown_escape(value: object) -> object:
    """Backslash-escape what Markdown (or HTML inside it) would read as markup."""
    if isinstance(value, str):
        return MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(value.split()))
    return value


def _environment(fmt: str) -> Environment:
    if fmt == "html":
        env = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    else:
        env = Environment(
            autoescape=False, finalize=markdown_escape, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True
        )
    env.filters["join_words"] = lambda values: ", ".join(str(v) for v in values)
    return env


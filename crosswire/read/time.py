"""Time expressions normalised against the publication date (to be built)."""

from __future__ import annotations

from spacy.tokens import Doc

from crosswire.document import Article


def find_times(article: Article, doc: Doc) -> None:
    article.times = []

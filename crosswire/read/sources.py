"""Sources cited: every attribution an article leans on, with its chain (to be built)."""

from __future__ import annotations

from spacy.tokens import Doc

from crosswire.document import Article


def find_sources(article: Article, doc: Doc) -> None:
    article.sources_cited = []

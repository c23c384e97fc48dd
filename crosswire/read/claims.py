"""Sentence-level claims and their certainty status (to be built)."""

from __future__ import annotations

from spacy.tokens import Doc

from crosswire.document import Article


def find_claims(article: Article, doc: Doc) -> None:
    article.claims = []

"""News-specific trimming of an extracted body's edges (HTML pages and feed items).

A generic extractor keeps what sits inside the article container: the headline, dek,
dateline, a section label or a comment counter above the first paragraph, a paywall box after the last free one, promo
and "Related:" lines at the end. Only the edges are trimmed and only lines that are not
prose (short, no sentence ending), so no body paragraph is lost; a paywall notice ends the
body wherever it is, since what follows it is the subscription box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosswire.clean.scrape import ACCESS_CUES, CLUTTER_CUES, PAYWALL_CUES, SENTENCE_END

HEADER_WORDS = 30  # a leading line this short without a full stop is a headline, dek, date or label
TRAILER_WORDS = 15  # a closing line this short without a full stop is a promo or link
SUBSCRIBER_ONLY = re.compile(r"\b(for (paying )?subscribers|subscribers only|subscribe to (keep|continue) reading)\b", re.I)


@dataclass
class Trimmed:
    text: str
    paywalled: bool  # a paywall notice ended the body
    header: list[str]  # the non-prose lines removed above the body (headline, dek, dateline)


def trim_edges(text: str) -> Trimmed:
    """The body without its clutter edges."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    paywalled = False
    for index, paragraph in enumerate(paragraphs):
        if _is_paywall_notice(paragraph):
            paragraphs, paywalled = paragraphs[:index], True
            break
    header = []
    while paragraphs and _is_header(paragraphs[0]):
        header.append(paragraphs.pop(0))
    while paragraphs and _is_trailer(paragraphs[-1]):
        paragraphs.pop()
    return Trimmed("\n\n".join(paragraphs), paywalled, header)


def _is_prose(paragraph: str) -> bool:
    return bool(SENTENCE_END.search(paragraph.strip()))


def _is_paywall_notice(paragraph: str) -> bool:
    short = len(paragraph.split()) <= 20
    return short and (bool(PAYWALL_CUES.search(paragraph)) or bool(SUBSCRIBER_ONLY.search(paragraph)))


def _is_header(paragraph: str) -> bool:
    return len(paragraph.split()) <= HEADER_WORDS and not _is_prose(paragraph)


def _is_trailer(paragraph: str) -> bool:
    words = len(paragraph.split())
    if _is_prose(paragraph):
        return words <= TRAILER_WORDS and bool(CLUTTER_CUES.search(paragraph) or ACCESS_CUES.search(paragraph))
    return words <= TRAILER_WORDS

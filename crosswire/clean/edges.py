"""News-specific trimming of an extracted body's edges (HTML pages and feed items).

A generic extractor keeps what sits inside the article container: the headline, dek,
dateline, a section label or a comment counter above the first paragraph, a paywall box after the last free one, promo
and "Related:" lines at the end. Only the edges are trimmed and only lines that are not
prose (short, no sentence ending, in Latin or CJK punctuation), so no body paragraph is lost;
a run of more short lines than a headline block or a promo has (a list, a table, a poem) is the
article's own and stays. A paywall notice (the shared ``vocabulary``) ends the body wherever it
is, since what follows it is the subscription box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosswire.clean.scrape import CLUTTER_CUES
from crosswire.clean.vocabulary import ACCESS_CUES, is_paywall_notice

HEADER_WORDS = 30  # a leading line this short without a full stop is a headline, dek, date or label
TRAILER_WORDS = 15  # a closing line this short without a full stop is a promo or link
HEADER_LINES = 6  # section label, headline, dek, byline, dateline, photo credit at most
LIST_LINES = 5  # this many short lines in a row at the end are the article's own list
# A sentence ends with a full stop, in Latin or CJK punctuation, before closing quotes/brackets.
SENTENCE_END = re.compile(r"[.!?…。！？．][\"'”’)\]」』）]*$")
# Scripts written without spaces between words: a run of their letters counts as words too.
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]+")


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
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
        if is_paywall_notice(paragraph, following):
            paragraphs, paywalled = paragraphs[:index], True
            break
    lead = 0
    while lead < len(paragraphs) and _is_header(paragraphs[lead]):
        lead += 1
    header = []
    if lead <= HEADER_LINES:  # more short lines than a headline block has are the body's own
        header, paragraphs = paragraphs[:lead], paragraphs[lead:]
    trailer = 0
    while trailer < len(paragraphs) and _is_trailer(paragraphs[-1 - trailer]):
        trailer += 1
    if trailer < LIST_LINES:  # a longer run of short lines is a list that belongs to the body
        paragraphs = paragraphs[: len(paragraphs) - trailer]
    return Trimmed("\n\n".join(paragraphs), paywalled, header)


def _is_prose(paragraph: str) -> bool:
    return bool(SENTENCE_END.search(paragraph.strip()))


def word_count(text: str) -> int:
    """Words separated by spaces, and in CJK or Thai text (no spaces) one word per two letters."""
    return len(text.split()) + sum(len(run) for run in UNSPACED.findall(text)) // 2


def _is_header(paragraph: str) -> bool:
    return word_count(paragraph) <= HEADER_WORDS and not _is_prose(paragraph)


def _is_trailer(paragraph: str) -> bool:
    words = word_count(paragraph)
    if _is_prose(paragraph):
        return words <= TRAILER_WORDS and bool(CLUTTER_CUES.search(paragraph) or ACCESS_CUES.search(paragraph))
    return words <= TRAILER_WORDS

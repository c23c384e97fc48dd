"""Direct quotes and who said them.

A quote is text between quotation marks (straight or curly). Its speaker comes from the
sentence around it, outside the quotation marks, in this order:
1. the subject of a speech verb ("Jake Sullivan said", "said Teodor Vasko");
2. an attribution phrase naming a source ("per The Wall Street Journal", "according to X");
3. the speaker of the quote just before, when this one continues it in the same or the next
   sentence with no cue of its own.
Speakers are reported by their entity's canonical name when the entity is linked.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from crosswire.document import Article, Quote

QUOTE_PAIRS = re.compile(r"\"([^\"]{3,}?)\"|“([^”]{3,}?)”")
SPEECH_VERBS = {
    "say", "tell", "add", "state", "declare", "announce", "warn", "note", "insist", "claim",
    "argue", "explain", "write", "ask", "reply", "respond", "remark", "acknowledge", "admit",
    "deny", "confirm", "stress", "emphasise", "emphasize", "caution", "predict", "vow", "urge",
}
ATTRIBUTION = re.compile(r"\b(?:per|according to|citing|reported by)\s+((?:the\s+)?[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*)*)")
MIN_QUOTE_WORDS = 2


def find_quotes(article: Article, doc: Doc) -> None:
    """Set ``article.quotes`` from the quotation marks in ``article.text``."""
    text = article.text
    quotes: list[Quote] = []
    for match in QUOTE_PAIRS.finditer(text):
        group = 1 if match.group(1) is not None else 2
        start, end = match.start(group), match.end(group)
        words = text[start:end].split()
        if len(words) < MIN_QUOTE_WORDS:
            continue  # a scare-quoted word is not a quotation
        speaker, cue, speaker_span = _speaker(article, doc, start, end)
        if speaker is None and quotes and _continues(article, quotes[-1], start):
            speaker, cue, speaker_span = quotes[-1].speaker, quotes[-1].cue, (quotes[-1].speaker_start, quotes[-1].speaker_end)
        quotes.append(
            Quote(
                text=text[start:end],
                start=start,
                end=end,
                speaker=speaker,
                cue=cue,
                speaker_start=speaker_span[0] if speaker_span else None,
                speaker_end=speaker_span[1] if speaker_span else None,
            )
        )
    article.quotes = quotes


def _speaker(article: Article, doc: Doc, start: int, end: int):
    """(speaker name, cue text, (start, end) of the speaker mention) or (None, None, None)."""
    sentence = _sentence_around(doc, start, end)
    outside = [t for t in sentence if not (start - 1 <= t.idx < end + 1)]
    for token in outside:
        if token.lemma_.lower() in SPEECH_VERBS and token.pos_ in {"VERB", "AUX"}:
            subject = _subject(token)
            if subject is not None:
                begin, stop = _phrase_bounds(subject)
                name = _entity_name(article, begin, stop) or article.text[begin:stop]
                return name, _cue_phrase(token), (begin, stop)
    window = article.text[sentence.start_char : sentence.end_char]
    for match in ATTRIBUTION.finditer(window):
        begin = sentence.start_char + match.start(1)
        if start <= begin < end:
            continue  # the phrase is inside the quote
        stop = sentence.start_char + match.end(1)
        name = _entity_name(article, begin, stop) or match.group(1)
        return name, match.group(0).split()[0], (begin, stop)
    return None, None, None


def _sentence_around(doc: Doc, start: int, end: int):
    """The sentence(s) covering the quote; a quote that spans sentences takes all of them."""
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    last = doc.char_span(max(start, end - 1), end, alignment_mode="expand")
    if first is None or last is None:
        return doc[0:0]
    sent_start = first[0].sent.start
    sent_end = last[-1].sent.end
    return doc[sent_start:sent_end]


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return child
    return None


def _phrase_bounds(token: Token) -> tuple[int, int]:
    """The character range of a subject noun phrase, without leading determiners."""
    tokens = [t for t in token.subtree if t.dep_ not in {"punct", "cc", "conj", "relcl", "acl", "appos"} or t is token]
    tokens = [t for t in tokens if t.i >= token.left_edge.i and t.i <= token.i] or [token]
    first, last = tokens[0], tokens[-1]
    return first.idx, last.idx + len(last.text)


SPEAKER_KINDS = ("person", "news_outlet", "organization", "country")


def _entity_name(article: Article, start: int, end: int) -> str | None:
    """The canonical name of the entity that can speak in [start, end): a person first, then
    an outlet, organisation or country. A demonym ("Estmarkian officials") names no speaker:
    the caller keeps the phrase itself."""
    found: dict[str, str] = {}
    for entity in article.entities:
        if any(m.start >= start and m.end <= end for m in entity.mentions):
            found.setdefault(entity.kind, entity.name)
    return next((found[kind] for kind in SPEAKER_KINDS if kind in found), None)


def _cue_phrase(verb: Token) -> str:
    """The speech verb with what directly qualifies it ('told NPR', 'said at a briefing')."""
    right = [t for t in verb.rights if t.dep_ in {"dobj", "prep", "dative", "npadvmod"}]
    end_token = right[0].right_edge if right else verb
    return verb.doc[verb.i : end_token.i + 1].text


def _continues(article: Article, previous: Quote, start: int) -> bool:
    """A quote with no cue continues the previous one when little text separates them."""
    between = article.text[previous.end : start]
    return len(between) < 200 and "\n\n" not in between

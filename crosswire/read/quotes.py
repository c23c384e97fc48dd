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
CUE_VERBS = {
    "say", "tell", "add", "state", "declare", "announce", "warn", "note", "insist", "claim",
    "argue", "explain", "write", "ask", "reply", "respond", "remark", "acknowledge", "admit",
    "deny", "confirm", "stress", "emphasise", "emphasize", "caution", "predict", "vow", "urge",
    # verbs that frame a partial quote: 'called the vote "theft"', 'described it as "..."'
    "call", "describe", "term", "condemn", "dismiss", "promise", "welcome", "reject", "accuse", "label",
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
    """(speaker name, cue text, (start, end) of the speaker phrase) or (None, None, None)."""
    sentence = _sentence_around(doc, start, end)
    inside = {t.i for t in sentence if start - 1 <= t.idx < end + 1}
    verbs = [t for t in sentence if t.i not in inside and t.lemma_.lower() in CUE_VERBS and t.pos_ in {"VERB", "AUX"}]
    # The verb that governs the quotation wins; otherwise the nearest one.
    verbs.sort(key=lambda v: (not any(t.i in inside for t in v.subtree), _distance(v, start, end)))
    for verb in verbs:
        subject = _subject(verb)
        if subject is not None:
            name, bounds = _name_subject(article, subject)
            return name, _cue_phrase(verb), bounds
    window = article.text[sentence.start_char : sentence.end_char]
    for match in ATTRIBUTION.finditer(window):
        begin = sentence.start_char + match.start(1)
        if start <= begin < end:
            continue  # the phrase is inside the quote
        stop = sentence.start_char + match.end(1)
        name = _entity_name(article, begin, stop) or match.group(1)
        return name, match.group(0).split()[0], (begin, stop)
    return None, None, None


def _distance(token: Token, start: int, end: int) -> int:
    return start - token.idx if token.idx < start else token.idx - end


def _sentence_around(doc: Doc, start: int, end: int):
    """The sentence(s) covering the quote; a quote that spans sentences takes all of them."""
    quoted = doc.char_span(start, end, alignment_mode="expand")
    if quoted is None or len(quoted) == 0:  # only whitespace between the marks
        return doc[0:0]
    return doc[quoted[0].sent.start : quoted[-1].sent.end]


def _subject(verb: Token) -> Token | None:
    """The verb's subject; for "..., saying" or "and added" the subject of the verb it hangs on;
    for a relative clause ("Feld, who said ...") the noun the clause describes."""
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                if child.tag_ in {"WP", "WDT"} and verb.dep_ == "relcl":
                    return verb.head
                return child
        if verb.dep_ not in {"advcl", "xcomp", "conj", "ccomp", "relcl"} or verb.head is verb:
            return None
        verb = verb.head
    return None


def _name_subject(article: Article, subject: Token) -> tuple[str, tuple[int, int]]:
    """Who the subject is: a linked person or entity, the person a pronoun points back to,
    or else the subject phrase itself ("a senior official at the industry ministry")."""
    head_span = (subject.idx, subject.idx + len(subject.text))
    if subject.tag_ == "PRP" and subject.lower_ in {"he", "she", "him", "her"}:
        person = _last_person_before(article, subject.idx)
        if person is not None:
            return person, head_span
    referents = [subject, *(c for c in subject.children if c.dep_ == "appos")]
    for token in referents:
        name = _entity_name(article, token.idx, token.idx + len(token.text), covering=True)
        if name is not None:
            return name, head_span
    begin, stop = _phrase_bounds(subject)
    phrase = article.text[begin:stop]
    return re.sub(r"^(A|An|The) ", lambda m: m.group(1).lower() + " ", phrase), (begin, stop)


def _last_person_before(article: Article, offset: int) -> str | None:
    best_start, best = -1, None
    for entity in article.entities:
        if entity.kind != "person":
            continue
        for mention in entity.mentions:
            if best_start < mention.start and mention.end <= offset:
                best_start, best = mention.start, entity.name
    return best


def _phrase_bounds(token: Token) -> tuple[int, int]:
    """The subject noun phrase: its left modifiers, the head, and prepositional phrases
    after it ("a spokesman for President Korvath"), but no clauses or appositions."""
    first = token.left_edge
    last = token
    for child in token.rights:
        if child.dep_ == "prep":
            last = child.right_edge
        else:
            break
    return first.idx, last.idx + len(last.text)


SPEAKER_KINDS = ("person", "news_outlet", "organization", "country")


def _entity_name(article: Article, start: int, end: int, *, covering: bool = False) -> str | None:
    """The canonical name of the entity that can speak in [start, end) (or, with ``covering``,
    whose mention covers that range): a person first, then an outlet, organisation or
    country. A demonym ("Estmarkian officials") names no speaker: the caller keeps the phrase."""
    found: dict[str, str] = {}
    for entity in article.entities:
        if entity.kind not in SPEAKER_KINDS:
            continue
        if any((m.start <= start and end <= m.end) if covering else (m.start >= start and m.end <= end) for m in entity.mentions):
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

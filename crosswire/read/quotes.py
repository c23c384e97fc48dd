"""Quotes: the words in quotation marks, and reported speech, each with its speaker.

Quotation marks are paired paragraph by paragraph (curly “ ” and straight "; a straight mark
opens or closes by what surrounds it). A quotation inside a quotation (single marks, or
double marks nested in curly ones) belongs to the outer one and is never a quote of its own.
An opening mark left open at the end of a paragraph whose next paragraph opens with a mark
again is the news convention for a quote running over paragraphs: each paragraph's part is
a quote, and all parts share one speaker. Top-level single curly marks (‘...’, common in
headlines) are quotations too.

Lines of a transcript ('TAPPER: Do you think ...') are direct quotes too, without marks.

``Quote.kind`` is ``direct`` when the quotation is a whole clause or sentence, ``partial``
when it is a fragment inside the reporter's sentence ('called it "productive"'), and
``indirect`` for reported speech without quotation marks (found in
``crosswire.read.indirect``). A one-word quotation is a quote only when a reporting verb
gives it a speaker (and, for a partial one, a named speaker); a short fragment nobody is
said to have said ('the so-called "harbour tax"', a show's title) is not a quote either.

Speakers, cues and venues come from ``crosswire.read.attribution``. A quotation whose
sentence names no speaker continues the quote before it in the same paragraph; one that
opens its paragraph continues the speaker last quoted in the paragraph before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from crosswire.document import Article, Quote
from crosswire.read.attribution import Attributor
from crosswire.read.indirect import reported_speech
from crosswire.read.speakers import Attribution

OPENING = {"“", "«", "„", "``"}
CLOSING = {"”", "»"}
STRAIGHT = '"'
# Double quotation marks, with the plain-text forms ``...'' and ''...'' (two apostrophes).
DOUBLE = re.compile(r"''|``|[\"“”«»„]")
BEFORE_OPENING = set(" \t([{—–-/:;,") | OPENING | {"‘"}
MIN_QUOTE_WORDS = 2  # shorter quotations need a reporting verb (see module docstring)
MAX_UNATTRIBUTED_PARTIAL = 5  # a fragment in quotation marks this short needs a speaker
WORD = re.compile(r"\w+")


@dataclass
class Quotation:
    """Quoted words at ``[start, end)``, between a mark at ``open`` and one at ``close``
    (``None`` when the quotation runs on into the next paragraph)."""

    start: int
    end: int
    open: int
    close: int | None
    chain: int  # parts of one quote running over paragraphs share the chain number
    close_end: int = 0  # the end of the closing mark (of the words when there is none)

    @property
    def region(self) -> tuple[int, int]:
        """The quotation with its marks."""
        return self.open, max(self.close_end, self.end)


def find_quotes(article: Article, doc: Doc) -> None:
    """Set ``article.quotes``: quotations and reported speech, in text order."""
    text = article.text
    found = quotations(text)
    attributor = Attributor(article, doc, [q.region for q in found])
    kinds = [quotation_kind(doc, text, q) for q in found]
    attributions: list[Attribution | None] = [
        attributor.for_quotation(q.start, q.end, partial=kind == "partial") for q, kind in zip(found, kinds)
    ]
    _share_within_chains(found, attributions)
    reported = reported_speech(attributor)
    attributed: list[tuple[int, Attribution]] = [(r.start, r.attribution) for r in reported]
    quotes: list[Quote] = []
    previous: tuple[Quotation, Attribution | None] | None = None
    for quotation, kind, attribution in zip(found, kinds, attributions):
        own = attribution
        if attribution is None and previous is not None and _continues(text, previous[0], quotation):
            attribution = previous[1]
        if attribution is None and _opens_paragraph(text, quotation):
            attribution = _last_in_previous_paragraph(text, quotation.open, attributed)
        words = len(WORD.findall(text[quotation.start : quotation.end]))
        if words == 0 or not re.search(r"[^\W\d_]", text[quotation.start : quotation.end]):
            continue  # no letters: a date or a number between marks
        if words < MIN_QUOTE_WORDS and not _keeps_short(own, kind):
            continue  # a scare-quoted word is not a quotation
        if kind == "partial" and attribution is None and words <= MAX_UNATTRIBUTED_PARTIAL:
            continue  # a title, a slogan or a scare-quoted term, not words someone said
        quotes.append(_quote(text, quotation.start, quotation.end, kind, attribution))
        previous = quotation, attribution
        if attribution is not None:
            attributed.append((quotation.start, attribution))
    for item in reported:
        quotes.append(_quote(text, item.start, item.end, "indirect", item.attribution))
    turns = transcript_turns(text, attributor)
    if turns:  # a transcript line is one quote: nothing inside it is quoted again
        quotes = [q for q in quotes if not any(s <= q.start < e for s, e, _ in turns)]
        quotes += [_quote(text, start, end, "direct", attribution) for start, end, attribution in turns]
    quotes.sort(key=lambda q: (q.start, q.end))
    article.quotes = quotes


# 'TAPPER: Do you think ...' — a transcript turn: a speaker's name in capitals and a colon
TURN = re.compile(
    r"^[ \t]*(?P<who>[A-Z][A-Z.'’-]+(?:[ \t]+[A-Z][A-Z.'’-]+){0,3})[ \t]*:[ \t]+(?P<said>\S[^\n]*)$", re.M
)
NOT_SPEAKERS = {
    "UPDATE", "NOTE", "BREAKING", "EDITOR", "CORRECTION", "WATCH", "READ", "VIDEO", "PHOTO", "SOURCE", "Q", "A",
}


def transcript_turns(text: str, attributor: Attributor) -> list[tuple[int, int, Attribution]]:
    """Lines of a transcript: the words after 'NAME:' are NAME's, verbatim. A label counts
    when it names a person of the article or opens at least two lines (a dialogue)."""
    turns = [m for m in TURN.finditer(text) if m.group("who").split()[0].strip(".") not in NOT_SPEAKERS]
    counts: dict[str, int] = {}
    for match in turns:
        counts[match.group("who")] = counts.get(match.group("who"), 0) + 1
    found = []
    for match in turns:
        who_start, who_end = match.span("who")
        attribution = attributor.speakers.label(who_start, who_end)
        if attribution is None and counts[match.group("who")] >= 2:
            attribution = Attribution(match.group("who").title(), who_start, who_end, ":")
        if attribution is None:
            continue
        start, end = _trim(text, *match.span("said"))
        if len(WORD.findall(text[start:end])) >= MIN_QUOTE_WORDS:
            found.append((start, end, attribution))
    return found


def _quote(text: str, start: int, end: int, kind: str, attribution: Attribution | None) -> Quote:
    a = attribution or Attribution(None, None, None)
    return Quote(
        text=text[start:end],
        start=start,
        end=end,
        speaker=a.speaker,
        cue=a.cue,
        speaker_start=a.start,
        speaker_end=a.end,
        kind=kind,
        venue=a.venue,
        speaker_id=a.speaker_id,
    )


def _keeps_short(attribution: Attribution | None, kind: str) -> bool:
    """A one-word quotation is kept when a reporting verb attributes it ('"Absolutely," he
    said'), and a partial one ('called it "productive"') only when the speaker is named."""
    if attribution is None or attribution.verb is None:
        return False
    return kind == "direct" or attribution.named


def _share_within_chains(found: list[Quotation], attributions: list[Attribution | None]) -> None:
    """Parts of one quote running over paragraphs take the speaker one of them names."""
    chains: dict[int, list[int]] = {}
    for i, quotation in enumerate(found):
        chains.setdefault(quotation.chain, []).append(i)
    for members in chains.values():
        named = [i for i in members if attributions[i] is not None]
        if len(members) < 2 or not named:
            continue
        for i in members:
            if attributions[i] is None:
                attributions[i] = attributions[min(named, key=lambda j: (j > i, abs(j - i)))]


def _opens_paragraph(text: str, quotation: Quotation) -> bool:
    line_start = text.rfind("\n", 0, quotation.open) + 1
    return not text[line_start : quotation.open].strip()


def _last_in_previous_paragraph(
    text: str, offset: int, attributed: list[tuple[int, Attribution]]
) -> Attribution | None:
    """A paragraph that is only a quotation, with no attribution of its own, goes on with the
    speaker last quoted (directly or not) in the paragraph just before it."""
    line_start = text.rfind("\n", 0, offset) + 1
    before = text[:line_start].rstrip()
    if not before:
        return None
    previous_start = before.rfind("\n") + 1
    inside = [(start, a) for start, a in attributed if previous_start <= start < line_start and a.speaker is not None]
    return max(inside, key=lambda item: item[0])[1] if inside else None


def _continues(text: str, previous: Quotation, quotation: Quotation) -> bool:
    """A quotation with no attribution of its own continues the one before it in its paragraph."""
    between = text[previous.region[1] : quotation.open]
    return "\n" not in between and len(between) < 400


# ---------------------------------------------------------------- quotation marks


def quotations(text: str) -> list[Quotation]:
    """The top-level quotations of the text (see the module docstring), in order."""
    found: list[Quotation] = []
    running: int | None = None  # the chain of a quote left open at the previous paragraph's end
    chain = 0
    for line in re.finditer(r"[^\n]+", text):
        parts, left_open = _pair_line(text, line.start(), line.end())
        if running is not None and not (parts and parts[0][0][0] == _first_mark(text, line.start(), line.end())):
            running = None  # the next paragraph does not reopen the quote: it ended unmarked
        for index, ((open_at, open_end), close) in enumerate(parts):
            if index == 0 and running is not None:
                number = running
            else:
                chain += 1
                number = chain
            start, end = _trim(text, open_end, close[0] if close is not None else line.end())
            if end > start:
                close_at, close_end = close if close is not None else (None, end)
                found.append(Quotation(start, end, open_at, close_at, number, close_end))
        running = found[-1].chain if left_open and found and found[-1].close is None else None
    return _drop_unfinished(found)


def _first_mark(text: str, start: int, end: int) -> int | None:
    stripped = len(text[start:end]) - len(text[start:end].lstrip())
    at = start + stripped
    return at if DOUBLE.match(text, at, end) else None


def _drop_unfinished(found: list[Quotation]) -> list[Quotation]:
    """An opening mark never closed, and not continued in the next paragraph, is a stray."""
    sizes: dict[int, int] = {}
    for quotation in found:
        sizes[quotation.chain] = sizes.get(quotation.chain, 0) + 1
    return [q for q in found if q.close is not None or sizes[q.chain] > 1]


Mark = tuple[int, int]


def _pair_line(text: str, start: int, end: int) -> tuple[list[tuple[Mark, Mark | None]], bool]:
    """Top-level (opening, closing) marks in one paragraph; closing None when left open."""
    pairs: list[tuple[Mark, Mark | None]] = []
    depth_marks: list[str] = []
    opened: Mark = (start, start)
    line = text[start:end]
    for match in DOUBLE.finditer(line):
        at, stop = start + match.start(), start + match.end()
        mark = match.group()
        before = text[at - 1] if at > start else " "
        after = text[stop] if stop < end else " "
        if mark in {STRAIGHT, "''"}:
            opening = _straight_opens(before, after, depth_marks, line[match.end() :].count(mark))
        else:
            opening = mark in OPENING
        if opening:
            if not depth_marks:
                opened = (at, stop)
            depth_marks.append(mark)
        elif depth_marks:
            depth_marks.pop()
            if not depth_marks:
                pairs.append((opened, (at, stop)))
        # a closing mark with nothing open is a stray (an inch mark, a typo): ignored
    left_open = bool(depth_marks)
    if left_open:
        pairs.append((opened, None))
    pairs.extend(_single_quotes(text, start, end, pairs))
    pairs.sort()
    return pairs, left_open


def _straight_opens(before: str, after: str, open_marks: list[str], marks_to_come: int) -> bool:
    """Whether a straight double mark opens a quotation, from the characters around it."""
    if not open_marks:
        if before.isdigit() and not after.isalpha():
            return False  # 5'11" — an inch mark
        return not after.isspace() or before in BEFORE_OPENING
    # Inside a quotation a straight mark closes, unless it plainly opens a nested one
    # (' "word' with two more marks to come: the nested close and the outer close).
    return (before.isspace() or before in OPENING) and after.isalnum() and marks_to_come >= 2


def _single_quotes(text: str, start: int, end: int, doubles: list[tuple[Mark, Mark | None]]) -> list[tuple[Mark, Mark]]:
    """Top-level ‘curly single’ quotations outside every double one."""
    def covered(at: int) -> bool:
        return any(o[0] <= at < (c[1] if c is not None else end) for o, c in doubles)

    pairs = []
    for match in re.finditer(r"‘", text[start:end]):
        at = start + match.start()
        if covered(at) or (at > start and text[at - 1].isalnum()):
            continue
        for close in re.finditer(r"’", text[at + 1 : end]):
            close_at = at + 1 + close.start()
            following = text[close_at + 1] if close_at + 1 < end else " "
            if not following.isalnum():
                if not covered(close_at) and close_at - at > 2:
                    pairs.append(((at, at + 1), (close_at, close_at + 1)))
                break
    return pairs


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ---------------------------------------------------------------- direct or partial


def quotation_kind(doc: Doc, text: str, quotation: Quotation) -> str:
    """``direct`` for a whole clause or sentence in quotation marks, else ``partial``."""
    span = doc.char_span(quotation.start, quotation.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "partial"
    if quotation.close is None or span[0].sent.start != span[-1].sent.start:
        return "direct"  # runs over sentences or paragraphs
    sentence = span[0].sent
    paragraph_start = text.rfind("\n", 0, quotation.open) + 1
    before = text[max(sentence.start_char, paragraph_start) : quotation.open].rstrip()
    words = [t for t in span if not t.is_punct]
    if not before or before.endswith(":"):
        return "direct"
    if before.endswith((",", "—", "–", "-")) and words and words[0].text[:1].isupper():
        return "direct"  # 'Trump said, "We will win."'; not '..., "which was the site of ..."'
    if words and words[0].lower_ in {"which", "who", "whom", "whose", "where", "when"}:
        return "partial"  # a relative clause: part of the reporter's noun phrase
    inside = {t.i for t in span}
    for token in span:
        if token.dep_ in {"nsubj", "nsubjpass", "expl"} and token.head.i in inside:
            head = token.head
            if head.dep_ not in {"relcl", "acl", "advcl", "amod", "pcomp", "pobj"}:
                return "direct"
    return "partial"


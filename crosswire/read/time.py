"""Time expressions in an article, normalised against its publication date.

Recognition: spaCy's DATE and TIME entities, plus patterns for what the small model misses
("now", "recently", "every week", "Monday morning" that it splits in two). Spans follow
TimeML's TIMEX3: no leading preposition ("in April 2019" -> "April 2019") and no hedge that
TimeML leaves outside the span ("as early as", "just"); a range ("2019 and 2020",
"from Monday to Friday") is two expressions. Normalisation is ``crosswire.read.timenorm``,
given the tense of the clause so that "said ... on Tuesday" is the Tuesday before the
anchor and "will ... on Tuesday" the one after.

The anchor is ``published``; when it is missing, ``published_estimate`` with
``estimated=True``; with neither, relative expressions keep ``value=None``.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Span as SpacySpan

from crosswire.document import Article, Cleaned, TimeExpression
from crosswire.read.timenorm import normalise

_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
_MONTH_SHORT = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"  # only before a day number
_COUNT = (r"(?:\d+(?: 1/2)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
          r"|forty|fifty|hundred|several|a few|few|a couple of|many)")
_UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur(?:y|ies))s?"
_PREP = r"(?<![\w-])(?:in|In|since|Since|by|until|from|From|during|before|after|through|of|early|late|mid-|mid )\s*"
# Patterns for what the small model misses; a group named t, when present, is the expression.
PATTERNS = [
    # "previously", "soon", "current", "recent" are left to the model: TimeBank marks them too rarely to pay
    re.compile(r"\b(?:now|currently|recently|nowadays|today|yesterday|tomorrow|tonight|overnight|lately)\b", re.I),
    re.compile(r"\b(?:the|in the) (?:(?:near|distant|foreseeable) )?(?:past|future)\b"
               r"|\bthe (?:near|short|long|medium) (?:term|run)\b|\bas soon as possible\b", re.I),
    re.compile(r"\b(?:nineteen|twenty)[- ](?:ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty"
               r"|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?\b|\bthe year two thousand\b", re.I),
    re.compile(r"\b(?:New Year'?s?(?: Day| Eve)?|Christmas(?: Day| Eve)?|Easter(?: Sunday)?|Thanksgiving(?: Day)?"
               r"|Independence Day|Fourth of July|Labou?r Day|Memorial Day|Election Day|Halloween|Valentine'?s Day)\b"),
    re.compile(r"\byear[- ]end\b|\byear's end\b|\b(?:the )?(?:end|beginning|start|middle) of (?:the|this|next|last) "
               r"(?:year|month|week|quarter)\b|\b(?:earlier|later) in the (?:year|month|week)\b", re.I),
    re.compile(r"\b\d{1,2} in the (?:morning|afternoon|evening)\b", re.I),
    re.compile(r"\b(?:(?:earlier|later|early|late)\s+)?(?:this|last|next|past|coming)\s+(?:week(?:end)?|month|year"
               r"|quarter|decade|spring|summer|fall|autumn|winter|" + _WEEKDAY + r")\b", re.I),
    re.compile(r"\b" + _WEEKDAY + r"s?(?:\s+(?:morning|afternoon|evening|night)s?)?\b"),
    re.compile(r"\b(?:(?:this|yesterday|tomorrow)\s+(?:morning|afternoon|evening)|last night)\b", re.I),
    re.compile(r"\b(?:" + _MONTH + "|" + _MONTH_SHORT + r")\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?\b"),
    re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+\d{4})?(?![\w.])"),
    re.compile(_PREP + r"(?P<t>(?:early |late |mid-?)?" + _MONTH + r"(?:,?\s+\d{4})?)(?![\w.])"),
    re.compile(_PREP + r"(?P<t>(?:fiscal\s+)?(?:1[89]|20)\d{2})\b(?!s)"),
    re.compile(r"\b(?:the\s+)?(?:(?:early|mid|late)[- ])?(?:(?:1[89]|20)\d0s|'\d0s)", re.I),
    re.compile(r"\b(?:(?:the\s+)?(?:past|last|next|coming|first)\s+)?" + _COUNT + r"[- ](?:(?:more|additional) )?"
               + _UNIT + r"(?:\s+(?:ago|later|earlier))?\b", re.I),
    re.compile(r"\b(?:days|weeks|months|years|decades)\s+(?:ago|later|earlier)\b", re.I),
    re.compile(r"\b(?:every|each)\s+(?:other\s+)?(?:day|week|month|year|quarter|morning|night|" + _WEEKDAY + r")\b",
               re.I),
    re.compile(r"\b(?:daily|weekly|monthly|annually|yearly|hourly|nightly)\b"),
    re.compile(r"\b\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\b(?:noon|midnight)\b"),
    re.compile(r"\b(?:the\s+)?(?:fiscal\s+)?(?:first|second|third|fourth)[- ]quarter\b", re.I),
    re.compile(r"\b(?:the )?(?:early |mid-|late )?(?:twen|thir|for|fif|six|seven|eigh|nine)ties\b"),
]
# What TimeML leaves outside a TIMEX3 but spaCy's entities sometimes include.
_LEADING = re.compile(r"(?:(?:in|on|at(?! least| most)|since|by|from|until|till|through|during|for|of|between|before"
                      r"|after|as early as|as late as|as recently as|just|only|our|my|your|his|her|their|its)\s+)+"
                      r"|(?:the|an?)\s+(?=\d|" + _MONTH + r"|\w+-quarter)", re.I)
_TRAILING = re.compile(r"(?:['’]s|\s+(?:and|or|to))?[\s,;:]*$")  # "last year's" is "last year"
_RANGE = re.compile(r"\s+(?:and|to|through|until|or)\s+|(?<=\d)\s*[-–]\s*(?=\d)|(?<=[a-z])[-–](?=[A-Z])")
_ENDED = re.compile(r"\s+(?:that )?(?:ended|ending|ends|beginning|starting)\s+|,\s+")  # "the quarter ended Sept. 30"
_TIME_OF_DAY = re.compile(r"(?i)^(?:(?:early|late|this|yesterday|tomorrow)\s+)?(?:morning|afternoon|evening|night|noon|"
                          r"midnight|\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?|o'clock)(?:\s+[A-Z]{2,3}T?)?)$")
_PARTS_OF_DAY = {"morning", "afternoon", "evening", "night"}
_NAMES = re.compile(r"(?:" + _WEEKDAY + "|" + _MONTH + r"|Christmas|Easter|Thanksgiving|New|Independence|Election|"
                    r"Labou?r|Memorial|Halloween|Valentine|Fourth)")
_FUTURE_AUX = {"will", "'ll", "shall", "wo"}
_SCHEDULING = {"schedule", "plan", "postpone", "delay", "extend", "defer", "adjourn", "reschedule", "set"}
_FUTURE_HEADS = {"expect", "plan", "schedule", "set", "due", "intend", "aim", "hope", "prepare", "go"}


def find_times(article: Article, doc: Doc) -> None:
    """Set ``article.times``: every time expression, normalised against the article's date."""
    anchor, estimated = anchor_of(article.meta)
    article.times = recognise(doc, anchor, estimated)


def anchor_of(meta: Cleaned) -> tuple[date | None, bool]:
    """The publication date, else the flagged estimate, else nothing."""
    for text, estimated in ((meta.published, False), (meta.published_estimate, True)):
        try:
            return date.fromisoformat((text or "")[:10]), estimated
        except ValueError:
            continue
    return None, False


def recognise(doc: Doc, anchor: date | None, estimated: bool = False) -> list[TimeExpression]:
    """The time expressions of ``doc``, normalised against ``anchor``."""
    found = []
    whole = doc.text  # built from the tokens on each access: read it once
    for start, end in spans(doc, whole):
        text = whole[start:end]
        if not _plausible(doc, whole, start, end):
            continue
        value, granularity, kind = normalise(text, anchor, clause_tense(doc, start, end))
        if value is None and granularity == "unknown":
            continue  # tagged DATE by the model but nothing crosswire can read as a time
        found.append(TimeExpression(text, start, end, value, granularity, kind,
                                    anchor.isoformat() if anchor else None, estimated))
    return found


def _plausible(doc: Doc, whole: str, start: int, end: int) -> bool:
    """False for what only looks like a time: an age, a rate, a fraction, a title, a modifier."""
    text, after = whole[start:end], whole[end:end + 8]
    lower = text.lower()
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    if re.search(r"\bold\b", lower) or re.match(r"-?\s?old\b", after):  # "a 6-year-old", "52 years old"
        return False
    if re.fullmatch(r"(?:an?|one|two|three|\d)[- ]quarters?", lower) and (re.match(r" of\b", after) or "-" in lower):
        return False  # "three-quarters of its food"
    if lower in ("quarterly", "annual") and span[0].pos_ == "ADJ":  # "quarterly dividend", "annual meeting"
        return False
    if lower in _PARTS_OF_DAY and span[-1].dep_ in ("compound", "amod", "nmod"):  # "morning talk show"
        return False
    if re.fullmatch(r"an? (?:second|minute|hour|day|night|week|month|year)", lower):
        before = span[0].nbor(-1) if span.start > 0 else None
        if before is not None and (before.like_num or before.pos_ in ("NOUN", "NUM", "SYM")):
            return False  # a rate: "$2 million a year", "four flights a week"
        if lower.endswith("second") and span[-1].tag_ == "JJ":
            return False  # "a second betrayal"
    return not _is_title(doc, span)


def _is_title(doc: Doc, span: SpacySpan) -> bool:
    """ "This Week" or "60 Minutes" mid-sentence, "VOA Today", "The Week": a programme or a publication."""
    words = [t for t in span if t.is_alpha]
    if not words or not all(t.text[0].isupper() for t in words) or any(_NAMES.match(t.text) for t in words):
        return False
    if span.start == 0 or span[0].is_sent_start:
        return False
    before = doc[span.start - 1]
    return len(words) > 1 or (before.is_alpha and before.text[0].isupper())


def spans(doc: Doc, text: str | None = None) -> list[tuple[int, int]]:
    """Character ranges of the time expressions: entities and patterns, trimmed, merged, split."""
    text = doc.text if text is None else text
    raw = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            raw.append(match.span("t") if "t" in pattern.groupindex else match.span())
    trimmed = [span for span in (_trim(text, s, e) for s, e in raw) if span]
    sentence_starts = {sent.start_char for sent in doc.sents}
    return [piece for span in _merge(text, trimmed, sentence_starts) for piece in _split(text, *span)]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    lead = _LEADING.match(text, start, end)
    if lead:
        start = lead.end()
    trail = _TRAILING.search(text, start, end)
    if trail and trail.start() < end:
        end = trail.start()
    return (start, end) if end > start else None


def _merge(text: str, found: list[tuple[int, int]], sentence_starts: set[int]) -> list[tuple[int, int]]:
    """Overlapping ranges as one, and a day next to a time of day ("Monday" + "morning") in one sentence."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        elif merged and _neighbours(text, merged[-1], (start, end), sentence_starts):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _neighbours(text: str, left: tuple[int, int], right: tuple[int, int], sentence_starts: set[int]) -> bool:
    """A day and a time of day a space apart in one sentence: "Monday morning", "10 a.m. Tuesday"."""
    if not text[left[1]:right[0]].isspace() or right[0] - left[1] > 2 or right[0] in sentence_starts:
        return False
    second = text[right[0]:right[1]]
    if second[0].isupper() and not _NAMES.match(second):
        return False  # "... at 10 a.m. Yesterday ...": a sentence the parser did not split
    return bool(_TIME_OF_DAY.match(second) or _TIME_OF_DAY.match(text[left[0]:left[1]]))


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Two expressions when both halves read as times: "2019 and 2020", "the quarter ended Sept. 30"."""
    for joints, allowed in ((_ENDED, _any_time), (_RANGE, _calendar_time)):
        for joint in joints.finditer(text, start, end):
            left, right = _trim(text, start, joint.start()), (joint.end(), end)
            if left and allowed(text[left[0]:left[1]]) and allowed(text[right[0]:right[1]]):
                if joint.group().strip() == "," and not _both_years(text, left, right):
                    continue  # "Monday, Oct. 26" is one date; "1994, 1995" are two
                return [left, *_split(text, *right)]
    return [(start, end)]


def _any_time(text: str) -> bool:
    return normalise(text, None)[:2] != (None, "unknown")


def _calendar_time(text: str) -> bool:
    return normalise(text, None)[1] not in ("unknown", "duration")


def _both_years(text: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    return all(normalise(text[s:e], None)[1] == "year" for s, e in (left, right))


def clause_tense(doc: Doc, start: int, end: int) -> str | None:
    """``past``, ``future`` or ``present`` for the clause that governs the span, or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    verb = span.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return _sentence_tense(span)
    group = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    if any(w.lower_ in _FUTURE_AUX for w in group):
        return "future"
    if verb.dep_ == "xcomp" and verb.head.lemma_ in _FUTURE_HEADS:
        return "future"  # "is expected to take place", "plans to visit"
    if verb.lemma_ in _SCHEDULING:
        return "future"  # "scheduled a news conference Thursday", "postponed until Tuesday"
    if any(w.lower_ in ("would", "could", "might", "may", "should") for w in group):
        return None
    if any(w.tag_ == "VBD" for w in group):
        return "past"
    if verb.tag_ == "VBN" and (len(group) == 1 or any(w.lemma_ == "have" for w in group)):
        return "past"  # "has said", and a bare participle: "the injunction issued Thursday"
    return "present"


def _sentence_tense(span: SpacySpan) -> str | None:
    words = span.sent
    if any(t.lower_ in _FUTURE_AUX for t in words):
        return "future"
    if any(t.tag_ == "VBD" for t in words):
        return "past"
    return None

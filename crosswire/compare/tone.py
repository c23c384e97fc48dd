"""Tone: how an article (or an outlet's coverage of a story) speaks, with the cues that decided it.

Only the outlet's own voice counts: the headline, the dek and the body outside quotations
(a quoted minister's "I think" is the minister's). The cues, read from the stored record:

* first person singular ("I'll admit", "my", "makes me"): the writer in the text;
* exclamations;
* alarm words ("nervous", "dangerous", "really bad") and loaded, evaluative words
  ("mistake", "reckless", "heroic");
* the statuses of the outlet's own claims: the share of opinion claims, and of
  interpretive ones (possible, inferred, conditional: the writer reasoning about what
  happens next or what it means).

Labels, first match wins:

========== ==========================================================================
alarmed    alarm words (two or more) with an exclamation or the first person
opinion    the first person twice or more, opinion claims (a fifth or more), or the first
           person with loaded words (one "I asked" is a reporter at work, not a view)
analytical interpretive claims make a quarter or more of the outlet's own claims
neutral    none of the above: reports and attributions
========== ==========================================================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ll|ve|d)|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself)\b")
ALARM_WORDS = {
    "alarm", "alarmed", "alarming", "nervous", "worried", "worrying", "fear", "fears", "frightening", "terrifying",
    "scary", "dangerous", "danger", "threatening", "ominous", "chilling", "disaster", "disastrous", "catastrophe",
    "catastrophic", "crisis", "bad", "worse", "worst", "unsettling", "dire", "menacing", "upend", "shocking",
    "horrifying", "panic", "doom", "bleak", "perilous", "nightmare", "grim", "terrible", "scared",
}
LOADED_WORDS = {
    "mistake", "wrong", "reckless", "foolish", "absurd", "outrageous", "shameful", "disgraceful", "heroic",
    "appalling", "cynical", "naive", "hypocritical", "staggering", "stunning", "brazen", "farce", "theatre",
    "theater", "folly", "blunder", "pathetic", "ridiculous", "scandalous", "brilliant", "courageous",
}
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
INTERPRETIVE = {"possible", "inferred", "conditional"}
ALARM_MIN = 2
OPINION_SHARE = 0.2
INTERPRETIVE_SHARE = 0.25


@dataclass
class ToneCounts:
    """What the cues counted; adds up across an outlet's articles."""

    words: int = 0
    first_person: list[str] = field(default_factory=list)
    exclamations: list[str] = field(default_factory=list)  # the sentences that end in "!"
    alarm: list[str] = field(default_factory=list)
    loaded: list[str] = field(default_factory=list)
    claims: int = 0  # the outlet's own claims (outside quotations)
    opinion: int = 0
    interpretive: int = 0

    def __add__(self, other: "ToneCounts") -> "ToneCounts":
        return ToneCounts(
            self.words + other.words,
            self.first_person + other.first_person,
            self.exclamations + other.exclamations,
            self.alarm + other.alarm,
            self.loaded + other.loaded,
            self.claims + other.claims,
            self.opinion + other.opinion,
            self.interpretive + other.interpretive,
        )


@dataclass
class Tone:
    label: str  # alarmed | opinion | analytical | neutral
    cues: list[str]  # the evidence, for people: 'first person: I’ll, my, Me'
    counts: ToneCounts


def article_tone(record: dict[str, Any]) -> Tone:
    return tone_of(count_cues(record))


def outlet_tone(records: list[dict[str, Any]]) -> Tone:
    """The tone of an outlet's articles taken together."""
    total = ToneCounts()
    for record in records:
        total = total + count_cues(record)
    return tone_of(total)


def count_cues(record: dict[str, Any]) -> ToneCounts:
    own = _own_voice(record)
    counts = ToneCounts(words=sum(len(WORD.findall(part)) for part in own))
    for part in own:
        counts.first_person += FIRST_PERSON.findall(part)
        counts.exclamations += [s.strip() for s in re.findall(r"[^.!?\n]*!", part)]
        lowered = [w.lower().strip("'’") for w in WORD.findall(part)]
        counts.alarm += [w for w in lowered if w in ALARM_WORDS]
        counts.loaded += [w for w in lowered if w in LOADED_WORDS]
    quotes = [(q["start"], q["end"]) for q in record.get("quotes", []) if q.get("kind", "direct") != "indirect"]
    for claim in record.get("claims", []):
        if any(a <= claim["start"] + 2 and claim["end"] - 2 <= b for a, b in quotes):
            continue
        counts.claims += 1
        counts.opinion += claim["status"] == "opinion"
        counts.interpretive += claim["status"] in INTERPRETIVE
    return counts


def tone_of(counts: ToneCounts) -> Tone:
    cues = _describe(counts)
    opinion_share = counts.opinion / counts.claims if counts.claims else 0.0
    interpretive_share = counts.interpretive / counts.claims if counts.claims else 0.0
    if len(counts.alarm) >= ALARM_MIN and (counts.exclamations or counts.first_person):
        label = "alarmed"
    elif len(counts.first_person) >= 2 or opinion_share >= OPINION_SHARE or (counts.first_person and counts.loaded):
        label = "opinion"
    elif interpretive_share >= INTERPRETIVE_SHARE:
        label = "analytical"
    else:
        label = "neutral"
    return Tone(label, cues, counts)


def _own_voice(record: dict[str, Any]) -> list[str]:
    """Headline, dek and the body with quotations cut out."""
    text = record.get("text") or ""
    quotes = sorted((q["start"], q["end"]) for q in record.get("quotes", []) if q.get("kind", "direct") != "indirect")
    parts, at = [], 0
    for start, end in quotes:
        if start > at:
            parts.append(text[at:start])
        at = max(at, end)
    parts.append(text[at:])
    return [p for p in (record.get("title"), record.get("subtitle"), *parts) if p]


def _describe(counts: ToneCounts) -> list[str]:
    cues = []
    if counts.first_person:
        cues.append(f"first person: {', '.join(dict.fromkeys(counts.first_person))}")
    if counts.exclamations:
        cues.append("exclamation: " + "; ".join(f"“{s}”" for s in dict.fromkeys(counts.exclamations)))
    if counts.alarm:
        cues.append(f"alarm words: {', '.join(dict.fromkeys(counts.alarm))}")
    if counts.loaded:
        cues.append(f"loaded words: {', '.join(dict.fromkeys(counts.loaded))}")
    if counts.claims:
        cues.append(f"opinion claims {counts.opinion}/{counts.claims}")
        cues.append(f"interpretive claims (possible, inferred, conditional) {counts.interpretive}/{counts.claims}")
    return cues

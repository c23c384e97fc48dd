"""Indirect quotes: reported speech without quotation marks, read from the dependency parse.

* A reporting verb's clausal complement is the content and its subject the source
  ("Kirby said the war is taking a toll"); so is the infinitive of a promise, a threat or a
  request ("vowed to build a wall", "urged voters to stay home").
* The clause around "according to X" is X's ("The banks held 1.4 billion, according to
  central bank figures"), and so is the one a parenthetical "..., he said, ..." interrupts.
* A finding verb ("shows", "found", "suggests") reports speech only with a finding noun as
  its subject or an explicit "that" clause: "the poll shows Clinton leads", not "it
  suggests he left".
* What the reporter adds about the speaker ("..., adding that ...", "but accused Y of ...")
  is not part of the content; nor is a dateline, and a quotation is never cut in two.
* Content is never inside a quotation, never mostly one quotation, never across a paragraph
  break, and does not contain its own speaker (a misparse); of overlapping candidates the
  outermost is kept.

The speaker of each is named by ``crosswire.read.speakers`` through the ``Attributor`` of
``crosswire.read.attribution``, which also gives the cue and venue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Token

from crosswire.read.speakers import SUBJECT_DEPS, Attribution
from crosswire.read.vocabulary import (
    COMMITMENT_VERBS,
    FINDING_NOUNS,
    FINDING_VERBS,
    PARENTHETICAL_VERBS,
    QUOTE_SPEECH_VERBS,
    QUOTE_VERBS,
)

if TYPE_CHECKING:
    from crosswire.read.attribution import Attributor

# 'LINDHAVEN, March 16 (Meridian Wire) — ' / 'WASHINGTON (AP) -- ' opening a paragraph
DATELINE = re.compile(r"[A-Z][A-Z .'’-]+(?:,[^—–\n]{1,40}?)?(?:\s*\([^)\n]{1,40}\))?\s*(?:—|–|--)\s*")


@dataclass
class Reported:
    """An indirect quote: the reported content ``[start, end)`` and its attribution."""

    start: int
    end: int
    attribution: Attribution


def reported_speech(attributor: Attributor) -> list[Reported]:
    """Reported speech without quotation marks, outermost first, never inside a quotation."""
    found: list[Reported] = []
    for token in attributor.doc:
        if attributor.inside[token.i]:
            continue
        reported = None
        if token.pos_ == "VERB" and token.lemma_.lower() in QUOTE_SPEECH_VERBS:
            reported = _reported_clause(attributor, token)
        elif token.lower_ == "according":
            reported = _according_to(attributor, token)
        if reported is not None:
            found.append(reported)
    kept: list[Reported] = []
    for item in sorted(found, key=lambda r: (r.start, -r.end)):
        verb = item.attribution.verb
        cue_at = verb.idx if verb is not None else item.start
        if any(k.start <= cue_at < k.end or (k.start < item.end and item.start < k.end) for k in kept):
            continue  # an attribution inside reported content, or overlapping content
        kept.append(item)
    return kept


def attribution_object(token: Token) -> Token | None:
    """The source X of 'according to X', 'per X', 'citing X' at this token, or None."""
    lower = token.lower_
    if lower == "according":
        to = next((c for c in token.children if c.lower_ == "to"), None)
        if to is None and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
            to = token.nbor()
        if to is None:
            return None
        return next((c for c in to.children if c.dep_ == "pobj"), None)
    if lower == "per" and token.dep_ == "prep":
        obj = next((c for c in token.children if c.dep_ == "pobj"), None)
        if obj is not None and (obj.pos_ == "PROPN" or obj.ent_type_ in {"ORG", "PERSON"}):
            return obj
        return None
    if lower == "citing":
        return next((c for c in token.children if c.dep_ == "dobj"), None)
    return None


def speakers_own(token: Token) -> bool:
    """A reporting verb with no subject of its own hanging on a reported clause: 'adding',
    'and accused' — the reporting speaker's words, not part of what they reported."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in QUOTE_VERBS or token.dep_ not in {"conj", "advcl"}:
        return False
    if any(c.dep_ in SUBJECT_DEPS or c.dep_ == "expl" for c in token.children):
        return False
    return token.dep_ == "conj" or token.tag_ == "VBG"


def _reported_clause(attributor: Attributor, verb: Token) -> Reported | None:
    lemma = verb.lemma_.lower()
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    # 'Korsk was guarded: a spokesman said only that ...' — what follows the verb first
    clause = next((c for c in clauses if c.i > verb.i), clauses[-1] if clauses else None)
    if clause is None and lemma in COMMITMENT_VERBS:
        # 'vowed to build a wall', 'urged voters to stay home': what was promised or asked
        clause = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}), None)
    if clause is None:
        if verb.dep_ != "parataxis" or lemma not in PARENTHETICAL_VERBS:
            return None
        head = verb.head  # 'In the long run, economists say, the effect could ripple ...'
        tokens = _run_around([t for t in head.subtree if t not in set(verb.subtree) and not t.is_punct], head)
    else:
        tokens = _clause_tokens(clause)
        head = clause
    if lemma in FINDING_VERBS and not _reports_finding(verb, clause):
        return None
    bounds = _content_bounds(attributor, tokens, head)
    if bounds is None:
        return None
    attribution = attributor.from_verb(verb)
    if attribution is None or attribution.start is None:
        return None
    start, end = bounds
    if attribution.start < end and start < attribution.end:
        return None  # the speaker is inside the content: a misparse
    if "\n" in attributor.text[min(start, verb.idx) : max(end, verb.idx)]:
        return None  # content and verb in different paragraphs: a misparse
    return Reported(start, end, attribution)


def _clause_tokens(clause: Token) -> list[Token]:
    """The reported clause without what the reporter adds about the speaker inside it:
    'X said A was B, adding that ...' / 'X said A would share its records but accused Y'
    (a reporting verb without a subject of its own, joined to the clause, is X's)."""
    cut: set[int] = set()
    for token in clause.subtree:
        if token is clause or token.i in cut:
            continue
        if speakers_own(token):
            cut.update(t.i for t in token.subtree)
            cut.update(t.i for t in token.lefts if t.dep_ in {"cc", "punct"})
            before = token.doc[token.left_edge.i - 1] if token.left_edge.i > 0 else None
            if before is not None and before.dep_ in {"cc", "punct"}:
                cut.add(before.i)
    marks = [c.i for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"]
    if marks:  # 'said only that ...': the clause starts after its "that"
        cut.update(t.i for t in clause.subtree if t.i <= marks[0])
    return _run_around([t for t in clause.subtree if t.i not in cut], clause)


def _according_to(attributor: Attributor, token: Token) -> Reported | None:
    source = attribution_object(token)
    if source is None:
        return None
    phrase = set(token.subtree)
    sentence = attributor.paragraph_clip(token.sent, token.idx)
    tokens = [t for t in sentence if t not in phrase]
    bounds = _content_bounds(attributor, tokens, token.head)
    if bounds is None:
        return None
    attribution = attributor.speakers.name(source)
    attribution.cue = "according to"
    return Reported(*bounds, attribution)


def _reports_finding(verb: Token, clause: Token | None) -> bool:
    """'The poll shows Clinton leads' / 'they found that ...': a document's finding, or
    an explicit "that" clause; not 'it suggests he left' guesses without a source."""
    if clause is None:
        return False
    if any(c.dep_ == "mark" and c.lower_ in {"that", "whether", "if"} for c in clause.children):
        return True
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return bool(subjects) and subjects[0].lemma_.lower() in FINDING_NOUNS


def _content_bounds(attributor: Attributor, tokens: list[Token], head: Token) -> tuple[int, int] | None:
    """The character range of the content tokens, without the edges' punctuation and a
    leading "that"; None when it is too short or is (nearly) all one quotation."""
    text = attributor.text
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (
        tokens[0].is_punct or tokens[0].is_space or tokens[0].dep_ == "cc"
        or (tokens[0].dep_ == "mark" and tokens[0].lower_ == "that")
    ):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    if sum(1 for t in tokens if not t.is_punct) < 2:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    dateline = DATELINE.match(text, start, end)
    if dateline:  # 'SEVERIN, March 14 — The two leaders ...': the dateline is the reporter's
        start = dateline.end()
    for low, high in attributor.quoted:  # never cut a quotation in two: take it whole
        if low < start < high <= end:
            start = low
        if start <= low < end < high:
            end = high
    if "\n" in text[start:end] or attributor.quoted_share(start, end) > 0.85:
        return None
    if attributor.inside[head.i] and start <= head.idx < end:
        region_end = next(high for low, high in attributor.quoted if low <= head.idx < high)
        if not text[region_end:end].strip(" .,;:!?\"'”’"):
            return None  # 'The port "was closed for days," according to X': the quote says it
    return start, end


def _run_around(tokens: list[Token], head: Token) -> list[Token]:
    """The unbroken run of ``tokens`` (punctuation may bridge gaps) around ``head``."""
    index = {t.i for t in tokens}
    doc = head.doc

    def bridges(i: int) -> bool:
        if i in index:
            return True
        return doc[i].is_punct and doc[i].text not in "—–()[]" and (i - 1 in index or i + 1 in index)

    first = last = head.i
    while first - 1 >= 0 and bridges(first - 1):
        first -= 1
    while last + 1 < len(doc) and bridges(last + 1):
        last += 1
    return list(doc[first : last + 1])

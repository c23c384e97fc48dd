"""Attribution patterns shared by ``sources`` and ``claims``: who a sentence leans on, by which cue.

Both components read the same attributions: ``sources`` turns them into ``SourceCited``
records, ``claims`` uses their cue words ("per", "according to", "said") to mark a sentence
as reported. Keeping the patterns here means a sentence never gets a source without its
claim being marked as attributed, or the other way round. Their words (``SOURCE_VERBS``,
``DOCUMENT_NOUNS`` ...) are in ``crosswire.read.vocabulary``.

``attributions(sent)`` works on the dependency parse of one sentence of the pipeline's
``Doc`` (no re-parsing). It finds, for each source phrase, its head token, the cue that
attributes to it and, for chains, the head token of whoever relays it ("the New York Times"
for "Citing US intelligence reports, the New York Times revealed").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from crosswire.read.vocabulary import (
    ATTRIBUTION_POSSESSED,
    CITING_VERBS,
    COGNITION_VERBS,
    DOCUMENT_NOUNS,
    EVIDENCE_VERBS,
    MEDIA_NOUNS,
    OFFICIAL_NOUNS,
    ORGANIZATION_NOUNS,
    PEOPLE_NOUNS,
    RELAYING_VERBS,
    SOURCE_VERBS,
)

QUOTE_CHARS = {'"', "“", "”", "''", "``"}


@dataclass(frozen=True)
class Attribution:
    """One attribution in a sentence: ``source`` is the head token of the source phrase,
    ``cue_start``/``cue_end`` the token range of the cue, ``relay`` the head token of whoever
    passes the source on (``None``: the article itself)."""

    source: Token
    cue_start: int
    cue_end: int
    relay: Token | None = None
    venue: bool = False  # the source is where a speaker spoke ("told NPR"): a source only if an outlet
    relay_is_venue: bool = False  # the relay is where the source spoke: a relay only if an outlet

    @property
    def cue(self) -> str:
        doc = self.source.doc
        return doc[self.cue_start : self.cue_end].text


def attributions(sent: Span) -> list[Attribution]:
    """Every attribution in ``sent`` found by its cue: adjuncts ("per X", "according to X",
    "by X's estimation"), citing verbs ("citing X", "X, quoting Y"), relaying verbs ("quoted
    by X", "as reported by X") and the subjects of speech verbs ("X said", "X told NPR")."""
    found: list[Attribution] = []
    for token in sent:
        if token.lower_ == "per" and token.dep_ == "prep":
            found += [Attribution(obj, token.i, token.i + 1) for obj in _objects(token)]
        elif token.lower_ == "according" and token.i + 1 < sent.end and token.nbor().lower_ == "to":
            found += [Attribution(obj, token.i, token.i + 2) for obj in _objects(token.nbor())]
        elif token.lower_ in ATTRIBUTION_POSSESSED and token.dep_ == "pobj" and token.head.lower_ in {"by", "in", "to"}:
            found += [
                Attribution(c, token.i, token.i + 1) for c in token.children if c.dep_ == "poss" and c.tag_ != "PRP$"
            ]
        elif token.pos_ == "VERB":
            found += _verb_attributions(token)
    return found


def _verb_attributions(verb: Token) -> list[Attribution]:
    lemma = verb.lemma_.lower()
    passive_agent = _agent(verb)
    if lemma in CITING_VERBS and passive_agent is None:
        relay = _actor_of(verb)
        return [Attribution(obj, verb.i, verb.i + 1, relay) for obj in verb.children if obj.dep_ in {"dobj", "obj"}]
    if lemma in RELAYING_VERBS and passive_agent is not None:
        relayed = _relayed(verb)
        found = [Attribution(passive_agent, verb.i, verb.i + 1)]
        if relayed is not None:
            found.append(Attribution(relayed, verb.i, verb.i + 1, passive_agent))
        return found
    if lemma in SOURCE_VERBS or lemma in EVIDENCE_VERBS:
        return _speaker_attributions(verb, lemma)
    if lemma in COGNITION_VERBS and any(c.dep_ == "ccomp" for c in verb.children):
        subject = _subject(verb)
        return [Attribution(subject, verb.i, verb.i + 1)] if subject is not None else []
    return []


def _speaker_attributions(verb: Token, lemma: str) -> list[Attribution]:
    """'X said', 'X told NPR' (NPR relays X), 'satellite images show'."""
    subject = _subject(verb)
    if subject is None or not _says_something(verb):
        return []
    if lemma not in SOURCE_VERBS and subject.lemma_.lower() not in DOCUMENT_NOUNS:
        return []
    venue = _venue(verb)
    found = [Attribution(subject, verb.i, verb.i + 1, venue, relay_is_venue=venue is not None)]
    if venue is not None:
        found.append(Attribution(venue, verb.i, verb.i + 1, venue=True))
    return found


def _says_something(verb: Token) -> bool:
    """A speech verb attributes only with something said or someone told: a clause, a
    quotation, an object ("told NPR"); "Halvik might insist on technology" attributes nothing."""
    return any(
        c.dep_ in {"ccomp", "xcomp", "dobj", "dative", "parataxis", "advcl"} or c.text in QUOTE_CHARS
        for c in verb.children
    ) or verb.dep_ in {"parataxis", "advcl", "relcl"}


def _objects(prep: Token) -> list[Token]:
    """The object of a preposition and the objects coordinated with it ('X and Y')."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return objs + [c for o in objs for c in o.children if c.dep_ == "conj"]


def _agent(verb: Token) -> Token | None:
    """The 'by X' object of a passive verb."""
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by" and verb.tag_ == "VBN"):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def _relayed(verb: Token) -> Token | None:
    """Who a passive relaying verb passes on: the noun it modifies ('officials quoted by X',
    'officials whose account was carried by X') or its subject when that is a source
    ('US officials, as reported by X, believe')."""
    if verb.dep_ in {"acl", "relcl"}:
        return verb.head
    if verb.dep_ == "advcl" and verb.head.lemma_.lower() in SOURCE_VERBS | COGNITION_VERBS:
        return _subject(verb.head)
    return None


def _subject(verb: Token) -> Token | None:
    """The verb's subject; a relative pronoun stands for the noun its clause describes
    (in "banks that it says financed", the subject of "says" is "it", not "that")."""
    subjects = [
        c
        for c in verb.children
        if c.dep_ in {"nsubj", "nsubjpass"} and not (verb.tag_ == "VBN" and c.dep_ == "nsubjpass")
    ]
    plain = [c for c in subjects if c.tag_ not in {"WP", "WDT"}]
    if plain:
        return plain[0]
    if subjects and verb.dep_ == "relcl":
        return verb.head
    if verb.tag_ == "VBN" and verb.dep_ != "acl":
        return _agent(verb)
    return None


def source_like(token: Token) -> bool:
    """Whether a subject can be a source at all: a pronoun, a name, an official, a document,
    an outlet or an institution ("the accord confirms ..." attributes nothing)."""
    word = token.lower_
    if token.pos_ == "PRON":
        return word not in {"what", "which", "that", "this", "these", "those", "nobody", "none", "nothing", "noone"}
    if token.pos_ == "PROPN" or token.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
        return True
    return word in OFFICIAL_NOUNS | PEOPLE_NOUNS | DOCUMENT_NOUNS | MEDIA_NOUNS | ORGANIZATION_NOUNS


def _actor_of(verb: Token) -> Token | None:
    """Who does the citing: the subject, the noun a participle or relative clause describes
    ('Reuters, quoting ...'; 'Meridian Wire, which cited ...'), or the subject of the verb an
    adverbial participle hangs on ('Citing X, the Times revealed')."""
    subject = _subject(verb)
    if subject is not None:
        return subject
    if verb.dep_ in {"acl", "relcl"}:
        return verb.head
    if verb.dep_ in {"advcl", "xcomp", "conj"}:
        # "Reuters reported the talks had stalled, citing a memo": the parser may hang the
        # participle on the reported clause; the citer is whoever does the reporting above it.
        for ancestor in verb.ancestors:
            if ancestor.lemma_.lower() in SOURCE_VERBS and _subject(ancestor) is not None:
                return _subject(ancestor)
        return _subject(verb.head)
    return None


def _venue(verb: Token) -> Token | None:
    """The outlet a speaker spoke to: 'told NPR', 'spoke to X', 'in an interview with X'."""
    for child in verb.children:
        if child.dep_ in {"dobj", "dative"} and child.pos_ == "PROPN":
            return child
        if child.dep_ in {"prep", "dative"} and child.lower_ in {"to", "with"}:
            objs = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
            if objs:
                return objs[0]
        if child.dep_ == "prep" and child.lower_ == "in":
            for obj in child.children:
                if obj.lemma_.lower() == "interview":
                    inner = [p for p in obj.children if p.lower_ == "with"]
                    objs = [c for p in inner for c in p.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
                    if objs:
                        return objs[0]
    return None


def sentence_bounds(sent: Span) -> tuple[int, int]:
    """The sentence's character range without surrounding whitespace, and without a closing
    quotation mark the parser left at its start when a paragraph ends in one: the key by
    which ``claims`` finds the sources a sentence leans on."""
    text = sent.text
    first_line, newline, _ = text.partition("\n")
    skip = len(first_line) + 1 if newline and first_line.strip() and all(not c.isalnum() for c in first_line) else 0
    body = text[skip:]
    start = sent.start_char + skip + (len(body) - len(body.lstrip()))
    return start, max(start, sent.start_char + len(text.rstrip()))

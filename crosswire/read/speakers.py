"""Naming a speaker: from the phrase that says something to the entity it refers to.

``crosswire.read.attribution`` and ``crosswire.read.indirect`` find *which* token speaks (the
subject of a reporting verb, the X of "according to X", a "NAME:" label); ``Speakers`` says
*who* that is, as an ``Attribution``:

* a speaker is named by the entity its phrase refers to (canonical name and registry id):
  the head of the subject or an apposition to it ("Lina Serova, the spokesperson";
  "the spokesperson, Lina Serova"), never a name merely inside it ("a spokesman for
  Korvath" stays that phrase, from ``phrase_bounds``);
* "he"/"she" is the most recent person named as the subject of a sentence before it,
  outside quotation marks; when that sentence has two people as subjects, the pronoun
  stays unresolved (speaker ``None``, the pronoun's span kept);
* "the official" is the earlier, fuller phrase with the same head ("an official at the
  council") when there is one;
* a label ("FALLIN:", "Gov. Fallin:") is the person or outlet it mentions, or the one person
  of the article with that surname.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Token

from crosswire.document import Article, Entity
from crosswire.read.quotedtext import QuotedText
from crosswire.read.vocabulary import NAME_TITLES, PERSONAL_PRONOUNS, QUOTE_SPEECH_VERBS

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
SPEAKER_KINDS = ("person", "news_outlet", "organization", "country")  # preferred in this order
CLAUSE_DEPS = {"relcl", "acl", "appos", "punct", "advcl", "cc", "conj", "parataxis", "ccomp"}


@dataclass
class Attribution:
    """Who said something (``speaker`` and the phrase naming them), how and where."""

    speaker: str | None
    start: int | None
    end: int | None
    cue: str | None = None
    venue: str | None = None
    speaker_id: str | None = None
    verb: Token | None = None  # the reporting verb, when one names the speaker
    named: bool = False  # the speaker is a named entity (or a pronoun resolved to one)


class Speakers:
    """The speakers an article can name: its entity mentions, and the people who are the
    subjects of its sentences (for pronouns), outside the quotations of ``quoted``."""

    def __init__(self, article: Article, quoted: QuotedText) -> None:
        self.article = article
        self.text = quoted.text
        self.doc = quoted.doc
        self.inside = quoted.inside
        self.mentions = sorted(
            ((m.start, m.end, e) for e in article.entities for m in e.mentions), key=lambda x: (x[0], -x[1])
        )
        self._mention_starts = [s for s, _, _ in self.mentions]
        self.subjects = self._person_subjects(quoted)

    def name(self, subject: Token) -> Attribution:
        """Who the subject token is (see the module docstring)."""
        head_start, head_end = subject.idx, subject.idx + len(subject.text)
        lower = subject.lower_
        if subject.tag_ == "PRP" or subject.pos_ == "PRON":
            if lower in PERSONAL_PRONOUNS:
                entity = self.pronoun_antecedent(subject)
                if entity is not None:
                    return Attribution(entity.name, head_start, head_end, speaker_id=entity.actor_id, named=True)
                return Attribution(None, head_start, head_end)
            return Attribution(subject.text, head_start, head_end)
        for token in [subject, *(c for c in subject.children if c.dep_ == "appos")]:
            found = self.entity_at(token)
            if found is not None:
                start, end, entity = found
                return Attribution(entity.name, start, end, speaker_id=entity.actor_id, named=True)
        begin, stop = phrase_bounds(subject)
        fuller = self._fuller_phrase(subject)
        if fuller is not None:
            return Attribution(_lower_article(fuller), begin, stop)
        return Attribution(_lower_article(self.text[begin:stop]), begin, stop)

    def label(self, start: int, end: int) -> Attribution | None:
        """The speaker a name label stands for ('FALLIN', 'Gov. Fallin'), or None when it
        names nobody: a person or outlet it mentions, or a person of the article whose
        surname it is."""
        name, entity = self.entity_in(start, end)
        if entity is None:
            last = self.text[start:end].split()[-1].strip(".").lower()
            people = {
                e.name: e for e in self.article.entities
                if e.kind == "person" and e.name.split()[-1].lower() == last
            }
            if len(people) != 1:
                return None
            entity = next(iter(people.values()))
        return Attribution(entity.name, start, end, ":", speaker_id=entity.actor_id, named=True)

    def entity_at(self, token: Token) -> tuple[int, int, Entity] | None:
        """The speaking entity whose mention covers the token (a person first)."""
        start, end = token.idx, token.idx + len(token.text)
        hits = [(s, e, ent) for s, e, ent in self._mentions_around(start, end) if ent.kind in SPEAKER_KINDS]
        if not hits:
            return None
        return min(hits, key=lambda h: SPEAKER_KINDS.index(h[2].kind))

    def entity_in(self, start: int, end: int) -> tuple[str | None, Entity | None]:
        hits = [ent for s, e, ent in self.mentions_in(start, end) if ent.kind in SPEAKER_KINDS]
        if not hits:
            return None, None
        best = min(hits, key=lambda ent: SPEAKER_KINDS.index(ent.kind))
        return best.name, best

    def mentions_in(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        """The mentions that lie within [start, end)."""
        i = bisect.bisect_left(self._mention_starts, start)
        j = bisect.bisect_left(self._mention_starts, end)
        return [m for m in self.mentions[i:j] if m[1] <= end]

    def _mentions_around(self, start: int, end: int):
        i = bisect.bisect_right(self._mention_starts, start)
        return [m for m in self.mentions[max(0, i - 16) : i] if m[0] <= start and end <= m[1]]

    def _person_subjects(self, quoted: QuotedText) -> list[tuple[int, int, Entity | None]]:
        """Person mentions that are a grammatical subject, outside quotation marks, and
        (with ``None``) subjects that look like a person's name the tagger did not tag."""
        found = []
        for start, end, entity in self.mentions:
            if entity.kind != "person" or quoted.in_quotes(start):
                continue
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            head = span.root
            while head.dep_ in {"appos", "conj", "compound", "flat"} and head.head is not head:
                head = head.head
            if head.dep_ in SUBJECT_DEPS and main_clause(head.head):
                found.append((start, head.sent.start, entity))
        # mentions known not to be people: linked actors of other kinds and every untagged span
        covered = {
            i for s, e, ent in self.mentions if ent.kind == "person" or ent.actor_id is not None for i in range(s, e)
        }
        for token in self.doc:
            if token.idx in covered or self.inside[token.i] or not _looks_like_a_name(token):
                continue
            head = token
            while head.dep_ in {"appos", "conj"} and head.head is not head:
                head = head.head
            if head.dep_ in SUBJECT_DEPS and main_clause(head.head):
                found.append((token.idx, token.sent.start, None))  # a person the tagger missed
        return sorted(found, key=lambda item: item[0])

    def pronoun_antecedent(self, pronoun: Token) -> Entity | None:
        """The person last named as a subject before the pronoun; None when that sentence
        names two different people as subjects (ambiguous) or nobody was."""
        earlier = [item for item in self.subjects if item[0] < pronoun.idx]
        if not earlier:
            return None
        _, sentence_start, entity = earlier[-1]
        rivals = {id(e) for _, s, e in earlier if s == sentence_start}
        return entity if len(rivals) == 1 else None  # None: a name the tagger missed, or two

    def _fuller_phrase(self, subject: Token) -> str | None:
        """'the official' → 'An official at the Maritime Safety Council' said earlier."""
        modifiers = [c.lower_ for c in subject.children if c.dep_ != "punct"]
        if subject.pos_ != "NOUN" or modifiers != ["the"]:
            return None
        for token in reversed(self.doc[: subject.i]):
            same = token.lemma_ == subject.lemma_ and token.pos_ == "NOUN"
            if same and not self.inside[token.i] and token.dep_ in SUBJECT_DEPS:
                begin, stop = phrase_bounds(token)
                if stop - begin > len(subject.text) + 4:
                    return self.text[begin:stop]
                return None
        return None


def main_clause(verb: Token) -> bool:
    """The verb heads its sentence, or is joined to the verb that does ('and said')."""
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return verb.dep_ == "ROOT" or (verb.dep_ == "parataxis" and verb.lemma_.lower() in QUOTE_SPEECH_VERBS)


def phrase_bounds(token: Token) -> tuple[int, int]:
    """The noun phrase: its left modifiers, the head, and prepositional phrases after it
    ("a spokesman for President Korvath"), but no clauses or appositions, also not inside
    those phrases ("an official at the council, which will lead the inquiry")."""
    first = phrase_start(token)
    last = token
    for child in token.rights:
        if child.dep_ == "prep":
            last = phrase_end(child)
        else:
            break
    return first.idx, last.idx + len(last.text)


def phrase_start(token: Token) -> Token:
    """The first token of the phrase ``token`` heads, past any punctuation it opens with."""
    first = token.left_edge
    while first.is_punct and first.i < token.i:
        first = token.doc[first.i + 1]
    return first


def phrase_end(token: Token) -> Token:
    """The last token of the phrase ``token`` heads, stopping before any clause in it."""
    last = token
    for child in token.rights:
        if child.dep_ in CLAUSE_DEPS:
            break
        last = phrase_end(child)
    return last


def _looks_like_a_name(token: Token) -> bool:
    """A proper noun headed by given names or a title: 'Ilse Brandt', 'Mr. Kask'."""
    if token.pos_ != "PROPN" or token.ent_type_ not in {"", "PERSON"}:
        return False
    parts = [c for c in token.lefts if c.dep_ == "compound" and (c.pos_ == "PROPN" or c.text[:1].isupper())]
    return bool(parts) and (parts[0].text[:1].isupper() or parts[0].lower_ in NAME_TITLES)


def _lower_article(phrase: str) -> str:
    return re.sub(r"^(A|An|The) ", lambda m: m.group(1).lower() + " ", phrase)

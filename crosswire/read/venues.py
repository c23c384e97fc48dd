"""How and where it was said: the cue phrase of a reporting verb, and its venue.

* The cue is the reporting verb with what directly qualifies it ("told NPR last week",
  "said at a White House briefing on Tuesday"), never words of the quotation and never the
  subject of the reported clause ("said supporters of the group were ...").
* The venue is where the words were said: the outlet told ("told NPR"), the partner of an
  interview ("in an interview with CNN"), or the event or outlet after at/in/on/during
  ("at a White House briefing", "on Fox News Sunday", the quoted title of a show: 'on NBC's
  "Meet the Press"'), never a date or a plain place. When several qualify, an interview's
  partner wins over an outlet told (or a show's title), which wins over an event.
"""

from __future__ import annotations

from spacy.tokens import Token

from crosswire.read.quotedtext import QuotedText
from crosswire.read.speakers import Speakers, phrase_end, phrase_start
from crosswire.read.vocabulary import ADDRESSEE_VERBS, TIME_WORDS, VENUE_NOUNS


def cue_phrase(verb: Token, inside: list[bool]) -> str:
    """The reporting verb with what directly qualifies it ('told NPR last week',
    'said at a White House briefing on Tuesday'), never words of the quotation."""
    end = verb
    for child in verb.rights:
        if inside[child.i] or child.dep_ not in {"dobj", "prep", "dative", "npadvmod", "prt", "agent", "advmod"}:
            break
        if any(inside[t.i] for t in child.subtree):
            break
        if child.dep_ == "dobj" and verb.lemma_.lower() not in ADDRESSEE_VERBS:
            break  # 'said supporters of the group were ...': the reported clause's subject
        if child.left_edge.i != end.i + 1:
            break  # only what follows the verb without a gap
        end = phrase_end(child)  # no clause inside it: 'said in Severin, which is ...'
    return verb.doc[verb.i : end.i + 1].text.rstrip(" ,")


class Venues:
    """Venues of the reporting verbs of one article (see the module docstring)."""

    def __init__(self, quoted: QuotedText, speakers: Speakers) -> None:
        self.quoted = quoted
        self.inside = quoted.inside
        self.speakers = speakers

    def venue(self, verb: Token) -> str | None:
        """Where the verb's words were said, or None."""
        holders = [verb]
        holders += [c for c in verb.children if c.dep_ == "advcl" and c.lemma_ in {"speak", "appear", "talk", "write"}]
        if verb.dep_ == "advcl" and verb.head.pos_ == "VERB":
            holders.append(verb.head)
        found: list[tuple[int, str]] = []
        for holder in holders:
            for child in holder.children:
                if self.inside[child.i]:
                    continue
                if child.dep_ in {"dative", "dobj"} and holder.lemma_ in {"tell", "inform", "say"}:
                    named = self._named_outlet(child)
                    if named:
                        found.append((1, named))
                elif child.dep_ == "prep" and child.lower_ in {"at", "in", "on", "during", "to"}:
                    for obj in (g for g in child.children if g.dep_ == "pobj"):
                        venue = self._venue_object(obj, child.lower_)
                        if venue:
                            found.append(venue)
        return min(found)[1] if found else None

    def _venue_object(self, obj: Token, preposition: str) -> tuple[int, str] | None:
        if self.inside[obj.i]:  # 'on NBC's "Meet the Press"': the quoted title of a show
            title = self.quoted.quotation_at(obj.idx)
            return (1, title) if title and preposition in {"on", "in"} and title[:1].isupper() else None
        partner = [
            g for p in obj.children if p.dep_ == "prep" and p.lower_ == "with" for g in p.children if g.dep_ == "pobj"
        ]
        if obj.lemma_.lower() in {"interview", "conversation", "appearance", "podcast"} and partner:
            named = self._named_outlet(partner[0]) or _np_text(partner[0])
            return 0, named
        if preposition == "to":
            named = self._named_outlet(obj)
            return (1, named) if named else None
        if obj.ent_type_ in {"DATE", "TIME", "GPE", "LOC", "NORP", "CARDINAL", "ORDINAL", "PERCENT", "MONEY"}:
            return None
        if obj.lower_ in TIME_WORDS:
            return None
        if obj.pos_ == "PROPN" or obj.lemma_.lower() in VENUE_NOUNS or self._named_outlet(obj):
            venue = _np_text(obj)
            following = obj.doc[obj.i + 1] if obj.i + 1 < len(obj.doc) else None
            if (
                preposition == "on"
                and obj.pos_ == "PROPN"
                and following is not None
                and following.pos_ == "PROPN"
                and following.dep_ in {"npadvmod", "compound", "appos"}
                and following.idx == obj.idx + len(obj.text) + 1
            ):
                venue += " " + following.text  # 'on Fox News Sunday', 'on Face the Nation': a show's name
            return 2, venue
        return None

    def _named_outlet(self, token: Token) -> str | None:
        """The outlet, organisation or proper name the token is: 'NPR', 'The Associated Press'."""
        found = self.speakers.entity_at(token)
        if found is not None and found[2].kind in {"news_outlet", "organization"}:
            return found[2].name
        if token.pos_ == "PROPN" and token.ent_type_ not in {"PERSON", "GPE", "LOC", "NORP", "DATE", "TIME"}:
            return _np_text(token)
        return None


def _np_text(token: Token) -> str:
    """The noun phrase of a token up to its head, with compounds: 'a White House briefing'."""
    first = phrase_start(token)
    last = token
    for child in token.rights:
        if child.dep_ in {"compound", "flat", "nummod", "appos"} and child.pos_ == "PROPN":
            last = child.right_edge
        else:
            break
    return token.doc[first.i : last.i + 1].text

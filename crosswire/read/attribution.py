"""Who said a quotation, with which verb, where: the ``Attributor`` of one article.

``crosswire.read.quotes`` pairs the quotation marks; the ``Attributor`` finds each
quotation's speaker. The speaker of a quotation is, in this order:

1. the subject of the reporting verb that governs it (the innermost one that has a subject:
   in 'X said Y was told "..."' the passive "told" names no speaker, so X does), else the
   subject of the nearest reporting verb in its sentence;
2. for a direct quotation (not a fragment), the subject of any verb it complements ('"Go
   back," Trump barked'), or a name and reporting verb right after it that the parser
   missed ('"...," Bozell answers.');
3. the subject of the bare attribution sentence right after it ('"..." Trump said.');
4. the source of an attribution phrase ("according to X", "per X", "citing X");
5. the subject of the sentence that introduces it with a colon (also from the paragraph
   before), or a lone name before that colon;
6. a name label opening its line ('Issa: Clinton's ‘honesty is in question’').

The work is shared with four modules, one concern each:

* ``crosswire.read.quotedtext`` — which characters and tokens are quoted words (words in
  quotation marks are the speaker's, never the reporter's: no speaker or cue is read there);
* ``crosswire.read.speakers`` — who a speaking phrase is: an entity, a pronoun's antecedent,
  a fuller earlier phrase ("the official" → "an official at the council");
* ``crosswire.read.venues`` — the cue phrase ("told NPR last week") and the venue ("at a
  White House briefing", "in an interview with CNN");
* ``crosswire.read.indirect`` — reported speech without quotation marks ("Kirby said the war
  is taking a toll"), which uses ``Attributor.from_verb`` for its speakers.

The verbs and nouns are in ``crosswire.read.vocabulary``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from crosswire.document import Article
from crosswire.read.indirect import attribution_object, speakers_own
from crosswire.read.quotedtext import QuotedText
from crosswire.read.speakers import SPEAKER_KINDS, Attribution, Speakers
from crosswire.read.venues import Venues, cue_phrase
from crosswire.read.vocabulary import (
    ADDRESSEE_VERBS,
    FINDING_VERBS,
    FRAMING_VERBS,
    QUOTE_SPEECH_VERBS,
    QUOTE_VERBS,
    SAYS,
)

__all__ = ["Attribution", "Attributor"]

ATTRIBUTION = re.compile(
    r"\b(per|according to|citing|reported by)\s+((?:the\s+)?[A-Z][\w.'’&-]*(?:\s+(?:of\s+)?[A-Z][\w.'’&-]*)*)"
)
# '"...," Bozell answers.' — a name and a reporting verb closing the sentence after a quotation
TRAILER = re.compile(
    r"[”\"]?[ \t]*,?[ \t]*(?P<who>(?:[A-Z][\w.'’-]*[ \t]+){0,3}[A-Z][\w.'’-]*|he|she|they)"
    r"[ \t]+(?P<verb>" + SAYS + r")\b[ \t]*[.,;]"
)
# 'Issa: ...' / 'OK Gov. Fallin: ...' at the start of a line
LABEL = re.compile(r"[ \t]*(?P<who>(?:[A-Z][\w.'’-]*[ \t]+){0,4}[A-Z][\w.'’-]*)[ \t]*:[ \t]")
OPEN_PUNCT = "\"'“”‘’«»([{"


class Attributor(QuotedText):
    """Speakers, cues and venues for one article, given where its quotation marks are.

    ``quoted`` are the character ranges of the quotations including their marks.
    """

    def __init__(self, article: Article, doc: Doc, quoted: list[tuple[int, int]]) -> None:
        super().__init__(article.text, doc, quoted)
        self.article = article
        self.speakers = Speakers(article, self)
        self.venues = Venues(self, self.speakers)

    def for_quotation(self, start: int, end: int, *, partial: bool = False) -> Attribution | None:
        """The attribution of the quotation whose words are at [start, end)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        sentence = self.paragraph_clip(self.doc[span[0].sent.start : span[-1].sent.end], start)
        found = self._from_verbs(sentence, span)
        if found is None and not partial:
            found = self._from_any_verb(span) or self._from_trailer(end)
        if found is None and self._is_whole_sentence(sentence, start, end):
            follower = self._next_sentence(sentence)
            if follower is not None and self._is_bare_attribution(follower):
                found = self._from_verbs(follower, span)
        if found is None:
            found = self._from_phrase(sentence, start, end)
        if found is None:
            found = self._from_colon(sentence, start)
        if found is None:
            found = self._from_label(start)
        return found

    def from_verb(self, verb: Token) -> Attribution | None:
        """The speaker, cue and venue of a reporting verb, or None when it names no speaker."""
        subject = self.subject_of(verb)
        if subject is None:
            return None
        attribution = self.speakers.name(subject)
        attribution.cue = cue_phrase(verb, self.inside)
        attribution.venue = self.venues.venue(verb)
        attribution.verb = verb
        return attribution

    def subject_of(self, verb: Token) -> Token | None:
        """The verb's speaker: its subject (the agent of a passive); for "..., saying" or
        "and added" the subject of the verb it hangs on; for a relative clause
        ("Feld, who said ...") the noun the clause describes."""
        for _ in range(4):
            passive = False
            for child in verb.children:
                if child.dep_ == "nsubj":
                    if child.tag_ in {"WP", "WDT"} and verb.dep_ == "relcl":
                        return verb.head
                    if self.across_paragraphs(verb, child):
                        return None
                    return self._beside(verb) if self.inside[child.i] else child
                if child.dep_ in {"nsubjpass", "auxpass"}:
                    passive = True
            if passive:
                agents = [c for c in verb.children if c.dep_ == "agent"]
                objects = [g for a in agents for g in a.children if g.dep_ == "pobj"]
                return objects[0] if objects else None
            if verb.dep_ not in {"advcl", "xcomp", "conj", "relcl", "acl"} or verb.head is verb:
                return None
            if verb.tag_ == "VBN" and verb.dep_ in {"advcl", "acl"}:
                return None  # 'Asked why ..., Serova said': the one asked did not ask
            if verb.dep_ == "acl" and verb.tag_ != "VBG":
                return None
            if verb.dep_ == "relcl":
                return verb.head
            head = verb.head
            if (
                speakers_own(verb)
                and head.dep_ == "ccomp"
                and head.lemma_.lower() not in QUOTE_SPEECH_VERBS
                and head.head.lemma_.lower() in QUOTE_SPEECH_VERBS
            ):
                head = head.head  # 'X said A would share its records but accused Y of ...'
            if self.across_paragraphs(verb, head):
                return None
            verb = head
        return None

    # ------------------------------------------------------------ 1-3: reporting verbs

    def _from_verbs(self, sentence: Span, quote: Span) -> Attribution | None:
        inside = {t.i for t in quote}
        verbs = [
            t
            for t in sentence
            if not self.inside[t.i]
            and t.i not in inside
            and t.pos_ in {"VERB", "AUX"}
            and t.lemma_.lower() in QUOTE_VERBS
        ]
        if not verbs:
            return None

        def governs(verb: Token) -> int:
            """How close above the quote the verb is among the quote's governors, when the
            quote is what it reports (0 = it does not govern it as its content)."""
            path = [quote.root, *quote.root.ancestors]
            if verb not in path:
                return 0
            index = path.index(verb)
            child = path[index - 1] if index else None
            if child is not None and child.dep_ == "prep" and verb.lemma_.lower() not in FRAMING_VERBS:
                if child.lower_ not in {"as", "of", "that"}:
                    return 0  # 'respond to sanctions "in a manner ..."': an adjunct
            addressee = child is not None and (
                child.dep_ == "dative" or child.dep_ == "dobj" and verb.lemma_.lower() in ADDRESSEE_VERBS
            )
            if addressee:
                return 0  # 'told CNN's "New Day"': whom it was said to
            if verb.lemma_.lower() in FINDING_VERBS:
                return 1  # 'the vote shows that "..."' inside 'X says': X is the speaker
            return 1000 - index

        start, end = quote.start_char, quote.end_char
        ancestors = set(quote.root.ancestors)
        # A reporting verb the quotation hangs on only as an adjunct ('said on NBC's "Meet the
        # Press"') did not say it; verbs elsewhere in the sentence may ('"...," he said').
        verbs = [v for v in verbs if governs(v) or v not in ancestors]
        verbs.sort(key=lambda v: (-governs(v), _distance(v, start, end)))
        for verb in verbs:
            attribution = self.from_verb(verb)
            if attribution is not None:
                return attribution
        return None

    def _from_any_verb(self, quote: Span) -> Attribution | None:
        """'"Go back to Univision," Trump barked': a whole quotation is what the verb it
        complements says, whatever the verb."""
        root = quote.root
        head = root.head
        if root.dep_ in {"ccomp", "parataxis"} and head.pos_ == "VERB" and not self.inside[head.i]:
            return self.from_verb(head)
        return None

    def _from_trailer(self, end: int) -> Attribution | None:
        """'"...," Bozell answers.' when the parser took the verb for a noun."""
        match = TRAILER.match(self.text, end)
        if match is None or self.in_quotes(match.start("who")):
            return None
        span = self.doc.char_span(match.start("who"), match.end("who"), alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        attribution = self.speakers.name(span[-1])
        attribution.cue = match.group("verb")
        return attribution

    def _beside(self, verb: Token) -> Token | None:
        """When the parser took a word of the quotation for the subject ('"..., not the
        headlines," Hendrik Oste said'), the noun phrase right before (or after) the verb."""
        doc = self.doc
        left = verb.i - 1
        while left >= 0 and not self.inside[left] and doc[left].pos_ in {"ADV", "AUX", "PART"}:
            left -= 1
        if left >= 0 and not self.inside[left] and doc[left].pos_ in {"PROPN", "NOUN", "PRON"}:
            return doc[left]
        right = verb.i + 1
        if right < len(doc) and not self.inside[right] and doc[right].pos_ in {"PROPN", "NOUN", "PRON", "DET"}:
            run = right
            while run + 1 < len(doc) and not self.inside[run + 1] and doc[run + 1].pos_ in {"PROPN", "NOUN"}:
                run += 1
            return doc[run] if doc[run].pos_ != "DET" else None
        return None

    def _is_whole_sentence(self, sentence: Span, start: int, end: int) -> bool:
        before = self.text[sentence.start_char : start].strip(" " + OPEN_PUNCT)
        after = self.text[end : sentence.end_char].strip(" .,!?" + OPEN_PUNCT)
        return not before and not after

    def _next_sentence(self, sentence: Span) -> Span | None:
        if sentence.end >= len(self.doc):
            return None
        following = self.doc[sentence.end].sent
        if "\n" in self.text[sentence.end_char : following.start_char]:
            return None
        return following

    def _is_bare_attribution(self, sentence: Span) -> bool:
        """'Trump said.' / 'said Sen. Jane Doe, a Democrat.': a reporting verb and no content."""
        words = [t for t in sentence if not t.is_punct]
        if not words or len(words) > 12 or self.inside[sentence[0].i]:
            return False
        verbs = [t for t in sentence if t.lemma_.lower() in QUOTE_SPEECH_VERBS and t.pos_ == "VERB"]
        return any(not any(c.dep_ in {"ccomp", "dobj"} for c in v.children) for v in verbs)

    # ------------------------------------------------------------ 4-6: phrases, colons, labels

    def _from_phrase(self, sentence: Span, start: int, end: int) -> Attribution | None:
        """'..., per The Wall Street Journal' / 'according to X' / 'citing X'."""
        for token in sentence:
            if self.inside[token.i] or not (start > token.idx or token.idx >= end):
                continue
            source = attribution_object(token)
            if source is not None:
                attribution = self.speakers.name(source)
                attribution.cue = "according to" if token.lower_ == "according" else token.lower_
                return attribution
        window = self.text[sentence.start_char : sentence.end_char]
        for match in ATTRIBUTION.finditer(window):
            begin = sentence.start_char + match.start(2)
            if self.in_quotes(begin) or start <= begin < end:
                continue
            stop = sentence.start_char + match.end(2)
            name, entity = self.speakers.entity_in(begin, stop)
            return Attribution(
                name or match.group(2), begin, stop, match.group(1),
                speaker_id=entity.actor_id if entity else None, named=entity is not None,
            )
        return None

    def _from_colon(self, sentence: Span, start: int) -> Attribution | None:
        """A quotation introduced by a colon: 'Caddell continued:' / 'Trump tweeted: "..."'."""
        before = self.text[sentence.start_char : start].rstrip(" " + OPEN_PUNCT)
        intro: Span | None = None
        if before.endswith(":"):
            colon = sentence.start_char + len(before) - 1
            intro = self.doc.char_span(sentence.start_char, colon, alignment_mode="contract")
        elif not before.strip():
            previous = self._previous_paragraph_end(sentence.start_char)
            if previous is not None and self.text[previous - 1] == ":":
                last = self.doc.char_span(previous - 1, previous, alignment_mode="expand")
                if last is not None and len(last):
                    sent = last[0].sent
                    intro = self.paragraph_clip(self.doc[sent.start : last[0].i + 1], last[0].idx)[:-1]
        if intro is None or len(intro) == 0:
            return None
        verbs = [t for t in intro if t.pos_ in {"VERB", "AUX"} and not self.inside[t.i]]
        verbs.sort(key=lambda v: (v.lemma_.lower() not in QUOTE_VERBS, -v.i))
        for verb in verbs:
            attribution = self.from_verb(verb)
            if attribution is not None:
                return attribution
        # 'Senator Jane Doe on Tuesday:' / 'From the statement:' — a name alone before the colon
        names = [m for m in self.speakers.mentions_in(intro.start_char, intro.end_char) if m[2].kind in SPEAKER_KINDS]
        if len(names) == 1 and len(intro) <= 6:
            s, e, ent = names[0]
            return Attribution(ent.name, s, e, ":", speaker_id=ent.actor_id, named=True)
        return None

    def _previous_paragraph_end(self, offset: int) -> int | None:
        """The end offset (after trailing spaces) of the paragraph before the one at offset."""
        line_start = self.text.rfind("\n", 0, offset)
        if line_start < 0 or self.text[line_start + 1 : offset].strip():
            return None
        end = line_start
        while end > 0 and self.text[end - 1].isspace():
            end -= 1
        return end if end > 0 else None

    def _from_label(self, start: int) -> Attribution | None:
        """'Issa: Clinton's ‘honesty is in question’' — a headline or line that opens with a
        name and a colon gives the quotations after it to that name."""
        line_start = self.text.rfind("\n", 0, start) + 1
        match = LABEL.match(self.text, line_start, start)
        if match is None:
            return None
        return self.speakers.label(match.start("who"), match.end("who"))


def _distance(token: Token, start: int, end: int) -> int:
    return start - token.idx if token.idx < start else token.idx - end

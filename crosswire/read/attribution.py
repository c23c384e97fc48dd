"""Who said it, with which verb, where: speakers, cues and venues, and reported speech.

``Attributor`` holds what one article needs to attribute its quotations (see
``crosswire.read.quotes``) and finds its indirect quotes:

* the speaker of a quotation is, in this order, the subject of the reporting verb that
  governs it (the innermost one that has a subject: in 'X said Y was told "..."' the passive
  "told" names no speaker, so X does), the subject of the nearest reporting verb in its
  sentence or in the bare attribution sentence right after it ('"..." Trump said.'), the
  source of an attribution phrase ("according to X", "per X", "citing X"), or the subject of
  the sentence that introduces it with a colon (also from the paragraph before);
* indirect quotes are reported speech without quotation marks, read from the dependency
  parse: a reporting verb's clausal complement is the content and its subject the source
  ("Kirby said the war is taking a toll"), as is the infinitive of a promise, threat or
  request ("vowed to build a wall"), the clause around "according to X" and the one a
  parenthetical "..., he said, ..." interrupts; what the reporter adds about the speaker
  ("..., adding that ...") is not part of the content;
* a speaker is named by the entity its phrase refers to (canonical name and registry id):
  the head of the subject or an apposition to it ("Lina Serova, the spokesperson";
  "the spokesperson, Lina Serova"), never a name merely inside it ("a spokesman for
  Korvath" stays that phrase). "He"/"she" is the most recent person named as the subject
  of a sentence before it, outside quotation marks; when that sentence has two people as
  subjects, the pronoun stays unresolved (speaker ``None``, the pronoun's span kept).
  "The official" is the earlier, fuller phrase with the same head ("an official at the
  council") when there is one.
* the venue is where the words were said: the outlet told ("told NPR"), the partner of
  an interview ("in an interview with CNN"), or the event or outlet after at/in/on/during
  ("at a White House briefing", "on Fox News Sunday"), never a date or a plain place.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from crosswire.document import Article, Entity

# Verbs that report speech or writing and take what was said as a clausal complement.
SPEECH_VERBS = {
    "say", "tell", "add", "state", "declare", "announce", "warn", "note", "insist", "claim",
    "argue", "explain", "write", "ask", "reply", "respond", "remark", "acknowledge", "admit",
    "deny", "confirm", "stress", "emphasise", "emphasize", "caution", "predict", "vow", "urge",
    "report", "tweet", "post", "allege", "assert", "contend", "maintain", "suggest", "recall",
    "concede", "complain", "boast", "testify", "agree", "promise", "pledge", "threaten",
    "conclude", "point", "observe", "comment", "repeat", "reiterate", "joke", "counter",
    "retort", "answer", "mention", "disclose", "reveal", "indicate", "show", "find", "estimate",
    "predict", "forecast", "speculate", "concede", "lament", "charge", "assure", "inform",
    "remind", "wonder", "quip", "scoff", "shout", "yell", "whisper", "continue", "opine",
}
# Verbs that frame a quoted phrase rather than report a clause: 'called the vote "theft"'.
FRAMING_VERBS = {
    "call", "describe", "term", "label", "dub", "brand", "condemn", "dismiss", "welcome",
    "reject", "accuse", "praise", "blame", "criticize", "criticise", "decry", "hail", "slam",
    "denounce", "characterize", "characterise", "promise", "refer", "quote", "cite",
}
QUOTE_VERBS = SPEECH_VERBS | FRAMING_VERBS
# "show", "find" and "indicate" report what a poll or study says; only with a clause.
DOCUMENT_VERBS = {"show", "find", "indicate", "estimate", "suggest"}
DOCUMENT_NOUNS = {
    "poll", "survey", "study", "report", "data", "analysis", "figure", "record", "document",
    "memo", "filing", "audit", "review", "research", "investigation", "estimate", "model",
    "projection", "census", "count", "tally", "result", "statistic", "number",
}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# speech acts whose content is an infinitive: a promise, a threat, a request
COMMITMENT_VERBS = {"promise", "vow", "pledge", "threaten", "urge", "tell", "warn", "call", "demand", "order"}
# 'LINDHAVEN, March 16 (Meridian Wire) — ' / 'WASHINGTON (AP) -- ' opening a paragraph
DATELINE = re.compile(r"[A-Z][A-Z .'’-]+(?:,[^—–\n]{1,40}?)?(?:\s*\([^)\n]{1,40}\))?\s*(?:—|–|--)\s*")
# reporting verbs that can stand as a parenthesis: 'The talks, he said, failed.'
PARENTHETICAL_VERBS = {"say", "add", "write", "tell", "note", "argue", "insist", "claim", "warn", "explain"}
ADDRESSEE_VERBS = {"tell", "ask", "inform", "remind", "assure", "urge", "warn", "answer"}
PERSONAL = {"he", "she", "him", "her"}
SPEAKER_KINDS = ("person", "news_outlet", "organization", "country")
ATTRIBUTION = re.compile(
    r"\b(per|according to|citing|reported by)\s+((?:the\s+)?[A-Z][\w.'’&-]*(?:\s+(?:of\s+)?[A-Z][\w.'’&-]*)*)"
)
SAYS = (
    "says|said|adds|added|tells|told|asks|asked|answers|answered|writes|wrote|explains|explained|"
    "notes|noted|continues|continued|replies|replied|recalls|recalled|insists|insisted|argues|"
    "argued|warns|warned|tweets|tweeted|concludes|concluded|responds|responded|declares|declared|"
    "jokes|joked|quips|quipped|offers|offered|muses|mused"
)
# '"...," Bozell answers.' — a name and a reporting verb closing the sentence after a quotation
TRAILER = re.compile(
    r"[”\"]?[ \t]*,?[ \t]*(?P<who>(?:[A-Z][\w.'’-]*[ \t]+){0,3}[A-Z][\w.'’-]*|he|she|they)"
    r"[ \t]+(?P<verb>" + SAYS + r")\b[ \t]*[.,;]"
)
# 'Issa: ...' / 'OK Gov. Fallin: ...' at the start of a line
LABEL = re.compile(r"[ \t]*(?P<who>(?:[A-Z][\w.'’-]*[ \t]+){0,4}[A-Z][\w.'’-]*)[ \t]*:[ \t]")
VENUE_NOUNS = {
    "briefing", "interview", "conference", "statement", "speech", "rally", "hearing", "debate",
    "meeting", "summit", "session", "forum", "event", "appearance", "program", "programme",
    "show", "broadcast", "podcast", "post", "tweet", "blog", "column", "article", "op-ed",
    "letter", "email", "memo", "video", "address", "sermon", "remarks", "call", "ceremony",
    "parliament", "congress", "senate", "assembly", "convention", "town", "hall", "radio",
    "television", "webcast", "newsletter", "message", "note", "publication", "panel",
    "luncheon", "dinner", "breakfast", "gathering", "campaign", "stop", "caucus", "court",
    "committee", "testimony", "filing", "lecture", "summit", "ministry", "office",
}
TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "yesterday", "tomorrow", "morning", "afternoon", "evening", "night", "week", "weekend",
    "month", "year", "day", "time", "hour", "minute", "moment", "past", "future",
}
OPEN_PUNCT = "\"'“”‘’«»([{"


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


@dataclass
class Reported:
    """An indirect quote: the reported content ``[start, end)`` and its attribution."""

    start: int
    end: int
    attribution: Attribution


class Attributor:
    """Speakers, cues and venues for one article, given where its quotation marks are.

    ``quoted`` are the character ranges of the quotations including their marks; words in
    them are the speaker's, never the reporter's, so no speaker or cue is read from them.
    """

    def __init__(self, article: Article, doc: Doc, quoted: list[tuple[int, int]]) -> None:
        self.article = article
        self.text = article.text
        self.doc = doc
        self.quoted = sorted(quoted)
        self._quoted_starts = [s for s, _ in self.quoted]
        self.inside = [self.in_quotes(t.idx) for t in doc]
        self.mentions = sorted(
            ((m.start, m.end, e) for e in article.entities for m in e.mentions), key=lambda x: (x[0], -x[1])
        )
        self._mention_starts = [s for s, _, _ in self.mentions]
        self.subjects = self._person_subjects()

    # ------------------------------------------------------------ quotation marks

    def in_quotes(self, offset: int) -> bool:
        i = bisect.bisect_right(self._quoted_starts, offset) - 1
        return i >= 0 and self.quoted[i][0] <= offset < self.quoted[i][1]

    def _quotation_at(self, offset: int) -> str | None:
        i = bisect.bisect_right(self._quoted_starts, offset) - 1
        if i < 0 or not self.quoted[i][0] <= offset < self.quoted[i][1]:
            return None
        return self.text[self.quoted[i][0] : self.quoted[i][1]].strip(" \"'“”‘’`«».,;:") or None

    def quoted_share(self, start: int, end: int) -> float:
        """The share of the non-space characters of [start, end) that are inside quotations."""
        inside = 0
        for s, e in self.quoted:
            if e <= start or s >= end:
                continue
            inside += len(self.text[max(s, start) : min(e, end)].replace(" ", ""))
        total = len(self.text[start:end].replace(" ", ""))
        return inside / total if total else 0.0

    # ------------------------------------------------------------ quotations

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

    def _from_label(self, start: int) -> Attribution | None:
        """'Issa: Clinton's ‘honesty is in question’' — a headline or line that opens with a
        name and a colon gives the quotations after it to that name."""
        line_start = self.text.rfind("\n", 0, start) + 1
        match = LABEL.match(self.text, line_start, start)
        if match is None:
            return None
        return self.label_speaker(match.start("who"), match.end("who"))

    def label_speaker(self, start: int, end: int) -> Attribution | None:
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
            if verb.lemma_.lower() in DOCUMENT_VERBS:
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

    def paragraph_clip(self, sentence: Span, offset: int) -> Span:
        """The part of the sentence in the paragraph of ``offset`` (the parser sometimes runs a
        sentence over a paragraph break)."""
        first = self.text.rfind("\n", 0, offset) + 1
        last = self.text.find("\n", offset)
        last = len(self.text) if last < 0 else last
        tokens = [t.i for t in sentence if first <= t.idx < last]
        return self.doc[tokens[0] : tokens[-1] + 1] if tokens else sentence

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
        attribution = self.name(span[-1])
        attribution.cue = match.group("verb")
        return attribution

    def from_verb(self, verb: Token) -> Attribution | None:
        """The speaker, cue and venue of a reporting verb, or None when it names no speaker."""
        subject = self.subject_of(verb)
        if subject is None:
            return None
        attribution = self.name(subject)
        attribution.cue = cue_phrase(verb, self.inside)
        attribution.venue = self.venue(verb)
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
                    if self._across_paragraphs(verb, child):
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
                _speakers_own(verb)
                and head.dep_ == "ccomp"
                and head.lemma_.lower() not in SPEECH_VERBS
                and head.head.lemma_.lower() in SPEECH_VERBS
            ):
                head = head.head  # 'X said A would share its records but accused Y of ...'
            if self._across_paragraphs(verb, head):
                return None
            verb = head
        return None

    def _across_paragraphs(self, a: Token, b: Token) -> bool:
        low, high = sorted((a.idx, b.idx))
        return "\n" in self.text[low:high]

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
        verbs = [t for t in sentence if t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB"]
        return any(not any(c.dep_ in {"ccomp", "dobj"} for c in v.children) for v in verbs)

    def _from_phrase(self, sentence: Span, start: int, end: int) -> Attribution | None:
        """'..., per The Wall Street Journal' / 'according to X' / 'citing X'."""
        for token in sentence:
            if self.inside[token.i] or not (start > token.idx or token.idx >= end):
                continue
            source = _attribution_object(token)
            if source is not None:
                attribution = self.name(source)
                attribution.cue = "according to" if token.lower_ == "according" else token.lower_
                return attribution
        window = self.text[sentence.start_char : sentence.end_char]
        for match in ATTRIBUTION.finditer(window):
            begin = sentence.start_char + match.start(2)
            if self.in_quotes(begin) or start <= begin < end:
                continue
            stop = sentence.start_char + match.end(2)
            name, entity = self.entity_in(begin, stop)
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
        names = [m for m in self._mentions_in(intro.start_char, intro.end_char) if m[2].kind in SPEAKER_KINDS]
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

    # ------------------------------------------------------------ indirect speech

    def indirect(self) -> list[Reported]:
        """Reported speech without quotation marks, outermost first, never inside a quotation."""
        found: list[Reported] = []
        for token in self.doc:
            if self.inside[token.i]:
                continue
            reported = None
            if token.pos_ == "VERB" and token.lemma_.lower() in SPEECH_VERBS:
                reported = self._reported_clause(token)
            elif token.lower_ == "according":
                reported = self._according_to(token)
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

    def _reported_clause(self, verb: Token) -> Reported | None:
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
            tokens = self._clause_tokens(clause)
            head = clause
        if lemma in DOCUMENT_VERBS and not self._reports_finding(verb, clause):
            return None
        bounds = self._content_bounds(tokens, head)
        if bounds is None:
            return None
        attribution = self.from_verb(verb)
        if attribution is None or attribution.start is None:
            return None
        start, end = bounds
        if attribution.start < end and start < attribution.end:
            return None  # the speaker is inside the content: a misparse
        if "\n" in self.text[min(start, verb.idx) : max(end, verb.idx)]:
            return None  # content and verb in different paragraphs: a misparse
        return Reported(start, end, attribution)

    @staticmethod
    def _clause_tokens(clause: Token) -> list[Token]:
        """The reported clause without what the reporter adds about the speaker inside it:
        'X said A was B, adding that ...' / 'X said A would share its records but accused Y'
        (a reporting verb without a subject of its own, joined to the clause, is X's)."""
        cut: set[int] = set()
        for token in clause.subtree:
            if token is clause or token.i in cut:
                continue
            if _speakers_own(token):
                cut.update(t.i for t in token.subtree)
                cut.update(t.i for t in token.lefts if t.dep_ in {"cc", "punct"})
                before = token.doc[token.left_edge.i - 1] if token.left_edge.i > 0 else None
                if before is not None and before.dep_ in {"cc", "punct"}:
                    cut.add(before.i)
        marks = [c.i for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"]
        if marks:  # 'said only that ...': the clause starts after its "that"
            cut.update(t.i for t in clause.subtree if t.i <= marks[0])
        return _run_around([t for t in clause.subtree if t.i not in cut], clause)

    def _according_to(self, token: Token) -> Reported | None:
        source = _attribution_object(token)
        if source is None:
            return None
        phrase = set(token.subtree)
        sentence = self.paragraph_clip(token.sent, token.idx)
        tokens = [t for t in sentence if t not in phrase]
        bounds = self._content_bounds(tokens, token.head)
        if bounds is None:
            return None
        attribution = self.name(source)
        attribution.cue = "according to"
        return Reported(*bounds, attribution)

    @staticmethod
    def _reports_finding(verb: Token, clause: Token | None) -> bool:
        """'The poll shows Clinton leads' / 'they found that ...': a document's finding, or
        an explicit "that" clause; not 'it suggests he left' guesses without a source."""
        if clause is None:
            return False
        if any(c.dep_ == "mark" and c.lower_ in {"that", "whether", "if"} for c in clause.children):
            return True
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        return bool(subjects) and subjects[0].lemma_.lower() in DOCUMENT_NOUNS

    def _content_bounds(self, tokens: list[Token], head: Token) -> tuple[int, int] | None:
        """The character range of the content tokens, without the edges' punctuation and a
        leading "that"; None when it is too short or is (nearly) all one quotation."""
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
        dateline = DATELINE.match(self.text, start, end)
        if dateline:  # 'SEVERIN, March 14 — The two leaders ...': the dateline is the reporter's
            start = dateline.end()
        for low, high in self.quoted:  # never cut a quotation in two: take it whole
            if low < start < high <= end:
                start = low
            if start <= low < end < high:
                end = high
        if "\n" in self.text[start:end] or self.quoted_share(start, end) > 0.85:
            return None
        if self.inside[head.i] and start <= head.idx < end:
            region_end = next(high for low, high in self.quoted if low <= head.idx < high)
            if not self.text[region_end:end].strip(" .,;:!?\"'”’"):
                return None  # 'The port "was closed for days," according to X': the quote says it
        return start, end

    # ------------------------------------------------------------ naming the speaker

    def name(self, subject: Token) -> Attribution:
        """Who the subject token is (see the module docstring)."""
        head_start, head_end = subject.idx, subject.idx + len(subject.text)
        lower = subject.lower_
        if subject.tag_ == "PRP" or subject.pos_ == "PRON":
            if lower in PERSONAL:
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

    def entity_at(self, token: Token) -> tuple[int, int, Entity] | None:
        """The speaking entity whose mention covers the token (a person first)."""
        start, end = token.idx, token.idx + len(token.text)
        hits = [(s, e, ent) for s, e, ent in self._mentions_around(start, end) if ent.kind in SPEAKER_KINDS]
        if not hits:
            return None
        return min(hits, key=lambda h: SPEAKER_KINDS.index(h[2].kind))

    def entity_in(self, start: int, end: int) -> tuple[str | None, Entity | None]:
        hits = [ent for s, e, ent in self._mentions_in(start, end) if ent.kind in SPEAKER_KINDS]
        if not hits:
            return None, None
        best = min(hits, key=lambda ent: SPEAKER_KINDS.index(ent.kind))
        return best.name, best

    def _mentions_around(self, start: int, end: int):
        i = bisect.bisect_right(self._mention_starts, start)
        return [m for m in self.mentions[max(0, i - 16) : i] if m[0] <= start and end <= m[1]]

    def _mentions_in(self, start: int, end: int):
        i = bisect.bisect_left(self._mention_starts, start)
        j = bisect.bisect_left(self._mention_starts, end)
        return [m for m in self.mentions[i:j] if m[1] <= end]

    def _person_subjects(self) -> list[tuple[int, int, Entity | None]]:
        """Person mentions that are a grammatical subject, outside quotation marks, and
        (with ``None``) subjects that look like a person's name the tagger did not tag."""
        found = []
        for start, end, entity in self.mentions:
            if entity.kind != "person" or self.in_quotes(start):
                continue
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            head = span.root
            while head.dep_ in {"appos", "conj", "compound", "flat"} and head.head is not head:
                head = head.head
            if head.dep_ in SUBJECT_DEPS and _main_clause(head.head):
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
            if head.dep_ in SUBJECT_DEPS and _main_clause(head.head):
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

    # ------------------------------------------------------------ venues

    def venue(self, verb: Token) -> str | None:
        """Where the verb's words were said (see the module docstring), or None."""
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
            title = self._quotation_at(obj.idx)
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
        found = self.entity_at(token)
        if found is not None and found[2].kind in {"news_outlet", "organization"}:
            return found[2].name
        if token.pos_ == "PROPN" and token.ent_type_ not in {"PERSON", "GPE", "LOC", "NORP", "DATE", "TIME"}:
            return _np_text(token)
        return None


def _attribution_object(token: Token) -> Token | None:
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


def _speakers_own(token: Token) -> bool:
    """A reporting verb with no subject of its own hanging on a reported clause: 'adding',
    'and accused' — the reporting speaker's words, not part of what they reported."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in QUOTE_VERBS or token.dep_ not in {"conj", "advcl"}:
        return False
    if any(c.dep_ in SUBJECT_DEPS or c.dep_ == "expl" for c in token.children):
        return False
    return token.dep_ == "conj" or token.tag_ == "VBG"


TITLES = {"mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov.", "mr", "mrs", "ms", "dr"}


def _looks_like_a_name(token: Token) -> bool:
    """A proper noun headed by given names or a title: 'Ilse Brandt', 'Mr. Kask'."""
    if token.pos_ != "PROPN" or token.ent_type_ not in {"", "PERSON"}:
        return False
    parts = [c for c in token.lefts if c.dep_ == "compound" and (c.pos_ == "PROPN" or c.text[:1].isupper())]
    return bool(parts) and (parts[0].text[:1].isupper() or parts[0].lower_ in TITLES)


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


def _main_clause(verb: Token) -> bool:
    """The verb heads its sentence, or is joined to the verb that does ('and said')."""
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return verb.dep_ == "ROOT" or (verb.dep_ == "parataxis" and verb.lemma_.lower() in SPEECH_VERBS)


def _distance(token: Token, start: int, end: int) -> int:
    return start - token.idx if token.idx < start else token.idx - end


CLAUSE_DEPS = {"relcl", "acl", "appos", "punct", "advcl", "cc", "conj", "parataxis", "ccomp"}


def phrase_bounds(token: Token) -> tuple[int, int]:
    """The noun phrase: its left modifiers, the head, and prepositional phrases after it
    ("a spokesman for President Korvath"), but no clauses or appositions, also not inside
    those phrases ("an official at the council, which will lead the inquiry")."""
    first = token.left_edge
    while first.is_punct and first.i < token.i:
        first = token.doc[first.i + 1]
    last = token
    for child in token.rights:
        if child.dep_ == "prep":
            last = _phrase_end(child)
        else:
            break
    return first.idx, last.idx + len(last.text)


def _phrase_end(token: Token) -> Token:
    last = token
    for child in token.rights:
        if child.dep_ in CLAUSE_DEPS:
            break
        last = _phrase_end(child)
    return last


def _np_text(token: Token) -> str:
    """The noun phrase of a token up to its head, with compounds: 'a White House briefing'."""
    first = token.left_edge
    while first.is_punct and first.i < token.i:
        first = token.doc[first.i + 1]
    last = token
    for child in token.rights:
        if child.dep_ in {"compound", "flat", "nummod", "appos"} and child.pos_ == "PROPN":
            last = child.right_edge
        else:
            break
    return token.doc[first.i : last.i + 1].text


def _lower_article(phrase: str) -> str:
    return re.sub(r"^(A|An|The) ", lambda m: m.group(1).lower() + " ", phrase)


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
        end = _phrase_end(child)  # no clause inside it: 'said in Severin, which is ...'
    return verb.doc[verb.i : end.i + 1].text.rstrip(" ,")

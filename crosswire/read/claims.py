"""Claims and their certainty: one claim per sentence, plus one per clause with its own cue.

Each body sentence that makes a claim (questions, fragments under four words and lines
without a verb are skipped) gets a ``Claim`` whose status is decided by the cue governing
its main clause, with the cue's character span:

=========== ===================================================================== =====
status      typical cues                                                           rank
=========== ===================================================================== =====
denied      "denied", "rejected claims", "dismissed reports", "there is no",       0
            negation of the clause's verb ("did not meet"; not of a cue verb:
            "is not expected", "would not confirm" keep their own status)
conditional "would" (outside reported speech), "if", "unless", inverted "Should    1
            this deal go through"; "would" wins over "if" as the cue, because it
            sits in the consequence the claim states
opinion     first person + attitude verb ("I think", "I suspect", "I'll admit"),    2
            "my read", "we should", evaluative predicates in the author's own
            voice ("This is really bad!", "may well be right", "the wrong tool")
possible    might, may, could, possibly, perhaps, probably, "likely to",          3
            "it is possible that", "hinted at"
inferred    apparently, evidently, seemingly, "appears to", "seems", "suggests",  4
            "interpreted as", "likely to have been" (a guess about the past)
reported    reportedly, allegedly, "is said to", "reports that", "reported talks",  5
            "accused of"
expected    will, "is expected to", "plans to", "is planning", "is set to", "is   6
            due to", "are to", "intends to", "prepare to"; "would" in reported
            speech ("said it would open an inquiry": the future seen from then)
reported    attributions: "X said/reported/told", "according to", "per", "by X's    7
            estimation", and any sentence inside a quotation or with a cited source
asserted    no cue
=========== ===================================================================== =====

Scope, not just precedence: a cue counts for the clause it belongs to in the dependency
parse (the clause head reached from the cue's head). Cues in the same clause compete by
rank (lower wins): "is reportedly planning" is reported, "could happen ..., according to
officials" is possible with the officials as its source. Attribution adjuncts ("per X",
"according to X"), citing participles and parenthetical "X, he said, ..." scope over the
whole sentence wherever the parser attached them. What an if-clause says is a condition,
not a claim: its own cues are ignored ("If it does not, ..." denies nothing).

Clause claims. A cue in another clause (a complement, relative, adverbial or coordinated
clause) does not change the sentence's status; it adds a claim spanning that clause: "X
reported that the government could close ..." is one reported claim (the sentence) and
one possible claim ("reported ... could close ..."). Clause claims span the clause's
subtree; a relative clause takes the noun it describes ("a munitions deal that might
replenish ..."), a complement takes the verb that introduces it ("said there was no
summit"), and a hedge adverb on a phrase takes that phrase ("possibly an extension of
...", "perhaps by routing payments ..."). They are told apart from sentence claims by their
offsets (narrower than a sentence) and follow their sentence in ``article.claims``; a
clause claim may share its sentence's status (it then locates a second cue: "are the wrong
tool, and I suspect ...").

Decisions. "likely" is possible ("likely to open an inquiry"), except "likely to have
<done>", which is an inference about the past. Bare "would" is conditional in the author's
or a quoted speaker's own clause and expected under a verb or noun of saying. Sentences
inside a quotation are reported (cue: the opening quotation mark when it is in the
sentence) unless their own cue says more ("There is no summit" is denied).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from crosswire.document import Article, Claim, Quote
from crosswire.read.cues import attributions, sentence_bounds, source_like
from crosswire.read.vocabulary import CITING_VERBS, COGNITION_VERBS, SOURCE_VERBS, SUBJECT_PRONOUNS

# Ranks: lower wins among the cues of one clause (see the table above).
DENIED = 0
CONDITIONAL_MODAL = 10  # "would": preferred to "if" as the cue of a conditional
CONDITIONAL = 11
OPINION = 20
POSSIBLE = 30
INFERRED = 40
HEARSAY = 50  # reported by a hedge word: "reportedly", "is said to", "reports that"
EXPECTED = 60
ATTRIBUTED = 70  # reported by naming who says it: "X said", "according to X"
STATUS = {DENIED: "denied", CONDITIONAL_MODAL: "conditional", CONDITIONAL: "conditional", OPINION: "opinion"}
STATUS |= {
    POSSIBLE: "possible",
    INFERRED: "inferred",
    HEARSAY: "reported",
    EXPECTED: "expected",
    ATTRIBUTED: "reported",
}


def _words(rank: int, words: str) -> dict[str, int]:
    return dict.fromkeys(words.split(), rank)


# The certainty cues: claims' own words, next to the table they implement. The words of
# attribution ("X said", "according to") are those of ``cues``, in ``crosswire.read.vocabulary``.
ADVERBS = (
    _words(HEARSAY, "reportedly allegedly reputedly purportedly supposedly")
    | _words(INFERRED, "apparently evidently seemingly presumably ostensibly")
    | _words(POSSIBLE, "possibly perhaps maybe probably conceivably likely")
)
MODALS = (
    _words(POSSIBLE, "might may could") | _words(EXPECTED, "will shall 'll") | _words(CONDITIONAL_MODAL, "would 'd")
)
EXPECTED_VERBS = frozenset("expect plan intend schedule prepare aim set".split())
HEARSAY_PASSIVES = frozenset("say report believe think understand allege rumour rumor claim".split())  # "is said to"
INFERRED_VERBS = frozenset("appear seem suggest indicate imply interpret".split())
DENIAL_VERBS = frozenset("deny refute rebut".split())
REJECTION_VERBS = frozenset("reject dismiss".split())  # a denial only of reports or claims
REPORT_NOUNS = frozenset("report claim allegation rumour rumor accusation speculation".split())
REPORTED_ADJECTIVES = frozenset("reported alleged rumoured rumored purported suspected".split())
POSSIBLE_ADJECTIVES = frozenset("possible likely unlikely probable conceivable".split())
OPINION_VERBS = frozenset(
    "think believe suspect doubt fear worry hope guess feel admit bet reckon expect suppose wonder find consider "
    "argue".split()
)
OPINION_NOUNS = frozenset("read view guess bet sense take opinion hunch fear worry".split())  # "My read: ..."
EVALUATIVE = frozenset(
    "bad good wrong right mistake error blunder disaster folly shame absurd foolish reckless wise unwise sensible "
    "troubling alarming worrying terrible awful excellent unfortunate regrettable outrageous ridiculous naive "
    "misguided nervous scary frightening dangerous shameful disgraceful welcome".split()
)
FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}
NOT_DENIALS = SOURCE_VERBS | OPINION_VERBS | EXPECTED_VERBS | INFERRED_VERBS | COGNITION_VERBS | {"know"}
CONFIRMING_VERBS = {"confirm", "verify", "corroborate"}  # "confirms reports that ..." asserts them
CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "csubjpass", "conj", "pcomp"}
# Dependencies that make a clause even when their head is not a verb (a bad parse's noun root).
NOMINAL_OK = {"ROOT", "ccomp", "advcl", "relcl", "parataxis", "csubj", "csubjpass"}
QUOTE_MARKS = '"“”'
MIN_WORDS = 4


@dataclass(frozen=True)
class _Cue:
    """A cue: its rank (see the module docstring), token range, and what it scopes over:
    the clause of ``anchor``, the token range ``unit``, or (both ``None``) the sentence."""

    rank: int
    start: int
    end: int
    anchor: Token | None = None
    unit: tuple[int, int] | None = None


def find_claims(article: Article, doc: Doc) -> None:
    """Set ``article.claims`` from the sentences of ``doc`` (sentence claims, then clause claims)."""
    sources: dict[tuple[int, int], list[str]] = {}
    for source in article.sources_cited:
        names = sources.setdefault((source.start, source.end), [])
        if source.name not in names:
            names.append(source.name)
    spoken = [q for q in article.quotes if q.kind != "indirect"]  # an indirect "quote" is a clause
    claims: list[Claim] = []
    for sent in doc.sents:
        if _skipped(sent):
            continue
        bounds = sentence_bounds(sent)
        names = list(sources.get(bounds, []))
        quoted = [q for q in spoken if q.start < bounds[1] and bounds[0] < q.end]
        for quote in quoted:
            if quote.speaker and quote.speaker.lower() not in SUBJECT_PRONOUNS and quote.speaker not in names:
                names.append(quote.speaker)
        claims += _sentence_claims(article.text, sent, bounds, names, quoted, author_voice=not quoted and not names)
    article.claims = claims


def _skipped(sent: Span) -> bool:
    words = [t for t in sent if not t.is_punct and not t.is_space]
    if len(words) < MIN_WORDS or not any(t.pos_ in {"VERB", "AUX"} for t in words):
        return True  # fragments, headings, datelines
    return sent.text.rstrip().rstrip(QUOTE_MARKS + "'’ )").endswith("?")


def _sentence_claims(
    text: str, sent: Span, bounds: tuple[int, int], names: list[str], quoted: list[Quote], *, author_voice: bool
) -> list[Claim]:
    groups: dict[object, list[_Cue]] = {}
    words = [t.i for t in sent if not t.is_punct and not t.is_space]
    whole = (words[0], words[-1])
    for cue in _cues(sent, author_voice):
        head = _clause_head(cue.anchor) if cue.anchor is not None else sent.root
        if cue.rank != CONDITIONAL and _is_condition(head):
            continue  # what an if-clause says is a condition, not a claim
        key: object = cue.unit or ("main" if head.i == sent.root.i or _unit(head) == whole else head)
        groups.setdefault(key, []).append(cue)
    main = min(groups.pop("main", []), key=lambda c: (c.rank, c.start), default=None)
    claim = _claim(text, sent.doc, bounds, main, names)
    if main is None and quoted:
        _mark_quoted(text, claim, quoted[0])
    elif main is None and names and not groups:  # a source the cues missed (a quote's speaker)
        _mark_attributed(text, claim, names)
    claims = [claim]
    for key, cues in sorted(groups.items(), key=lambda item: _unit(item[0])[0]):
        first, last = _unit(key)
        span = (sent.doc[first].idx, sent.doc[last].idx + len(sent.doc[last]))
        if span != bounds:
            claims.append(_claim(text, sent.doc, span, min(cues, key=lambda c: (c.rank, c.start)), names))
    return claims


def _claim(text: str, doc: Doc, span: tuple[int, int], cue: _Cue | None, names: list[str]) -> Claim:
    claim = Claim(text=text[span[0] : span[1]], status="asserted", start=span[0], end=span[1], sources=list(names))
    if cue is not None:
        cue_start, cue_end = doc[cue.start].idx, doc[cue.end - 1].idx + len(doc[cue.end - 1])
        claim.status, claim.cue, claim.cue_start, claim.cue_end = (
            STATUS[cue.rank],
            text[cue_start:cue_end],
            cue_start,
            cue_end,
        )
    return claim


def _mark_quoted(text: str, claim: Claim, quote: Quote) -> None:
    """A sentence inside a quotation is the speaker's: reported, cued by the opening
    quotation mark when the quotation opens in this sentence (else no cue span)."""
    claim.status = "reported"
    mark = quote.start - 1
    if claim.start <= mark < claim.end and text[mark] in QUOTE_MARKS:
        claim.cue, claim.cue_start, claim.cue_end = text[mark], mark, mark + 1


def _mark_attributed(text: str, claim: Claim, names: list[str]) -> None:
    """A sentence with a cited source but no cue of its own: reported, cued by a source name."""
    claim.status = "reported"
    for name in names:
        at = text.find(name, claim.start, claim.end)
        if at >= 0:
            claim.cue, claim.cue_start, claim.cue_end = name, at, at + len(name)
            return


def _is_condition(head: Token) -> bool:
    return head.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in head.children)


def _clause_head(token: Token) -> Token:
    """The head of the clause ``token`` belongs to: climb until a clausal dependency
    (a coordinated noun is not a clause; an infinitive complement stays in its clause)."""
    for _ in range(64):
        verbal = token.pos_ in {"VERB", "AUX"}
        if token.dep_ in NOMINAL_OK or (token.dep_ in CLAUSE_DEPS and verbal):
            return token  # "in what would be ..." (pcomp) is a clause; "drones and shells" (conj) is not
        token = token.head
    return token


def _unit(key: object) -> tuple[int, int]:
    """The inclusive token range a clause claim covers."""
    if isinstance(key, tuple):
        return key
    head: Token = key  # type: ignore[assignment]
    first, last = head.left_edge.i, head.right_edge.i
    if head.dep_ in {"relcl", "acl"} and head.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        first = min(first, head.head.left_edge.i)  # "a munitions deal that might ..."
    if head.dep_ == "ccomp":
        first, last = min(first, head.head.i), max(last, head.head.i)  # "said there was no summit"
    doc = head.doc
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    while first < last and (
        doc[first].is_punct or (doc[first].dep_ in {"cc", "mark"} and doc[first].head.dep_ == "conj")
    ):
        first += 1
    return first, last


def _cues(sent: Span, author_voice: bool) -> list[_Cue]:
    cues = [
        _attribution_cue(a.cue_start, a.cue_end, sent)
        for a in attributions(sent)
        if source_like(a.source) and not a.venue
    ]
    for token in sent:
        cue = _word_cue(token, author_voice)
        if cue is not None:
            cues.append(cue)
    return cues


def _attribution_cue(start: int, end: int, sent: Span) -> _Cue:
    """Speech verbs govern their own clause ("X said ..."; "reports, which Tolun denied");
    adjuncts ("according to") and citing verbs ("Citing X, ...", "quoted by X") say where
    the whole sentence comes from."""
    cue_token = sent.doc[start]
    if cue_token.lemma_.lower() in SOURCE_VERBS and cue_token.dep_ != "parataxis":  # "X, he said, has ..."
        return _Cue(ATTRIBUTED, start, end, anchor=cue_token)
    return _Cue(ATTRIBUTED, start, end)


def _word_cue(token: Token, author_voice: bool) -> _Cue | None:
    """The cue ``token`` starts, if any (one token may be one cue)."""
    word, lemma = token.lower_, token.lemma_.lower()
    if word in REPORTED_ADJECTIVES and token.dep_ == "amod":
        head = token.head
        return _Cue(HEARSAY, token.i, token.i + 1, unit=(head.left_edge.i, head.right_edge.i))  # "reported talks"
    if (
        word == "early"
        and 0 < token.i < len(token.doc) - 1
        and token.nbor(-1).lower_ == "as"
        and token.nbor().lower_ == "as"
    ):
        return _Cue(
            POSSIBLE, token.i - 1, token.i + 2, unit=(token.i - 1, token.nbor().right_edge.i)
        )  # "as early as March 14"
    if word in ADVERBS and (word != "likely" or token.dep_ == "advmod"):
        return _adverb(token, ADVERBS[word])
    if token.tag_ == "MD":
        return _modal(token)
    if token.dep_ == "mark" and word in {"if", "unless"} and token.head.dep_ == "advcl":
        return _Cue(CONDITIONAL, token.i, token.i + 1, anchor=token.head.head)
    if token.dep_ == "neg" or (word == "no" and token.dep_ == "det"):
        return _negation(token)
    if token.pos_ in {"VERB", "AUX"}:
        return _verb(token, lemma)
    if token.pos_ in {"NOUN", "ADJ"}:
        return _noun_or_adjective(token, word, lemma, author_voice)
    return None


def _adverb(token: Token, rank: int) -> _Cue:
    """A hedge adverb scopes over its clause; on a phrase ("possibly an extension of ...",
    ", perhaps by routing ...") it scopes over that phrase only."""
    head = token.head
    if head.pos_ not in {"VERB", "AUX"} and head.dep_ != "ROOT":
        return _Cue(rank, token.i, token.i + 1, unit=(min(token.i, head.left_edge.i), head.right_edge.i))
    return _Cue(rank, token.i, token.i + 1, anchor=head)


def _modal(token: Token) -> _Cue | None:
    word = token.lower_
    verb = token.head
    if word in {"should", "had", "were"} and token.i == verb.left_edge.i and verb.dep_ in {"advcl", "csubj"}:
        return _Cue(CONDITIONAL, token.i, token.i + 1, anchor=verb.head)  # "Should this deal go through, ..."
    if word in {"should", "must"} and _first_person_subject(verb):
        return _Cue(OPINION, token.i, token.i + 1, anchor=verb)  # "we should"
    rank = MODALS.get(word)
    if rank is None or (rank == CONDITIONAL_MODAL and token.i + 1 < len(token.doc) and token.nbor().dep_ == "neg"):
        return None  # "would not confirm" is a refusal, not a hypothesis
    if word == "may" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "well":
        return _Cue(POSSIBLE, token.i, token.i + 2, anchor=verb)
    if rank == CONDITIONAL_MODAL and _in_reported_speech(verb) and not any(c.lower_ == "have" for c in verb.children):
        rank = EXPECTED  # "said it would open an inquiry": the future of then
    return _Cue(rank, token.i, token.i + 1, anchor=verb)


def _negation(token: Token) -> _Cue | None:
    """Negation of an event ("did not meet", "there was no summit", "had no plans"); a
    negated cue verb keeps its own status ("is not expected", "would not confirm")."""
    if token.dep_ == "neg":
        head = token.head
        if head.pos_ not in {"VERB", "AUX"}:
            return None  # "and not a small one": a negated phrase, not an event
        if head.lemma_.lower() in NOT_DENIALS or any(c.lower_ in {"can", "could", "ca"} for c in head.children):
            return None  # "is not expected", "don't know", "cannot build": not a denied event
        return _Cue(DENIED, token.i, token.i + 1, anchor=head)
    noun = token.head
    existential = noun.dep_ == "attr" and any(c.dep_ == "expl" for c in noun.head.children)
    if existential or noun.dep_ == "dobj" or noun.lemma_.lower() in {"evidence", "sign", "indication", "proof"}:
        return _Cue(DENIED, token.i, token.i + 1, anchor=noun)
    return None


def _verb(token: Token, lemma: str) -> _Cue | None:
    children = list(token.children)
    deps = {c.dep_ for c in children}
    if lemma in OPINION_VERBS and _first_person_subject(token):
        subject = next(c for c in children if c.dep_ == "nsubj")
        return _Cue(OPINION, min(subject.i, token.i), token.i + 1, anchor=token)  # "I think"
    if lemma in DENIAL_VERBS or (
        lemma in REJECTION_VERBS and any(c.dep_ == "dobj" and c.lemma_.lower() in REPORT_NOUNS for c in children)
    ):
        return _Cue(DENIED, token.i, token.i + 1, anchor=token)
    if lemma in HEARSAY_PASSIVES and "auxpass" in deps and "xcomp" in deps:
        aux = min(c.i for c in children if c.dep_ == "auxpass")
        return _Cue(HEARSAY, aux, _through_to(token), anchor=token)  # "is said to"
    if lemma in {"accuse", "allege"}:
        return _Cue(HEARSAY, token.i, token.i + 1, anchor=token)
    if lemma == "hint":
        return _Cue(POSSIBLE, token.i, token.i + 1, anchor=token)
    if lemma in INFERRED_VERBS and (lemma not in {"appear", "suggest", "indicate"} or deps & {"xcomp", "ccomp"}):
        return _Cue(INFERRED, token.i, token.i + 1, anchor=token)
    infinitive_needed = lemma in {"set", "prepare", "aim"}  # "is set to", "prepare to", not "set the table"
    if lemma in EXPECTED_VERBS and (not infinitive_needed or "xcomp" in deps) and (lemma != "set" or "auxpass" in deps):
        return _Cue(EXPECTED, token.i, token.i + 1, anchor=token)
    if (
        lemma == "be"
        and token.dep_ in CLAUSE_DEPS
        and any(c.dep_ == "xcomp" and _infinitive(c) and c.i == token.i + 2 for c in children)
    ):
        return _Cue(EXPECTED, token.i, token.i + 2, anchor=token)  # "are to meet"
    return None


def _noun_or_adjective(token: Token, word: str, lemma: str, author_voice: bool) -> _Cue | None:
    head = token.head
    if lemma in REPORT_NOUNS and token.pos_ == "NOUN" and _report_noun_counts(token):
        return _Cue(HEARSAY, token.i, token.i + 1, anchor=head)
    if word in POSSIBLE_ADJECTIVES and token.dep_ in {"acomp", "attr"}:
        return _likely(token)
    if word == "due" and token.dep_ == "acomp" and any(c.dep_ == "xcomp" for c in token.children):
        return _Cue(EXPECTED, token.i, _through_to(token), anchor=head)  # "due to"
    if lemma in OPINION_NOUNS and any(c.lower_ in {"my", "our"} for c in token.children):
        return _Cue(OPINION, token.i - 1, token.i + 1)  # "My read: ...", "in my view": the whole sentence
    if author_voice and _evaluative(token):
        return _Cue(OPINION, token.i, token.i + 1, anchor=head if token.dep_ in {"acomp", "attr"} else head.head)
    return None


def _likely(token: Token) -> _Cue:
    """'likely to open' is possible; 'likely to have been moved' is an inference about the past."""
    xcomp = next((c for c in token.children if c.dep_ == "xcomp"), None)
    if xcomp is not None and any(c.lower_ == "have" for c in xcomp.children) and xcomp.tag_ == "VBN":
        return _Cue(INFERRED, token.i, token.i + 1, anchor=token.head)
    return _Cue(POSSIBLE, token.i, token.i + 1, anchor=token.head)


def _report_noun_counts(token: Token) -> bool:
    """'reports that ...' hedges, but not when reports are confirmed ('the accord confirms
    reports') or when they are the subject of a speech verb, which is then the cue."""
    if token.tag_ not in {"NNS", "NNPS"} and not any(c.dep_ in {"acl", "ccomp"} for c in token.children):
        return False  # a single "report" is a document, not hearsay
    governor = token.head
    if governor.lemma_.lower() in CONFIRMING_VERBS | CITING_VERBS or governor.lower_ in {"to", "per"}:
        return False  # confirmed, or the source an attribution names ("citing reports")
    return not (token.dep_ == "nsubj" and governor.lemma_.lower() in SOURCE_VERBS)


def _evaluative(token: Token) -> bool:
    """An evaluative predicate: 'is really bad', 'is a mistake', 'are the wrong tool'."""
    if token.lower_ not in EVALUATIVE:
        return False
    if token.dep_ in {"acomp", "attr"}:
        return True
    return token.dep_ == "amod" and token.head.dep_ in {"attr", "acomp"}


def _first_person_subject(verb: Token) -> bool:
    return any(c.dep_ == "nsubj" and c.lower_ in FIRST_PERSON for c in verb.children)


def _through_to(token: Token) -> int:
    """The end of a cue that takes the infinitive's "to" along ("is said to", "due to")."""
    following = token.i + 1
    return following + 1 if following < len(token.doc) and token.doc[following].lower_ == "to" else following


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _in_reported_speech(verb: Token) -> bool:
    """Whether a clause is what someone said or reported: a complement of a speech verb or
    of a report noun, at any depth ('said the checks would begin', 'reports that ... would')."""
    token = verb
    for _ in range(8):
        head = token.head
        if head is token:
            return False
        if token.dep_ in {"ccomp", "acl", "conj", "advcl", "xcomp"} and (
            head.lemma_.lower() in SOURCE_VERBS | COGNITION_VERBS or head.lemma_.lower() in REPORT_NOUNS
        ):
            return True
        token = head
    return False

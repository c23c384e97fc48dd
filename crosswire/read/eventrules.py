"""Parse rules for ``crosswire.read.events``: the lexicon, noun phrases, arguments, status, place, date.

Everything here reads the spaCy dependency parse the pipeline already made (no second
parse). Status comes from the words that govern the trigger ("will", "plans to",
"reportedly", "not"), place from an in/at phrase with a place entity, date from the
article's time expressions that belong to the trigger's clause.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Span, Token

from crosswire.document import Article, Entity, Mention, TimeExpression

RELATIVE_PRONOUNS = {"who", "which", "that", "whom", "whose"}
CORE_DEPS = {"compound", "amod", "nmod", "poss", "nummod", "det", "quantmod", "case"}
CORE_PREPS = {"of", "in", "from", "for"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
DATE_KINDS = {"DATE", "TIME"}


# --- lexicon --------------------------------------------------------------------------


@dataclass(frozen=True)
class Lexicon:
    """The trigger words, cue words and per-category rules of ``crosswire/data/plover.yaml``."""

    quad: dict[str, str]
    needs_recipient: frozenset[str]
    verbs: dict[str, tuple[str, str | None]]
    particle_verbs: dict[str, tuple[str, str | None]]
    verb_objects: dict[str, tuple[str, str | None]]
    nouns: dict[str, tuple[str, str | None]]
    intent_verbs: dict[str, str]
    intent_adjectives: dict[str, str]
    demand_speech: frozenset[str]
    occurrence_verbs: frozenset[str]
    light_verbs: frozenset[str]
    join_verbs: frozenset[str]
    joint_words: frozenset[str]
    threat_modes: frozenset[str]
    assassination_targets: frozenset[str]
    transitive_only: frozenset[str]
    no_comment: frozenset[str]
    mode_words: dict[str, dict[str, list[str]]]
    cues: dict[str, frozenset[str]]


def _entry(value: str) -> tuple[str, str | None]:
    category, _, mode = value.partition("/")
    return category, mode or None


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """``crosswire/data/plover.yaml``, read once."""
    data = yaml.safe_load(resources.files("crosswire.data").joinpath("plover.yaml").read_text(encoding="utf-8"))

    def table(key: str) -> dict[str, tuple[str, str | None]]:
        return {str(k): _entry(v) for k, v in data[key].items()}

    cues = {key: frozenset(str(w) for w in words) for key, words in data["status"].items()}
    cues["speech_verbs"] = frozenset(data["demand_speech"])
    return Lexicon(
        quad={name: spec["quad"] for name, spec in data["categories"].items()},
        needs_recipient=frozenset(data["needs_recipient"]),
        verbs=table("verbs"),
        particle_verbs=table("particle_verbs"),
        verb_objects=table("verb_objects"),
        nouns=table("nouns"),
        intent_verbs=dict(data["intent_verbs"]),
        intent_adjectives=dict(data["intent_adjectives"]),
        demand_speech=frozenset(data["demand_speech"]),
        occurrence_verbs=frozenset(data["occurrence_verbs"]),
        light_verbs=frozenset(data["light_verbs"]),
        join_verbs=frozenset(data["join_verbs"]),
        joint_words=frozenset(data["joint_words"]),
        threat_modes=frozenset(data["threat_modes"]),
        assassination_targets=frozenset(data["assassination_targets"]),
        transitive_only=frozenset(data["transitive_only"]),
        no_comment=frozenset(data["no_comment"]),
        mode_words=data["mode_words"],
        cues=cues,
    )


# --- triggers, actors and the entities behind them ------------------------------------


@dataclass
class Trigger:
    """A word (or phrase) that names an event, with what the sentence's parse says about it."""

    token: Token
    category: str
    mode: str | None
    predicate: Token  # the verb that carries subject, tense and modality
    nominal: bool = False
    obj: Token | None = None  # the object a verb+object phrase used up ("imposed sanctions")
    intent: bool = False  # governs another event ("agreed to ...")
    standalone: bool = True  # codes an event even when it governs none ("rejected a request")
    inner: "Trigger | None" = None
    absorbed_all: list["Trigger"] = field(default_factory=list)  # every event it governs, shallowest first
    first: int | None = None  # first token of a multi-word event noun ("tête-à-tête", "hunger strike")
    absorbed: bool = False


@dataclass(frozen=True)
class Party:
    """One actor in an event: its name, its code (ISO alpha-3 when known) and a key to compare."""

    name: str
    code: str | None
    key: str


class MentionIndex:
    """Which entity each token belongs to, and the entities mentioned before a point (for pronouns)."""

    def __init__(self, article: Article, doc: Doc) -> None:
        self.by_token: dict[int, Entity] = {}
        self.mentions: dict[int, Mention] = {}
        self.ordered: list[tuple[int, Entity]] = []
        for entity in article.entities:
            for mention in entity.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None:
                    continue
                for token in span:
                    self.by_token.setdefault(token.i, entity)
                    self.mentions.setdefault(token.i, mention)
                self.ordered.append((mention.start, entity))
        self.ordered.sort(key=lambda pair: pair[0])

    def entity(self, token: Token) -> Entity | None:
        return self.by_token.get(token.i)

    def mention(self, token: Token) -> Mention | None:
        return self.mentions.get(token.i)

    def before(self, char: int, kind: str, count: int, exclude: set[str] = frozenset()) -> list[Entity]:
        """The last ``count`` distinct entities of ``kind`` ("any" for person or country) before ``char``."""
        found: list[Entity] = []
        for start, entity in reversed(self.ordered):
            if start >= char or party_of(entity).key in exclude:
                continue
            if kind == "any" and entity.kind not in {"person", "country"}:
                continue
            if kind != "any" and entity.kind != kind:
                continue
            if all(entity is not other for other in found):
                found.append(entity)
            if len(found) == count:
                break
        return list(reversed(found))


def party_of(entity: Entity) -> Party:
    return Party(entity.name, entity.code or entity.country, entity.actor_id or entity.name)


# --- noun phrases ---------------------------------------------------------------------


def core_tokens(head: Token, *, preps: bool = True) -> list[Token]:
    """The words that name what ``head`` stands for: its modifiers, not its clauses."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in CORE_DEPS or (preps and child.dep_ == "prep" and child.lower_ in CORE_PREPS):
            tokens.extend(_without_clauses(child))
    return sorted(tokens, key=lambda t: t.i)


def _without_clauses(token: Token) -> list[Token]:
    if token.dep_ in {"relcl", "acl", "punct", "appos", "advcl"}:
        return []
    return [token, *[t for child in token.children for t in _without_clauses(child)]]


def phrase_text(tokens: list[Token]) -> str:
    """Surface text of a phrase without a leading determiner or possessive pronoun."""
    while tokens and (tokens[0].dep_ == "det" or tokens[0].tag_ == "PRP$"):
        tokens = tokens[1:]
    return "".join(t.text_with_ws for t in tokens).strip()


def thing_text(token: Token | None) -> str | None:
    """The words of an object that is a thing, conjuncts included ("missile technology and food aid")."""
    if token is None:
        return None
    tokens = [token, *[c for c in token.conjuncts if c.i > token.i]]
    words = []
    for item in tokens:
        words.append(phrase_text(core_tokens(item, preps=False)))
    return " and ".join(w for w in words if w) or None


# --- arguments of a predicate ---------------------------------------------------------


def agent_token(verb: Token) -> tuple[Token | None, Token | None]:
    """(agent, patient) noun tokens of ``verb``: subject, or the passive's by-phrase and subject."""
    agent = patient = None
    for child in verb.children:
        if child.dep_ == "nsubj" and agent is None:
            agent = verb.head if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" else child
        elif child.dep_ == "nsubjpass" and patient is None:
            patient = verb.head if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" else child
    passive = patient is not None or any(c.dep_ == "auxpass" for c in verb.children)
    for child in verb.children:
        if child.dep_ == "agent" and (passive or agent is None):
            agent = next((c for c in child.children if c.dep_ == "pobj"), agent)
    if agent is None and patient is None:
        agent = _inherited_subject(verb)
    return agent, patient


OBJECT_CONTROL = {"urge", "ask", "invite", "order", "call", "press", "force", "allow", "tell", "persuade", "pressure"}


def _inherited_subject(verb: Token) -> Token | None:
    """The understood subject of an infinitive, conjunct or participle ("planning a trip to meet")."""
    head = verb.head
    if head.i == verb.i:
        return None
    if verb.dep_ in {"xcomp", "advcl", "conj", "ccomp"} and head.pos_ in {"VERB", "AUX", "ADJ"}:
        if verb.dep_ == "xcomp" and head.lemma_ in OBJECT_CONTROL:
            obj = next((c for c in head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
        if head.pos_ == "ADJ":  # "is willing to send": the adjective's verb has the subject
            head = head.head
        if head.i == verb.i:
            return None
        agent, patient = agent_token(head)
        raised = verb.dep_ == "xcomp" and patient is not None  # "Iran is expected to release ..."
        return agent or (patient if raised else None)
    if verb.dep_ == "pcomp" and head.dep_ == "prep":  # "resorted to throwing stones"
        owner = head.head
        if owner.pos_ not in {"VERB", "AUX"}:
            return None
        accused = next((c for c in owner.children if c.dep_ == "dobj"), None)
        if head.lower_ in {"of", "for"} and accused is not None:
            return accused  # "accused Russia of attacking civilians": Russia attacked
        return agent_token(owner)[0]
    if verb.dep_ in {"acl", "relcl"} and head.pos_ in {"NOUN", "PROPN"}:
        if verb.tag_ in {"VBN"}:
            return None  # "the deal signed by ...": the by-phrase, handled by the caller
        if verb.tag_ in {"VBD", "VBZ", "VBP"}:  # a finite verb parsed as a modifier: the noun phrase is its subject
            return _top_noun(head)
        owner = head.head
        if head.dep_ in {"dobj", "pobj"} and owner.pos_ in {"VERB", "AUX"}:
            return agent_token(owner)[0]
    return None


def _top_noun(token: Token) -> Token:
    """'Doctors from two aid groups' seen from 'groups': the phrase's head noun."""
    while token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.pos_ in {"NOUN", "PROPN"}:
        token = token.head.head
    return token


PREP_ROLES = {
    "with": "with", "to": "to", "into": "into", "over": "over", "for": "for", "against": "against", "on": "on",
    "upon": "on", "at": "at", "from": "from", "between": "between", "among": "between", "of": "of",
    "toward": "against", "towards": "against", "by": "by",
}


def prep_objects(token: Token) -> dict[str, list[Token]]:
    """Prepositional objects of ``token`` by role ("with" → [Putin])."""
    roles: dict[str, list[Token]] = {}
    for child in token.children:
        role = PREP_ROLES.get(child.lower_) if child.dep_ in {"prep", "agent", "dative"} else None
        if role is None:
            continue
        for pobj in child.children:
            if pobj.dep_ in {"pobj", "pcomp"}:
                roles.setdefault(role, []).append(pobj)
    return roles


def direct_object(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ in {"dobj", "attr", "oprd"}), None)


def dative(token: Token) -> Token | None:
    """'give Tanzania a grant': the first of two objects is the recipient."""
    for child in token.children:
        if child.dep_ == "dative" and child.pos_ in {"PROPN", "NOUN", "PRON"}:
            return child
    return None


def complement_subject(token: Token) -> Token | None:
    """'demanded that Hamas renounce ...' → Hamas."""
    for child in token.children:
        if child.dep_ in {"ccomp", "xcomp"}:
            for grandchild in child.children:
                if grandchild.dep_ in {"nsubj", "nsubjpass"}:
                    return grandchild
    return None


# --- clause chain and status ----------------------------------------------------------


def clause_chain(predicate: Token) -> list[Token]:
    """``predicate`` and its governors up to the clause that holds it.

    The climb stops at a relative clause: "which was the site of their meeting in 2019"
    keeps its own past tense even inside a sentence about next week.
    """
    chain = [predicate]
    token = predicate
    while token.head.i != token.i:
        if token.dep_ == "relcl" or (token.i != predicate.i and _has_relative_subject(token)):
            break
        if token.dep_ == "advcl" and _mark(token) in {"after", "before", "when", "while", "since", "because", "as"}:
            break
        token = token.head
        chain.append(token)
    return chain


def _has_relative_subject(token: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in RELATIVE_PRONOUNS and c.tag_.startswith("W")
               for c in token.children)


def _mark(token: Token) -> str | None:
    return next((c.lower_ for c in token.children if c.dep_ == "mark"), None)


def own_clause(chain: list[Token]) -> list[Token]:
    """The chain up to the first word that has its own subject or tense (the event's clause)."""
    for position, token in enumerate(chain):
        has_subject = any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in token.children)
        if has_subject or "Fin" in token.morph.get("VerbForm"):
            return chain[: position + 1]
    return chain


def decide_status(trigger: Token, predicate: Token, cues: dict) -> tuple[str, Token | None]:
    """(status, cue token): denied > proposed > planned > reported > happened."""
    chain = clause_chain(predicate)
    if predicate.i != trigger.i:
        chain = [trigger, *chain]
    local = own_clause(chain)
    found: dict[str, Token] = {}
    for token in chain:
        governor = token.i != trigger.i
        _cues_of(token, governor, token in local, cues, found, chain)
    for status in ("denied", "proposed", "planned", "reported"):
        if status in found:
            return status, found[status]
    return "happened", None


def _cues_of(token: Token, governor: bool, local: bool, cues: dict, found: dict, chain: list[Token]) -> None:
    lemma = token.lemma_.lower()
    if governor:
        for status, key in (("planned", "planned_verbs"), ("proposed", "proposed_verbs"),
                            ("reported", "reported_verbs"), ("denied", "denied_verbs")):
            if lemma in cues[key] and token.pos_ in {"VERB", "AUX", "ADJ", "NOUN"}:
                found.setdefault(status, token)
        if lemma == "be" and any(c.dep_ == "xcomp" and c in chain for c in token.children):
            found.setdefault("planned", token)  # "Kim and Putin are to meet"
        if lemma == "go" and token.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in token.children):
            found.setdefault("planned", token)  # "is going to meet"
    if token.dep_ == "advcl" and _mark(token) in {"if", "unless"}:
        found.setdefault("proposed", token)
    for child in token.children:
        _child_cue(child, local, cues, found, chain)


def _child_cue(child: Token, local: bool, cues: dict, found: dict, chain: list[Token]) -> None:
    word = child.lower_
    if child.dep_ == "neg" and local:
        found.setdefault("denied", child)
    elif local and child.dep_ in {"dobj", "nsubj"} and _nobody(child):
        found.setdefault("denied", child)  # "threatens no one", "nobody attacked"
    elif child.dep_ == "aux" and child.tag_ == "MD":
        if word in cues["planned_modals"]:
            found.setdefault("planned", child)
        elif word == "would" and _after_speech(chain, cues):
            found.setdefault("planned", child)  # "said it would allow": reported future
        elif word in cues["proposed_modals"]:
            found.setdefault("proposed", child)
    elif child.dep_ == "advmod" and word in cues["reported_adverbs"]:
        found.setdefault("reported", child)
    elif child.dep_ == "prep" and child.lemma_.lower() in cues["reported_preps"]:
        found.setdefault("reported", child)
    elif child.dep_ == "amod" and word in cues["planned_adjectives"]:
        found.setdefault("planned", child)
    elif child.dep_ == "amod" and word in cues["proposed_adjectives"]:
        found.setdefault("proposed", child)
    elif child.dep_ == "prep" and _phrase_from(child) in cues["proposed_phrases"]:
        found.setdefault("proposed", child)


def _nobody(token: Token) -> bool:
    if token.lower_ in {"nobody", "nothing", "none"}:
        return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)


def _after_speech(chain: list[Token], cues: dict) -> bool:
    return any(t.lemma_.lower() in cues["speech_verbs"] for t in chain[1:])


def _phrase_from(prep: Token) -> str:
    return " ".join(t.lower_ for t in prep.subtree)


# --- place, date, mode ----------------------------------------------------------------


def find_place(tokens: list[Token], index: MentionIndex) -> tuple[str | None, str | None]:
    """The first in/at place attached to the trigger or its governors: (name, country code).

    A relative clause about a place carries it too: "Vladivostok, which was the site of
    their first meeting" and "Vladivostok, where they met".
    """
    for token in tokens:
        for child in token.children:
            if child.dep_ != "prep" or child.lower_ not in {"in", "at", "inside"}:
                continue
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found = _place_entity(pobj, index)
                if found is not None:
                    return found
    return _relative_place(tokens[-1], index) if tokens else (None, None)


def _place_name(entity: Entity, token: Token, index: MentionIndex) -> tuple[str, str | None]:
    """A place as written ("Berlin", not the country it stands for), with its country code.

    Abbreviations ("U.S.") give way to the canonical name.
    """
    mention = index.mention(token)
    text = mention.text if mention is not None else entity.name
    if text.isupper() or "." in text or len(text) <= 3:
        text = entity.name
    return text, entity.code or entity.country


def _relative_place(top: Token, index: MentionIndex) -> tuple[str | None, str | None]:
    relative = next((c for c in top.children if c.lower_ in {"which", "where"} and c.tag_.startswith("W")), None)
    if relative is None:
        return None, None
    for token in reversed(list(top.doc[top.sent.start:relative.i])):
        entity = index.entity(token)
        if entity is not None:
            return _place_name(entity, token, index) if _is_place(entity) else (None, None)
    return None, None


def _place_entity(token: Token, index: MentionIndex) -> tuple[str, str | None] | None:
    """The place a phrase names: its head, then what follows ("the city of X"), then modifiers."""
    core = core_tokens(token)
    for candidate in [token, *[t for t in core if t.i > token.i], *[t for t in core if t.i < token.i]]:
        entity = index.entity(candidate)
        if entity is not None and _is_place(entity):
            return _place_name(entity, candidate, index)
    return None


def _is_place(entity: Entity) -> bool:
    return entity.kind in {"place", "country"} or any(m.label in PLACE_LABELS for m in entity.mentions)


def find_date(sentence: Span, trigger: Token, chain: list[Token], times: list[TimeExpression],
              other_triggers: set[int]) -> TimeExpression | None:
    """The sentence's time expression nearest the trigger among those that belong to its clause.

    A time belongs when climbing the parse from it reaches the trigger or its own clause
    without passing another event's trigger: "the meeting in April 2019" dates the meeting,
    not the summit expected next week in the same sentence.
    """
    members = {t.i for t in own_clause(chain)}
    best = None
    for time in times:
        if not (sentence.start_char <= time.start and time.end <= sentence.end_char):
            continue
        if time.kind not in DATE_KINDS or not time.value or time.granularity in {"duration", "set", "unknown"}:
            continue
        span = sentence.doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is None or not _reaches(span.root, members, other_triggers - {trigger.i}):
            continue
        if best is None or abs(time.start - trigger.idx) < abs(best.start - trigger.idx):
            best = time
    return best


def _reaches(token: Token, members: set[int], blocked: set[int]) -> bool:
    while True:
        if token.i in members:
            return True
        if token.i in blocked or token.head.i == token.i:
            return False
        token = token.head


def mode_from_words(words: list[str], table: dict[str, list[str]]) -> str | None:
    """The first mode of ``table`` one of whose cue words (or word pairs) is in ``words``."""
    joined = " " + " ".join(words) + " "
    for mode, cues in table.items():
        if any(f" {cue} " in joined for cue in cues):
            return mode
    return None


def lemmas(tokens) -> list[str]:
    return [t.lemma_.lower() for t in tokens]

"""Who does what to whom: actors from noun phrases, and the source and recipient of an event.

Arguments are the subject, object and prepositional objects of the trigger (or of the
verb that carries an event noun), turned into actors through ``Article.entities``;
pronouns and "the two leaders" are resolved against the actors named before them.
Which argument is the source and which the recipient follows PLOVER's rules per category.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from crosswire.document import Entity
from crosswire.read import eventrules as rules
from crosswire.read.eventrules import (
    RELATIVE_PRONOUNS,
    Lexicon,
    MentionIndex,
    Party,
    Trigger,
    agent_token,
    core_tokens,
    party_of,
    phrase_text,
)

PERSON_PRONOUNS = {"he", "him", "his", "she", "her"}
PRONOUNS = PERSON_PRONOUNS | {"it", "its", "they", "them", "their", "we", "our"}
GROUP_NOUNS = {"leader": "person", "man": "person", "president": "person", "side": "country", "country": "country",
               "nation": "country", "neighbor": "country", "neighbour": "country", "government": "country"}
NOT_ACTORS = {"event"}  # "the Eastern Economic Forum" is an occasion, not a party
CONFLICT_QUADS = {"verbal conflict", "material conflict"}
SYMMETRIC_CONSULT = {None, "meet", "phone"}
SUPPLY = {"AID", "COOPERATE"}
BENEFACTIVE_VERBS = {"replenish", "bolster", "boost", "arm", "equip", "supply", "strengthen", "restock", "resupply",
                     "help", "feed", "aid", "support"}
PLACE_RECIPIENTS = {"CONCEDE", "COERCE", "MOBILIZE", "THREATEN", "PROTEST"}


# --- noun phrases to actors -----------------------------------------------------------


def parties(head: Token | None, index: MentionIndex, *, strict: bool = False) -> list[Party]:
    """Actors named by the noun phrase at ``head`` and its conjuncts ("Kim and Putin").

    ``strict`` accepts only a phrase whose head word is an entity, for slots where a
    modifier's country would mislead ("arms for the war in Ukraine").
    """
    if head is None:
        return []
    found: list[Party] = []
    for token in [head, *[c for c in head.conjuncts if c.i > head.i]]:
        for party in _parties_of(token, index, strict):
            if all(party.key != other.key for other in found):
                found.append(party)
    return found


def _parties_of(token: Token, index: MentionIndex, strict: bool) -> list[Party]:
    entity = index.entity(token)
    if entity is not None:
        if entity.kind in NOT_ACTORS:
            return []
        party = party_of(entity)
        if party.code is None:  # "Esfahan Uranium Conversion Facilities in central Iran"
            where = [e for e in _named(core_tokens(token), token, index) if e.code and e.kind == "country"]
            party = Party(party.name, where[0].code, party.key) if where else party
        return [party]
    if token.lower_ in PRONOUNS:
        return _pronoun(token, index)
    group = _group_anaphor(token, index)
    if group or strict:
        return group
    core = core_tokens(token)
    named = _named(core, token, index)
    owner = next((c for c in token.children if c.dep_ == "poss" and c.lower_ in PRONOUNS), None)
    if not named and owner is not None and token.dep_ in {"nsubj", "nsubjpass"}:
        return _pronoun(owner, index)  # "their forces had completed ..." → whoever "their" is
    if not named:  # "refugees fleeing the civil war in Liberia": the country of a participle's words
        clauses = [t for c in token.children if c.dep_ == "acl" and c.tag_ == "VBG" for t in c.subtree]
        named = [e for e in _named(clauses, token, index) if e.code or e.country][:1]
    if not named:
        return []
    name = phrase_text(core)
    modifiers = [e for e in named if e.code or e.country]
    if len({e.code or e.country for e in modifiers}) > 1 and _coordinated(token, index):
        named_pairs = _modifier_names(token, index)
        return [Party(f"{m} {token.text}", e.code or e.country, f"{m} {token.text}") for m, e in named_pairs]
    coded = modifiers[0] if modifiers else None
    return [Party(name, (coded.code or coded.country) if coded else None, name)]


def _named(tokens: list[Token], head: Token, index: MentionIndex) -> list[Entity]:
    found: list[Entity] = []
    for token in tokens:
        entity = index.entity(token)
        if token.i != head.i and entity is not None and entity.kind not in NOT_ACTORS and entity not in found:
            found.append(entity)
    return found


def _coordinated(head: Token, index: MentionIndex) -> bool:
    """'French and Egyptian warships': two coordinated national modifiers make two actors."""
    return any(c.dep_ == "amod" and index.entity(c) is not None and any(index.entity(k) for k in c.conjuncts)
               for c in head.children)


def _modifier_names(head: Token, index: MentionIndex) -> list[tuple[str, Entity]]:
    first = next(c for c in head.children if c.dep_ == "amod" and index.entity(c) is not None)
    return [(t.text, index.entity(t)) for t in [first, *first.conjuncts] if index.entity(t) is not None]


def _pronoun(token: Token, index: MentionIndex) -> list[Party]:
    """'Switzerland said it had expelled ...': a pronoun in reported speech is the speaker.

    A possessive refers to its clause's subject ("Serbia must withdraw its police").
    Otherwise he/she is the last person named before it (not the clause's own subject).
    """
    if token.dep_ == "poss":
        verb = token.head
        while verb.head.i != verb.i and verb.pos_ not in {"VERB", "AUX"}:
            verb = verb.head
        subject = agent_token(verb)[0]
        if subject is not None and token not in list(subject.subtree):
            found = _parties_of(subject, index, False)
            if found:
                return found
    clause = token.head
    while clause.head.i != clause.i and clause.dep_ not in {"ccomp", "xcomp"}:
        clause = clause.head
    if clause.dep_ == "ccomp":
        speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        if speaker is not None and speaker.lower_ not in PRONOUNS:
            found = _parties_of(speaker, index, False)
            if found:
                return found
    if token.lower_ in PERSON_PRONOUNS:
        people = index.before(token.idx, "person", 1, exclude=_clause_subject_keys(token, index))
        return [party_of(e) for e in people]
    return []


def _group_anaphor(token: Token, index: MentionIndex) -> list[Party]:
    """'the two leaders', 'both sides' → the last two people (or countries) mentioned before."""
    kind = GROUP_NOUNS.get(token.lemma_.lower())
    if kind is None or token.tag_ not in {"NNS", "NNPS"}:
        return []
    counted = any(c.lower_ in {"two", "both"} for c in token.children)
    if not counted:
        return []
    pair = index.before(token.idx, kind, 2)
    return [party_of(e) for e in pair] if len(pair) == 2 else []


def _clause_subject_keys(pronoun: Token, index: MentionIndex) -> set[str]:
    """'Putin, who will discuss with him' — 'him' is not Putin: skip the clause's own subject."""
    verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
    for child in verb.children:
        if child.dep_ == "nsubj":
            target = verb.head if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" else child
            entity = index.entity(target)
            if entity is not None:
                return {party_of(entity).key}
    return set()


# --- roles of a trigger ---------------------------------------------------------------


@dataclass
class Roles:
    """What the parse says about a trigger's participants, before PLOVER's rules assign them."""

    agents: list[Party] = field(default_factory=list)
    targets: list[Party] = field(default_factory=list)
    partners: list[Party] = field(default_factory=list)  # "with X", "between X and Y"
    what: Token | None = None
    obj_place: Party | None = None
    benefactive: bool = False  # the recipient was read from what the deal does for it
    agent_text: str | None = None  # a subject that names no known actor ("Prisoners")


def roles_of(trigger: Trigger, index: MentionIndex, lex: Lexicon) -> Roles:
    """Subject, objects and prepositional objects of a trigger (or of the noun's own modifiers)."""
    token = trigger.token
    roles = Roles()
    if trigger.nominal:
        _nominal_roles(trigger, index, roles, lex)
        return roles
    agent, patient = rules.agent_token(trigger.predicate)
    if agent is None and patient is not None and trigger.obj is not None and trigger.obj.dep_ == "pobj":
        agent, patient = patient, None  # "were engaged in ethnic cleansing": adjectival, not passive
    roles.agents = parties(agent, index)
    if agent is not None and not roles.agents and agent.pos_ in {"NOUN", "PROPN"}:
        roles.agent_text = rules.phrase_text(rules.core_tokens(agent))
    roles.targets = parties(patient, index)
    obj = rules.direct_object(token) if trigger.obj is None else None
    recipient = _compound_recipient(obj, index) if trigger.category in SUPPLY else None
    if recipient is not None:  # "will send Sarvania grain", parsed as one noun phrase
        roles.targets.append(party_of(recipient))
    obj_parties = parties(obj, index) if recipient is None else []
    if trigger.obj is not None and trigger.obj.lemma_.lower() not in lex.nouns:
        roles.targets += parties(trigger.obj, index)  # "expelled two Russian diplomats"
    if obj_parties:
        roles.targets += obj_parties
        visited = index.entity(obj)
        roles.obj_place = obj_parties[0] if visited is not None and visited.kind == "place" else None
    else:
        roles.what = obj if obj is not None else trigger.obj
    roles.targets += parties(rules.dative(token), index)
    preps = rules.prep_objects(token)
    carrier = trigger.obj if trigger.obj is not None else (obj if not obj_parties else None)
    if carrier is not None:  # "imposed sanctions on X", "delivered goods to X", "prohibit aid to X"
        for role, tokens in rules.prep_objects(carrier).items():
            if role in {"to", "against", "on", "with", "between"} or trigger.obj is not None:
                preps.setdefault(role, []).extend(tokens)
    _prep_roles(preps, index, roles, trigger.category, lex)
    return roles


def _compound_recipient(obj: Token | None, index: MentionIndex) -> Entity | None:
    """'send Sarvania grain': a country glued to the thing sent is its recipient."""
    if obj is None or index.entity(obj) is not None:
        return None
    for child in obj.children:
        entity = index.entity(child)
        if child.dep_ == "compound" and entity is not None and entity.kind in {"country", "person"}:
            return entity
    return None


def _nominal_roles(trigger: Trigger, index: MentionIndex, roles: Roles, lex: Lexicon) -> None:
    """'the two leaders' meeting', 'a Putin-Kim summit', 'held talks with X', 'a deal between X and Y'."""
    token = trigger.token
    for child in token.children:
        if child.dep_ == "poss":
            roles.agents += parties(child, index)
        elif child.dep_ in {"compound", "amod", "nmod"}:  # "a Putin-Kim summit", but not a place's name
            roles.agents += [party_of(e) for t in child.subtree
                             if (e := index.entity(t)) is not None and e.kind not in {"place", *NOT_ACTORS}]
    predicate = trigger.predicate
    carried = _object_of(token, predicate) and predicate.lemma_.lower() in lex.light_verbs
    joined = _purpose_of(token, predicate) and predicate.lemma_.lower() in lex.join_verbs
    if (carried or joined) and not roles.agents:  # "held talks", "launched war games", "gathered for a rally"
        agent, _ = rules.agent_token(predicate)
        roles.agents = parties(agent, index)
        roles.partners += [p for t in rules.prep_objects(predicate).get("with", []) for p in parties(t, index)]
    compounds = [c for c in token.children if c.dep_ == "compound" and index.entity(c) is None]
    roles.what = compounds[0] if compounds and trigger.category in SUPPLY else None
    _prep_roles(rules.prep_objects(token), index, roles, trigger.category, lex)
    if trigger.category in SUPPLY and not roles.targets:
        roles.targets = _benefactive(token, index)
        roles.benefactive = bool(roles.targets)
    _dedupe(roles)


def _benefactive(token: Token, index: MentionIndex) -> list[Party]:
    """'a munitions deal that might replenish Moscow's stockpile' → Moscow receives."""
    for clause in (c for c in token.children if c.dep_ in {"relcl", "acl"}):
        if clause.lemma_.lower() not in BENEFACTIVE_VERBS:
            continue
        obj = rules.direct_object(clause)
        if obj is None:
            continue
        owner = next((c for c in obj.children if c.dep_ == "poss"), None)
        return parties(owner, index, strict=True) or parties(obj, index, strict=True)
    return []


def _purpose_of(token: Token, predicate: Token) -> bool:
    """'converging for a rally', 'took part in the talks'."""
    return token.dep_ == "pobj" and token.head.lower_ in {"for", "in", "into"} and token.head.head.i == predicate.i


def _object_of(token: Token, predicate: Token) -> bool:
    """Whether ``token`` is the predicate's object, directly or as the 'of' inside it."""
    while token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ in {"NOUN", "NUM"}:
        token = token.head.head
    return token.dep_ in {"dobj", "nsubjpass"} and token.head.i == predicate.i


def _prep_roles(
    preps: dict[str, list[Token]], index: MentionIndex, roles: Roles, category: str, lex: Lexicon
) -> None:
    """Prepositional objects as partners, recipients or agents, as the category reads them."""
    material_conflict = lex.quad.get(category) == "material conflict"
    recipient_roles = {"to", "against"} | ({"of", "on", "into"} if material_conflict else set())
    recipient_roles |= {"on"} if category == "CONCEDE" else set()
    recipient_roles |= {"from"} if category in {"COERCE", "RETREAT"} else set()
    recipient_roles |= {"at", "over"} if category in {"PROTEST", "DISAPPROVE"} else set()
    for role, tokens in preps.items():
        for token in tokens:
            if role in {"with", "between"}:
                roles.partners += parties(token, index)
            elif role == "to" and category in {"AGREE", "CONSULT"} and roles.targets:
                continue  # "invited Kim to Russia": a destination, not a second recipient
            elif role in recipient_roles:
                found = parties(token, index)
                if not found and role == "to" and category in SUPPLY and token.pos_ == "NOUN":
                    text = rules.phrase_text(rules.core_tokens(token))  # "asylum to five army officers"
                    found = [Party(text, None, text)]
                roles.targets += found
            elif role == "for" and category in SUPPLY:
                roles.targets += parties(token, index, strict=True)
            elif role == "by" and not roles.agents:
                roles.agents += parties(token, index)
            elif role == "from" and category in SUPPLY and not roles.agents:
                roles.agents += parties(token, index, strict=True)


def _dedupe(roles: Roles) -> None:
    seen: set[str] = set()
    for name in ("agents", "partners", "targets"):
        kept = []
        for party in getattr(roles, name):
            if party.key not in seen:
                seen.add(party.key)
                kept.append(party)
        setattr(roles, name, kept)


# --- source and recipient -------------------------------------------------------------


def assign(category: str, mode: str | None, roles: Roles) -> tuple[list[Party], list[Party]]:
    """Who is source and who is recipient, per PLOVER's rules for the category."""
    if category == "CONSULT" and mode in SYMMETRIC_CONSULT:
        return _unique(roles.agents + roles.partners + roles.targets), []  # all participants are sources
    if category in {"COOPERATE", "FIGHT"} and not roles.targets:
        if not roles.agents:  # "a deal between Russia and North Korea": both sides act
            return _unique(roles.partners), []
        return _unique(roles.agents), _unique(roles.partners)
    if roles.benefactive:  # the deal's other parties supply the one it benefits
        codes = {p.code for p in roles.targets} | {p.key for p in roles.targets}
        givers = [p for p in roles.agents + roles.partners if p.code not in codes and p.key not in codes]
        return _unique(givers), _unique(roles.targets)
    source = _unique(roles.agents)
    keys = {p.key for p in source}
    targets = roles.targets or roles.partners  # "mediation between Syria and Arafat", "sanctions among ..."
    return source, [p for p in _unique(targets) if p.key not in keys]


def _unique(items: list[Party]) -> list[Party]:
    seen: set[str] = set()
    return [p for p in items if not (p.key in seen or seen.add(p.key))]


def codable(category: str, source: list[Party], target: list[Party], lex: Lexicon) -> bool:
    """PLOVER codes an event only with a source, some categories only with a recipient."""
    if not source:
        return False
    if category == "CONSULT":
        return len(source) + len(target) >= 2
    if category in lex.needs_recipient:
        return bool(target) or len(source) >= 2
    return True


def object_clauses(trigger: Trigger) -> list[Token]:
    """The object and the clauses on it: "the curfew imposed in Sudan" places the easing."""
    obj = trigger.obj if trigger.obj is not None else rules.direct_object(trigger.token)
    if obj is None:
        return []
    return [obj, *[c for c in obj.children if c.dep_ in {"acl", "relcl"}]]


def fallback_targets(
    trigger: Trigger, category: str, place: tuple[str | None, str | None], index: MentionIndex, lex: Lexicon
) -> list[Party]:
    """A recipient named elsewhere in the clause, in PLOVER coders' order of preference.

    1. the subject of the complement: "demanded that Hamas renounce ..."
    2. a purpose clause: "began a hunger strike to protest against Sweden's decision"
    3. for restrictions, concessions and shows of force, the place: "a curfew in Algiers"
    """
    token = trigger.token
    if not trigger.nominal and lex.quad[category] in {"verbal conflict", "verbal cooperation"}:
        found = parties(rules.complement_subject(token), index)
        if found:
            return found
    for clause in (c for c in trigger.predicate.children if c.dep_ in {"advcl", "xcomp"}):
        if any(a.lower_ == "to" for a in clause.children if a.dep_ == "aux"):
            found = parties(rules.direct_object(clause), index)
            purpose = Roles()
            _prep_roles(rules.prep_objects(clause), index, purpose, category, lex)
            if found or purpose.targets:
                return found or purpose.targets
    name, code = place
    if category in PLACE_RECIPIENTS and name is not None:
        return [Party(name, code, name)]
    return []


def domestic(
    category: str, source: list[Party], roles: Roles, place: tuple[str | None, str | None], lex: Lexicon
) -> list[Party]:
    """Unnamed perpetrators of violence or protest belong to where it happened.

    "Prisoners rioted at a jail in Dili" and "was arrested in Lebanon": event coders give
    such actors the country of the place, as PLOVER's gold records do.
    """
    name, code = place
    if lex.quad[category] != "material conflict" or code is None or source:
        return source
    return [Party(roles.agent_text or name, code, roles.agent_text or name)]

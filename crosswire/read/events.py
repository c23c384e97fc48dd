"""PLOVER-coded events, sentence by sentence: actor → action → recipient, with place, date and status.

A trigger is a verb ("visited"), a verb with its particle or object ("blew up", "imposed
sanctions") or an event noun ("the summit", "a munitions deal") listed in
``crosswire/data/plover.yaml``. Its arguments come from the dependency parse already made
for the article (subject, object, prepositional objects), turned into actors through the
article's linked entities. Verbs of intent and refusal ("agreed to", "threatened to",
"refused to") take the event they govern as their content, so "refused to meet" is one
REJECT, not a REJECT and a meeting. Who is source and recipient is decided in
``crosswire.read.eventroles``; status, place, date and the lexicon in ``crosswire.read.eventrules``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from crosswire.document import Article, Event
from crosswire.read import eventroles as who
from crosswire.read import eventrules as rules
from crosswire.read.eventrules import Lexicon, MentionIndex, Party, Trigger, lexicon

EXCHANGE_NOUNS = {"exchange", "return"}
GENERIC_HEADS = {"effort", "mission", "initiative", "bid", "campaign", "operation", "process", "programme", "program"}


# --- the public interface -------------------------------------------------------------


def find_events(article: Article, doc: Doc) -> list[Event]:
    """The events of every sentence of ``article`` (``doc`` is its spaCy parse)."""
    lex = lexicon()
    index = MentionIndex(article, doc)
    events: list[Event] = []
    for sentence in doc.sents:
        triggers = _triggers(sentence, lex)
        _absorb(triggers, lex)
        trigger_ids = {t.token.i for t in triggers}
        for trigger in triggers:
            if not trigger.absorbed:
                events.extend(_events_for(trigger, sentence, article, index, lex, events, trigger_ids))
    return events


def plover_category(event: Event) -> str:
    """The category PLOVER itself would record: intentions are verbal.

    PLOVER reads cooperative actions reported in the future as AGREE, and planned or
    proposed conflict actions as THREATEN; crosswire keeps the action and its status
    instead, and this maps back for PLOVER exports and comparisons.
    """
    if event.status in {"planned", "proposed"}:
        if event.quad_class == "material cooperation" or event.category in {"SUPPORT", "CONCEDE"}:
            return "AGREE"
        if event.quad_class == "material conflict":
            return "THREATEN"
    return event.category


def plover_mode(event: Event) -> str | None:
    """The mode that goes with ``plover_category``: what kind of act is threatened, say."""
    category = plover_category(event)
    if category == event.category:
        return event.mode
    return _threat_mode(event.category, event.mode, lexicon()) if category == "THREATEN" else None


# --- triggers -------------------------------------------------------------------------


def _triggers(sentence: Span, lex: Lexicon) -> list[Trigger]:
    consumed: set[int] = set()
    found = [t for token in sentence if _verbal(token, lex) and (t := _verb_trigger(token, lex, consumed))]
    found += [t for token in sentence if token.i not in consumed and not _verbal(token, lex)
              and (t := _noun_trigger(token, lex))]
    found += [t for token in sentence if (t := _special_trigger(token, lex))]
    return sorted(found, key=lambda t: t.token.i)


def _verbal(token: Token, lex: Lexicon) -> bool:
    if token.pos_ != "VERB" or token.dep_ in {"amod", "compound", "nmod"}:
        return False
    nominal_gerund = token.tag_ == "VBG" and token.dep_ in {"pobj", "dobj", "nsubj", "nsubjpass"} and not any(
        c.dep_ == "dobj" for c in token.children) and token.lower_ in lex.nouns
    return not nominal_gerund


def _verb_trigger(token: Token, lex: Lexicon, consumed: set[int]) -> Trigger | None:
    lemma = token.lemma_.lower()
    particle = next((c for c in token.children if c.dep_ == "prt"), None)
    if particle is not None and (entry := lex.particle_verbs.get(f"{lemma} {particle.lower_}")):
        consumed.add(particle.i)
        return Trigger(token, *entry, predicate=token)
    for obj in _phrase_objects(token):
        # the object, its conjuncts and its compounds: "launched a mediation effort"
        words = [obj, *obj.conjuncts, *[c for c in obj.children if c.dep_ == "compound"]]
        for word in words:
            if entry := lex.verb_objects.get(f"{lemma} {word.lemma_.lower()}"):
                consumed.update({obj.i, word.i})
                return Trigger(token, *entry, predicate=token, obj=obj)
    if lemma in lex.intent_verbs:
        category = lex.verbs.get(lemma, (lex.intent_verbs[lemma], None))[0]
        return Trigger(token, category, None, predicate=token, intent=True, standalone=lemma in lex.verbs)
    if lemma in lex.verbs and not (lemma in lex.transitive_only and not _has_object(token)):
        return Trigger(token, *lex.verbs[lemma], predicate=token)
    return None


def _has_object(token: Token) -> bool:
    """'returned prisoners' is an event, 'returned home' is not."""
    return any(c.dep_ in {"dobj", "nsubjpass", "dative"} for c in token.children)


def _phrase_objects(token: Token) -> list[Token]:
    objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass", "attr", "oprd"}]
    for prep in (c for c in token.children if c.dep_ == "prep"):
        objects += [c for c in prep.children if c.dep_ == "pobj"]
    for xcomp in (c for c in token.children if c.dep_ == "xcomp"):  # "failed to reach agreement"
        objects += [c for c in xcomp.children if c.dep_ == "dobj"]
    return objects


def _noun_trigger(token: Token, lex: Lexicon) -> Trigger | None:
    if token.pos_ not in {"NOUN", "PROPN", "VERB"} or token.dep_ == "compound":
        return None
    for form, first in _noun_forms(token):
        if entry := lex.nouns.get(form):
            return Trigger(token, *entry, predicate=_nominal_predicate(token, lex), nominal=True, first=first)
    if token.lemma_.lower() in GENERIC_HEADS:  # "a mediation effort", "a peace mission"
        for child in (c for c in token.children if c.dep_ == "compound"):
            if entry := lex.nouns.get(child.lemma_.lower()):
                return Trigger(token, *entry, predicate=_nominal_predicate(token, lex), nominal=True)
    return None


def _noun_forms(token: Token) -> list[tuple[str, int]]:
    """('tête-à-tête', first token), ('hunger strike', ...), then the lemma: the longest form first."""
    left = [c for c in token.lefts if c.dep_ in {"compound", "amod", "punct"} and c.tag_ != "PRP$"]
    forms = []
    if left:
        start = min(t.i for c in left for t in c.subtree)
        spaced = " " if token.doc[token.i - 1].whitespace_ else ""
        forms.append((token.doc[start:token.i].text.lower() + spaced + token.lemma_.lower(), start))
        forms.append((token.doc[start:token.i + 1].text.lower(), start))
    forms += [(f"{c.lower_} {token.lemma_.lower()}", c.i) for c in left if c.i == token.i - 1]
    return [*forms, (token.lemma_.lower(), token.i), (token.lower_, token.i)]


def _nominal_predicate(token: Token, lex: Lexicon) -> Token:
    """Where a noun's event gets its tense: the verb it is the subject or object of."""
    head = token.head
    if token.dep_ in {"nsubj", "nsubjpass"}:
        if head.lemma_.lower() in lex.occurrence_verbs:
            return head  # "the meeting took place"
        for xcomp in (c for c in head.children if c.dep_ == "xcomp"):
            if xcomp.lemma_.lower() in lex.occurrence_verbs:
                return xcomp  # "the tête-à-tête is expected to take place"
    for child in token.children:
        if child.dep_ == "relcl" and child.lemma_.lower() in lex.occurrence_verbs:
            return child  # "a summit, which could happen as early as ..."
    ancestor = token
    while ancestor.head.i != ancestor.i and ancestor.pos_ not in {"VERB", "AUX"}:
        ancestor = ancestor.head
    return ancestor if ancestor.pos_ in {"VERB", "AUX"} else token


def _special_trigger(token: Token, lex: Lexicon) -> Trigger | None:
    """'is willing to send' (AGREE) and 'declared that China must ...' (DEMAND)."""
    lemma = token.lemma_.lower()
    if token.pos_ == "ADJ" and lemma in lex.intent_adjectives and any(c.dep_ == "xcomp" for c in token.children):
        predicate = token.head if token.dep_ == "acomp" else token
        return Trigger(token, lex.intent_adjectives[lemma], None, predicate=predicate, intent=True, standalone=False)
    if lemma in lex.demand_speech and lemma not in lex.verbs:
        for child in token.children:
            if child.dep_ in {"ccomp", "acl"} and any(a.lower_ == "must" for a in child.children if a.dep_ == "aux"):
                return Trigger(token, "DEMAND", None, predicate=token, intent=True)
    return None


def _absorb(triggers: list[Trigger], lex: Lexicon) -> None:
    """Intent verbs take the event they govern as their content ("agreed to provide aid")."""
    for trigger in triggers:
        if not trigger.intent:
            continue
        complements = [c for c in trigger.token.children if c.dep_ in {"xcomp", "ccomp", "acl"}]
        if any(c.lemma_.lower() in lex.no_comment for c in complements):
            trigger.absorbed = True  # "declined to comment": PLOVER codes no comments
            continue
        inside = [other for other in triggers if other is not trigger and not other.absorbed
                  and any(_within(other.token, c) for c in complements)]
        if inside:
            trigger.absorbed_all = sorted(inside, key=lambda t: _depth(t.token))
            trigger.inner = trigger.absorbed_all[0]
            for other in inside:
                other.absorbed = True
        elif not trigger.standalone:
            trigger.absorbed = True  # "urged", "failed", "willing" code nothing on their own


def _within(token: Token, top: Token) -> bool:
    while token.head.i != token.i:
        if token.i == top.i:
            return True
        if token.dep_ == "relcl":
            return False
        token = token.head
    return token.i == top.i


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


# --- from trigger to events -----------------------------------------------------------


def _events_for(trigger: Trigger, sentence: Span, article: Article, index: MentionIndex, lex: Lexicon,
                earlier: list[Event], trigger_ids: set[int]) -> list[Event]:
    roles = who.roles_of(trigger, index, lex)
    category, mode = trigger.category, trigger.mode
    if trigger.inner is not None:
        category, mode, roles = _with_inner(trigger, roles, index, lex)
    unnamed = not (roles.agents or roles.partners or roles.targets)
    occurs = trigger.predicate.lemma_.lower() in lex.occurrence_verbs
    if unnamed and trigger.nominal and category == "CONSULT" and occurs:
        roles.agents = _last_meeting(trigger, earlier)  # "the tête-à-tête is expected to take place ..."
    category, mode = _refine(category, mode, trigger, roles, lex)
    chain = [trigger.token, *rules.clause_chain(trigger.predicate)]
    place = rules.find_place(chain + who.object_clauses(trigger), index)
    if roles.obj_place is not None:  # "visit Vladivostok": the place visited
        place = roles.obj_place.name, roles.obj_place.code
    if not roles.targets and category != "CONSULT":
        roles.targets = who.fallback_targets(trigger, category, place, index, lex)
    source, target = who.assign(category, mode, roles)
    source = who.domestic(category, source, roles, place, lex)
    if not who.codable(category, source, target, lex):
        return []
    event = _event(trigger, sentence, article, lex, category, mode, source, target, roles, chain, place, trigger_ids)
    return [event, *_exchange(trigger, event, lex)]


def _with_inner(
    trigger: Trigger, roles: who.Roles, index: MentionIndex, lex: Lexicon
) -> tuple[str, str | None, who.Roles]:
    """An intent verb's event: its own actor, the inner event's recipient and thing."""
    inner = trigger.inner
    inner_roles = who.roles_of(inner, index, lex)
    category, mode = trigger.category, None
    inner_category, _ = _refine(inner.category, inner.mode, inner, inner_roles, lex)
    inner_conflict = lex.quad.get(inner_category) in who.CONFLICT_QUADS
    if category == "AGREE" and inner_conflict:
        category = "THREATEN"  # "is prepared to impose martial law"
    if category == "THREATEN":
        mode = _threat_mode(inner.category, inner.mode, lex)
    if not roles.targets:
        roles.targets = inner_roles.targets or inner_roles.partners
    for other in trigger.absorbed_all[1:]:  # "willing to send material to help defend Saudi Arabia"
        if roles.targets:
            break
        roles.targets = who.roles_of(other, index, lex).targets
    for governor in (trigger.token, inner.token):  # "refused to allow UN planes to land"
        if not roles.targets:
            roles.targets = who.parties(rules.complement_subject(governor), index)
    roles.what = roles.what or inner_roles.what
    if not roles.agents:
        roles.agents = inner_roles.agents
    return category, mode, roles


def _threat_mode(category: str, mode: str | None, lex: Lexicon) -> str | None:
    """THREATEN's mode from the act threatened: "to attack" → violence, "to cut ties" → relations."""
    if mode in lex.threat_modes:
        return mode
    return {"ASSAULT": "violence", "FIGHT": "violence", "MOBILIZE": "violence", "SANCTION": "relations",
            "COERCE": "restrict", "PROTEST": "restrict"}.get(category)


def _last_meeting(trigger: Trigger, earlier: list[Event]) -> list[Party]:
    """A definite meeting noun with no actors of its own is the last meeting talked about."""
    if not any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in trigger.token.children):
        return []
    for event in reversed(earlier):
        if event.category == "CONSULT":
            names = event.source + event.target
            codes = event.source_codes + event.target_codes
            return [Party(n, c, n) for n, c in zip(names, codes)]
    return []


def _refine(
    category: str, mode: str | None, trigger: Trigger, roles: who.Roles, lex: Lexicon
) -> tuple[str, str | None]:
    """Categories a word alone cannot tell: joint exercises, protest as speech, killing in combat."""
    token = trigger.token
    if category == "MOBILIZE" and trigger.nominal and _joint(trigger, roles, lex):
        return "COOPERATE", "military"  # joint exercises are cooperation, one army's a show of force
    if category == "PROTEST" and not trigger.nominal and any(c.dep_ == "ccomp" for c in token.children):
        return "DISAPPROVE", None  # "..., a human rights group protested": a statement, not a demonstration
    if category == "ASSAULT" and not trigger.nominal and mode is None:
        obj = rules.direct_object(token)
        if obj is not None and obj.lemma_.lower() in lex.assassination_targets:
            mode = "assassinate"  # "killed the deputy chief": a targeted killing
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in {"in", "during"}):
            if any(lex.nouns.get(p.lemma_.lower(), ("",))[0] == "FIGHT" for p in prep.children):
                return "FIGHT", mode  # "killed three men in a gunbattle": combat, not one-sided violence
    return category, mode


def _joint(trigger: Trigger, roles: who.Roles, lex: Lexicon) -> bool:
    if any(c.lower_ in lex.joint_words for c in trigger.token.children):
        return True
    return len(roles.agents) + len(roles.partners) >= 2


def _event(trigger: Trigger, sentence: Span, article: Article, lex: Lexicon, category: str, mode: str | None,
           source: list[Party], target: list[Party], roles: who.Roles, chain: list[Token],
           place: tuple[str | None, str | None], trigger_ids: set[int]) -> Event:
    token = trigger.token
    status, cue = rules.decide_status(token, trigger.predicate, lex.cues)
    place, place_code = place
    when = rules.find_date(sentence, token, chain, article.times, trigger_ids)
    what = rules.thing_text(roles.what)
    mode = _mode(category, mode, roles.what, sentence, lex)
    return Event(
        category=category,
        quad_class=lex.quad[category],
        mode=mode,
        source=[p.name for p in source],
        source_codes=[p.code for p in source],
        target=[p.name for p in target],
        target_codes=[p.code for p in target],
        what=what,
        place=place,
        place_code=place_code,
        date=when.value if when else None,
        date_precision=when.granularity if when else None,
        date_text=when.text if when else None,
        status=status,
        cue=cue.text if cue is not None else None,
        trigger=article.text[_first(trigger).idx:token.idx + len(token)],
        trigger_start=_first(trigger).idx,
        trigger_end=token.idx + len(token),
        start=sentence.start_char,
        end=sentence.end_char,
    )


def _first(trigger: Trigger) -> Token:
    return trigger.token.doc[trigger.first] if trigger.first is not None else trigger.token


def _mode(category: str, mode: str | None, what: Token | None, sentence: Span, lex: Lexicon) -> str | None:
    """The lexicon's mode, else one read from the thing supplied or the sentence's words."""
    table = {"AID": "supply", "COOPERATE": "supply", "ASSAULT": "violence", "FIGHT": "violence",
             "MOBILIZE": "mobilize"}.get(category)
    if table is None:
        return mode
    words = lex.mode_words[table]
    if category in who.SUPPLY and what is not None:
        items = [what, *[c for c in what.conjuncts if c.i > what.i]]
        found = [m for item in items if (m := rules.mode_from_words(rules.lemmas(item.subtree), words))]
        if found:
            return "+".join(dict.fromkeys(found))
    if mode is not None:
        return mode
    return rules.mode_from_words(rules.lemmas(sentence) + [t.lower_ for t in sentence], words)


def _exchange(trigger: Trigger, event: Event, lex: Lexicon) -> list[Event]:
    """'sends munitions to Russia in exchange for missile technology' is two flows, one each way."""
    if event.category not in who.SUPPLY or not event.target:
        return []
    token = trigger.token
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "in"):
        for noun in (c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in EXCHANGE_NOUNS):
            thing = next((g for p in noun.children if p.lower_ == "for" for g in p.children if g.dep_ == "pobj"), None)
            if thing is None:
                continue
            event.category, event.quad_class = "COOPERATE", lex.quad["COOPERATE"]  # an exchange is mutual
            back = replace(
                event,
                source=list(event.target), source_codes=list(event.target_codes),
                target=list(event.source), target_codes=list(event.source_codes),
                what=rules.thing_text(thing), mode=_mode("COOPERATE", None, thing, token.sent, lex),
                trigger=noun.text, trigger_start=noun.idx, trigger_end=noun.idx + len(noun),
            )
            return [back]
    return []

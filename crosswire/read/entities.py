"""Named entities, found by spaCy and linked to the actor registry.

Each spaCy entity span becomes a ``Mention``; mentions that refer to the same actor
(by registry link, demonym, metonym or, for people, a surname seen earlier in full) are
gathered into one ``Entity``. Names the registry does not know stay as their own entities.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from crosswire.document import Article, Entity, Mention
from crosswire.read.actors import Actor, Registry, normalise

KEPT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
UNLINKED_KIND = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "event",
}


def find_entities(article: Article, doc: Doc, registry: Registry) -> None:
    """Set ``article.entities`` from the spaCy ``doc`` of ``article.text``."""
    entities: dict[str, Entity] = {}
    for span in doc.ents:
        if span.label_ not in KEPT_LABELS or "\n" in span.text:
            continue  # entities across lines are page clutter glued together
        span = _trim(span)
        if span is None:
            continue
        key, entity = _link(span, registry, entities)
        entity.mentions.append(Mention(span.start_char, span.end_char, span.text, span.label_))
        entities.setdefault(key, entity)
    _add_surname_mentions(doc, entities)
    article.entities = list(entities.values())


def _trim(span: Span) -> Span | None:
    """Drop a leading 'the' and a trailing possessive so the mention is the name itself."""
    start, end = span.start, span.end
    if span[0].lower_ == "the" and span.label_ != "ORG":
        start += 1
    if end - start > 0 and span.doc[end - 1].text in {"'s", "’s", "'"}:
        end -= 1
    return Span(span.doc, start, end, label=span.label_) if end > start else None


def _link(span: Span, registry: Registry, seen: dict[str, Entity]) -> tuple[str, Entity]:
    actor = registry.lookup(span.text)
    if actor is None and span.label_ == "NORP":
        actor = registry.demonym(span.text)
    if actor is not None:
        return actor.id, seen.get(actor.id) or _from_actor(actor)
    if span.label_ == "PERSON":
        earlier = _earlier_full_name(span.text, seen)
        if earlier is not None:
            return earlier
        known = registry.by_surname(span.text) if " " not in span.text.strip() else None
        if known is not None:  # a registry person named by surname alone, e.g. "Putin"
            return known.id, seen.get(known.id) or _from_actor(known)
    key = f"{span.label_}:{normalise(span.text)}"
    return key, seen.get(key) or Entity(name=span.text, kind=UNLINKED_KIND[span.label_])


def _earlier_full_name(text: str, seen: dict[str, Entity]) -> tuple[str, Entity] | None:
    """'Kim' → the one person seen earlier whose name ends (or starts) with it; None if 0 or 2+."""
    token = normalise(text)
    if " " in token:
        return None
    matches = [
        (key, entity)
        for key, entity in seen.items()
        if entity.kind == "person" and token in (normalise(entity.name).split()[-1], normalise(entity.name).split()[0])
    ]
    return matches[0] if len(matches) == 1 else None


def _add_surname_mentions(doc: Doc, entities: dict[str, Entity]) -> None:
    """Mentions of a person by surname that NER missed or tagged as something else.

    "Marrow told reporters" after "Anneliese Marrow" is often left untagged, or tagged ORG,
    by the small model. A capitalised token equal to the last name of exactly one person in
    the article is a mention of that person; a name shared by two people stays unresolved.
    """
    people = [e for e in entities.values() if e.kind == "person" and " " in e.name]
    surnames: dict[str, list[Entity]] = {}
    for person in people:
        surnames.setdefault(person.name.split()[-1], []).append(person)
    covered = {i for e in entities.values() if e.kind == "person" for m in e.mentions for i in range(m.start, m.end)}
    for key, other in list(entities.items()):
        if other.kind != "person" and other.actor_id is None and len(surnames.get(other.name, [])) == 1:
            surnames[other.name][0].mentions.extend(other.mentions)  # mis-tagged surname
            covered.update(i for m in other.mentions for i in range(m.start, m.end))
            del entities[key]
    for token in doc:
        candidates = surnames.get(token.text, [])
        if len(candidates) == 1 and token.pos_ == "PROPN" and token.idx not in covered:
            candidates[0].mentions.append(Mention(token.idx, token.idx + len(token), token.text, "SURNAME"))
    for person in people:
        person.mentions.sort(key=lambda m: m.start)


def _from_actor(actor: Actor) -> Entity:
    return Entity(name=actor.name, kind=actor.kind, actor_id=actor.id, code=actor.code, role=actor.role)

"""Sources cited: every attribution an article leans on, with its chain.

A source is whoever or whatever the article attributes information to: an outlet or agency
("per The Wall Street Journal", "Reuters reported", "told NPR"), a named person or official
(quote speakers, subjects of speech verbs), anonymous officials ("U.S. officials", "a senior
diplomat", "people familiar with the inquiry") or a document ("US government intelligence
reports", "a leaked memo", "figures from the central bank"). The patterns live in
``crosswire.read.cues`` so that ``claims`` marks the same sentences as reported; the words
(kinds of source by their head noun, outlet names, titles) in ``crosswire.read.vocabulary``.

Chains. Each source carries the path from the article's outlet (``article.meta.outlet``,
or "the article" when unknown) down to it: in a Global Dispatches piece, "Citing US
government intelligence reports, the New York Times revealed ..." gives
``[Global Dispatches, The New York Times, US government intelligence reports]`` and
``[Global Dispatches, The New York Times]``. A relay is whoever cites, quotes, carries or
interviews the deeper source ("X, citing Y", "according to X, which cited Y", "Y, quoted by
X", "Y told X" when X is an outlet). The article's own outlet is never a source of itself.

Records. One ``SourceCited`` per sentence that leans on a source (``start``/``end`` cover
that sentence), so every record is evidence that points at its sentence and ``claims`` can
find a sentence's sources by its offsets. A source used in five sentences has five records;
``distinct_sources`` keeps the first record of each ``(name, chain)`` for a per-article list.
Within one sentence a source is recorded once, with its longest chain (a quote whose venue
is unknown and "Kirby told NPR" make one record, ``[The Week, NPR, John Kirby]``).

Names. A phrase whose head word lies in a linked entity's mention takes the entity's
canonical name and actor id ("the New York Times" -> "The New York Times", "spokesperson John
Kirby" -> "John Kirby"); otherwise the phrase itself, without articles, numbers and
possessive endings ("two Estmarkian intelligence officials" -> "Estmarkian intelligence
officials", "U.S. officials' estimation" -> "U.S. officials"). The head decides, so
"US government intelligence reports" stays a document and is not renamed "United States".
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from crosswire.document import Article, Entity, Quote, SourceCited
from crosswire.read.cues import Attribution, attributions, sentence_bounds
from crosswire.read.vocabulary import (
    DOCUMENT_NOUNS,
    MEDIA_NOUNS,
    OFFICIAL_NOUNS,
    ORGANIZATION_NOUNS,
    OUTLET_NAME_WORDS,
    PEOPLE_NOUNS,
    PERSONAL_PRONOUNS,
    RELAYING_VERBS,
    SUBJECT_PRONOUNS,
    TITLE_WORDS,
)

ENTITY_KINDS = {
    "news_outlet": "outlet",
    "organization": "organization",
    "country": "organization",
    "place": "organization",
}
LEADING_WORDS = {"a", "an", "the", "two", "three", "four", "several", "some", "many", "other", "one", "both", "all"}
PHRASE_PREPOSITIONS = {"of", "from", "for", "at", "in", "with", "on"}
SURNAME_LIKE_OUTLET_WORDS = {"post", "star", "standard", "monitor", "guardian", "observer", "review", "press"}
NOT_SPEAKERS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
MAX_CHAIN = 6  # a relay loop in a bad parse must not recurse forever


@dataclass
class _Node:
    """A source found in one sentence, before its chain is known."""

    name: str
    kind: str
    actor_id: str | None
    cue: str | None
    relay: str | None = None  # the name of the source that relays this one


def find_sources(article: Article, doc: Doc) -> None:
    """Set ``article.sources_cited``: one record per (sentence, source)."""
    outlet = article.meta.outlet or "the article"
    entities = _EntityIndex(article)
    quotes = sorted(article.quotes, key=lambda q: q.start)
    records: list[SourceCited] = []
    for sent in doc.sents:
        nodes: dict[str, _Node] = {}
        for found in attributions(sent):
            _add_attribution(nodes, found, entities, outlet)
        for quote in quotes:
            if quote.speaker and quote.start < sent.end_char and sent.start_char < quote.end:
                _add_quote(nodes, quote, doc, entities, outlet)
        records += _records(nodes, outlet, sent)
    article.sources_cited = records


def distinct_sources(sources: list[SourceCited]) -> list[SourceCited]:
    """The first record of each ``(name, chain)``: one line per source for an article."""
    seen: set[tuple[str, tuple[str, ...]]] = set()
    kept = []
    for source in sources:
        key = (source.name, tuple(source.chain))
        if key not in seen:
            seen.add(key)
            kept.append(source)
    return kept


def _add_attribution(nodes: dict[str, _Node], found: Attribution, entities: _EntityIndex, outlet: str) -> None:
    node = describe(found.source, entities)
    if node is None or _same_outlet(node.name, outlet):
        return
    if found.venue and node.kind != "outlet":
        return  # "told Putin": a listener, not a venue that relays
    node.cue = found.cue
    relay = describe(found.relay, entities) if found.relay is not None else None
    if relay is not None and (relay.kind == "outlet" or not found.relay_is_venue):  # "told Putin" relays nothing
        node.relay = None if _same_outlet(relay.name, outlet) else relay.name
        if node.relay and node.relay not in nodes:
            nodes[relay.name] = relay
    _merge(nodes, node)


def _add_quote(nodes: dict[str, _Node], quote: Quote, doc: Doc, entities: _EntityIndex, outlet: str) -> None:
    """A quote's speaker leans the sentence on them; an outlet venue relays them."""
    node = _speaker_node(quote, doc, entities)
    if node is None or _same_outlet(node.name, outlet):
        return
    node.cue = (quote.cue or "").split(" ")[0] or None
    if quote.venue and not _same_outlet(quote.venue, outlet):
        venue = entities.by_name(quote.venue)
        if (venue is not None and venue.kind == "news_outlet") or _outlet_name(quote.venue):
            name = venue.name if venue else quote.venue
            nodes.setdefault(name, _Node(name, "outlet", venue.actor_id if venue else None, node.cue))
            node.relay = name
    _merge(nodes, node)


def _speaker_node(quote: Quote, doc: Doc, entities: _EntityIndex) -> _Node | None:
    """The speaker as the quotes component named them when that is a linked entity; else
    the phrase at the speaker's offsets, normalised like any source; else the name as given."""
    entity = entities.by_id(quote.speaker_id) or entities.by_name(quote.speaker)
    if entity is not None:
        kind = (
            ("official" if entity.role else "person")
            if entity.kind == "person"
            else ENTITY_KINDS.get(entity.kind, "organization")
        )
        return _Node(entity.name, kind, entity.actor_id, None)
    span = None
    if quote.speaker_start is not None and quote.speaker_end is not None:
        span = doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
        node = describe(span.root, entities) if span is not None and len(span) else None
        if node is not None:
            return node
    name = quote.speaker or ""
    if quote.kind != "direct" or name.lower() in SUBJECT_PRONOUNS:
        return None  # an indirect "the latest news suggests" names no source
    if span is not None and len(span) and span.root.ent_type_ in NOT_SPEAKERS:
        return None  # a misparse made "Thursday morning" the subject of "said"
    for article_word in ("a ", "an ", "the "):
        name = name.removeprefix(article_word)
    return _Node(name, _speaker_kind(name), None, None)


def _merge(nodes: dict[str, _Node], node: _Node) -> None:
    """One node per name in a sentence; a relay found one way is kept when the other has none."""
    known = nodes.get(node.name)
    if known is None:
        nodes[node.name] = node
        return
    known.relay = known.relay or node.relay
    known.cue = known.cue or node.cue


def _records(nodes: dict[str, _Node], outlet: str, sent: Span) -> list[SourceCited]:
    start, end = sentence_bounds(sent)
    records = []
    for node in nodes.values():
        chain = _chain(node, nodes, outlet)
        records.append(SourceCited(node.name, node.kind, chain, start, end, node.actor_id, node.cue))
    return records


def _chain(node: _Node, nodes: dict[str, _Node], outlet: str) -> list[str]:
    path = [node.name]
    current = node
    while current.relay and current.relay in nodes and current.relay not in path and len(path) < MAX_CHAIN:
        current = nodes[current.relay]
        path.append(current.name)
    return [outlet, *reversed(path)]


def describe(token: Token, entities: _EntityIndex) -> _Node | None:
    """Name and kind of the source whose phrase has ``token`` as its head, or ``None`` when
    the phrase names no possible source ("the accord confirms ..." is not an attribution)."""
    if token.tag_ == "PRP":
        person = entities.person_before(token.idx) if token.lower_ in PERSONAL_PRONOUNS else None
        return _Node(person.name, _person_kind(person, token), person.actor_id, None) if person else None
    entity = entities.at(token.idx)
    if entity is not None and entity.kind != "group":
        if _unregistered_outlet(entity):
            return _Node(entity.name.removeprefix("the "), "outlet", entity.actor_id, None)  # "the Korsk Courier"
        if entity.kind == "person":
            return _Node(entity.name, _person_kind(entity, token), entity.actor_id, None)
        return _Node(entity.name, ENTITY_KINDS.get(entity.kind, "organization"), entity.actor_id, None)
    kind = _noun_kind(token)
    return _Node(phrase_name(token), kind, None, None) if kind else None


def _noun_kind(head: Token) -> str | None:
    word = head.lower_
    modifiers = {c.lower_ for c in head.children}
    if word in {"people", "person", "sources", "source"} and "familiar" in modifiers:
        return "anonymous_official"
    if word in OFFICIAL_NOUNS:
        return "anonymous_official"
    if word in PEOPLE_NOUNS:
        return "person"
    if word in MEDIA_NOUNS or (word == "agency" and "news" in modifiers):
        return "outlet"
    if word in DOCUMENT_NOUNS:
        return "document"
    if word in ORGANIZATION_NOUNS:
        return "organization"
    if head.pos_ == "PROPN":
        if _outlet_name(phrase_name(head)):
            return "outlet"
        return "person" if head.ent_type_ == "PERSON" else "organization"
    return None


def _person_kind(entity: Entity, token: Token) -> str:
    """A person holding a role, or introduced with a title, is an official."""
    if entity.role:
        return "official"
    words = {t.lower_ for t in token.subtree if t.i < token.i} | {c.lower_ for c in token.children if c.dep_ == "appos"}
    return "official" if words & TITLE_WORDS else "person"


def _speaker_kind(speaker: str) -> str:
    words = speaker.lower().replace("'s", "").split()
    if any(w in OFFICIAL_NOUNS for w in words):
        return "anonymous_official"
    if any(w in DOCUMENT_NOUNS for w in words):
        return "document"
    if _outlet_name(speaker):
        return "outlet"
    return "person"


def phrase_name(head: Token) -> str:
    """The source phrase around ``head``: its modifiers and 'of/from/at ...' complements,
    without determiners, numbers, possessive endings, relative clauses or relaying clauses
    ("two people familiar with the inquiry, who ..." -> "people familiar with the inquiry")."""
    tokens = [t for t in head.subtree if t.i <= head.i and t.dep_ != "case"]
    while tokens and (
        tokens[0].lower_ in LEADING_WORDS
        or tokens[0].dep_ in {"det", "nummod", "predet"}
        or tokens[0].tag_ in {"PRP$", "WP$"}
    ):
        tokens = tokens[1:]
    first = tokens[0] if tokens else head
    last = head
    for child in head.rights:
        keep = (child.dep_ == "prep" and child.lower_ in PHRASE_PREPOSITIONS) or child.dep_ == "amod"
        keep |= (
            child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() not in RELAYING_VERBS
        )  # "figures released by"
        if not keep:
            break
        last = child.right_edge
    doc = head.doc
    stop = next(
        (t.i for t in doc[head.i : last.i + 1] if t.text in {",", ";", "(", "—"} or t.dep_ in {"relcl", "appos"}),
        last.i + 1,
    )
    words = doc[first.i : stop]
    text = words.text.removesuffix("'s").removesuffix("’s").rstrip("'’ ")
    if first.pos_ != "PROPN" and text[:1].isupper() and not text.split()[0].isupper():
        text = text[:1].lower() + text[1:]  # "Officials at the base said" -> "officials at the base"
    return text


def _unregistered_outlet(entity: Entity) -> bool:
    """An outlet the registry does not know, which NER tagged as an organisation (or, for
    names no person has, "Meridian Wire", as a person). Role-holders are never outlets."""
    if entity.kind == "news_outlet" or entity.role or not _outlet_name(entity.name):
        return False
    return entity.kind != "person" or entity.name.lower().split()[-1] not in SURNAME_LIKE_OUTLET_WORDS


def _outlet_name(name: str) -> bool:
    return name.lower().split()[-1].strip(".") in OUTLET_NAME_WORDS if name.strip() else False


def _same_outlet(name: str, outlet: str) -> bool:
    """The article's own outlet, also by its short name ("the Courier" in the Korsk Courier)."""
    name, outlet = _norm(name), _norm(outlet)
    return name == outlet or (" " not in name and outlet.endswith(" " + name))


def _norm(name: str) -> str:
    name = name.lower().strip()
    return name[4:] if name.startswith("the ") else name


class _EntityIndex:
    """Entities by character offset (which mention covers a token), by id and by name."""

    def __init__(self, article: Article) -> None:
        spans = sorted((m.start, m.end, e) for e in article.entities for m in e.mentions)
        self._starts = [s for s, _, _ in spans]
        self._spans = spans
        self._ids = {e.actor_id: e for e in article.entities if e.actor_id}
        self._names = {_norm(e.name): e for e in article.entities}

    def at(self, offset: int) -> Entity | None:
        index = bisect_right(self._starts, offset) - 1
        while index >= 0:
            start, end, entity = self._spans[index]
            if start <= offset < end:
                return entity
            if offset - start > 200:
                return None  # mentions are short: nothing further left can cover the offset
            index -= 1
        return None

    def by_id(self, actor_id: str | None) -> Entity | None:
        return self._ids.get(actor_id) if actor_id else None

    def by_name(self, name: str | None) -> Entity | None:
        return self._names.get(_norm(name)) if name else None

    def person_before(self, offset: int) -> Entity | None:
        """The person mentioned last before ``offset`` ("he said" after "Feld ...")."""
        index = bisect_right(self._starts, offset) - 1
        while index >= 0:
            _, end, entity = self._spans[index]
            if entity.kind == "person" and end <= offset:
                return entity
            index -= 1
        return None

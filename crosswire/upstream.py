"""Upstream sources: which cited sources count as one origin.

A sentence is attributed through a chain, from the article's outlet down to the deepest
source it names: "The Week, citing NPR, citing John Kirby". That last link is the
sentence's upstream. Reports resting on one upstream are not independent of each other,
however many outlets carry them. Two layers count independent origins that way, and this
module is the rule of both:

* ``crosswire.compare.corroboration``: the origins behind one claim of a story, and what
  each outlet of the story rests on (over the story's own article records);
* ``crosswire.events.origins``: the origins behind one merged event or one actor-graph link
  (over stored events, across stories).

It sits at the top of the package, next to ``document.py``, because both layers use it and
neither owns it: whether two sources are one origin is one decision, looked up in one place.

The shared rule:

1. A source is its chain's deepest link (``Cited.deepest``).
2. One country's officials, ministries, intelligence and government documents are one
   upstream, its government: "U.S. officials", "US government intelligence reports" and
   Jake Sullivan all lead back to the US government. Official kinds of source
   (``GOVERNMENT_KINDS``) speak for their country's government.
3. The country a source points to is read from its name (``country_in``): a phrase of up
   to three of its words, longest first, that names a country or its people ("U.S.
   officials", "Valdoria's transport ministry", "senior Estmarkian official"). A phrase in
   lower case never names a country by the registry: "us" in "told us" is not the United
   States.
4. An anonymous source named by its kind alone ("officials", "a source") names no origin
   of its own: two outlets quoting "officials" may well have spoken to different people.

Each layer applies the rule with what it has at hand, and the two were written and tested
apart (compare against the seeds' upstream verdict, events against the timelines' origin
counts). The differences are kept, named, in the two resolvers below; making them one
would change what each layer reports:

========================  ==========================================  ==========================================
                          compare (``SourceResolver``)                events (``event_upstream``)
========================  ==========================================  ==========================================
names known from          the story's own entities first (a linked    the store's actor index and the registry
                          person's country, a country's surface       the command was given, with the user's
                          forms in the story), then the built-in      actor files (a registry person's or
                          registry                                    body's country)
speaks for a government   ``GOVERNMENT_KINDS``, a linked person with  ``EVENT_GOVERNMENT_KINDS``: the official
                          a role, or a ``GOVERNMENT_WORDS`` word in   kinds and documents, by kind alone
                          the name ("Kremlin", "defence ministry")
a country named by its    counts ("officials in Moscow")              does not: events read every actor name
capital (metonym)                                                     so (``ActorIndex``), a capital is a place
a country cited itself    its government                              itself, by its registry name
no origin of its own      an anonymous official with no country,      an anonymous official with no capital
                          bare "officials"/"sources": an open chain,  letter in its name ("officials", not
                          counted (once per wording) only when        "U.S. officials"): ties nothing
                          nothing named backs the claim
an outlet cited           an open chain ("per The Wall Street         that outlet, the same source as its own
                          Journal" does not say where it came from)   reports
a chain heading a longer  dropped (``deepest_chains``): "[GD, NYT]"   kept: the relaying outlet ties the
one of its sentence       under "[GD, NYT, intelligence reports]"     report to its own reports too
government label          prose: "US government"                      the registry name: "United States
                                                                      government"
========================  ==========================================  ==========================================
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from crosswire.read.actors import Registry, load_registry

if TYPE_CHECKING:
    from crosswire.events.parties import ActorIndex

# Kinds of cited source (``crosswire.read.sources``) that speak for their country's government.
GOVERNMENT_KINDS = frozenset({"official", "anonymous_official"})
# Events fold a country's documents in by kind ("figures released by Valdoria's transport
# ministry"); compare reaches such documents by their words instead ("US government
# intelligence reports"), and keeps "figures from Estmark's central bank" a source of its own.
EVENT_GOVERNMENT_KINDS = GOVERNMENT_KINDS | {"document"}
# compare: words that make a source a government body or its people, whatever its kind.
# Not crosswire.read.vocabulary's OFFICIAL_NOUNS or ORGANIZATION_NOUNS, which tell what kind
# of source an unlinked phrase is: these tell whether it is the state's, so they take in
# "intelligence", "naval", "security", "forces", "state" and leave out "source", "company",
# "bank" or "party", which are not.
GOVERNMENT_WORDS = {
    "government", "officials", "official", "intelligence", "ministry", "ministries", "navy", "naval", "military",
    "army", "guard", "defence", "defense", "parliament", "embassy", "spokesman", "spokeswoman", "spokesperson",
    "office", "cabinet", "presidency", "administration", "kremlin", "pentagon", "department", "police",
    "authorities", "base", "diplomats", "diplomat", "security", "forces", "state",
}
SHORT_NAMES = {"United States": "US", "United Kingdom": "UK"}  # compare's labels: "US government"
NAME_WORD = re.compile(r"[A-Za-z][\w.’'-]*")


@dataclass(frozen=True)
class Cited:
    """A source a sentence is attributed to, with its chain: the article's outlet first, the
    deepest source last ("The Week", "NPR", "John Kirby")."""

    name: str
    kind: str | None  # outlet, official, anonymous_official, document, person, organization; None: unknown
    chain: tuple[str, ...] = ()
    actor_id: str | None = None

    @classmethod
    def from_record(cls, record: dict[str, Any], outlet: str | None = None) -> Cited:
        """A stored ``sources_cited`` record; one without a chain gets ``(outlet, name)`` when
        ``outlet`` is given (to show it), else none (its deepest source is its name either way)."""
        chain = record.get("chain") or ((outlet, record["name"]) if outlet is not None else ())
        return cls(record["name"], record["kind"], tuple(chain), record.get("actor_id"))

    @property
    def deepest(self) -> str:
        """The source the chain ends at: the one the information comes from."""
        return self.chain[-1] if self.chain else self.name

    def heads(self, other: Cited) -> bool:
        """This chain is the head of ``other``'s longer one: "[GD, NYT]" of "[GD, NYT, US
        government intelligence reports]"."""
        return len(other.chain) > len(self.chain) and other.chain[: len(self.chain)] == self.chain


def deepest_chains(cited: Iterable[Cited]) -> list[Cited]:
    """The cited sources of one sentence without the chains that are heads of longer ones:
    a head adds nothing its longer chain does not say."""
    cited = list(cited)
    return [c for c in cited if not any(c.heads(o) for o in cited)]


def country_in(name: str, registry: Registry, *, metonyms: bool, known: Mapping[str, str] | None = None) -> str | None:
    """The country a source's name points to, from its words (rule 3 of the module docstring).

    Phrases of three, two, then one word are tried in order. ``known`` maps lower-cased
    surface forms to country names (compare: the story's own names for countries and the
    people and places in them), tried first, in any case; then the registry, by a country's
    name, alias or demonym, for capitalised phrases only; ``metonyms`` lets a capital stand
    for its country.
    """
    words = [re.sub(r"['’]s$", "", w).rstrip(".,") for w in NAME_WORD.findall(name)]
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i : i + size])
            if known:
                for candidate in (phrase, phrase + "."):  # "U.S" as written, "U.S." as mentioned
                    if country := known.get(candidate.lower()):
                        return country
            if phrase[:1].isupper() and (country := registry_country(registry, phrase, metonyms=metonyms)):
                return country  # capitalised only: "us" in "told us" is not the United States
    return None


@lru_cache(maxsize=8192)
def registry_country(registry: Registry, phrase: str, *, metonyms: bool = True) -> str | None:
    """The country ``registry`` knows by this name, alias, code or demonym (``metonyms``: or
    capital), else ``None``."""
    actor = registry.lookup(phrase, metonyms=metonyms) or registry.demonym(phrase)
    return actor.name if actor is not None and actor.kind == "country" else None


# ---------------------------------------------------------------- compare: a story's claims


@dataclass(frozen=True)
class Upstream:
    """The normalised origin of an attribution chain (compare)."""

    key: str  # "government:United States", "outlet:The Wall Street Journal", "source:jonas feld", "own:<origin>"
    label: str  # how to show it: "US government", "The Wall Street Journal"
    kind: str  # government | source | own | outlet | unnamed
    open: bool = False  # the chain stops before naming where the information came from


def government(country: str) -> Upstream:
    return Upstream(f"government:{country}", f"{SHORT_NAMES.get(country, country)} government", "government")


class SourceResolver:
    """compare's upstreams: cited sources read with the story's own entities for names and countries."""

    def __init__(self, records: list[dict[str, Any]]) -> None:
        self.entities: dict[str, dict[str, Any]] = {}
        self.countries: dict[str, str] = {}  # lowercased surface or code -> country name
        for entity in (e for r in records for e in r.get("entities", [])):
            self.entities.setdefault(entity["name"].lower(), entity)
            if entity.get("actor_id"):
                self.entities.setdefault(f"id:{entity['actor_id']}", entity)
            if entity["kind"] == "country":
                surfaces = [entity["name"], entity.get("code") or "", *(m["text"] for m in entity.get("mentions", []))]
                for surface in surfaces:
                    if surface:
                        self.countries.setdefault(surface.lower(), entity["name"])
        for entity in (e for r in records for e in r.get("entities", [])):
            country = self._country_of_entity(entity)
            if country and entity["kind"] != "country":
                for surface in [entity["name"], *(m["text"] for m in entity.get("mentions", []))]:
                    self.countries.setdefault(surface.lower(), country)

    def upstream(self, cited: Cited) -> Upstream:
        name = cited.deepest
        entity = self.entities.get(f"id:{cited.actor_id}") or self.entities.get(name.lower())
        kind = cited.kind or _kind_of_entity(entity)
        if entity is not None and entity["kind"] == "country":
            return government(entity["name"])
        if kind == "outlet" or (entity is not None and entity["kind"] == "news_outlet"):
            return Upstream(f"outlet:{name}", name, "outlet", open=True)
        country = (self._country_of_entity(entity) if entity else None) or self.country_in(name)
        official = kind in GOVERNMENT_KINDS or bool(entity and entity.get("role")) or _has_government_word(name)
        if official and country:
            return government(country)
        if kind == "anonymous_official" or (entity is None and name.lower() in {"officials", "official", "sources"}):
            return Upstream(f"unnamed:{name.lower()}", name, "unnamed", open=True)
        label = entity["name"] if entity else name
        return Upstream(f"source:{label.lower()}", label, "source")

    def country_in(self, name: str) -> str | None:
        """The country a source's name points to: "U.S. officials", "Valdoria's transport ministry"."""
        return country_in(name, load_registry(), metonyms=True, known=self.countries)

    def _country_of_entity(self, entity: dict[str, Any] | None) -> str | None:
        if entity is None:
            return None
        if entity["kind"] == "country":
            return entity["name"]
        code = entity.get("country") or entity.get("code")
        if not code:
            return None
        return self.countries.get(code.lower()) or registry_country(load_registry(), code)


def _kind_of_entity(entity: dict[str, Any] | None) -> str | None:
    if entity is None:
        return None
    return {"news_outlet": "outlet", "person": "person"}.get(entity["kind"], "organization")


def _has_government_word(name: str) -> bool:
    return any(word.lower().strip(".,'’s") in GOVERNMENT_WORDS for word in name.split())


# ---------------------------------------------------------------- events: merged events


def event_upstream(cited: Cited, index: ActorIndex) -> str | None:
    """events' upstream: the name of the source an event report's cited source stands for, or
    ``None`` when it ties nothing (an anonymous source named only by its kind). Sources are
    named by their registry name ("WSJ" → The Wall Street Journal), so spellings tie; a
    country's officials and documents by "<country> government"."""
    name = cited.deepest
    if cited.kind == "anonymous_official" and not any(ch.isupper() for ch in name):
        return None  # "officials", "a source" (but "U.S. officials", "Estmarkian intelligence officials" tie)
    if cited.kind in EVENT_GOVERNMENT_KINDS and (country := _event_country(name, index.registry or load_registry())):
        return f"{country} government"
    return index.canonical(name)


def _event_country(name: str, registry: Registry) -> str | None:
    """The country of a registry person or body named ``name``, else the country its words
    name (no metonyms)."""
    actor = registry.lookup(name, metonyms=False)
    if actor is not None and actor.code and (country := registry.actors.get(actor.code)):
        return country.name
    return country_in(name, registry, metonyms=False)

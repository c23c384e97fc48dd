"""Who takes part in an event: participants, when two of them are the same actor, and
what a user's actor argument ("Russia", "DPRK", "RUS", "Kim Jong Un") stands for.

Events store actor names (canonical when the entity layer linked them) with ISO alpha-3
codes at the same positions. Two participants are the same when their names fold to the
same key, or when one of them is a country and the other carries that country's code:
"North Korea" in one article and "Kim Jong Un" in another are the same party to a
munitions deal, but Vladimir Putin and Sergei Shoigu, both coded RUS, are not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from crosswire.errors import NotFound
from crosswire.read.actors import Registry, load_registry, normalise


SPECIFIC_KINDS = {"person", "organization", "group", "news_outlet"}


@dataclass(frozen=True)
class Participant:
    """An actor as an event names it: its (canonical) name and ISO alpha-3 code, if any."""

    name: str
    code: str | None = None

    @property
    def key(self) -> str:
        return normalise(self.name)

    @property
    def block(self) -> str:
        """What two matching participants always share: the code, else the name key."""
        return self.code or f"@{self.key}"


@dataclass(frozen=True)
class ActorQuery:
    """A resolved actor argument. A country matches itself and everyone carrying its code
    (its leaders, ministries, cities); anyone else matches by name only."""

    name: str
    kind: str
    code: str | None
    names: frozenset[str] = field(default_factory=frozenset)  # normalised keys

    @property
    def is_country(self) -> bool:
        return self.kind == "country"

    def matches(self, participant: Participant) -> bool:
        if participant.key in self.names:
            return True
        return self.is_country and self.code is not None and participant.code == self.code

    def as_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "code": self.code}


class ActorIndex:
    """Kinds and canonical names of the actors in a store, backed by the actor registry.

    Built from ``Store.actor_names()`` (what the entity layer actually linked) and a
    registry for aliases and codes; the store wins, since it reflects the registry files
    the corpus was ingested with.
    """

    def __init__(self, names: Iterable[dict] = (), registry: Registry | None = None) -> None:
        self.registry = registry
        self._same: dict[tuple[Participant, Participant], bool] = {}  # a block compares the same pairs often
        self._kinds: dict[str, str] = {}
        self._codes: dict[str, str | None] = {}
        self._display: dict[str, str] = {}
        for row in names:  # most frequent first: the first kind seen for a name wins
            key = normalise(row["name"])
            self._kinds.setdefault(key, row["kind"])
            self._codes.setdefault(key, row["code"])
            self._display.setdefault(key, row["name"])

    def kind(self, name: str) -> str:
        key = normalise(name)
        if key in self._kinds:
            return self._kinds[key]
        actor = self.registry.lookup(name, metonyms=False) if self.registry else None
        return actor.kind if actor else "other"

    def is_country(self, participant: Participant) -> bool:
        return self.kind(participant.name) == "country"

    def country_name(self, code: str) -> str:
        """The name of the country with ISO code ``code`` ("RUS" → Russia), else the code."""
        for key, kind in self._kinds.items():
            if kind == "country" and self._codes.get(key) == code:
                return self._display[key]
        actor = self.registry.actors.get(code) if self.registry else None
        return actor.name if actor else code

    def canonical(self, name: str) -> str:
        """The registry's name for ``name`` (``WSJ`` → The Wall Street Journal), else itself."""
        actor = self.registry.lookup(name, metonyms=False) if self.registry else None
        return actor.name if actor else name

    def same(self, a: Participant, b: Participant) -> bool:
        known = self._same.get((a, b))
        if known is None:
            known = a.key == b.key or (
                a.code is not None and a.code == b.code and (self.is_country(a) or self.is_country(b))
            )
            self._same[(a, b)] = known
        return known

    def specificity(self, participants: Iterable[Participant]) -> int:
        """How many participants are actors more specific than a country (people, bodies):
        "Kim Jong Un" says more than "North Korea"; "the Sarvanian capital" does not."""
        return sum(self.kind(p.name) in SPECIFIC_KINDS for p in participants)

    def resolve(self, query: str) -> ActorQuery:
        """What ``query`` names: a registry name or alias, an ISO code, or a name in the store.

        Raises ``NotFound`` when nothing matches, so a typo is an error, not an empty timeline.
        """
        registry = self.registry or load_registry()
        text = query.strip()
        actor = registry.lookup(text) or registry.actors.get(text.upper()) or registry.by_surname(text)
        if actor is not None:
            names = {normalise(n) for n in (actor.name, *actor.aliases, *actor.known_as)}
            return ActorQuery(actor.name, actor.kind, actor.code, frozenset(names))
        key = normalise(text)
        if key in self._kinds:
            return ActorQuery(self._display[key], self._kinds[key], self._codes[key], frozenset({key}))
        code = text.upper()
        if code in set(self._codes.values()):
            country = self.country_name(code)
            return ActorQuery(country, "country", code, frozenset({normalise(country)}))
        raise NotFound(f"no actor called {query!r} in the registry or the store")


def sides_match(a: list[list[Participant]], b: list[list[Participant]], index: ActorIndex) -> bool:
    """Two events' sides (one unordered side for symmetric events, source then target for
    directed ones) name the same actors: every participant of each has a match in the other."""
    if len(a) != len(b):
        return False
    if a == b:
        return True
    return all(_covers(x, y, index) and _covers(y, x, index) for x, y in zip(a, b))


def _covers(x: list[Participant], y: list[Participant], index: ActorIndex) -> bool:
    return all(any(index.same(p, q) for q in y) for p in x)

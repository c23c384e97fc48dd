"""The actor registry: canonical actors (countries, people, organisations, outlets, places)
and every name, demonym and metonym that refers to them.

The built-in registry is ``crosswire/data/actors.yaml`` plus every ISO 3166 country from
pycountry. Users extend it with their own YAML files of the same shape; later files win.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pycountry
import yaml

SECTION_KINDS = {
    "countries": "country",
    "people": "person",
    "organizations": "organization",
    "outlets": "news_outlet",
    "places": "place",
}


@dataclass
class Actor:
    id: str
    name: str
    kind: str
    code: str | None = None  # ISO alpha-3 for countries; the country of a person or place
    role: str | None = None
    aliases: list[str] = field(default_factory=list)


def normalise(name: str) -> str:
    """The lookup key of a name: case, leading 'the', possessive and punctuation folded."""
    key = name.strip().lower().replace("’", "'")
    key = re.sub(r"'s$", "", key)
    key = re.sub(r"^the\s+", "", key)
    key = re.sub(r"[.\u2019]", "", key)
    return " ".join(re.sub(r"[-‐–]", " ", key).split())


class Registry:
    """Name → actor lookup. Surnames of people are indexed separately (see ``by_surname``)."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self._by_name: dict[str, str] = {}
        self._demonyms: dict[str, str] = {}
        self._surnames: dict[str, set[str]] = {}

    def add(self, actor: Actor, demonyms: list[str] = ()) -> None:
        self.actors[actor.id] = actor
        for name in [actor.name, *actor.aliases]:
            self._by_name[normalise(name)] = actor.id
        if actor.kind == "person" and " " in actor.name:
            self._surnames.setdefault(normalise(actor.name.split()[-1]), set()).add(actor.id)
        for demonym in demonyms:
            self._demonyms[normalise(demonym)] = actor.id

    def lookup(self, name: str) -> Actor | None:
        actor_id = self._by_name.get(normalise(name))
        return self.actors.get(actor_id) if actor_id else None

    def by_surname(self, word: str) -> Actor | None:
        """'Shoigu' → Sergei Shoigu when exactly one known person has that surname."""
        ids = self._surnames.get(normalise(word), set())
        return self.actors[next(iter(ids))] if len(ids) == 1 else None

    def demonym(self, word: str) -> Actor | None:
        """'North Korean' → North Korea. Plural forms ('Russians') are folded too."""
        key = normalise(word)
        actor_id = self._demonyms.get(key) or self._demonyms.get(key.removesuffix("s"))
        return self.actors.get(actor_id) if actor_id else None

    def load_file(self, path: Path) -> None:
        self.load_mapping(yaml.safe_load(path.read_text(encoding="utf-8")) or {})

    def load_mapping(self, data: dict) -> None:
        for section, kind in SECTION_KINDS.items():
            for entry in data.get(section) or []:
                self.add(_actor_from_entry(entry, kind), entry.get("demonyms") or [])


def _actor_from_entry(entry: dict, kind: str) -> Actor:
    code = entry.get("code") if kind == "country" else entry.get("country")
    actor_id = entry.get("id") or (code if kind == "country" else normalise(entry["name"]).replace(" ", "-"))
    return Actor(
        id=str(actor_id),
        name=entry["name"],
        kind=entry.get("kind", kind),
        code=code,
        role=entry.get("role"),
        aliases=[str(a) for a in entry.get("aliases") or []],
    )


def _iso_countries(registry: Registry) -> None:
    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name
        aliases = {country.name, getattr(country, "official_name", country.name)}
        registry.add(Actor(id=country.alpha_3, name=name, kind="country", code=country.alpha_3, aliases=sorted(aliases)))


@lru_cache(maxsize=8)
def load_registry(extra_files: tuple[str, ...] = ()) -> Registry:
    """The built-in registry plus the user's files, in order (later entries win)."""
    registry = Registry()
    _iso_countries(registry)
    builtin = resources.files("crosswire.data").joinpath("actors.yaml").read_text(encoding="utf-8")
    registry.load_mapping(yaml.safe_load(builtin))
    for path in extra_files:
        registry.load_file(Path(path))
    return registry

"""The actor registry: canonical actors (countries, people, organisations, outlets, places)
and every name, demonym and metonym that refers to them.

The built-in registry is every ISO 3166 country from pycountry, then
``crosswire/data/countries.yaml`` (common names, demonyms, capitals as metonyms for every
country), then ``crosswire/data/actors.yaml`` (organisations, outlets, office holders with
their roles and dates). Users extend it with their own YAML or CSV files (docs/actors.md);
later entries win. Every lookup is a dict access: the entity layer calls these per mention.
"""

from __future__ import annotations

import csv
import re
import unicodedata
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
    "events": "event",
    "groups": "group",
}
KINDS = {"country", "person", "organization", "news_outlet", "place", "event", "group", "other"}
# Family name first in English-language news ("Kim" is Kim Jong Un, "Xi" is Xi Jinping).
FAMILY_NAME_FIRST = {"CHN", "TWN", "PRK", "KOR"}
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Role:
    """An office held: ``title`` ("President of Russia") in ``country`` from ``start`` to ``end``.

    Dates are ISO strings of any precision (``2012``, ``2012-05``, ``2012-05-07``) and compare
    as strings; ``end`` is ``None`` while the office is held (as far as the registry knows).
    """

    title: str
    country: str | None = None
    start: str | None = None
    end: str | None = None

    def held_on(self, day: str) -> bool:
        return (self.start or "") <= day and (self.end is None or day[: len(self.end)] < self.end)


@dataclass
class Actor:
    id: str
    name: str
    kind: str
    code: str | None = None  # ISO alpha-3 for countries; the country of a person, organisation or place
    role: str | None = None  # the latest role's title (see ``roles`` for all of them)
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    surname: str | None = None  # what the person is called alone within an article
    known_as: list[str] = field(default_factory=list)  # short names that mean this person anywhere

    def role_on(self, day: str | None) -> Role | None:
        """The role held on ``day`` (the most recent if several), or ``None``."""
        held = [r for r in self.roles if day and r.held_on(day)]
        return max(held, key=lambda r: r.start or "") if held else None

    def latest_role(self) -> Role | None:
        return max(self.roles, key=lambda r: (r.end is None, r.end or "", r.start or "")) if self.roles else None


_SPACES = re.compile(r"[-‐–\s]+")


@lru_cache(maxsize=1 << 16)
def normalise(name: str) -> str:
    """The lookup key of a name: case, accents, leading 'the', possessive and punctuation folded."""
    key = name.strip().lower().replace("’", "'")
    if not key.isascii():
        key = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    key = key.removesuffix("'s")
    if key.startswith("the ") or key.startswith("the\t") or key.startswith("the\n"):
        key = key[4:]
    key = key.replace(".", "")
    return _SPACES.sub(" ", key).strip()


def slug(name: str) -> str:
    return normalise(name).replace("'", "").replace(" ", "-")


class Registry:
    """Name → actor lookup, with separate indexes for metonyms, demonyms and people's short names."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self._by_name: dict[str, str] = {}
        self._metonyms: dict[str, str] = {}  # "Moscow" → RUS: a place standing for the actor
        self._demonyms: dict[str, str] = {}
        self._surnames: dict[str, set[str]] = {}
        self._known_as: dict[str, set[str]] = {}
        self._the_names: set[str] = set()  # names that carry their "The" ("The Week")

    # -- building ---------------------------------------------------------------------------

    def add(self, actor: Actor, demonyms: list[str] = (), metonyms: list[str] = ()) -> None:
        """Add an actor, or merge it into the one with the same id (names add up, later fields win)."""
        old = self.actors.get(actor.id)
        if old is not None:
            actor = _merge(old, actor)
        self.actors[actor.id] = actor
        for name in [actor.name, *actor.aliases]:
            self._by_name[normalise(name)] = actor.id
            if name.lower().startswith("the "):
                self._the_names.add(normalise(name))
        for name in metonyms:
            self._metonyms[normalise(name)] = actor.id
        for demonym in demonyms:
            self._demonyms[normalise(demonym)] = actor.id
        if actor.kind == "person":
            if actor.surname:
                self._surnames.setdefault(normalise(actor.surname), set()).add(actor.id)
            for short in actor.known_as:
                self._known_as.setdefault(normalise(short), set()).add(actor.id)

    def forget(self, names: list[str]) -> None:
        """Names that stand for more than one actor ("Congo", "Korean") resolve to nobody."""
        for name in names:
            key = normalise(name)
            for index in (self._by_name, self._metonyms, self._demonyms):
                index.pop(key, None)

    def load_file(self, path: Path) -> None:
        path = Path(path)
        if path.suffix.lower() == ".csv":
            self.load_mapping(read_csv(path))
        else:
            self.load_mapping(yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {})

    def load_mapping(self, data: dict) -> None:
        for section, kind in SECTION_KINDS.items():
            for entry in data.get(section) or []:
                if "name" not in entry:  # an addition to a known actor: {code: RUS, metonyms: [...]}
                    known = self.actors.get(str(entry.get("id") or entry.get("code")))
                    if known is None:
                        raise ValueError(f"registry entry without a name for an unknown actor: {entry}")
                    entry = {**entry, "name": known.name, "kind": entry.get("kind") or known.kind}
                actor = actor_from_entry(entry, kind)
                self.add(actor, _strings(entry.get("demonyms")), _strings(entry.get("metonyms")))
        self.forget(_strings(data.get("ambiguous")))

    # -- lookups ----------------------------------------------------------------------------

    def lookup(self, name: str, *, metonyms: bool = True) -> Actor | None:
        """The actor ``name`` refers to; with ``metonyms=False`` a capital is not its country."""
        key = normalise(name)
        actor_id = self._by_name.get(key) or (self._metonyms.get(key) if metonyms else None)
        return self.actors.get(actor_id) if actor_id else None

    def is_metonym(self, name: str) -> bool:
        key = normalise(name)
        return key in self._metonyms and key not in self._by_name

    def keeps_the(self, name: str) -> bool:
        """True when the registry spells this name with its 'The' ("The Week", not "the UN")."""
        return normalise(name) in self._the_names

    def demonym(self, word: str) -> Actor | None:
        """'North Korean' → North Korea. Plural forms ('Russians', 'Swedes') are folded too."""
        key = normalise(word)
        actor_id = self._demonyms.get(key) or self._demonyms.get(key.removesuffix("s"))
        return self.actors.get(actor_id) if actor_id else None

    def by_surname(self, word: str) -> Actor | None:
        """'Shoigu' → Sergei Shoigu when exactly one registry person is called that alone anywhere.

        Only short names listed as ``known_as`` count: a common surname ("Johnson") names
        nobody without a full name in the same article.
        """
        ids = self._known_as.get(normalise(word), set())
        return self.actors[next(iter(ids))] if len(ids) == 1 else None

    def by_unique_surname(self, word: str) -> Actor | None:
        """The one registry person with this surname, if exactly one (callers need more evidence)."""
        ids = self._surnames.get(normalise(word), set())
        return self.actors[next(iter(ids))] if len(ids) == 1 else None

    def surname_of(self, actor: Actor) -> str:
        return actor.surname or actor.name.split()[-1]


def _merge(old: Actor, new: Actor) -> Actor:
    aliases = list(dict.fromkeys([*old.aliases, *([old.name] if old.name != new.name else []), *new.aliases]))
    roles = list(dict.fromkeys([*old.roles, *new.roles]))
    return Actor(
        id=new.id,
        name=new.name,
        kind=new.kind,
        code=new.code or old.code,
        role=_latest_title(roles) or new.role or old.role,
        aliases=[a for a in aliases if a != new.name],
        roles=roles,
        surname=new.surname or old.surname,
        known_as=list(dict.fromkeys([*old.known_as, *new.known_as])),
    )


def actor_from_entry(entry: dict, kind: str) -> Actor:
    """An ``Actor`` from one YAML entry (see docs/actors.md for the keys)."""
    kind = entry.get("kind") or kind
    if kind not in KINDS:
        raise ValueError(f"actor {entry.get('name')!r}: unknown kind {kind!r} (one of {', '.join(sorted(KINDS))})")
    code = _str(entry.get("code")) if kind == "country" else _str(entry.get("country") or entry.get("code"))
    name = str(entry["name"])
    actor_id = _str(entry.get("id")) or (code if kind == "country" and code else slug(name))
    roles = _roles(entry, code)
    surname = _str(entry.get("surname"))
    if kind == "person" and not surname and " " in name:
        surname = name.split()[0] if code in FAMILY_NAME_FIRST else name.split()[-1]
    return Actor(
        id=str(actor_id),
        name=name,
        kind=kind,
        code=code,
        role=_latest_title(roles) or _str(entry.get("role")),
        aliases=_strings(entry.get("aliases")),
        roles=roles,
        surname=surname,
        known_as=_strings(entry.get("known_as")),
    )


def _roles(entry: dict, country: str | None) -> list[Role]:
    """Roles from ``roles:`` (``[title, start, end]`` lists or mappings) or the flat keys."""
    roles = []
    for item in entry.get("roles") or []:
        if isinstance(item, dict):
            own = item["country"] if "country" in item else country  # country: null = none (an EU office)
            roles.append(_role(item.get("role") or item.get("title"), own,
                               item.get("start") or item.get("since"), item.get("end") or item.get("until")))
        else:
            title, start, end, *rest = [*item, None, None, None]
            roles.append(_role(title, rest[0] or country, start, end))
    if entry.get("role") and not roles:
        roles.append(_role(entry["role"], country, entry.get("start") or entry.get("since"), entry.get("end") or entry.get("until")))
    return roles


def _role(title, country, start, end) -> Role:
    return Role(str(title), _str(country), _str(start), _str(end))


def _latest_title(roles: list[Role]) -> str | None:
    latest = max(roles, key=lambda r: (r.end is None, r.end or "", r.start or ""), default=None)
    return latest.title if latest else None


def _str(value) -> str | None:
    return str(value) if value not in (None, "") else None  # YAML reads 2012-05-07 as a date


def _strings(values) -> list[str]:
    return [str(v) for v in values or []]


CSV_COLUMNS = ("id", "name", "kind", "code", "aliases", "role", "country", "start", "end")


def read_csv(path: Path) -> dict:
    """A CSV registry as the YAML mapping: one row per actor, or per role (rows sharing an id merge)."""
    sections: dict[str, list[dict]] = {}
    section_of = {kind: section for section, kind in SECTION_KINDS.items()}
    with Path(path).open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
            if not row.get("name"):
                raise ValueError(f"{path}:{number}: every row needs a name")
            kind = row.get("kind") or "person"
            entry = {k: row[k] for k in ("id", "name", "code", "role", "country", "start", "end") if row.get(k)}
            entry["aliases"] = [a.strip() for a in row.get("aliases", "").split("|") if a.strip()]
            entry["kind"] = kind
            sections.setdefault(section_of.get(kind, "organizations"), []).append(entry)
    return sections


def _iso_countries(registry: Registry) -> None:
    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name
        aliases = {country.name, getattr(country, "official_name", country.name)} - {name}
        registry.add(Actor(id=country.alpha_3, name=name, kind="country", code=country.alpha_3, aliases=sorted(aliases)))


def _builtin(name: str) -> dict:
    text = resources.files("crosswire.data").joinpath(name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_Loader) or {}


@lru_cache(maxsize=8)
def load_registry(extra_files: tuple[str, ...] = ()) -> Registry:
    """The built-in registry plus the user's files, in order (later entries win)."""
    registry = Registry()
    _iso_countries(registry)
    registry.load_mapping(_builtin("countries.yaml"))
    registry.load_mapping(_builtin("actors.yaml"))
    for path in extra_files:
        registry.load_file(Path(path))
    return registry

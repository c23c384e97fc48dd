"""Named entities, found by spaCy and linked to the actor registry and the place gazetteer.

Each spaCy entity span becomes a ``Mention``; mentions that refer to the same actor are
gathered into one ``Entity``. In order:

1. spans are cleaned: a lower-case "the", a possessive, scores glued to names in results
   tables ("Lotte 6") and titles inside a PERSON span ("President Putin") are trimmed; title
   words tagged ORG ("Defense" in "Russian Defense Minister") are dropped; a span ending in
   an event word ("the Hong Kong Open") is an event;
2. each span is linked: a registry name, alias, metonym ("Moscow" → Russia) or demonym;
   a place from the gazetteer (with its country); a full personal name; tagging errors are
   corrected with both ("Vladivostok" tagged PERSON after "visit" is a place in Russia);
3. people named by part of their name resolve to the one person in the article whose full
   name ends with it, wherever that full name comes (before or after): one word ("Kim",
   "Korvath") by surname, or to a registry person known by it anywhere ("Putin"); several
   words that look like a surname ("Holtz-Eakin", "bin Laden", "Suu Kyi") by the end of the
   full name. Two candidates leave it unresolved. A surname tagged alone beside an untagged
   given name ("On March 14 Dusan Korvath") first takes the given name in; a word with a
   place context ("the concert in Houston") stays a place beside "Whitney Houston";
4. roles are read from titles and appositions (``crosswire.read.roles``), surnames the
   model missed are added, and references by role ("the defense minister") resolve to the
   one person holding it.

People not in the registry become actors with the id ``person:<slug of the full name>``.
Everything here is dict lookups and one pass over the tokens: no step scans the registry.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from crosswire.document import Article, Entity, Mention
from crosswire.read import gazetteer
from crosswire.read.actors import FAMILY_NAME_FIRST, Actor, Registry, normalise, slug
from crosswire.read.roles import (
    Cue,
    Title,
    is_head,
    is_title_word,
    matches,
    references,
    role_key,
    title_before,
    title_in_apposition,
)
from crosswire.read.timewords import MONTHS, WEEKDAYS

KEPT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
UNLINKED_KIND = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "event",
    "PRODUCT": "other",
    "WORK_OF_ART": "other",
    "LAW": "other",
    "LANGUAGE": "other",
}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
# Last words that make a span an event whatever its tag: tournaments, wars, summits.
EVENT_WORDS = {
    "open", "cup", "championship", "championships", "games", "olympics", "prix", "masters",
    "classic", "series", "trophy", "summit", "festival", "marathon", "final", "finals", "war", "tournament",
}
# Words of a title that spaCy tags as an organisation before "Minister", "Secretary", ...
# (not "Ministry" or "Department": "Foreign Ministry spokesman" does name a body).
TITLE_ADJECTIVES = {
    "foreign", "defense", "defence", "interior", "home", "finance", "economy", "economic", "trade",
    "justice", "health", "energy", "prime", "vice", "deputy", "national", "security", "state", "acting",
    "former", "supreme", "senior", "top", "chief", "external", "agriculture", "education", "environment",
    "transport", "culture", "industry", "emergency", "emergencies", "unification", "development",
    "information", "press", "presidential",
}
# Words right before a name that make it a place ("visited Vladivostok", "in Pyongyang").
PLACE_BEFORE = {
    "in", "at", "near", "into", "outside", "across", "toward", "towards", "via", "throughout",
    "visit", "visited", "visiting", "visits", "inside", "around",
}
# Of those, the ones that make it a place even when the article has a person of that name.
STRONG_PLACE_BEFORE = {"in", "near", "outside", "inside", "throughout", "visit", "visited", "visiting", "visits"}
POSSESSIVES = {"'s", "’s", "'", "’"}
PLACE_NOUNS = {"city", "town", "port", "capital", "region", "province", "village", "state", "country", "island"}
BIG_CITY = 1_000_000  # a city this large tagged PERSON is the city even without a cue
# Titles outside ``roles`` that stand before a surname the model tagged alone ("Cardinal Bernardin").
NOT_GIVEN_NAMES = {
    "cardinal", "bishop", "archbishop", "pope", "rabbi", "imam", "pastor", "reverend", "father", "saint",
    "lord", "lady", "baron", "baroness", "count", "countess", "duke", "duchess", "coach", "professor", "miss",
}


@dataclass
class _Found:
    """What the builder knows about one entity beyond ``Entity``: learnt titles."""

    entity: Entity
    titles: list[Title] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)


def find_entities(article: Article, doc: Doc, registry: Registry) -> None:
    """Set ``article.entities`` from the spaCy ``doc`` of ``article.text``."""
    day = article.meta.published or article.meta.published_estimate
    article.entities = _Builder(doc, registry, day).run()
    for entity in article.entities:
        # ``code`` of a person, body or place is the country it belongs to (the registry and
        # gazetteer put it there); ``country`` says so explicitly.
        if entity.kind != "country" and entity.code and len(entity.code) == 3 and entity.code.isupper():
            entity.country = entity.code


class _Builder:
    def __init__(self, doc: Doc, registry: Registry, day: str | None) -> None:
        self.doc, self.registry, self.day = doc, registry, day
        self.found: dict[str, _Found] = {}
        self.covered: set[int] = set()  # token indexes inside some mention
        self.cues: dict[int, Cue] = {}  # token index → the country cue it belongs to
        self.common: set[str] | None = None  # words the article writes in lower case

    def run(self) -> list[Entity]:
        single_people = []
        for span in self._spans():
            if span.label_ == "PERSON" and len(span) == 1:
                single_people.append(span)  # resolved once every full name is known
            else:
                self._add(span, *self._link(span))
        single_people = self._grow_names(single_people)
        self._merge_partial_names()
        for span in single_people:
            key, entity, label = self._link_single(span)
            self._add(_full_name(span, entity) if entity.kind == "person" else span, key, entity, label)
        self._merge_mistagged_surnames()
        self._learn_titles()
        self._add_surname_tokens()
        self._add_role_references()
        return self._finish()

    # -- 1. spans ---------------------------------------------------------------------------

    def _spans(self) -> list[Span]:
        spans = []
        for ent in self.doc.ents:
            if ent.label_ not in KEPT_LABELS or "\n" in ent.text:
                continue  # entities across lines are page clutter glued together
            span = self._trim(ent)
            if span is not None:
                spans.append(span)
        return spans

    def _common_words(self) -> set[str]:
        if self.common is None:
            self.common = {t.text for t in self.doc if t.text.islower()}
        return self.common

    def _grow_names(self, single_people: list[Span]) -> list[Span]:
        """Add the one-word PERSON spans that grow into a full name; return the others.

        A word that already names people of the article ("Hillary" beside "Hillary Clinton",
        "Clinton" beside two Clintons) is left to resolve as before, not grown ("Crooked
        Hillary", "Debating Clinton").
        """
        index, rest = self._people_index(), []
        for span in single_people:
            grown = span if normalise(span.text) in index else self._grow(span)
            if grown is span:
                rest.append(span)
            else:
                self._add(grown, *self._link(grown))
        return rest

    def _grow(self, span: Span) -> Span:
        """'Korvath' tagged alone in 'On March 14 Dusan Korvath' takes in the untagged given name.

        One untagged, capitalised proper noun right before the surname (or right after a
        tagged given name) joins it, unless it is a title, a date word, a place or a known
        actor, or is one of a run of such words (headline capitals, "Talks Resume Korvath").
        """
        if self.registry.lookup(span.text, metonyms=False) is not None or _big_place(span.text):
            return span  # "Reuters" or "Volgograd" tagged PERSON: a known name stays as it is
        doc, i = span.doc, span.start
        if self._given_name(doc, i - 1) and not self._given_name(doc, i - 2):
            return Span(doc, i - 1, span.end, label="PERSON")
        if self._given_name(doc, i + 1, after=True) and not self._given_name(doc, i + 2, after=True):
            return Span(doc, i, i + 2, label="PERSON")
        return span

    def _given_name(self, doc: Doc, i: int, *, after: bool = False) -> bool:
        """Could token ``i``, untagged, be the rest of the personal name next to it?"""
        if i < 0 or i >= len(doc):
            return False
        token = doc[i]
        gap = doc[i - 1].whitespace_ if after else token.whitespace_  # the space between it and the name
        text = token.text
        if token.ent_iob_ != "O" or token.pos_ != "PROPN" or gap != " " or not text.isalpha():
            return False
        far = i + 1 if after else i - 1  # the token on its other side
        if 0 <= far < len(doc) and doc[far].text == "-" and not (token.whitespace_ if after else doc[far].whitespace_):
            return False  # "In" of "Kim In-so": part of a hyphenated given name
        if not text[0].isupper() or (len(text) > 1 and text.isupper()) or len(text) < 2:
            return False  # "TOLUN" in a dateline, "K" as an initial: not a given name
        low = token.lower_
        if low in self._common_words():
            return False  # "Campaign" after "Clinton": the article writes it in lower case elsewhere
        if is_title_word(text) or low in NOT_GIVEN_NAMES or low in MONTHS or low in WEEKDAYS or low in PARTICLES:
            return False
        if self.registry.lookup(text) is not None or self.registry.demonym(text) is not None:
            return False  # "Korsk" or "Valdorian" next to a name is no part of it
        return not _big_place(text)

    def _trim(self, span: Span) -> Span | None:
        """The name itself: no lower-case 'the', possessive, or title inside a PERSON span."""
        doc, start, end = span.doc, span.start, span.end
        if doc[start].lower_ == "the" and (doc[start].text == "the" or not self.registry.keeps_the(span.text)):
            start += 1
        if end - start > 0 and doc[end - 1].text in {"'s", "’s", "'"}:
            end -= 1
        if span.label_ == "PERSON":
            while end - start > 1 and is_title_word(doc[start].text):
                start += 1
        elif end < len(doc) and is_head(doc[end].text):
            while end > start and doc[end - 1].lower_ in TITLE_ADJECTIVES:
                end -= 1  # "Defense" or "Estmark Foreign" before "Minister": a title, not a body
        if span.label_ in NAME_LABELS and self.registry.lookup(doc[start:end].text) is None:
            while end - start > 1 and (_is_number(doc[end - 1]) or doc[end - 1].is_punct):
                end -= 1  # "Lotte 6", "Boston Red Sox 7-0": scores glued to names in results tables
        if end <= start:
            return None
        label = span.label_
        if label in {"GPE", "LOC", "FAC", "ORG"} and doc[end - 1].lower_ in EVENT_WORDS:
            label = "EVENT"  # "the Hong Kong Open", "Singer World Series": events, not places
        return Span(doc, start, end, label=label)

    # -- 2. linking -------------------------------------------------------------------------

    def _link(self, span: Span) -> tuple[str, Entity, str]:
        """(entity key, entity if new, mention label) for a span other than a one-word PERSON."""
        text, label = span.text, span.label_
        if label == "PERSON":
            actor = self.registry.lookup(text, metonyms=False)
            if actor is not None:
                return self._actor(actor, label)
            place = self._misread_place(span)
            if place is not None:
                return place
            return self._person(text, label)
        actor = self.registry.lookup(text)
        if actor is not None:
            return self._actor(actor, label)
        actor = self.registry.demonym(text)
        if actor is not None:
            return self._actor(actor, "NORP")  # an adjective of the country, whatever the tag
        if label in PLACE_LABELS:
            place = gazetteer.lookup(text)
            if place is not None:
                return self._place(place, label)
        key = f"{label}:{normalise(text)}"
        return key, Entity(name=text, kind=UNLINKED_KIND[label]), label

    def _link_single(self, span: Span) -> tuple[str, Entity, str]:
        """A one-word PERSON: a person of this article, a registry person, or a misread name."""
        text, label = span.text, "PERSON"
        if self._place_context(span, strong=True):
            place = self._misread_place(span)
            if place is not None:
                return place  # "the concert in Houston" is the city, even beside "Whitney Houston"
        person = self._article_person(text)
        if person is not None:
            return person
        actor = self.registry.lookup(text, metonyms=False)
        if actor is not None:
            return self._actor(actor, label)  # "Jokowi"; "Reuters" or "Lindhaven" tagged PERSON
        actor = self.registry.by_surname(text) or self._titled_surname(span)
        if actor is not None:
            return self._actor(actor, label)
        place = self._misread_place(span)
        if place is not None:
            return place
        return f"PERSON:{normalise(text)}", Entity(name=text, kind="person"), label

    def _titled_surname(self, span: Span) -> Actor | None:
        """"President Korvath": a registry surname with the title of that person's role before it."""
        actor = self.registry.by_unique_surname(span.text)
        title = title_before(self.doc, span.start, {}) if actor is not None else None
        if title is None:
            return None
        key = role_key(title.text, self.registry)
        return actor if any(matches(key, role_key(r.title, self.registry)) for r in actor.roles) else None

    def _actor(self, actor: Actor, label: str) -> tuple[str, Entity, str]:
        return actor.id, Entity(name=actor.name, kind=actor.kind, actor_id=actor.id, code=actor.code), label

    def _place(self, place: gazetteer.Place, label: str) -> tuple[str, Entity, str]:
        key = place.id or f"place:{slug(place.name)}"
        kind = "country" if place.kind == "country" else "place"
        return key, Entity(name=place.name, kind=kind, actor_id=place.id, code=place.country), label

    def _person(self, text: str, label: str) -> tuple[str, Entity, str]:
        key = f"person:{slug(text)}"
        return key, Entity(name=text, kind="person", actor_id=key), label

    def _misread_place(self, span: Span) -> tuple[str, Entity, str] | None:
        """A name tagged PERSON that is a place by the gazetteer and by its context."""
        place = gazetteer.lookup(span.text)
        country = self.registry.lookup(span.text)
        if country is not None and country.kind != "country":
            country = None
        if place is None and country is None:
            return None
        big = place is not None and place.kind == "city" and place.population >= BIG_CITY
        if not (big or self._place_context(span)):
            return None
        return self._actor(country, "GPE") if country is not None else self._place(place, "GPE")

    def _place_context(self, span: Span, *, strong: bool = False) -> bool:
        """Do the words around ``span`` make it a place? ``strong``: even beside a person of
        that name ("in Houston", not "at Jamil", which may be someone shouted at)."""
        doc = span.doc
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        if strong:  # "in Clinton's direction", "in Davis' commentary": a possessive is no place
            return before in STRONG_PLACE_BEFORE and (span.end >= len(doc) or doc[span.end].text not in POSSESSIVES)
        if before in PLACE_BEFORE:
            return True
        if before == "of" and span.start > 1 and doc[span.start - 2].lower_ in PLACE_NOUNS:
            return True  # "the Russian city of Vladivostok"
        return any(t.dep_ == "appos" and t.head.i in range(span.start, span.end) and t.lemma_ in PLACE_NOUNS
                   for t in doc[span.end : min(len(doc), span.end + 8)])

    def _article_person(self, word: str, index: dict | None = None) -> tuple[str, Entity, str] | None:
        """The one person of the article called ``word`` alone (surname first, then given name)."""
        key = normalise(word)
        if len(key) < 2 or word.endswith("."):
            return None  # an initial ("K.") names nobody
        by_surname, by_other = (index if index is not None else self._people_index()).get(key, ((), ()))
        for candidates in (by_surname, by_other):
            if candidates:
                if len(candidates) > 1:
                    return None  # "Berg" after "Anna Berg" and "Lukas Berg": unresolved
                return candidates[0], self.found[candidates[0]].entity, "PERSON"
        return None

    def _people_index(self) -> dict[str, tuple[list[str], list[str]]]:
        """Word → (keys of people with that surname, keys of people with it as another name part)."""
        index: dict[str, tuple[list[str], list[str]]] = {}
        for found_key, found in self.found.items():
            entity = found.entity
            if entity.kind != "person" or " " not in entity.name:
                continue
            surname = self._surname(entity)
            index.setdefault(surname, ([], []))[0].append(found_key)
            for part in {normalise(entity.name.split()[0]), normalise(entity.name.split()[-1])} - {surname}:
                index.setdefault(part, ([], []))[1].append(found_key)
        return index

    def _surname(self, entity: Entity) -> str:
        actor = self.registry.actors.get(entity.actor_id or "")
        if actor is not None and actor.kind == "person":
            return normalise(self.registry.surname_of(actor))
        words = entity.name.split()
        return normalise(words[0] if entity.code in FAMILY_NAME_FIRST else words[-1])

    def _add(self, span: Span, key: str, entity: Entity, label: str) -> None:
        found = self.found.setdefault(key, _Found(entity))
        found.entity.mentions.append(Mention(span.start_char, span.end_char, span.text, label))
        self.covered.update(range(span.start, span.end))
        if found.entity.kind == "person" and found.entity.actor_id is None and " " in span.text:
            found.entity.name = max(found.entity.name, span.text, key=len)

    # -- 3. people named by part of their name ------------------------------------------------

    def _merge_partial_names(self) -> None:
        """'Holtz-Eakin', 'bin Laden', 'Suu Kyi': a PERSON span of several tokens that ends the
        name of exactly one longer person of the article is that person, before or after it.

        The partial name must look like a surname: one word (hyphens inside), a name with a
        particle ("bin Laden", "Van Voorhis"), or at least two words shorter than the full
        name ("Suu Kyi" of "Aung San Suu Kyi"). Two words that are themselves a full name
        ("Alicia Machado" beside "Miss Universe Alicia Machado") are left alone, and so is a
        registry person.
        """
        people = [(key, found.entity, [normalise(w) for w in found.entity.name.split()])
                  for key, found in self.found.items() if found.entity.kind == "person"
                  and all(w[:1].isupper() or w.lower() in PARTICLES for w in found.entity.name.split())]
        people.sort(key=lambda p: -len(p[2]))  # longest first: a partial name merged away is no candidate
        for key, entity, words in people:
            if entity.actor_id is not None and not entity.actor_id.startswith("person:"):
                continue
            extra = 1 if len(words) == 1 or words[0] in PARTICLES else 2
            longer = [k for k, _, w in people if len(w) >= len(words) + extra and w[-len(words):] == words and k in self.found]
            if len(longer) == 1:
                target = self.found[longer[0]].entity
                target.mentions.extend(entity.mentions)
                del self.found[key]

    # -- 3b. people named by one word --------------------------------------------------------

    def _merge_mistagged_surnames(self) -> None:
        """"Marrow told reporters" tagged ORG or GPE after "Anneliese Marrow" is that person; so is
        a bare "Johnson" read before "Prime Minister Johnson" told which Johnson it is.

        Registry actors keep their mentions: "Jordan" linked to the country stays the country.
        """
        for key, found in list(self.found.items()):
            entity = found.entity
            if entity.actor_id and (entity.kind == "person" or not entity.actor_id.startswith(("geonames:", "place:"))):
                continue
            if " " in entity.name or self._has_place_context(entity):
                continue  # "in Houston" tagged a place stays one beside "Whitney Houston"
            person = self._article_person(entity.name)
            if person is not None:
                target = self.found[person[0]].entity
                target.mentions.extend(Mention(m.start, m.end, m.text, "PERSON") for m in entity.mentions)
                del self.found[key]

    def _has_place_context(self, entity: Entity) -> bool:
        if entity.kind not in {"place", "country"}:
            return False
        spans = (self.doc.char_span(m.start, m.end) for m in entity.mentions)
        return any(span is not None and self._place_context(span, strong=True) for span in spans)

    def _add_surname_tokens(self) -> None:
        """Surnames the model left untagged: a proper noun standing alone, equal to one person's surname."""
        doc, index = self.doc, self._people_index()
        for token in doc:
            if token.i in self.covered or token.pos_ != "PROPN" or not token.text[:1].isupper():
                continue
            if _name_part(doc, token.i - 1) or _name_part(doc, token.i + 1) or {token.i - 1, token.i + 1} & self.covered:
                continue  # "Suu Kyi", "Van der Westhuizen": part of a longer name
            person = self._article_person(token.text, index)
            if person is not None:
                self.found[person[0]].entity.mentions.append(Mention(token.idx, token.idx + len(token), token.text, "SURNAME"))
                self.covered.add(token.i)

    # -- 4. roles -------------------------------------------------------------------------------

    def _learn_titles(self) -> None:
        self.cues = self._country_cues()
        for found in self.found.values():
            if found.entity.kind != "person":
                continue
            for mention in found.entity.mentions:
                span = self.doc.char_span(mention.start, mention.end)
                if span is None:
                    continue
                for title in (title_before(self.doc, span.start, self.cues), title_in_apposition(span, self.cues)):
                    if title is not None:
                        found.titles.append(title)
                        found.keys.add(role_key(title.text, self.registry))

    def _country_cues(self) -> dict[int, Cue]:
        """Token index → cue, for mentions of countries (by name or demonym) and of institutions with a country."""
        cues = {}
        for found in self.found.values():
            entity = found.entity
            is_country = entity.kind == "country"
            if not is_country and not (entity.kind in {"organization", "news_outlet"} and entity.code):
                continue
            for mention in entity.mentions:
                span = self.doc.char_span(mention.start, mention.end)
                if span is not None:
                    cue = Cue(span.start, span.end - 1, entity.code, is_country)
                    cues.update(dict.fromkeys(range(span.start, span.end), cue))
        return cues

    def _add_role_references(self) -> None:
        """"the defense minister" → the one person of the article holding that role."""
        people = [f for f in self.found.values() if f.entity.kind == "person"]
        for found in people:
            found.keys |= {role_key(t, self.registry) for t in self._registry_titles(found)}
        for title in references(self.doc, self.covered, self.cues):
            key = role_key(title.text, self.registry)
            holders = [f for f in people if any(matches(key, held) for held in f.keys)
                       and (title.country is None or self._country_of(f) == title.country)]
            if len(holders) == 1:
                text = self.doc.text[title.start : title.end]
                holders[0].entity.mentions.append(Mention(title.start, title.end, text, "ROLE"))

    def _registry_titles(self, found: _Found) -> list[str]:
        actor = self.registry.actors.get(found.entity.actor_id or "")
        role = self._registry_role(actor, found) if actor is not None else None
        return [role.title] if role is not None else []

    def _country_of(self, found: _Found) -> str | None:
        actor = self.registry.actors.get(found.entity.actor_id or "")
        role = self._registry_role(actor, found) if actor is not None else None
        if role is not None and role.country:
            return role.country
        return next((t.country for t in found.titles if t.country), found.entity.code)

    def _registry_role(self, actor: Actor, found: _Found):
        """The registry role to show: held on the article's date, else the one the text names, else the latest."""
        if not actor.roles:
            return None
        role = actor.role_on(self.day)
        if role is not None:
            return role
        if self.day and any(r.start or r.end for r in actor.roles):
            return None  # dated article, no role held then: the text's title (if any) says it
        named = [r for r in actor.roles if any(matches(k, role_key(r.title, self.registry)) for k in found.keys)]
        return max(named, key=lambda r: r.start or "") if named else actor.latest_role()

    # -- 5. result ------------------------------------------------------------------------------

    def _finish(self) -> list[Entity]:
        for found in self.found.values():
            entity = found.entity
            entity.mentions.sort(key=lambda m: m.start)
            if entity.kind != "person":
                continue
            actor = self.registry.actors.get(entity.actor_id or "")
            role = self._registry_role(actor, found) if actor is not None else None
            title = next((t for t in found.titles if t.country), found.titles[0] if found.titles else None)
            if role is not None:
                entity.role = role.title
            elif title is not None:
                entity.role = title.text
            if entity.code is None and title is not None:
                entity.code = title.country
        return [f.entity for f in self.found.values()]


def _full_name(span: Span, entity: Entity) -> Span:
    """'Younis' tagged alone in 'Waqar Younis 9-0-54-1' grows to the full name the article gives."""
    doc, words = span.doc, entity.name.split()
    n = len(words)
    if n < 2 or " " in span.text:
        return span
    if span.text == words[-1] and span.start >= n - 1 and [t.text for t in doc[span.start - n + 1 : span.start]] == words[:-1]:
        return doc[span.start - n + 1 : span.end]
    if span.text == words[0] and [t.text for t in doc[span.end : span.end + n - 1]] == words[1:]:
        return doc[span.start : span.end + n - 1]
    return span


def _big_place(text: str) -> bool:
    """Is ``text`` a country, region or large city of the gazetteer (never a given name)?"""
    place = gazetteer.lookup(text)
    return place is not None and (place.kind != "city" or place.population >= BIG_CITY)


def _name_part(doc: Doc, i: int) -> bool:
    """Is token ``i`` part of a name next to it (a capitalised proper noun or a name particle)?"""
    if i < 0 or i >= len(doc):
        return False
    token = doc[i]
    return (token.pos_ == "PROPN" and token.text[:1].isupper()) or token.lower_ in PARTICLES


PARTICLES = {"van", "der", "den", "de", "del", "della", "dos", "das", "du", "von", "al", "bin", "ibn", "abu", "ben", "el", "da", "di", "le", "la", "ter", "ten"}


def _is_number(token) -> bool:
    return token.like_num or any(c.isdigit() for c in token.text)

"""Roles read from the text: titles before a name, appositions after it, role references.

* "Russian Defense Minister Sergei Shoigu": the title before the name, with its country cue
  ("Russian") → role "Defense Minister", country RUS.
* "John Kirby, the White House national security spokesman," and "the spokesperson, Lina
  Serova": an apposition → role "White House national security spokesman" (an institution
  stays in the role; a country or demonym becomes the country: USA, via the White House).
* "the defense minister", "the Russian president", "Ukraine's president": a reference by
  role alone, which ``crosswire.read.entities`` resolves to the one person in the article
  holding a matching role (or leaves alone when there are two or none).

``role_key`` folds a title to a comparable key ("Secretary of Defense", "defence minister"
and "Minister of the Armed Forces" are all "defence minister") so that a reference can be
matched against registry roles and learnt ones alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from crosswire.read.actors import Registry

# Nouns that end a title: "Defense Minister", "National Security Adviser", "spokesperson".
HEADS = {
    "president", "minister", "secretary", "adviser", "advisor", "spokesman", "spokeswoman",
    "spokesperson", "leader", "premier", "chancellor", "ambassador", "envoy", "general",
    "admiral", "commander", "chief", "chairman", "chairwoman", "chair", "director", "governor",
    "mayor", "senator", "congressman", "congresswoman", "representative", "lawmaker", "king",
    "queen", "prince", "princess", "emperor", "pope", "ayatollah", "judge", "justice",
    "prosecutor", "ceo", "officer", "head", "coordinator", "negotiator", "speaker", "official",
    "diplomat", "aide", "sheikh", "colonel", "captain", "marshal", "monarch", "secretary-general",
    "director-general", "vice-president", "commissioner", "attorney", "counsel", "mp", "spokesperson",
}
ABBREVIATIONS = {
    "sen.": "Senator", "rep.": "Representative", "gen.": "General", "adm.": "Admiral",
    "col.": "Colonel", "lt.": "Lieutenant", "gov.": "Governor", "amb.": "Ambassador",
    "pres.": "President", "capt.": "Captain", "maj.": "Major", "sgt.": "Sergeant", "cmdr.": "Commander",
}
HONORIFICS = {"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "sir", "dame", "madam", "mister"}
# Words that may stand inside a title before its head noun.
MODIFIERS = {
    "prime", "vice", "deputy", "foreign", "defense", "defence", "national", "security", "state",
    "interior", "home", "finance", "economy", "economic", "trade", "justice", "health", "energy",
    "press", "acting", "former", "supreme", "crown", "first", "senior", "top", "lieutenant",
    "major", "brigadier", "army", "navy", "naval", "air", "force", "military", "intelligence",
    "executive", "general", "affairs", "armed", "forces", "government", "presidential",
    "communications", "strategic", "cabinet", "agriculture", "education", "environment",
    "transport", "labor", "labour", "treasury", "commerce", "homeland", "chief", "assistant",
    "under", "junior", "principal", "special", "permanent", "european", "external", "internal",
    "industry", "culture", "opposition", "party", "parliamentary", "ministry", "department",
    "policy", "information", "relations", "emergency", "emergencies", "development", "unification",
    "staff", "joint", "chiefs", "the", "of", "for", "and", "&",
} | HEADS
FUNCTION_WORDS = {"the", "of", "for", "and", "&", "a", "an"}
# Leading words of a title that change its rank: "prime minister" is no "minister".
RANK = {"prime", "vice", "deputy", "former", "acting", "assistant", "under", "junior", "first", "crown"}
SYNONYMS = [  # longest first; applied to a lower-cased title without its country
    (r"\b(secretary|minister) of (the )?(defen[cs]e|armed forces|war)\b", "defence minister"),
    (r"\b(defen[cs]e|armed forces|war) (secretary|minister)\b", "defence minister"),
    (r"\bminister (of|for) (europe and )?foreign affairs\b", "foreign minister"),
    (r"\b(foreign|external) affairs minister\b", "foreign minister"),
    (r"^secretary of state$", "foreign minister"),
    (r"\bforeign secretary\b", "foreign minister"),
    (r"\bpremier\b", "prime minister"),
    (r"\b(spokesman|spokeswoman|press secretary)\b", "spokesperson"),
    (r"\badvisor\b", "adviser"),
    (r"\b(chairman|chairwoman)\b", "chair"),
    (r"\bsecretary general\b", "secretary-general"),
]
_SYNONYMS = [(re.compile(pattern), replacement) for pattern, replacement in SYNONYMS]


@dataclass(frozen=True)
class Title:
    """A role read from the text: ``text`` as written (no country words), its country, its span."""

    text: str
    country: str | None
    start: int  # character offsets of the whole phrase, country words included
    end: int


@dataclass(frozen=True)
class Cue:
    """A linked mention that can give a title its country ("Russian", "White House")."""

    first: int  # token indexes, inclusive
    last: int
    country: str | None
    is_country: bool  # a country or demonym (dropped from the role) vs an institution (kept)


def is_head(word: str) -> bool:
    return word.lower() in HEADS or word.lower() in ABBREVIATIONS


def is_title_word(word: str) -> bool:
    low = word.lower()
    return low in MODIFIERS or low in ABBREVIATIONS or low in HONORIFICS


def title_before(doc: Doc, start: int, cues: dict[int, Cue]) -> Title | None:
    """The title right before token ``start`` ("Russian Defense Minister" before a name)."""
    tokens, country, i = [], None, start - 1
    while i >= 0:
        token = doc[i]
        cue = cues.get(i)
        if cue is not None:
            tokens[:0] = [(t, cue.is_country) for t in range(cue.first, cue.last + 1)]
            country = country or cue.country
            i = cue.first - 1
        elif token.text in {"'s", "’s"} and cues.get(i - 1) is not None:
            tokens.insert(0, (i, True))
            i -= 1
        elif is_title_word(token.text) and token.ent_type_ not in {"PERSON"} and "\n" not in token.whitespace_:
            tokens.insert(0, (i, False))
            i -= 1
        else:
            break
    while tokens and doc[tokens[0][0]].lower_ in FUNCTION_WORDS:
        tokens.pop(0)
    return _title(doc, tokens, country)


def title_in_apposition(span: Span, cues: dict[int, Cue]) -> Title | None:
    """A title in apposition to the name: "Kirby, the White House spokesman" or "the spokesperson, Serova"."""
    doc = span.doc
    root = span.root
    for token in doc[span.end : min(len(doc), span.end + 12)]:
        if token.dep_ == "appos" and span.start <= token.head.i < span.end and is_head(token.text):
            return _phrase(doc, token.left_edge.i, token.i, cues)
    if root.dep_ == "appos" and root.head.i < span.start and is_head(root.head.text):
        head = root.head
        return _phrase(doc, head.left_edge.i, head.i, cues)
    return None


def references(doc: Doc, covered: set[int], cues: dict[int, Cue]) -> list[Title]:
    """Definite references by role alone: "the defense minister", "Russia's president"."""
    found = []
    for token in doc:
        if token.lower_ not in HEADS or token.i in covered or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if after is not None and (after.i in covered or (after.pos_ == "PROPN" and after.text[:1].isupper())):
            continue  # a title before a name, read by title_before
        title = title_before(doc, token.i + 1, cues)
        if title is None:
            continue
        first = doc.char_span(title.start, title.end, alignment_mode="expand")
        if first is None:
            continue
        before = doc[first.start - 1] if first.start > 0 else None
        if before is not None and before.lower_ == "the":
            found.append(title)
        elif first[0].i in cues and (before is None or before.pos_ != "DET"):
            found.append(title)  # "Russia's president", not "a Russian defense minister"
    return found


def _phrase(doc: Doc, first: int, last: int, cues: dict[int, Cue]) -> Title | None:
    tokens, country, i = [], None, first
    while i <= last:
        cue = cues.get(i)
        if cue is not None:
            tokens.extend((t, cue.is_country) for t in range(i, min(cue.last, last) + 1))
            country = country or cue.country
            i = cue.last + 1
            continue
        tokens.append((i, doc[i].text in {"'s", "’s"} and i - 1 in cues))
        i += 1
    while tokens and doc[tokens[0][0]].lower_ in FUNCTION_WORDS:
        tokens.pop(0)
    return _title(doc, tokens, country)


def _title(doc: Doc, tokens: list[tuple[int, bool]], country: str | None) -> Title | None:
    """A ``Title`` from (token index, is-country-word) pairs, if a head noun is among them."""
    words = [doc[i] for i, is_country in tokens if not is_country]
    while words and words[-1].lower_ in FUNCTION_WORDS:
        words.pop()
    while words and (words[0].lower_ in FUNCTION_WORDS or words[0].lower_ in HONORIFICS):
        words.pop(0)
    if not words or not any(is_head(w.text) for w in words):
        return None
    text = "".join(ABBREVIATIONS.get(w.lower_, w.text) + w.whitespace_ for w in words[:-1])
    text += ABBREVIATIONS.get(words[-1].lower_, words[-1].text)
    start, end = doc[tokens[0][0]].idx, doc[tokens[-1][0]].idx + len(doc[tokens[-1][0]])
    return Title(text, country, start, end)


@lru_cache(maxsize=4096)
def role_key(title: str, registry: Registry | None = None) -> str:
    """A title folded for comparison: lower case, country words dropped, synonyms unified.

    "Defense Minister of Russia", "Russian defence minister" and "Secretary of Defense" all
    give "defence minister"; "US National Security Adviser" gives "national security adviser".
    """
    key = " ".join(title.lower().replace(".", "").split())
    if registry is not None:
        key = _drop_country(key, registry)
    for pattern, replacement in _SYNONYMS:
        key = pattern.sub(replacement, key)
    return key


def _drop_country(key: str, registry: Registry) -> str:
    head, sep, tail = key.rpartition(" of ")
    if sep and _is_country(tail, registry):
        key = head
    words = key.split()
    for n in (2, 1):
        if len(words) > n and _is_country(" ".join(words[:n]), registry):
            return " ".join(words[n:])
    return key


def _is_country(words: str, registry: Registry) -> bool:
    actor = registry.lookup(words, metonyms=False) or registry.demonym(words)
    return actor is not None and actor.kind == "country"


def matches(reference: str, held: str) -> bool:
    """Does a reference key ("minister") name a held role key ("defence minister")?

    Equal keys match; so does a held role that ends with the reference, unless the extra
    words change its rank ("prime minister" is not "the minister", "vice president" is not
    "the president").
    """
    if reference == held:
        return True
    if not held.endswith(" " + reference):
        return False
    extra = held[: -len(reference) - 1].split()
    return not any(word in RANK for word in extra)

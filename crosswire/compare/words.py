"""Content words of a claim, normalised so that paraphrases meet.

Outlets retell one fact in their own words: "collided" / "struck each other", "munitions" /
"artillery ammunition", "tête-à-tête" / "meeting" / "summit". Claims are compared on word
keys that survive such rewording: a small stemmer (suffixes off, so "injured", "injuring"
and "injuries" meet) and synonym groups for the verbs and nouns news coverage varies most.
The groups are deliberately few and concrete: a broad thesaurus would join claims that
only share a topic. Words that mark attribution or certainty ("said", "reportedly",
"expected") are dropped: they are the claim's status and sources, compared separately.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

WORD = re.compile(r"[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'’-]*")

# Attribution and certainty cues: what crosswire.read.claims and .sources already decide.
# Not crosswire.read.vocabulary's lists, on purpose: those are lemmas a parser matches to
# find who says what; these are word forms as written, left out of the keys claims are
# compared on (there is no lemmatiser at view time). They take in what only blurs a
# comparison (modals, hedges, time words, a few titles) and leave out reporting verbs whose
# object is the news itself ("warned", "urged", "accused": see SYNONYM_GROUPS' "warn").
CUE_WORDS = {
    "said", "says", "say", "saying", "told", "tell", "tells", "according", "reported", "reportedly", "reports",
    "report", "reporting", "allegedly", "claimed", "claims", "expected", "expects", "expect", "planning",
    "plans", "planned", "likely", "possibly", "perhaps", "probably", "apparently", "evidently", "seemingly",
    "might", "could", "would", "will", "may", "must", "shall", "set", "due", "citing", "cited", "per",
    "added", "adding", "stated", "statement", "announced", "confirmed", "denied", "denies", "deny",
    "rejected", "dismissed", "revealed", "suggests", "suggested", "appears", "seems", "believed", "thought",
    "sources", "source", "officials", "official", "spokesman", "spokeswoman", "spokesperson", "think",
    "earlier", "later", "sometime", "week", "weeks", "month", "months", "year", "years", "day", "days",
    "today", "yesterday", "tomorrow", "now", "recently", "also", "still", "just", "even", "really",
    # Titles sit next to names, which are compared as entities already.
    "president", "minister", "secretary", "chairman", "prime", "mr", "mrs", "ms", "dr", "general",
}
STOP = {w.lower() for w in STOP_WORDS} | CUE_WORDS

# Synonym groups: every word maps to its group's first word. Grouped by meaning in news
# reports of events, the kind of rewording the example corpus and the seeds show.
SYNONYM_GROUPS = [
    ["meet", "meeting", "met", "summit", "talks", "visit", "trip", "tête-à-tête", "tete-a-tete", "sit-down"],
    ["munitions", "ammunition", "weapons", "weapon", "arms", "shells", "armaments"],
    ["deal", "agreement", "accord", "pact", "arrangement"],
    ["collide", "collision", "collided", "collides", "struck", "strike", "rammed", "ram", "rams", "crash", "crashed"],
    ["injure", "injured", "injuring", "injuries", "injury", "hurt", "wounded"],
    ["rescue", "rescued", "rescuers", "saved", "evacuated"],
    ["ship", "vessel", "freighter", "carrier", "boat", "warship", "ferry"],
    ["supply", "supplies", "send", "sends", "sent", "provide", "provided", "deliver", "delivered", "give"],
    ["sanction", "sanctions", "sanctioned", "penalties"],
    ["vote", "voted", "votes", "ballot"],
    ["approve", "approved", "passed", "pass", "adopted", "backed"],
    ["fire", "blaze", "burning", "flames"],
    ["inquiry", "investigation", "investigate", "investigators", "probe"],
    ["crew", "sailors", "crewmen", "seamen"],
    ["warn", "warning", "warnings", "hailed", "calls"],
]
SYNONYMS = {word: group[0] for group in SYNONYM_GROUPS for word in group}
SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "ly", "s")


def words(text: str) -> list[str]:
    """Content-word keys of ``text`` in order: stop and cue words out, synonyms joined, stemmed."""
    return [key for raw in WORD.findall(text) if (key := word_key(raw))]


def word_key(raw: str) -> str | None:
    """The key of one word, or ``None`` for a stop or cue word (or a fragment)."""
    lowered = raw.lower().replace("’", "'").strip("'-")
    if lowered.endswith("'s"):
        lowered = lowered[:-2]
    if len(lowered) < 3 or lowered in STOP or lowered.split("'")[0] in STOP:
        return None  # "i'll", "we're": a stop word with a clitic is still a stop word
    if lowered in SYNONYMS:
        return SYNONYMS[lowered]
    return stem(lowered)


def is_stop(raw: str) -> bool:
    return raw.lower() in STOP


def stem(word: str) -> str:
    """A light suffix stripper: enough to join inflections without a lemmatiser at view time."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            base = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                base += "y"
            return SYNONYMS.get(base, base)
    return word

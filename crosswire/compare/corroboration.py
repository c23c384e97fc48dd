"""Corroboration: how many independent origins stand behind a claim, and what each outlet rests on.

Two things collapse reports that look independent and are not:

* Syndication. Articles sharing an ``origin_id`` are copies of one text (a wire story
  reprinted with edits): one origin, however many outlets carry it. The group is named after
  the wire its dateline credits ("PORT AMSEL (Meridian Wire) —"), else after its earliest copy.
* Shared upstream sources. Each attribution chain ends at the deepest source an article
  names; that source, normalised, is the claim's upstream. Officials, intelligence,
  ministries and government documents of one country are one upstream, "<country>
  government": "U.S. officials", "US government intelligence reports" and a White House
  spokesperson all lead back to the US government. The country comes from the names the
  story's own entities give (mentions, demonyms, a person's or place's country), then the
  built-in actor registry. The rule, shared with the event layer, and how compare applies
  it (``SourceResolver``) are in ``crosswire.upstream``.

Open chains. A chain that stops at a news outlet ("per The Wall Street Journal") or at an
unnamed report ("reportedly") does not say where the information came from. Such a
report may rest on any named origin of the same claim, so the count of independent origins
is a lower bound: open chains count only when a claim has no named origin at all. A claim
an outlet makes on its own authority, citing no one, is that outlet's own reporting (its
origin's, for syndicated copies) and counts as one origin.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from crosswire.compare.units import ClaimUnit
from crosswire.upstream import Cited, SourceResolver, Upstream, deepest_chains

DATELINE_CREDIT = re.compile(r"^[^\n]{0,80}?\((?P<wire>[A-Z][\w .&'-]{1,40})\)\s*(?:—|–|--|-)")


@dataclass(frozen=True)
class Origin:
    """One text and its syndicated copies: a single origin however many outlets carry it."""

    id: str  # the origin article's id
    credited: str  # the outlet the group is named after
    outlets: tuple[str, ...]
    articles: tuple[str, ...]


@dataclass
class Corroboration:
    """Who stands behind one story claim."""

    outlets: list[str]
    reports: int  # articles making the claim
    origins: list[Origin]  # after syndicated copies collapse
    upstreams: list[Upstream]  # distinct named origins (or, when there is none, the open ones)
    unresolved: list[Upstream]  # open chains a named origin may account for
    chains: list[tuple[str, ...]]

    @property
    def independent(self) -> int:
        """A lower bound on the independent origins behind the claim."""
        return len(self.upstreams)


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def origins_of(records: list[dict[str, Any]]) -> list[Origin]:
    """Syndication groups of the story's articles, each named after its credited wire."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        groups[record.get("origin_id") or record["id"]].append(record)
    return [_origin(origin_id, members) for origin_id, members in groups.items()]


def _origin(origin_id: str, members: list[dict[str, Any]]) -> Origin:
    outlets = tuple(dict.fromkeys(m.get("outlet") or "unknown outlet" for m in members))
    credits = [m["wire"].strip() for r in members if (m := DATELINE_CREDIT.match(r["text"]))]
    earliest = min(members, key=lambda r: (_date(r), r["id"] != origin_id))
    credited = next((c for c in credits if c in outlets), None) or (credits[0] if credits else None)
    name = credited or earliest.get("outlet") or "unknown outlet"
    return Origin(origin_id, name, outlets, tuple(r["id"] for r in members))


def _date(record: dict[str, Any]) -> str:
    return record.get("published") or record.get("published_estimate") or "9999"


def corroborate(members: list[ClaimUnit], resolver: SourceResolver, origins: dict[str, Origin]) -> Corroboration:
    """Outlets, origins and upstreams of one story claim (see the module docstring)."""
    roots: list[Upstream] = []
    for units in _one_text_per_origin(members):
        for unit in units:
            roots += [resolver.upstream(c) for c in unit.cited] or [_uncited(unit, origins)]
    named = list({r.key: r for r in roots if not r.open}.values())
    unresolved = list({r.key: r for r in roots if r.open}.values())
    article_ids = list(dict.fromkeys(u.article_id for u in members))
    return Corroboration(
        outlets=sorted({u.outlet for u in members}),
        reports=len(article_ids),
        origins=[origins[o] for o in dict.fromkeys(u.origin_id for u in members) if o in origins],
        upstreams=named or unresolved,
        unresolved=unresolved if named else [],
        chains=list(dict.fromkeys(chain for u in members for chain in u.chains)),
    )


def _one_text_per_origin(members: list[ClaimUnit]) -> list[list[ClaimUnit]]:
    """For each origin, the members from one of its articles: the original when it makes the
    claim, else the earliest copy. A reprint's attribution is the wire's, even when an editor
    rewrote "the Kelvaro Coast Guard" as "the islands' coast guard"."""
    by_origin: dict[str, dict[str, list[ClaimUnit]]] = defaultdict(lambda: defaultdict(list))
    for unit in members:
        by_origin[unit.origin_id][unit.article_id].append(unit)
    chosen = []
    for origin_id, articles in by_origin.items():
        if origin_id in articles:
            chosen.append(articles[origin_id])
        else:
            chosen.append(min(articles.values(), key=lambda units: (units[0].published or "9999", units[0].article_id)))
    return chosen


def _uncited(unit: ClaimUnit, origins: dict[str, Origin]) -> Upstream:
    credited = origins[unit.origin_id].credited if unit.origin_id in origins else unit.outlet
    if unit.hearsay:
        return Upstream(f"unnamed:{unit.origin_id}", f"sources {credited} does not name", "unnamed", open=True)
    return Upstream(f"own:{unit.origin_id}", f"{possessive(credited)} own reporting", "own")


@dataclass
class OutletBasis:
    """What one outlet's coverage of the story rests on."""

    outlet: str
    chains: list[tuple[str, ...]] = field(default_factory=list)  # as cited, outlet first
    chain_upstreams: list[Upstream] = field(default_factory=list)  # the upstream of each chain
    upstreams: list[Upstream] = field(default_factory=list)  # distinct


def outlet_bases(records: list[dict[str, Any]], resolver: SourceResolver) -> list[OutletBasis]:
    """Each outlet's cited chains (the deepest of each sentence) and their upstreams."""
    bases: dict[str, OutletBasis] = {}
    for record in records:
        outlet = record.get("outlet") or "unknown outlet"
        basis = bases.setdefault(outlet, OutletBasis(outlet))
        cited = [Cited.from_record(s, outlet) for s in record.get("sources_cited", [])]
        for c in deepest_chains(cited):  # "[GD, NYT]" is the head of "[GD, NYT, US government intelligence reports]"
            up = resolver.upstream(c)
            if c.chain not in basis.chains:
                basis.chains.append(c.chain)
                basis.chain_upstreams.append(up)
            if up not in basis.upstreams:
                basis.upstreams.append(up)
    return sorted(bases.values(), key=lambda b: b.outlet)


@dataclass
class UpstreamNote:
    """Which outlets rest on which upstream origins, and how many independent origins the
    story's cited sources come down to."""

    bases: list[OutletBasis]
    shared: list[Upstream]  # named upstreams every outlet rests on (two or more outlets)
    common: dict[str, list[str]]  # upstream key -> outlets, for upstreams two or more outlets rest on
    upstreams: list[Upstream]  # every named upstream in the story
    relays: list[Upstream]  # outlets cited without their own source
    syndicated: list[Origin]  # origins carried by more than one article
    text: str


def upstream_note(bases: list[OutletBasis], origins: list[Origin]) -> UpstreamNote:
    named: dict[str, Upstream] = {}
    holders: dict[str, list[str]] = defaultdict(list)
    for basis in bases:
        for up in basis.upstreams:
            if not up.open:
                named.setdefault(up.key, up)
                holders[up.key].append(basis.outlet)
    relays = list({u.key: u for b in bases for u in b.upstreams if u.kind == "outlet"}.values())
    shared = [named[k] for k, outlets in holders.items() if len(bases) > 1 and len(outlets) == len(bases)]
    common = {k: outlets for k, outlets in holders.items() if len(outlets) > 1}
    syndicated = [o for o in origins if len(o.articles) > 1]
    note = UpstreamNote(bases, shared, common, list(named.values()), relays, syndicated, "")
    note.text = _note_text(note, named, len(origins))
    return note


def _note_text(note: UpstreamNote, named: dict[str, Upstream], origin_count: int) -> str:
    """The note in words, e.g. "Both outlets rest on US government sources (The Week: ...;
    Global Dispatches: ...). 2 outlets, 1 upstream origin (US government)."."""
    n = len(note.bases)
    sentences = []
    for up in note.shared[:3]:
        who = "Both outlets" if n == 2 else f"All {n} outlets"
        detail = "; ".join(f"{b.outlet}: {_chains_text(b, up)}" for b in note.bases)
        sentences.append(f"{who} rest on {up.label} sources ({detail}).")
    for key, outlets in note.common.items():
        if named[key] not in note.shared:
            sentences.append(f"{len(outlets)} of {n} outlets rest on {named[key].label} ({', '.join(outlets)}).")
    count = len(note.upstreams)
    listed = ", ".join(u.label for u in note.upstreams[:6]) + (", ..." if count > 6 else "")
    origin_word = "origin" if count == 1 else "origins"
    summary = f"{n} outlet{'s' if n != 1 else ''}, {count} upstream {origin_word}" + (f" ({listed})" if count else "")
    if n > 1 and count == 1:
        summary += ": corroboration counts them once, not as independent sources"
    sentences.append(summary + ".")
    for relay in note.relays:
        sentences.append(f"{relay.label} is cited without naming its own source.")
    for origin in note.syndicated:
        sentences.append(
            f"{possessive(origin.credited)} text is carried by {len(origin.articles)} articles "
            f"({', '.join(origin.outlets)}): one origin."
        )
    if origin_count != len(note.syndicated) and note.syndicated:
        sentences.append(f"{origin_count} origins after syndicated copies collapse.")
    return " ".join(sentences)


def _chains_text(basis: OutletBasis, upstream: Upstream) -> str:
    """The chains of one outlet that lead to ``upstream``, plus its relays without a source:
    "The Wall Street Journal and U.S. officials"."""
    parts = []
    for chain, up in zip(basis.chains, basis.chain_upstreams):
        if up.key == upstream.key or up.kind == "outlet":
            parts.append(" citing ".join(chain[1:]) or chain[0])
    parts = list(dict.fromkeys(parts))
    return ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else (parts[0] if parts else "")

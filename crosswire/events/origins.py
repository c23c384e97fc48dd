"""Independent origins: how many separate sources really stand behind a set of reports.

Reports are tied together when they cannot be independent of each other:

* syndicated copies share the article's ``origin_id`` (a wire story reprinted by three
  outlets is one origin);
* one outlet's articles are one source (the Tolun Evening Star reporting twice is still
  the Tolun Evening Star);
* reports whose sentence cites the same upstream source (the tail of the attribution
  chain: "per The Wall Street Journal", "citing US intelligence reports") rest on it, and
  an outlet cited by another outlet is the same source as that outlet's own reports.
  Officials and government documents of one country are one upstream, its government.
  What counts as the same upstream is the rule the story view's corroboration uses too:
  ``crosswire.upstream`` (``event_upstream`` is how events apply it).

The independent origins are the connected groups (union-find over those keys). Unnamed
anonymous sources ("officials", "a source") tie nothing: two outlets quoting "officials"
may well have spoken to different people.
"""

from __future__ import annotations

from collections.abc import Iterable

from crosswire.events.model import Report
from crosswire.events.parties import ActorIndex
from crosswire.read.actors import normalise
from crosswire.upstream import event_upstream


def origin_groups(reports: Iterable[Report], index: ActorIndex | None = None) -> list[str]:
    """One label per independent origin among ``reports``: the upstream source a group
    rests on when it cites one, else the outlet of its original (first-stored) text, else
    an outlet (else an article id). ``index`` names
    sources by their registry name, so "WSJ" and "The Wall Street Journal" tie, and folds
    a country's officials into its government."""
    index = index or ActorIndex()
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]  # path halving keeps the trees flat
            key = parent[key]
        return key

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    labels: dict[str, str] = {}
    upstream_keys: set[str] = set()
    articles: set[str] = set()
    for report in reports:
        node = f"article:{report.article_id}"
        articles.add(node)
        origin = f"origin:{report.origin_id or report.article_id}"
        union(node, origin)
        if report.outlet and report.article_id == (report.origin_id or report.article_id):
            labels[origin] = report.outlet  # a wire story is named after its first-stored copy
        if report.outlet:
            key = _source_key(index.canonical(report.outlet))
            labels.setdefault(key, report.outlet)
            union(node, key)
        for cited in report.cited:
            if (name := event_upstream(cited, index)) is not None:
                key = _source_key(name)
                labels[key] = name  # an upstream names the group better than an outlet
                upstream_keys.add(key)
                union(node, key)
        labels.setdefault(node, report.outlet or report.article_id)
    groups: dict[str, list[str]] = {}
    for key in list(parent):
        groups.setdefault(find(key), []).append(key)
    result = []
    for members in groups.values():
        if articles.isdisjoint(members):
            continue
        upstream = sorted(labels[m] for m in members if m in upstream_keys)
        original = sorted(labels[m] for m in members if m in labels and m.startswith("origin:"))
        named = sorted(labels[m] for m in members if m in labels and m.startswith("source:"))
        fallback = sorted(labels[m] for m in members if m in labels)
        result.append((upstream or original or named or fallback)[0])
    return sorted(result)


def _source_key(name: str) -> str:
    return f"source:{normalise(name)}"

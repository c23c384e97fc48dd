"""The actor graph: who did what with whom, every link with its evidence.

Nodes are the actors of the merged events (name, kind, ISO code). An edge joins two
actors that share an event (source and target, or two parties of a symmetric event such
as a meeting); it counts those events by PLOVER category and keeps their ids and the ids
of every report behind them. An edge resting on one independent origin (one outlet, one
wire story, or one cited upstream source however many outlets repeat it) is flagged
``single_source``: a link to check before relying on it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from crosswire.events.merge import actor_index, load_reports, merge_reports
from crosswire.events.model import MergedEvent, Report
from crosswire.events.origins import origin_groups
from crosswire.events.parties import ActorIndex
from crosswire.events.relations import event_pairs
from crosswire.read.actors import Registry
from crosswire.store.base import Store


@dataclass
class Node:
    name: str
    kind: str
    code: str | None
    events: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "code": self.code, "events": self.events}


@dataclass
class Edge:
    source: str  # node names, sorted: the graph is undirected
    target: str
    categories: Counter = field(default_factory=Counter)
    events: list[str] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)

    @property
    def weight(self) -> int:
        return len(self.events)

    @property
    def single_source(self) -> bool:
        return len(self.origins) <= 1

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "weight": self.weight,
                "categories": dict(sorted(self.categories.items())), "single_source": self.single_source,
                "independent_origins": len(self.origins), "origins": list(self.origins),
                "events": list(self.events), "reports": list(self.reports)}


@dataclass
class ActorGraph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, str], Edge] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"nodes": [n.as_dict() for n in self.nodes.values()],
                "edges": [e.as_dict() for e in self.edges.values()]}

    def to_networkx(self):
        """The graph as a ``networkx.Graph``; list attributes joined with ";" so GraphML and
        GEXF (which hold scalars only) can carry them."""
        import networkx as nx

        graph = nx.Graph()
        for node in self.nodes.values():
            graph.add_node(node.name, label=node.name, kind=node.kind, code=node.code or "", events=node.events)
        for edge in self.edges.values():
            attributes = {f"n_{category}": count for category, count in edge.categories.items()}
            graph.add_edge(
                edge.source, edge.target, weight=edge.weight, single_source=edge.single_source,
                independent_origins=len(edge.origins), origins=";".join(edge.origins),
                events=";".join(edge.events), reports=";".join(edge.reports), **attributes,
            )
        return graph


def actor_graph(
    store: Store, *, registry: Registry | None = None, events: list[MergedEvent] | None = None
) -> ActorGraph:
    """The actor graph of every merged event in the store (event denied by all reports left out)."""
    index = actor_index(store, registry)
    if events is None:
        events = merge_reports(load_reports(store), index)
    return build_graph(events, index)


def build_graph(events: list[MergedEvent], index: ActorIndex | None = None) -> ActorGraph:
    index = index or ActorIndex()
    graph = ActorGraph()
    edge_reports: dict[tuple[str, str], dict[str, Report]] = {}
    for event in events:
        if event.status == "denied":
            continue
        pairs = event_pairs(event, by="actor")
        if not pairs:
            continue
        for participant in event.participants:
            node = graph.nodes.setdefault(
                participant.name, Node(participant.name, index.kind(participant.name), participant.code)
            )
            node.events += 1
        for pair in sorted(pairs):
            edge = graph.edges.setdefault(pair, Edge(*pair))
            edge.categories[event.category] += 1
            edge.events.append(event.id)
            edge.reports.extend(r.id for r in event.reports)
            edge_reports.setdefault(pair, {}).update((r.id, r) for r in event.reports)
    for pair, edge in graph.edges.items():  # origins over all the edge's reports together
        edge.origins = origin_groups(edge_reports[pair].values(), index)
    return graph


def render_actors(graph: ActorGraph, *, limit: int = 30) -> str:
    """The graph as text: actors by number of events, then the strongest links."""
    nodes = sorted(graph.nodes.values(), key=lambda n: (-n.events, n.name))
    edges = sorted(graph.edges.values(), key=lambda e: (-e.weight, e.source, e.target))
    lines = [f"{len(graph.nodes)} actors, {len(graph.edges)} links "
             f"({sum(e.single_source for e in edges)} single-source)", "", "actors:"]
    for node in nodes[:limit]:
        lines.append(f"  {node.name:<32} {node.kind:<13} {node.code or '-':<5} {node.events:>4} events")
    lines += ["", "links:"]
    for edge in edges[:limit]:
        categories = ", ".join(f"{c} {n}" for c, n in edge.categories.most_common())
        flag = "  [single source]" if edge.single_source else f"  [{len(edge.origins)} origins]"
        lines.append(f"  {edge.source} – {edge.target}: {categories}{flag}")
    return "\n".join(lines)

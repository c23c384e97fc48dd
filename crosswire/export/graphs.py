"""The actor graph as GraphML or GEXF (networkx writes both; Gephi, yEd and igraph read them).

Node attributes: ``label`` (the actor's name, also its id), ``kind``, ``code`` (ISO
alpha-3 or empty), ``events``. Edge attributes: ``weight`` (events), ``n_<CATEGORY>``
(events of each PLOVER category present), ``single_source``, ``independent_origins``,
and ``origins``, ``events`` and ``reports`` as ";"-joined lists (the evidence: merged
event ids and ``article_id:idx`` report ids).
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from crosswire.events.graph import ActorGraph
from crosswire.errors import OptionsError

GRAPH_FORMATS = ("graphml", "gexf")


def write_graph(graph: ActorGraph, fmt: str, out: str | Path | IO[bytes]) -> int:
    """Write ``graph`` as ``fmt`` to a path or binary stream; return the number of edges."""
    import networkx as nx

    g = graph.to_networkx()
    if fmt == "graphml":
        nx.write_graphml(g, out)
    elif fmt == "gexf":
        nx.write_gexf(g, out)
    else:
        raise OptionsError(f"graphs export as {', '.join(GRAPH_FORMATS)}, not {fmt!r}")
    return g.number_of_edges()

"""Events across articles: reports of one real-world event merged, timelines between
actors, cooperation–conflict relations over time, and the actor graph.

Everything is computed at query time from the per-article events in the store
(``crosswire.read.events`` codes them; ``Store.iter_events`` reads them back).
"""

from crosswire.events.graph import ActorGraph, Edge, Node, actor_graph, build_graph, render_actors
from crosswire.events.merge import load_reports, merge_reports, merged_events
from crosswire.events.model import MergedEvent, Report
from crosswire.events.parties import ActorIndex, ActorQuery, Participant
from crosswire.events.relations import Period, Relation, relations, render_relations
from crosswire.events.timeline import Timeline, TimelineEntry, render_timeline, timeline

__all__ = [
    "ActorGraph", "ActorIndex", "ActorQuery", "Edge", "MergedEvent", "Node", "Participant", "Period",
    "Relation", "Report", "Timeline", "TimelineEntry", "actor_graph", "build_graph", "load_reports",
    "merge_reports", "merged_events", "relations", "render_actors", "render_relations", "render_timeline",
    "timeline",
]

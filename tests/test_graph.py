"""The actor graph and the cooperation–conflict balance, on hand-built reports."""

from __future__ import annotations

from crosswire.events.graph import build_graph, render_actors
from crosswire.events.merge import merge_reports
from crosswire.events.parties import ActorIndex
from crosswire.events.relations import _relation, event_pairs

from .test_event_merge import KINDS, report


def events():
    return merge_reports([
        # the summit: two independent outlets
        report(date="2023-09-13", outlet="The Week"),
        report(date="2023-09-13", outlet="NPR"),
        # the munitions deal: two outlets, one wire story
        report(category="COOPERATE", mode="military", quad="material cooperation", source=("North Korea",),
               target=("Russia",), status="proposed", outlet="Wire", article="w1"),
        report(category="COOPERATE", mode="military", quad="material cooperation", source=("North Korea",),
               target=("Russia",), status="proposed", outlet="Paper", article="p1", origin="w1"),
        # a threat, in September, single source
        report(category="THREATEN", mode=None, quad="verbal conflict", source=("Russia",),
               target=("North Korea",), date="2023-09-20", outlet="NPR"),
        # denied only: no edge
        report(category="ASSAULT", mode=None, quad="material conflict", source=("Russia",),
               target=("Vladivostok",), status="denied", outlet="AP"),
    ], ActorIndex(KINDS))


def test_nodes_carry_name_kind_and_code():
    graph = build_graph(events(), ActorIndex(KINDS))
    assert graph.nodes["Kim Jong Un"].kind == "person" and graph.nodes["Kim Jong Un"].code == "PRK"
    assert graph.nodes["Russia"].kind == "country"
    assert "Vladivostok" not in graph.nodes  # only in a denied event


def test_edges_carry_counts_evidence_and_the_single_source_flag():
    merged = events()
    graph = build_graph(merged, ActorIndex(KINDS))
    summit = graph.edges[("Kim Jong Un", "Vladimir Putin")]
    assert summit.categories == {"CONSULT": 1} and len(summit.reports) == 2
    assert not summit.single_source and summit.origins == ["NPR", "The Week"]
    countries = graph.edges[("North Korea", "Russia")]
    assert countries.categories == {"COOPERATE": 1, "THREATEN": 1}
    assert len(countries.events) == 2 and len(countries.reports) == 3
    assert not countries.single_source  # the wire story and NPR's threat: two origins
    deal_only = build_graph([e for e in merged if e.category == "COOPERATE"], ActorIndex(KINDS))
    assert deal_only.edges[("North Korea", "Russia")].single_source  # two outlets, one wire story


def test_graph_converts_to_networkx_and_renders():
    graph = build_graph(events(), ActorIndex(KINDS))
    g = graph.to_networkx()
    assert g.number_of_nodes() == len(graph.nodes) and g.number_of_edges() == len(graph.edges)
    assert g.edges["Kim Jong Un", "Vladimir Putin"]["n_CONSULT"] == 1
    text = render_actors(graph)
    assert "4 actors, 2 links (0 single-source)" in text
    assert "Kim Jong Un – Vladimir Putin: CONSULT 1  [2 origins]" in text


def test_pairs_by_actor_and_by_country():
    summit = next(e for e in events() if e.category == "CONSULT")
    assert event_pairs(summit, by="actor") == {("Kim Jong Un", "Vladimir Putin")}
    assert event_pairs(summit, by="country") == {("PRK", "RUS")}


def test_balance_by_month_and_quad_class():
    merged = [e for e in events() if e.status != "denied"]
    relation = _relation("North Korea", "Russia", merged)
    periods = {p.period: p for p in relation.periods}
    assert set(periods) == {"2023-09", "undated"}
    september = periods["2023-09"]
    assert september.counts["verbal cooperation"] == 1 and september.counts["verbal conflict"] == 1
    assert september.score == 0.0
    # a proposed material deal counts as verbal cooperation (PLOVER reads it as AGREE)
    assert periods["undated"].counts["verbal cooperation"] == 1 and periods["undated"].score == 1.0
    assert relation.overall.total == 3

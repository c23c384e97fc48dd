"""The cross-source view (crosswire.compare) on the seeds and the example corpus, against a baseline.

    python benchmarks/compare_seeds.py [--verbose]

Seeds (../shared/seeds, ../shared/golden/seeds.yaml ``story:``): corroborated claims found
(x/3), single-outlet claims found (x/6), false contradictions, the upstream verdict and the
tone per outlet. The gold lines are matched by key words exactly as
tests/test_compare_seeds.py does (its docstring says how).

Example corpus (examples/corpus/expected): the planted contradictions of ves-collision found
(values and which documents carry which value), contradictions reported in stories where
none is planted, and the kelvaro-ferry wire story: outlets, origins and independent upstream
origins of the claims of the wire text.

Baseline, same run: sentences grouped when their lower-cased word sets have a Jaccard
similarity of 0.3 or more (no stemming, synonyms, names or slot values); a contradiction
whenever two grouped-or-similar (Jaccard >= 0.2) sentences of different articles carry
different time values; and the count of sources behind a claim = its outlets (what
counting reports, rather than origins, gives).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from itertools import combinations
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crosswire.compare import StoryView, story_view  # noqa: E402
from crosswire.ingest.job import ingest  # noqa: E402
from crosswire.options import Options  # noqa: E402
from crosswire.store import open_store  # noqa: E402
from tests.test_compare_seeds import CORROBORATED_KEYS, ONLY_IN_KEYS, matches  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPUS = ROOT / "examples" / "corpus"
WORD = re.compile(r"[a-z0-9]+")

Row = dict[str, list[str]]  # outlet -> the sentences of one claim


def crosswire_rows(view: StoryView) -> list[Row]:
    return [{o: [u.text for u in cell.units] for o, cell in row.cells.items()} for row in view.claims]


def baseline_rows(records: list[dict]) -> list[Row]:
    """Greedy single-pass grouping of sentence claims by word-set Jaccard >= 0.3."""
    groups: list[tuple[set[str], Row]] = []
    for record in records:
        for claim in record["claims"]:
            words = set(WORD.findall(claim["text"].lower()))
            for group_words, row in groups:
                if _jaccard(words, group_words) >= 0.3:
                    row.setdefault(record["outlet"], []).append(claim["text"])
                    break
            else:
                groups.append((words, {record["outlet"]: [claim["text"]]}))
    return [row for _, row in groups]


def baseline_contradictions(records: list[dict]) -> int:
    """Pairs of similar sentences (Jaccard >= 0.2) of different articles with different times."""
    sentences = []
    for record in records:
        for claim in record["claims"]:
            values = {t["value"] for t in record["times"] if claim["start"] <= t["start"] < claim["end"] and t["value"]}
            sentences.append((record["id"], set(WORD.findall(claim["text"].lower())), values))
    return sum(
        1
        for (a, wa, va), (b, wb, vb) in combinations(sentences, 2)
        if a != b and va and vb and not va & vb and _jaccard(wa, wb) >= 0.2
    )


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def corroborated_found(rows: list[Row], outlets: list[str]) -> dict[str, bool]:
    return {
        claim: any(set(outlets) <= set(row) and all(matches(" ".join(row[o]), groups) for o in outlets) for row in rows)
        for claim, groups in CORROBORATED_KEYS.items()
    }


def only_in_found(rows: list[Row], view: StoryView | None) -> dict[str, bool]:
    found = {}
    for outlet, items in ONLY_IN_KEYS.items():
        for item, groups in items.items():
            alone = any(list(row) == [outlet] and matches(" ".join(row[outlet]), groups) for row in rows)
            added = view is not None and any(
                matches(" ".join(row.additions.get(outlet, [])), groups) for row in view.corroborated
            )
            found[f"{outlet}: {item}"] = alone or added
    return found


def seeds(verbose: bool) -> None:
    golden = yaml.safe_load((SHARED / "golden" / "seeds.yaml").read_text())["story"]
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "seeds.db") as store:
        ingest([str(SHARED / "seeds")], store, Options())
        (story,) = store.stories()
        view = story_view(store, story["id"])
        records = store.story(story["id"])["articles"]
    print("Seeds: one story of", ", ".join(s.outlet for s in view.outlets))
    for name, rows, v in (("crosswire", crosswire_rows(view), view), ("baseline", baseline_rows(records), None)):
        corroborated = corroborated_found(rows, golden["outlets"])
        only = only_in_found(rows, v)
        false = len(view.contradictions) if v else baseline_contradictions(records)
        print(
            f"  {name:9}  corroborated found {sum(corroborated.values())}/{len(corroborated)}   "
            f"only_in found {sum(only.values())}/{len(only)}   false contradictions {false}"
        )
        if verbose:
            for label, ok in {**corroborated, **only}.items():
                print(f"      {'found  ' if ok else 'MISSING'}  {label}")
    note = view.upstream
    print(f"  upstream (crosswire): shared by all outlets: {[u.label for u in note.shared]}; "
          f"{len(note.upstreams)} upstream origin(s) behind {len(view.outlets)} outlets")
    print(f"  upstream (baseline):  {len(view.outlets)} independent sources (one per outlet)")
    print(f"  verdict: {note.text}")
    print("  tone:", "; ".join(f"{s.outlet}: {s.tone.label}" for s in view.outlets),
          "| gold:", "; ".join(f"{o}: {t}" for o, t in golden["tone"].items()))


def corpus(verbose: bool) -> None:
    expected = {p.stem: yaml.safe_load(p.read_text()) for p in sorted((CORPUS / "expected").glob("*.yaml"))}
    options = Options(actor_files=(str(CORPUS / "actors.yaml"),))
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "corpus.db") as store:
        ingest([str(CORPUS)], store, options)
        by_source = {r["source"]: r for r in store.iter_articles()}
        views = {s["id"]: story_view(store, s["id"]) for s in store.stories()}
        records = {s["id"]: store.story(s["id"])["articles"] for s in store.stories()}

    def record_of(doc: dict) -> dict:
        suffix = f"#item{doc['item']}" if "item" in doc else f"#record{doc['record']}" if "record" in doc else ""
        end = doc["file"] + suffix
        return next(r for source, r in by_source.items() if source.endswith("/" + end))

    print("Example corpus:")
    ves = expected["ves-collision"]
    view = views[record_of(ves["documents"][0])["story_id"]]
    found = 0
    for planted in ves["contradictions"]:
        want = {str(v): {record_of(d)["id"] for d in docs} for v, docs in planted["by_value"].items()}
        slot = "date" if planted["slot"] == "date" else "number of"
        match = [c for c in view.contradictions if c.slot.startswith(slot) and set(c.values) == set(want)]
        got = {v: {a.unit.article_id for a in accs} for v, accs in match[0].by_value.items()} if match else {}
        documents = sum(len(want[v] & got.get(v, set())) for v in want)
        total = sum(len(ids) for ids in want.values())
        found += bool(match)
        print(f"  ves-collision {planted['slot']}: {'found' if match else 'MISSING'} "
              f"({' vs '.join(want)}), documents on the right side {documents}/{total}")
    print(f"  contradictions found {found}/{len(ves['contradictions'])}; reported in the story: crosswire "
          f"{len(view.contradictions)}, baseline {baseline_contradictions(records[view.id])} (sentence pairs)")
    planted_story = view.id
    elsewhere = sum(len(v.contradictions) for sid, v in views.items() if sid != planted_story)
    baseline_elsewhere = sum(baseline_contradictions(r) for sid, r in records.items() if sid != planted_story)
    print(f"  contradictions where none is planted: crosswire {elsewhere}, baseline {baseline_elsewhere} (pairs)")
    syndication = expected["kelvaro-ferry"]["syndication"]
    view = views[record_of(syndication["original"])["story_id"]]
    copies = {record_of(d)["id"] for d in syndication["copies"]}
    rows = [row for row in view.corroborated if {u.article_id for u in row.claim.members} == copies]
    (origin,) = [o for o in view.origins if set(o.articles) & copies]
    print(f"  kelvaro-ferry wire story: {len(copies)} copies, {len(origin.outlets)} outlets, credited to "
          f"{origin.credited}; story origins {len(view.origins)} (baseline: {len(view.outlets)} outlets)")
    if rows:
        independent = sorted({row.corroboration.independent for row in rows})
        origins = sorted({len(row.corroboration.origins) for row in rows})
        print(f"  claims of the wire text carried by all copies: {len(rows)}; origins per claim {origins}, "
              f"independent upstream origins per claim {independent} (baseline: {len(copies)} sources each)")
    if verbose:
        for sid, v in views.items():
            print(f"    story {sid}: {len(v.claims)} claims, {len(v.corroborated)} in several outlets, "
                  f"{len(v.contradictions)} contradictions, {len(v.status_changes)} status changes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    if (SHARED / "seeds").exists():
        seeds(args.verbose)
    else:
        print(f"Seeds: {SHARED / 'seeds'} is absent, skipped")
    corpus(args.verbose)


if __name__ == "__main__":
    main()

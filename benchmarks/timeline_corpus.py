"""Events across articles: merged timelines against expectations, and the cost of merging.

    python benchmarks/timeline_corpus.py [--scale 1,10,100,300] [--json]

Seeds (../shared/seeds, skipped when absent): both ingested into a fresh store; the
Russia–North Korea timeline must hold the 2019 Kim–Putin meeting (happened, both outlets,
2019-04), the September 2023 summit (planned or reported, both outlets) and the munitions
deal (proposed, both outlets), in that order.

Example corpus (examples/corpus/expected/*.yaml with a ``timeline`` list): the timeline of
the file's main pair (the two ISO codes named on its ``# Main pair`` comment line), told
by the story's own documents and by the whole corpus, matched with
``crosswire.events.expected.match_expected``: matched / expected, categories exact,
statuses right, matched events dated, dated matches in order.

Merge cost: the corpus's stored events replicated N times (each copy its own articles and
dates shifted by N years, so copies are distinct events in the same actor blocks, the hard
case), merged with ``merge_reports``; seconds and reports per second. 300 copies of the 32
corpus articles is about 10k articles. Then the same from a store: the corpus store with
its articles, events, entities and cited sources copied ``--store-scale`` times by SQL
(dates unshifted: copies are syndicated-looking reprints with their own origin), timing
``Store.iter_events`` + merging everything, and one ``timeline`` (VLD–SRV) end to end.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crosswire.events.expected import match_expected, summary  # noqa: E402
from crosswire.events.merge import actor_index, load_reports, merge_reports  # noqa: E402
from crosswire.events.model import Report  # noqa: E402
from crosswire.events.timeline import timeline  # noqa: E402
from crosswire.ingest.job import ingest  # noqa: E402
from crosswire.options import Options  # noqa: E402
from crosswire.read.actors import load_registry  # noqa: E402
from crosswire.store import open_store  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPUS = ROOT / "examples" / "corpus"
ACTORS = CORPUS / "actors.yaml"


def seeds(folder: Path) -> dict:
    """The seed checks: each expected event found with its status and outlets, and the order."""
    if not (SHARED / "seeds").exists():
        return {"skipped": f"{SHARED / 'seeds'} is absent"}
    with open_store(folder / "seeds.db") as store:
        ingest([str(SHARED / "seeds")], store, Options())
        result = timeline(store, "Russia", "North Korea")
    entries = [e.event for e in result.entries]
    checks = {
        "2019 meeting": _find(entries, "CONSULT", "2019", {"happened"}),
        "2023 summit": _find(entries, "CONSULT", "2023-09", {"planned", "reported"}),
        "munitions deal": _find(entries, "COOPERATE", None, {"proposed"}, what="munition"),
    }
    positions = [c["position"] for c in checks.values() if c["found"]]
    return {
        "events": len(entries),
        "checks": checks,
        "matched": sum(c["found"] for c in checks.values()),
        "expected": len(checks),
        "statuses_right": sum(c["status_ok"] for c in checks.values()),
        "both_outlets": sum(c["outlets"] == 2 for c in checks.values()),
        "order_correct": positions == sorted(positions) and len(positions) == len(checks),
    }


def _find(events, category, date_prefix, statuses, what=None) -> dict:
    for position, event in enumerate(events):
        if event.category != category or "Kim Jong Un" not in {p.name for p in event.named} and what is None:
            continue
        if date_prefix and not (event.date or "").startswith(date_prefix):
            continue
        if what and what not in (event.what or ""):
            continue
        return {"found": True, "position": position, "date": event.date, "status": event.status,
                "status_ok": event.status in statuses, "outlets": len(event.outlets),
                "origins": event.independent_origins}
    return {"found": False, "position": None, "status_ok": False, "outlets": 0}


def corpus(db: Path) -> list[dict]:
    registry = load_registry((str(ACTORS),))
    results = []
    with open_store(db) as store:
        by_source = {r["source"]: r["id"] for r in store.iter_articles()}
        for path in sorted((CORPUS / "expected").glob("*.yaml")):
            text = path.read_text()
            spec = yaml.safe_load(text)
            if not spec.get("timeline"):
                continue
            pair = re.search(r"# Main pair .*?\((\w+)\).*?\((\w+)\)", text)
            a, b = pair.groups() if pair else ("", "")
            ids = {by_source[s] for s in _sources(spec) if s in by_source}
            for scope, kwargs in (("story documents", {"article_ids": ids}), ("whole corpus", {})):
                matches = match_expected(timeline(store, a, b, registry=registry, **kwargs), spec["timeline"])
                results.append({"file": path.name, "pair": f"{a}-{b}", "scope": scope, **summary(matches),
                                "entries": [m.as_dict() for m in matches]})
    return results


def _sources(spec: dict) -> list[str]:
    out = []
    for doc in spec["documents"]:
        suffix = f"#record{doc['record']}" if "record" in doc else f"#item{doc['item']}" if "item" in doc else ""
        out.append(f"{CORPUS / doc['file']}{suffix}")
    return out


def merge_cost(db: Path, scales: list[int]) -> list[dict]:
    with open_store(db) as store:
        t0 = time.perf_counter()
        reports = load_reports(store)
        load_seconds = time.perf_counter() - t0
        index = actor_index(store, load_registry((str(ACTORS),)))
    rows = []
    for n in scales:
        copies = [_shifted(r, k) for k in range(n) for r in reports]
        t0 = time.perf_counter()
        merged = merge_reports(copies, index)
        seconds = time.perf_counter() - t0
        rows.append({"copies": n, "articles": 32 * n, "reports": len(copies), "merged": len(merged),
                     "seconds": round(seconds, 3), "reports_per_second": round(len(copies) / seconds)})
    return [{"load_reports_seconds_x1": round(load_seconds, 3)}, *rows]


def store_cost(db: Path, folder: Path, copies: int) -> dict:
    scaled = folder / f"corpus-x{copies}.db"
    shutil.copy(db, scaled)
    conn = sqlite3.connect(scaled)
    with conn:
        for table in ("articles", "entities", "sources_cited", "events"):
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
            renamed = {"id": "id", "article_id": "article_id", "origin_id": "origin_id"}
            for k in range(1, copies):
                select = ", ".join(f"{c} || '~{k}'" if c in renamed else c for c in columns)
                conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select} FROM {table} "
                             f"WHERE {'id' if table == 'articles' else 'article_id'} NOT LIKE '%~%'")
    conn.close()
    registry = load_registry((str(ACTORS),))
    with open_store(scaled) as store:
        articles = store.article_count()
        t0 = time.perf_counter()
        reports = load_reports(store)
        read = time.perf_counter() - t0
        merged = merge_reports(reports, actor_index(store, registry))
        everything = time.perf_counter() - t0
        t0 = time.perf_counter()
        result = timeline(store, "VLD", "SRV", registry=registry)
        one = time.perf_counter() - t0
    return {"copies": copies, "articles": articles, "reports": len(reports), "merged": len(merged),
            "read_seconds": round(read, 3), "read_and_merge_seconds": round(everything, 3),
            "timeline_seconds": round(one, 3), "timeline_events": len(result.entries)}


def _shifted(report: Report, k: int) -> Report:
    if k == 0:
        return report
    event = report.event
    date = _shift_year(event.date, k)
    return dataclasses.replace(
        report, event=dataclasses.replace(event, date=date), article_id=f"{report.article_id}~{k}",
        origin_id=f"{report.origin_id}~{k}", published=_shift_year(report.published, k),
        story_id=None if report.story_id is None else report.story_id + 1000 * k,
    )


def _shift_year(value: str | None, k: int) -> str | None:
    if not value or not value[:4].isdigit():
        return value
    return f"{int(value[:4]) + k:04d}{value[4:]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="1,10,100,300", help="comma-separated copy counts for the merge cost")
    parser.add_argument("--store-scale", type=int, default=300,
                        help="copies of the corpus in the scaled store (0: skip)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "corpus.db"
        with open_store(db) as store:
            ingest([str(CORPUS)], store, Options(actor_files=(str(ACTORS),)))
        results = {"seeds": seeds(folder), "corpus": corpus(db),
                   "merge_cost": merge_cost(db, [int(n) for n in args.scale.split(",")])}
        if args.store_scale:
            results["store_cost"] = store_cost(db, folder, args.store_scale)
    if args.json:
        print(json.dumps(results, indent=2, default=str))
        return
    _print(results)


def _print(results: dict) -> None:
    s = results["seeds"]
    print("Seeds: Russia – North Korea timeline")
    if "skipped" in s:
        print(f"  skipped: {s['skipped']}")
    else:
        for name, check in s["checks"].items():
            print(f"  {name:<15} found={check['found']} date={check.get('date')} status={check.get('status')} "
                  f"outlets={check['outlets']} origins={check.get('origins')}")
        print(f"  matched {s['matched']}/{s['expected']}, statuses right {s['statuses_right']}, "
              f"across both outlets {s['both_outlets']}, order correct: {s['order_correct']} ({s['events']} events)")
    print("\nExample corpus: expected timelines")
    for r in results["corpus"]:
        print(f"  {r['file']} {r['pair']} ({r['scope']}): matched {r['matched']}/{r['expected']}, "
              f"category exact {r['category_exact']}, status right {r['status_ok']}, dated {r['dated']}, "
              f"in order {r['order_ok']}")
        for m in r["entries"]:
            e = m["event"]
            got = f"{e['date'] or 'undated'} {e['status']} {e['label']}" if e else "—"
            want = m["expected"]
            print(f"    {want['date']:<10} {want['category']:<9} {want['status']:<9} → {got}")
    print("\nMerge cost (corpus events replicated)")
    cost = results["merge_cost"]
    print(f"  load_reports from the store (x1): {cost[0]['load_reports_seconds_x1']} s")
    for row in cost[1:]:
        print(f"  x{row['copies']:<4} ~{row['articles']:>6} articles {row['reports']:>7} reports → "
              f"{row['merged']:>6} events in {row['seconds']:.3f} s ({row['reports_per_second']} reports/s)")
    if "store_cost" in results:
        c = results["store_cost"]
        print(f"\nFrom a store of {c['articles']} articles ({c['copies']} copies, {c['reports']} reports): "
              f"iter_events {c['read_seconds']} s; with merging all ({c['merged']} events) "
              f"{c['read_and_merge_seconds']} s; timeline VLD–SRV end to end {c['timeline_seconds']} s "
              f"({c['timeline_events']} events)")


if __name__ == "__main__":
    main()

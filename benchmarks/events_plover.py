"""PLOVER event coding against the PLOVER gold standard records, with a keyword baseline.

    python benchmarks/events_plover.py [--data PATH] [--limit N] [--json]

Each record's sentence goes through the real pipeline (``Reader`` with default
``Options`` on ``Article.from_cleaned(Cleaned(text=sentence))``), then
``find_events``. The main event of a sentence is the one whose trigger sits highest in
the dependency tree (first in the text on a tie). Its category and mode are compared as
PLOVER records them (``plover_category``/``plover_mode``: planned cooperation is AGREE,
planned or proposed conflict is THREATEN), since the gold coders followed that rule.

Actors match by code when both sides carry an ISO 3166 alpha-3 code; the gold also uses
sector codes (IGO, NGO, IMG) and a few non-ISO ones (JAP, VTN), so otherwise they match by
a shared content word between names (or the registry's canonical name of the gold text).
A slot is right when both sides are empty, or when the first predicted actor matches one
of the gold actors. Modes are compared after folding PLOVER 0.5's organised/spontaneous
split ("demo-org", "riot-spon") into the later manual's "demo" and "riot".

Baseline, in the same run: the first lexicon keyword found anywhere in the sentence gives
the category (and the lexicon's mode for it); the first entity mention is the source, the
next different one the target.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pycountry  # noqa: E402

from crosswire.document import Article, Cleaned  # noqa: E402
from crosswire.options import Options  # noqa: E402
from crosswire.pipeline import Reader  # noqa: E402
from crosswire.read.actors import load_registry, normalise  # noqa: E402
from crosswire.read.events import Event, find_events, lexicon, plover_category, plover_mode  # noqa: E402

DATA = ROOT.parent / "shared" / "eval" / "events" / "plover-gsr-dev.json"
STOPWORDS = {"the", "of", "in", "and", "a", "an", "its", "his", "her", "their", "from", "to", "on", "for", "s"}


# --- predictions --------------------------------------------------------------------------


def main_event(events: list[Event], doc) -> Event | None:
    """The event whose trigger is highest in the parse (nearest the root), first on a tie."""
    def rank(event: Event) -> tuple[int, int]:
        span = doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
        token, depth = span.root, 0
        while token.head.i != token.i:
            token, depth = token.head, depth + 1
        return depth, event.trigger_start
    return min(events, key=rank) if events else None


def crosswire_prediction(event: Event | None) -> dict | None:
    if event is None:
        return None
    return {
        "event": plover_category(event),
        "mode": plover_mode(event),
        "source": list(zip(event.source, event.source_codes)),
        "target": list(zip(event.target, event.target_codes)),
    }


def keyword_prediction(article: Article, doc) -> dict | None:
    lex = lexicon()
    entry = None
    for token in doc:
        lemma = token.lemma_.lower()
        entry = lex.verbs.get(lemma) or lex.nouns.get(lemma) or lex.nouns.get(token.lower_)
        if entry:
            break
    if entry is None:
        return None
    mentions = sorted((m.start, e) for e in article.entities for m in e.mentions)
    actors: list = []
    for _, entity in mentions:
        if all(entity is not other for other in actors):
            actors.append(entity)
    pair = [(e.name, e.code or e.country) for e in actors[:2]]
    return {"event": entry[0], "mode": entry[1], "source": pair[:1], "target": pair[1:2]}


# --- scoring ------------------------------------------------------------------------------


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOPWORDS}


def actor_matches(name: str, code: str | None, gold: dict) -> bool:
    gold_code = (gold.get("code") or "").strip()
    if code and gold_code and pycountry.countries.get(alpha_3=gold_code) is not None:
        return code == gold_code
    gold_text = gold.get("actorText") or ""
    known = load_registry().lookup(gold_text)
    if known is not None and normalise(known.name) == normalise(name):
        return True
    return bool(_words(name) & _words(gold_text))


def _gold_actors(value) -> list[dict]:
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []


def slot_right(predicted: list[tuple[str, str | None]], gold: list[dict]) -> bool:
    if not predicted or not gold:
        return not predicted and not gold
    name, code = predicted[0]
    return any(actor_matches(name, code, g) for g in gold)


def _modes(value: str | None) -> set[str]:
    folded = {"demo-org": "demo", "demo-spon": "demo", "riot-org": "riot", "riot-spon": "riot"}
    return {folded.get(m.strip(), m.strip()) for m in (value or "").replace(",", "+").split("+") if m.strip()}


def score(records: list[dict], predictions: list[dict | None]) -> dict:
    gold_counts, predicted_counts, right_counts = Counter(), Counter(), Counter()
    source = target = target_n = mode = mode_n = full = 0
    for record, pred in zip(records, predictions):
        gold = record["event"]
        gold_counts[gold] += 1
        if pred is None:
            continue
        predicted_counts[pred["event"]] += 1
        type_ok = pred["event"] == gold
        right_counts[gold] += type_ok
        source_ok = slot_right(pred["source"], _gold_actors(record["source"]))
        gold_target = _gold_actors(record.get("target"))
        target_ok = slot_right(pred["target"], gold_target)
        source += source_ok
        if gold_target:
            target_n += 1
            target += target_ok
        if _modes(record.get("mode")):
            mode += bool(_modes(pred["mode"]) & _modes(record.get("mode")))
        full += type_ok and source_ok and target_ok
    mode_n = sum(1 for r in records if _modes(r.get("mode")))
    target_n = sum(1 for r in records if _gold_actors(r.get("target")))
    n = len(records)
    right = sum(right_counts.values())
    precision = right / max(1, sum(predicted_counts.values()))
    recall = right / max(1, n)
    per_category = {}
    for category in sorted(gold_counts):
        p = right_counts[category] / predicted_counts[category] if predicted_counts[category] else 0.0
        r = right_counts[category] / gold_counts[category]
        per_category[category] = round(2 * p * r / (p + r), 3) if p + r else 0.0
    return {
        "sentences": n,
        "coded": sum(1 for p in predictions if p is not None),
        "type_micro_f1": round(_f1(precision, recall), 3),
        "type_macro_f1": round(sum(per_category.values()) / max(1, len(per_category)), 3),
        "source_accuracy": round(source / max(1, n), 3),
        "target_accuracy": round(target / max(1, target_n), 3),
        "target_sentences": target_n,
        "mode_accuracy": round(mode / max(1, mode_n), 3),
        "mode_sentences": mode_n,
        "full_record_accuracy": round(full / max(1, n), 3),
        "per_category_f1": per_category,
    }


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# --- running ------------------------------------------------------------------------------


def run(records: list[dict]) -> dict:
    reader = Reader(Options())
    ours, baseline = [], []
    started = time.perf_counter()
    for record in records:
        article = Article.from_cleaned(Cleaned(text=record["text"].strip()))
        doc = reader.nlp(article.text)
        reader.annotate(article, doc)
        ours.append(crosswire_prediction(main_event(find_events(article, doc), doc)))
        baseline.append(keyword_prediction(article, doc))
    seconds = time.perf_counter() - started
    return {
        "data": str(DATA),
        "seconds": round(seconds, 1),
        "crosswire": score(records, ours),
        "keyword": score(records, baseline),
        "predictions": [{"id": r["id"], "gold": r["event"], "crosswire": o, "keyword": b}
                        for r, o, b in zip(records, ours, baseline)],
    }


def print_table(result: dict) -> None:
    ours, base = result["crosswire"], result["keyword"]
    rows = [
        ("event type micro F1", "type_micro_f1"),
        ("event type macro F1", "type_macro_f1"),
        ("source accuracy", "source_accuracy"),
        (f"target accuracy (n={ours['target_sentences']})", "target_accuracy"),
        (f"mode accuracy (n={ours['mode_sentences']})", "mode_accuracy"),
        ("full record accuracy", "full_record_accuracy"),
        ("sentences coded", "coded"),
    ]
    print(f"{ours['sentences']} sentences, {result['seconds']} s (pipeline + events)")
    print(f"{'metric':32} {'crosswire':>10} {'keyword':>10}")
    for label, key in rows:
        print(f"{label:32} {ours[key]:>10} {base[key]:>10}")
    print("per-category F1 (crosswire / keyword):")
    for category, value in ours["per_category_f1"].items():
        print(f"  {category:12} {value:>6} {base['per_category_f1'][category]:>6}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=None, help="only the first N records")
    parser.add_argument("--json", action="store_true", help="print the figures (and predictions) as JSON")
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data} is absent: the PLOVER gold records in ../shared are needed")
    records = json.loads(args.data.read_text(encoding="utf-8"))[: args.limit]
    result = run(records)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)


if __name__ == "__main__":
    main()

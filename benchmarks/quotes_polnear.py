"""Quotes and their speakers against PolNeAR attributions, with a simple baseline in the same run.

    python benchmarks/quotes_polnear.py [--split dev|train] [--limit N] [--every K] [--json]

Data: ../shared/eval/quotes/polnear-dev/<split>/ (``text/*.txt`` and brat standoff
``attributions/*_<annotator>.ann`` with Source / Cue / Content spans joined by ``E`` lines).
An article annotated by several annotators is scored against the first annotation file in
name order. Gold = every attribution with a Content span (``Content`` and ``Content2``
fragments together); its Source spans, when it has any, are the speaker.

crosswire runs through its real pipeline: ``Reader(Options())`` (default model, entity
linking, every default component) on ``Article.from_cleaned(Cleaned(text=...))``.
The baseline (written here) pairs quotation marks in each paragraph and takes, in the
sentence(s) around each quotation, the subject of the nearest form of "say" outside it
(or the proper name right after "said ..." when the parser gives no subject).

Metrics (definitions):
- tokens are ``\\w+`` runs of the article text; a span's tokens are those it overlaps.
- a prediction's content = the tokens of its quotes. Quotations that crosswire gives the
  same speaker phrase (``speaker_start``/``speaker_end``) and cue within one paragraph form
  one prediction, as PolNeAR joins '"A," said X. "B."' into one Content; reported speech,
  and a quote with no speaker span, is a prediction of its own; a quote inside another
  prediction with the same speaker phrase (a partial quote inside reported speech) is part
  of it. The baseline is grouped the same way.
- overlap(p, g) = |tokens(p) & tokens(g)| / max(|tokens(p)|, |tokens(g)|); a prediction and
  a gold content match when overlap >= 0.5. Matching is one-to-one, greedy by overlap.
- precision = matched predictions / predictions; recall = matched gold / gold; F1.
- speaker accuracy = on matched pairs whose gold has a Source, the share where the
  predicted speaker span overlaps a gold Source span (by characters).
- direct only: gold contents whose words all lie inside quotation marks (paired per
  paragraph: straight, curly, and the plain-text '' and ``) against predictions made of
  quoted text (crosswire kinds ``direct``/``partial``; every baseline prediction). Matching
  is the global one above. The table's "match" column counts matched gold contents.
- the speaker is scored by its span only: a pronoun resolved to the wrong person still
  scores, as PolNeAR's Source is the pronoun itself.

``--every K`` takes every K-th article (a sample across publishers, for development on the
train split without touching dev).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spacy.tokens import Doc  # noqa: E402

from crosswire.document import Article, Cleaned  # noqa: E402
from crosswire.options import Options  # noqa: E402
from crosswire.pipeline import Reader  # noqa: E402

DATA = ROOT.parent / "shared" / "eval" / "quotes" / "polnear-dev"
WORD = re.compile(r"\w+")
OPENING = "“"
CLOSING = "”"


@dataclass
class Gold:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]]


@dataclass
class Prediction:
    content: list[tuple[int, int]]
    speaker: tuple[int, int] | None
    quoted: bool  # made of text in quotation marks
    cue: str | None = None
    tokens: frozenset[int] = field(default_factory=frozenset)


# ---------------------------------------------------------------- data


def load_split(split: str, limit: int | None, every: int = 1) -> list[tuple[str, str, list[Gold]]]:
    folder = DATA / split
    if not folder.exists():
        sys.exit(f"{folder} is absent: the PolNeAR development data in ../shared is needed")
    annotations: dict[str, Path] = {}
    for path in sorted((folder / "attributions").glob("*.ann")):
        annotations.setdefault(path.stem.rsplit("_", 1)[0], path)
    articles = []
    for name in sorted(annotations)[::every][: limit or None]:
        text = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
        articles.append((name, text, parse_ann(annotations[name].read_text(encoding="utf-8"))))
    return articles


def parse_ann(data: str) -> list[Gold]:
    spans: dict[str, list[tuple[int, int]]] = {}
    events = []
    for line in data.splitlines():
        fields = line.split("\t")
        if len(fields) >= 2 and re.fullmatch(r"T\d+", fields[0]):
            kind, _, ranges = fields[1].partition(" ")
            try:
                spans[fields[0]] = [(int(a), int(b)) for a, b in (r.split() for r in ranges.split(";"))]
            except ValueError:
                continue
        elif len(fields) >= 2 and re.fullmatch(r"E\d+", fields[0]):
            events.append(dict(role.split(":", 1) for role in fields[1].split() if ":" in role))
    gold = []
    for roles in events:
        content = [r for key in ("Content", "Content2") if roles.get(key) in spans for r in spans[roles[key]]]
        if content:
            gold.append(Gold(sorted(content), spans.get(roles.get("Source", ""), [])))
    return gold


# ---------------------------------------------------------------- tokens and quotation marks


class Tokens:
    def __init__(self, text: str) -> None:
        self.spans = [m.span() for m in WORD.finditer(text)]
        self.starts = [s for s, _ in self.spans]
        self.ends = [e for _, e in self.spans]

    def covered(self, ranges: list[tuple[int, int]]) -> frozenset[int]:
        found: set[int] = set()
        for start, end in ranges:
            found.update(range(bisect_right(self.ends, start), bisect_left(self.starts, end)))
        return frozenset(found)


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges between paired double quotation marks (straight, curly, and the
    plain-text '' and ``), paragraph by paragraph, without nesting."""
    regions = []
    for para in re.finditer(r"[^\n]+", text):
        opened = None
        for mark in re.finditer(r"''|``|[\"“”]", para.group()):
            char = mark.group()
            if opened is None and char in {'"', "''", "``", OPENING}:
                opened = para.start() + mark.end()
            elif opened is not None and char in {'"', "''", CLOSING}:
                regions.append((opened, para.start() + mark.start()))
                opened = None
    return regions


def is_direct(gold: Gold, tokens: Tokens, inside: frozenset[int]) -> bool:
    content = tokens.covered(gold.content)
    return bool(content) and content <= inside


# ---------------------------------------------------------------- predictions


def crosswire_predictions(article: Article) -> list[Prediction]:
    items = [
        Prediction(
            [(q.start, q.end)],
            (q.speaker_start, q.speaker_end) if q.speaker_start is not None else None,
            q.kind != "indirect",
            q.cue,
        )
        for q in article.quotes
    ]
    return group(article.text, items)


def group(text: str, items: list[Prediction]) -> list[Prediction]:
    """Quotations with one speaker phrase and cue in one paragraph form one prediction; reported
    speech, and anything without a speaker phrase, stays alone; an item inside another
    item of the same speaker phrase (a partial quote inside reported speech) is part of it."""
    grouped: dict[tuple, Prediction] = {}
    alone = []
    for item in items:
        if item.speaker is None or not item.quoted:
            alone.append(item)
            continue
        key = (item.speaker, item.cue, text.count("\n\n", 0, item.content[0][0]))
        if key in grouped:
            grouped[key].content.extend(item.content)
            grouped[key].quoted = grouped[key].quoted and item.quoted
        else:
            grouped[key] = Prediction(list(item.content), item.speaker, item.quoted, item.cue)
    merged = [*grouped.values(), *alone]
    kept = []
    for item in merged:
        if not any(o is not item and o.speaker == item.speaker and _within(item, o) for o in merged if o.speaker):
            kept.append(item)
    return kept


def _within(inner: Prediction, outer: Prediction) -> bool:
    inside = all(any(s <= a and b <= e for s, e in outer.content) for a, b in inner.content)
    return inside and inner.content != outer.content


def baseline_predictions(text: str, doc: Doc) -> list[Prediction]:
    items = []
    for start, end in quoted_regions(text):
        if not WORD.search(text[start:end]):
            continue
        items.append(Prediction([(start, end)], baseline_speaker(doc, start, end), True))
    return group(text, items)


def baseline_speaker(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    sentence = doc[span[0].sent.start : span[-1].sent.end]
    says = [t for t in sentence if t.lemma_ == "say" and not (start <= t.idx < end)]
    if not says:
        return None
    verb = min(says, key=lambda t: start - t.idx if t.idx < start else t.idx - end)
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if subjects:
        subject = subjects[0]
        return subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)
    after = [t for t in doc[verb.i + 1 : verb.i + 5] if t.pos_ == "PROPN"]
    if after:
        return after[0].idx, after[-1].idx + len(after[-1])
    return None


# ---------------------------------------------------------------- scoring


def overlap(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def score_article(text: str, gold: list[Gold], predictions: list[Prediction]) -> dict:
    tokens = Tokens(text)
    inside = tokens.covered(quoted_regions(text))
    gold_tokens = [tokens.covered(g.content) for g in gold]
    for p in predictions:
        p.tokens = tokens.covered(p.content)
    pairs = sorted(
        (
            (overlap(p.tokens, g), i, j)
            for i, p in enumerate(predictions)
            for j, g in enumerate(gold_tokens)
            if p.tokens & g
        ),
        reverse=True,
    )
    matched_p: dict[int, int] = {}
    matched_g: set[int] = set()
    for value, i, j in pairs:
        if value < 0.5:
            break
        if i not in matched_p and j not in matched_g:
            matched_p[i] = j
            matched_g.add(j)
    direct_gold = {j for j, g in enumerate(gold) if is_direct(g, tokens, inside)}
    counts = dict.fromkeys(
        ["pred", "gold", "tp_pred", "tp_gold", "spk_n", "spk_ok"]
        + ["d_pred", "d_gold", "d_tp_pred", "d_tp_gold", "d_spk_n", "d_spk_ok"],
        0,
    )
    counts["pred"], counts["gold"] = len(predictions), len(gold)
    counts["tp_pred"] = counts["tp_gold"] = len(matched_p)
    counts["d_pred"] = sum(p.quoted for p in predictions)
    counts["d_gold"] = len(direct_gold)
    counts["d_tp_pred"] = sum(predictions[i].quoted for i in matched_p)
    counts["d_tp_gold"] = sum(j in direct_gold for j in matched_p.values())
    for i, j in matched_p.items():
        if not gold[j].source:
            continue
        speaker = predictions[i].speaker
        ok = speaker is not None and any(s < speaker[1] and speaker[0] < e for s, e in gold[j].source)
        counts["spk_n"] += 1
        counts["spk_ok"] += ok
        if j in direct_gold:
            counts["d_spk_n"] += 1
            counts["d_spk_ok"] += ok
    return counts


def summarise(counts: dict) -> dict:
    def prf(tp_pred, pred, tp_gold, gold, spk_ok, spk_n):
        p = tp_pred / pred if pred else 0.0
        r = tp_gold / gold if gold else 0.0
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "speaker_accuracy": round(spk_ok / spk_n, 4) if spk_n else 0.0,
            "predicted": pred,
            "gold": gold,
            "matched": tp_gold,
            "speaker_scored": spk_n,
        }

    c = counts
    return {
        "all": prf(c["tp_pred"], c["pred"], c["tp_gold"], c["gold"], c["spk_ok"], c["spk_n"]),
        "direct": prf(c["d_tp_pred"], c["d_pred"], c["d_tp_gold"], c["d_gold"], c["d_spk_ok"], c["d_spk_n"]),
    }


def add(total: dict, counts: dict) -> None:
    for key, value in counts.items():
        total[key] = total.get(key, 0) + value


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["dev", "train"], default="dev")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles (name order)")
    parser.add_argument("--every", type=int, default=1, help="every K-th article (a sample across publishers)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    articles = load_split(args.split, args.limit, args.every)
    reader = Reader(Options())
    totals: dict[str, dict] = {"crosswire": {}, "baseline": {}}
    started = time.perf_counter()
    docs = reader.nlp.pipe((text for _, text, _ in articles), batch_size=reader.options.batch_size)
    for (name, text, gold), doc in zip(articles, docs):
        article = reader.annotate(Article.from_cleaned(Cleaned(text=text)), doc)  # what Reader.pipe runs
        add(totals["crosswire"], score_article(text, gold, crosswire_predictions(article)))
        add(totals["baseline"], score_article(text, gold, baseline_predictions(text, doc)))
    elapsed = time.perf_counter() - started
    results = {system: summarise(counts) for system, counts in totals.items()}
    if args.json:
        report = {"split": args.split, "articles": len(articles), "seconds": round(elapsed, 1), **results}
        print(json.dumps(report, indent=2))
        return
    print(f"PolNeAR {args.split}: {len(articles)} articles, {elapsed:.1f} s")
    header = f"{'system':<10} {'subset':<7} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>8}"
    header += f" {'pred':>6} {'gold':>6} {'match':>6}"
    print(header)
    print("-" * len(header))
    for subset in ("all", "direct"):
        for system in ("crosswire", "baseline"):
            m = results[system][subset]
            print(
                f"{system:<10} {subset:<7} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} "
                f"{m['speaker_accuracy']:8.3f} {m['predicted']:6d} {m['gold']:6d} {m['matched']:6d}"
            )


if __name__ == "__main__":
    main()

"""Named entities on CoNLL-2003 (English, Reuters 1996): raw spaCy NER against crosswire's
entity layer (spaCy + registry linking, role and gazetteer corrections), in the same run.

    python benchmarks/ner_conll.py [--limit N] [--json] [--data PATH]

Each ``-DOCSTART-`` document is detokenised into one text (sentences one per line) with
every gold token's character offsets, so both systems are scored on exactly the same
characters. Both read the same spaCy ``Doc``: (a) its ``doc.ents`` mapped to CoNLL types,
(b) ``crosswire.pipeline.Reader`` (default options, only the components the entity layer
needs) with each entity's kind mapped to a type at every mention span; a demonym mention
of a country (label ``NORP``: "Russian" in "Russian troops") is an adjective, MISC in CoNLL,
whatever country it is linked to. Mentions crosswire
adds that are not names (role references such as "the defense minister", label ``ROLE``)
are left out: CoNLL annotates names only. Scores are exact span + type, micro-averaged.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crosswire.document import Article, Cleaned  # noqa: E402
from crosswire.options import Options  # noqa: E402
from crosswire.pipeline import Reader  # noqa: E402

DATA = ROOT.parent / "shared" / "eval" / "ner" / "conll2003-valid.txt"
TYPES = ("PER", "ORG", "LOC", "MISC")
SPACY_TYPE = {
    "PERSON": "PER",
    "ORG": "ORG",
    **dict.fromkeys(("GPE", "LOC", "FAC"), "LOC"),
    **dict.fromkeys(("NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"), "MISC"),
}
KIND_TYPE = {
    "person": "PER",
    "organization": "ORG",
    "news_outlet": "ORG",
    "country": "LOC",
    "place": "LOC",
    "group": "MISC",
    "event": "MISC",
    "other": "MISC",
}
NOT_NAMES = {"ROLE"}  # mention labels that mark nominal references, not names
NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'", "n't", "'re", "'ve", "'ll", "'d", "'m"}
NO_SPACE_AFTER = {"(", "[", "{", "$"}

Span = tuple[int, int, str]


@dataclasses.dataclass
class GoldDoc:
    text: str
    spans: set[Span]


def read_conll(path: Path) -> list[GoldDoc]:
    """Documents of ``word POS chunk NER`` lines (IOB2), split at ``-DOCSTART-``."""
    docs: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if sentence and docs:
                docs[-1].append(sentence)
            sentence = []
        elif parts[0] == "-DOCSTART-":
            docs.append([])
        else:
            sentence.append((parts[0], parts[-1]))
    if sentence and docs:
        docs[-1].append(sentence)
    return [detokenise(sentences) for sentences in docs if sentences]


def detokenise(sentences: list[list[tuple[str, str]]]) -> GoldDoc:
    """One text, a sentence a line, and the gold entity spans as character offsets."""
    text, spans = "", set()
    for sentence in sentences:
        if text:
            text += "\n"
        open_start, open_type, last_end, quote_open = None, None, 0, False
        for i, (word, tag) in enumerate(sentence):
            glue = i == 0 or word in NO_SPACE_BEFORE or sentence[i - 1][0] in NO_SPACE_AFTER
            if word == '"':
                glue = i == 0 or quote_open  # a closing quote hugs the word before it
            elif i > 0 and sentence[i - 1][0] == '"' and quote_open:
                glue = True  # the word after an opening quote
            if word == '"':
                quote_open = not quote_open
            text += "" if glue else " "
            start = len(text)
            text += word
            if open_start is not None and not tag.startswith("I-"):
                spans.add((open_start, last_end, open_type))
                open_start = None
            if tag.startswith("B-") or (tag.startswith("I-") and open_start is None):
                open_start, open_type = start, tag[2:]
            last_end = len(text)
        if open_start is not None:
            spans.add((open_start, last_end, open_type))
    return GoldDoc(text, spans)


def spacy_spans(doc) -> set[Span]:
    return {(e.start_char, e.end_char, SPACY_TYPE[e.label_]) for e in doc.ents if e.label_ in SPACY_TYPE}


def crosswire_spans(article: Article) -> set[Span]:
    return {
        (m.start, m.end, "MISC" if m.label == "NORP" else KIND_TYPE[e.kind])
        for e in article.entities
        if e.kind in KIND_TYPE
        for m in e.mentions
        if m.label not in NOT_NAMES
    }


def score(gold: list[set[Span]], predicted: list[set[Span]]) -> dict:
    """Micro P/R/F1 overall and per type, exact span and type."""
    counts = {t: Counter() for t in (*TYPES, "all")}
    for g, p in zip(gold, predicted):
        for kind in (*TYPES, "all"):
            gk = g if kind == "all" else {s for s in g if s[2] == kind}
            pk = p if kind == "all" else {s for s in p if s[2] == kind}
            counts[kind]["tp"] += len(gk & pk)
            counts[kind]["fp"] += len(pk - gk)
            counts[kind]["fn"] += len(gk - pk)
    return {kind: _prf(c) for kind, c in counts.items()}


def _prf(c: Counter) -> dict:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), **c}


def run(docs: list[GoldDoc]) -> dict:
    options = Options()
    # The entity layer only: later components (quotes, claims, ...) read entities, never change them.
    reader = Reader(dataclasses.replace(options, components=("sentences", "entities")))
    raw, linked, read_time = [], [], 0.0
    started = time.perf_counter()
    for gold, doc in zip(docs, reader.nlp.pipe((d.text for d in docs), batch_size=options.batch_size)):
        raw.append(spacy_spans(doc))
        t = time.perf_counter()
        linked.append(crosswire_spans(reader.annotate(Article.from_cleaned(Cleaned(text=gold.text)), doc)))
        read_time += time.perf_counter() - t
    total = time.perf_counter() - started
    gold_spans = [d.spans for d in docs]
    return {
        "documents": len(docs),
        "gold_entities": sum(len(g) for g in gold_spans),
        "spacy": score(gold_spans, raw),
        "crosswire": score(gold_spans, linked),
        "seconds": {"total": round(total, 2), "entity_layer": round(read_time, 2)},
    }


def print_table(result: dict) -> None:
    print(f"CoNLL-2003 valid: {result['documents']} documents, {result['gold_entities']} gold entities")
    print(f"{'type':6} {'spaCy P':>8} {'R':>6} {'F1':>6}   {'crosswire P':>11} {'R':>6} {'F1':>6}   {'ΔF1':>6}")
    for kind in (*TYPES, "all"):
        s, c = result["spacy"][kind], result["crosswire"][kind]
        print(
            f"{kind:6} {s['precision']:8.3f} {s['recall']:6.3f} {s['f1']:6.3f}   "
            f"{c['precision']:11.3f} {c['recall']:6.3f} {c['f1']:6.3f}   {c['f1'] - s['f1']:+6.3f}"
        )
    secs = result["seconds"]
    print(f"time: {secs['total']}s in all, of which crosswire's entity layer {secs['entity_layer']}s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data} is absent: the evaluation data in ../shared is needed")
    docs = read_conll(args.data)[: args.limit]
    result = run(docs)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)


if __name__ == "__main__":
    main()

"""End-to-end throughput against the bare NER model, on the same texts, in the same run.

    python benchmarks/throughput.py [--corpus aeb|examples] [--repeat N]

The corpus is the raw HTML pages of ../shared/eval/extraction/aeb-dev when present, else
the bundled examples copied N times (each copy made unique so nothing is a duplicate).
End to end = ingest (decode, clean, read, group, store) into a fresh SQLite file. The
baseline = spaCy with only tok2vec + ner over the clean texts the end-to-end run stored.
The reading layer (every crosswire component on top of the full spaCy pipeline, which the
components need for its parse) is timed over the same texts, and so is the full spaCy
pipeline alone, so the components' own share shows. Machines here are shared and noisy, so
the figures that matter are the ratios.
"""

from __future__ import annotations

import argparse
from collections import Counter
import gzip
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crosswire.document import Article, Cleaned  # noqa: E402
from crosswire.ingest.job import ingest  # noqa: E402
from crosswire.pipeline import Reader  # noqa: E402
from crosswire.options import Options  # noqa: E402
from crosswire.read.nlp import load_nlp  # noqa: E402
from crosswire.store import open_store  # noqa: E402

AEB = ROOT.parent / "shared" / "eval" / "extraction" / "aeb-dev" / "html"
EXAMPLES = ROOT / "examples" / "corpus"


def build_corpus(kind: str, repeat: int, into: Path) -> list[str]:
    if kind == "aeb":
        if not AEB.exists():
            sys.exit(f"{AEB} is absent; use --corpus examples")
        for page in sorted(AEB.glob("*.html.gz")):
            (into / page.name.removesuffix(".gz")).write_bytes(gzip.decompress(page.read_bytes()))
        return [str(into)]
    for copy in range(repeat):
        target = into / f"copy{copy}"
        shutil.copytree(EXAMPLES, target)
        for path in target.rglob("*"):
            if path.is_file() and path.suffix not in {".md", ".yaml"}:
                path.write_bytes(_unique(path, copy))
    return [str(into)]


def _unique(path: Path, copy: int) -> bytes:
    """The file's bytes with every paragraph marked with the copy number (no duplicates)."""
    data = path.read_bytes()
    packed = path.suffix == ".gz"
    if packed:
        data = gzip.decompress(data)
    marker = f" (copy {copy})".encode()
    data = data.replace(b"</p>", marker + b"</p>").replace(b"\\n\\n", marker + b"\\n\\n")
    if path.suffix == ".txt":  # scrapes: mark the first long paragraph, which is body text
        first = max(data.split(b"\n\n")[:8], key=len)
        data = data.replace(first, first + marker, 1)
    return gzip.compress(data) if packed else data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", choices=["aeb", "examples"], default="aeb" if AEB.exists() else "examples")
    parser.add_argument("--repeat", type=int, default=4)
    args = parser.parse_args()
    options = Options()
    nlp = load_nlp(options.model)  # load once, outside both timings
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        paths = build_corpus(args.corpus, args.repeat, folder)
        db = Path(tmp) / "bench.db"
        with open_store(db) as store:
            started = time.perf_counter()
            report = ingest(paths, store, options)
            end_to_end = time.perf_counter() - started
            records = list(store.iter_articles())
        texts = [record["text"] for record in records]
        words = sum(len(t.split()) for t in texts)
        ner_only = [p for p in nlp.pipe_names if p not in ("tok2vec", "ner")]
        started = time.perf_counter()
        for _ in nlp.pipe(texts, disable=ner_only, batch_size=options.batch_size):
            pass
        bare = time.perf_counter() - started
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=options.batch_size):
            pass
        full_spacy = time.perf_counter() - started
        reader = Reader(options)
        articles = [
            Article.from_cleaned(Cleaned(text=r["text"], outlet=r["outlet"], published=r["published"])) for r in records
        ]
        started = time.perf_counter()
        for _ in reader.pipe((a, None) for a in articles):
            pass
        reading = time.perf_counter() - started
    n = len(texts)
    reasons = Counter(r.reason.value for r in report.rejected)
    print(f"corpus: {args.corpus}, {n} articles stored, {words} words; rejected: {dict(reasons) or 'none'}")
    print(f"end to end:  {n / end_to_end:8.1f} articles/s  ({words / end_to_end:8.0f} words/s)")
    print(f"bare NER:    {n / bare:8.1f} articles/s  ({words / bare:8.0f} words/s)")
    print(f"full spaCy:  {n / full_spacy:8.1f} articles/s  (tagger, parser, lemmatizer, ner)")
    print(f"reading:     {n / reading:8.1f} articles/s  (full spaCy + every crosswire component)")
    print(f"ratio end-to-end / bare NER: {bare / end_to_end:.2f}")
    print(f"ratio reading layer / bare NER: {bare / reading:.2f}")
    share = max(0.0, reading - full_spacy) / reading
    print(f"crosswire components' share of reading time: {share:.0%}")


if __name__ == "__main__":
    main()

"""Body extraction, authors, titles and speed of crosswire's HTML cleaner against trafilatura.

    python benchmarks/extraction.py [--set aeb|readability|both] [--json] [--pages N]

Data (read at run time, never copied into the repository):
  ../shared/eval/extraction/aeb-dev       html/<id>.html.gz + ground-truth.json {id: {articleBody, url}}
  ../shared/eval/extraction/readability-dev  <case>/source.html, expected.html, expected-metadata.json

Body F1 is the Zyte/ScrapingHub article-extraction-benchmark's own metric (its evaluate.py):
tokens are ``\\w+``; each text is a multiset of word 4-grams (a text of fewer than four
tokens is one shorter shingle, an empty one has none); per page tp/fp/fn are normalised to
sum to 1; precision is averaged over the pages with tp+fp > 0 and recall over those with
tp+fn > 0 (a page with fp = fn = 0 scores 1, an empty prediction scores recall 0 and is left
out of precision); F1 is the harmonic mean of the two means. crosswire's body is
``clean_html(html).text``; a page it rejects (not an article) counts as an empty prediction.
The baseline is plain ``trafilatura.extract(html, include_comments=False)``, exactly as the
benchmark's ``extractors/run_trafilatura.py`` calls it, in the same run on the same pages.

Authors (readability-dev ``byline``) are compared name by name after normalising both sides
(NFKC, case-folded, punctuation to spaces, whitespace collapsed, a leading "by"/"par"
dropped): a predicted name is right when it occurs, word-aligned, in the gold byline. Name
precision = right names / predicted names (every name predicted for a page whose gold byline
is null is wrong); page recall = pages with a gold byline where at least one right name
was predicted / pages with a gold byline. The baseline is trafilatura's ``author`` field
split on ";" (how trafilatura joins several authors), unfiltered.

Titles: exact (whitespace collapsed) and normalised (also NFKC, case-folded, quotes and
dashes unified) accuracy over cases whose gold title is not empty; baseline trafilatura's
``title``.

Throughput: per-page wall time of ``clean_html`` against ``trafilatura.extract`` on the same
decoded pages, the two calls alternating page by page so machine noise hits both alike;
the figure that matters is the ratio.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import lxml.html  # noqa: E402
import trafilatura  # noqa: E402

from crosswire.clean.html import clean_html  # noqa: E402
from crosswire.errors import InputRejected  # noqa: E402
from crosswire.ingest.decode import decode_bytes  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval" / "extraction"
AEB = EVAL / "aeb-dev"
READABILITY = EVAL / "readability-dev"

# --- the benchmark's metric (article-extraction-benchmark evaluate.py) -----------------------
TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


def tokenize(text: str | None) -> list[str]:
    return TOKEN.findall(text or "")


def shingles(text: str | None, n: int = 4) -> Counter:
    tokens = tokenize(text)
    grams = [tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))]
    return Counter(g for g in grams if g)


def tp_fp_fn(true: str | None, pred: str | None) -> tuple[float, float, float]:
    gold, got = shingles(true), shingles(pred)
    tp = fp = fn = 0.0
    for key in set(gold) | set(got):
        t, p = gold.get(key, 0), got.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total > 0 else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def body_scores(pairs: list[tuple[str | None, str | None]]) -> dict:
    """F1 / precision / recall / accuracy over (gold, predicted) bodies, as the benchmark does."""
    counts = [tp_fp_fn(gold, pred) for gold, pred in pairs]
    precision = statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    recall = statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    accuracy = statistics.mean(float(tokenize(g) == tokenize(p)) for g, p in pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall, "accuracy": accuracy,
            "empty": sum(1 for _, p in pairs if not tokenize(p)), "pages": len(pairs)}


# --- the systems --------------------------------------------------------------------------------
def run_crosswire(html: str, url: str | None = None) -> dict:
    try:
        cleaned = clean_html(html, url=url)
    except InputRejected:
        return {"body": "", "title": None, "authors": [], "published": None}
    return {"body": cleaned.text, "title": cleaned.title, "authors": cleaned.authors,
            "published": cleaned.published}


def run_trafilatura(html: str) -> dict:
    body = trafilatura.extract(html, include_comments=False)
    return {"body": body or ""}


def trafilatura_metadata(html: str) -> dict:
    doc = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    if doc is None:
        return {"title": None, "authors": []}
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return {"title": doc.title, "authors": authors}


# --- loading ------------------------------------------------------------------------------------
BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
          "pre", "table", "tr", "td", "th", "figure", "figcaption", "section", "article", "dd", "dt"}


def html_text(html: str) -> str:
    """Visible text of an HTML fragment with a line break at every block (so words never glue)."""
    tree = lxml.html.fromstring(html)
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCKS:
            element.tail = "\n" + (element.tail or "")
            element.text = "\n" + (element.text or "")
    return tree.text_content()


def load_aeb(limit: int | None) -> list[dict]:
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        raw = gzip.decompress((AEB / "html" / f"{key}.html.gz").read_bytes())
        pages.append({"id": key, "bytes": raw, "gold": truth[key].get("articleBody", ""),
                      "url": truth[key].get("url")})
    return pages


def load_readability(limit: int | None) -> list[dict]:
    pages = []
    for case in sorted(p for p in READABILITY.iterdir() if (p / "source.html").exists())[:limit]:
        meta = json.loads((case / "expected-metadata.json").read_text(encoding="utf-8"))
        pages.append({"id": case.name, "bytes": (case / "source.html").read_bytes(),
                      "gold": html_text((case / "expected.html").read_text(encoding="utf-8")),
                      "meta": meta, "url": None})
    return pages


def _benchmark_text(raw: bytes) -> str:
    """How the benchmark reads a page (UTF-8); crosswire's own decoder when that fails."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return decode_bytes(raw)


# --- authors and titles ---------------------------------------------------------------------------
QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\xa0": " "})


def norm_words(text: str | None) -> list[str]:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    words = re.sub(r"[^\w]+", " ", text).split()
    while words and words[0] in {"by", "par", "written", "von", "por"}:
        words = words[1:]
    return words


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def author_scores(rows: list[tuple[str | None, list[str]]]) -> dict:
    predicted = right = gold_pages = found_pages = 0
    wrong_on_null = 0
    for gold, names in rows:
        gold_words = norm_words(gold)
        hits = [name for name in names if gold_words and _contains(gold_words, norm_words(name))]
        predicted += len(names)
        right += len(hits)
        if not gold_words:
            wrong_on_null += len(names)
        else:
            gold_pages += 1
            found_pages += bool(hits)
    return {"precision": right / predicted if predicted else 1.0, "recall": found_pages / gold_pages,
            "names": predicted, "right": right, "on_null_gold": wrong_on_null,
            "pages_found": found_pages, "pages_with_byline": gold_pages}


def _title_norm(text: str | None, deep: bool) -> str:
    text = " ".join((text or "").split())
    if deep:
        text = " ".join(unicodedata.normalize("NFKC", text).translate(QUOTES).casefold().split())
    return text


def title_scores(rows: list[tuple[str | None, str | None]]) -> dict:
    rows = [(g, p) for g, p in rows if (g or "").strip()]
    exact = sum(_title_norm(g, False) == _title_norm(p, False) for g, p in rows)
    normalised = sum(_title_norm(g, True) == _title_norm(p, True) for g, p in rows)
    return {"exact": exact / len(rows), "normalised": normalised / len(rows), "cases": len(rows)}


# --- the run ---------------------------------------------------------------------------------------
def evaluate(pages: list[dict], with_metadata: bool, verbose: bool) -> dict:
    # Warm up both (imports, caches) so the first page's time is not charged to either.
    if pages:
        warm = _benchmark_text(pages[0]["bytes"])
        run_trafilatura(warm)
        run_crosswire(warm)
    cw_pairs, tf_pairs, cw_time, tf_time = [], [], 0.0, 0.0
    authors_cw, authors_tf, titles_cw, titles_tf, per_page = [], [], [], [], []
    for index, page in enumerate(pages):
        bench_text = _benchmark_text(page["bytes"])
        own_text = decode_bytes(page["bytes"])
        order = (0, 1) if index % 2 == 0 else (1, 0)
        for which in order:
            start = time.perf_counter()
            if which == 0:
                tf = run_trafilatura(bench_text)
                tf_time += time.perf_counter() - start
            else:
                cw = run_crosswire(own_text)
                cw_time += time.perf_counter() - start
        cw_pairs.append((page["gold"], cw["body"]))
        tf_pairs.append((page["gold"], tf["body"]))
        cw_f1, tf_f1 = (_page_f1(page["gold"], cw["body"]), _page_f1(page["gold"], tf["body"]))
        per_page.append({"id": page["id"], "crosswire": cw_f1, "trafilatura": tf_f1})
        if with_metadata:
            meta = page["meta"]
            tfm = trafilatura_metadata(bench_text)
            authors_cw.append((meta.get("byline"), cw["authors"]))
            authors_tf.append((meta.get("byline"), tfm["authors"]))
            titles_cw.append((meta.get("title"), cw["title"]))
            titles_tf.append((meta.get("title"), tfm["title"]))
            if verbose:
                print(f"  {page['id'][:30]:30} byline={meta.get('byline')!r:.40} cw={cw['authors']} "
                      f"tf={tfm['authors']}", file=sys.stderr)
    result = {
        "body": {"crosswire": body_scores(cw_pairs), "trafilatura": body_scores(tf_pairs)},
        "throughput": {"pages": len(pages), "crosswire_s_per_page": cw_time / len(pages),
                       "trafilatura_s_per_page": tf_time / len(pages),
                       "crosswire_over_trafilatura_time": cw_time / tf_time},
        "per_page": per_page,
    }
    if with_metadata:
        result["authors"] = {"crosswire": author_scores(authors_cw), "trafilatura": author_scores(authors_tf)}
        result["titles"] = {"crosswire": title_scores(titles_cw), "trafilatura": title_scores(titles_tf)}
    return result


def _page_f1(gold: str, pred: str) -> float:
    tp, fp, fn = tp_fp_fn(gold, pred)
    p, r = _precision(tp, fp, fn), _recall(tp, fp, fn)
    return 2 * p * r / (p + r) if p + r else 0.0


def print_tables(name: str, result: dict, worst: int) -> None:
    print(f"\n== {name}: body (shingle F1, article-extraction-benchmark metric) ==")
    print(f"{'system':<14}{'F1':>8}{'prec':>8}{'recall':>8}{'exact':>8}{'empty':>7}{'pages':>7}")
    for system, s in result["body"].items():
        print(f"{system:<14}{s['f1']:>8.3f}{s['precision']:>8.3f}{s['recall']:>8.3f}{s['accuracy']:>8.3f}"
              f"{s['empty']:>7}{s['pages']:>7}")
    cw, tf = result["body"]["crosswire"]["f1"], result["body"]["trafilatura"]["f1"]
    print(f"crosswire - trafilatura F1: {cw - tf:+.3f}")
    if worst:
        print(f"pages where crosswire loses most against trafilatura (page F1):")
        rows = sorted(result["per_page"], key=lambda r: r["crosswire"] - r["trafilatura"])[:worst]
        for r in rows:
            print(f"  {r['id'][:40]:40} cw={r['crosswire']:.3f} tf={r['trafilatura']:.3f}")
    if "authors" in result:
        print(f"\n== {name}: authors vs byline ==")
        print(f"{'system':<14}{'name prec':>10}{'page rec':>10}{'names':>7}{'right':>7}{'on null':>9}")
        for system, s in result["authors"].items():
            print(f"{system:<14}{s['precision']:>10.3f}{s['recall']:>10.3f}{s['names']:>7}{s['right']:>7}"
                  f"{s['on_null_gold']:>9}")
        print(f"\n== {name}: titles ==")
        print(f"{'system':<14}{'exact':>8}{'normalised':>12}{'cases':>7}")
        for system, s in result["titles"].items():
            print(f"{system:<14}{s['exact']:>8.3f}{s['normalised']:>12.3f}{s['cases']:>7}")
    t = result["throughput"]
    print(f"\n== {name}: throughput ({t['pages']} pages) ==")
    print(f"crosswire clean_html  {t['crosswire_s_per_page'] * 1000:8.1f} ms/page  "
          f"{1 / t['crosswire_s_per_page']:7.1f} pages/s")
    print(f"trafilatura.extract   {t['trafilatura_s_per_page'] * 1000:8.1f} ms/page  "
          f"{1 / t['trafilatura_s_per_page']:7.1f} pages/s")
    print(f"time ratio crosswire/trafilatura: {t['crosswire_over_trafilatura_time']:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=["aeb", "readability", "both"], default="both")
    parser.add_argument("--pages", type=int, default=None, help="only the first N pages of each set")
    parser.add_argument("--worst", type=int, default=0, help="list the N pages where crosswire loses most")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of tables")
    parser.add_argument("--verbose", action="store_true", help="print each case's authors to stderr")
    args = parser.parse_args(argv)
    sets = {"aeb": ["aeb"], "readability": ["readability"], "both": ["aeb", "readability"]}[args.set]
    results = {}
    for name in sets:
        folder = AEB if name == "aeb" else READABILITY
        if not folder.exists():
            print(f"{folder} is absent: skipping {name}", file=sys.stderr)
            continue
        pages = load_aeb(args.pages) if name == "aeb" else load_readability(args.pages)
        results[name] = evaluate(pages, with_metadata=name == "readability", verbose=args.verbose)
    if not results:
        return 1
    if args.json:
        print(json.dumps({k: {kk: vv for kk, vv in v.items() if kk != "per_page"} for k, v in results.items()},
                         indent=2))
    else:
        for name, result in results.items():
            print_tables(name, result, args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())

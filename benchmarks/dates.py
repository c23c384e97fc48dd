"""Publication dates: crosswire against htmldate, on the same pages, in the same run.

    python benchmarks/dates.py [--json] [--show wrong|missed|all] [--no-url]

Data (read at run time, never copied into the repository):
  ../shared/eval/dates/mediacloud-dev   html/<file> + gold.json {url: {file, date}}
(a page whose gold date is empty/NaN has no publication date: any date given for it is wrong).

Each page is decoded with crosswire's decoder and given, with its URL, to:
  crosswire            ``clean_html(html, url=url).published`` (a page crosswire rejects as
                       not an article has no date); also ``crosswire.clean.dates`` alone
                       (``find_published``), which does not depend on the body being an article
  htmldate             ``find_date(html, url=url)``: its default settings (extensive search on)
  htmldate-fast        ``find_date(html, url=url, extensive_search=False)``
  htmldate-original    ``find_date(html, url=url, extensive_search=False, original_date=True)``
                       (the settings crosswire used through trafilatura before crosswire.clean.dates)

Figures per system, over all pages:
  accuracy   right answers / pages (a right answer is the gold day, or no date for an undated page)
  wrong      dates given that are not the gold day (a wrong date is worse than none)
  precision  right dates / dates given
  recall     right dates / pages that have a gold date
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from htmldate import find_date  # noqa: E402

from crosswire.clean.html import clean_html  # noqa: E402
from crosswire.errors import InputRejected  # noqa: E402
from crosswire.ingest.decode import decode_bytes  # noqa: E402

try:  # the date module (absent before it was written: the benchmark still runs the baselines)
    from crosswire.clean.dates import find_published  # noqa: E402
except ImportError:  # pragma: no cover
    find_published = None

DATA = ROOT.parent / "shared" / "eval" / "dates" / "mediacloud-dev"


def load(limit: int | None) -> list[dict]:
    gold = json.loads((DATA / "gold.json").read_text(encoding="utf-8"))
    pages = []
    for url in sorted(gold, key=lambda u: gold[u]["file"])[:limit]:
        date = gold[url]["date"]
        if not isinstance(date, str) or not date.strip():
            date = None  # NaN / empty: the page has no publication date
        pages.append({"url": url, "file": gold[url]["file"], "gold": date,
                      "html": decode_bytes((DATA / "html" / gold[url]["file"]).read_bytes())})
    return pages


def _crosswire(html: str, url: str | None) -> str | None:
    try:
        return clean_html(html, url=url).published
    except InputRejected:
        return None


def _htmldate(**settings):
    def run(html: str, url: str | None) -> str | None:
        return find_date(html, url=url, **settings)
    return run


def systems() -> dict:
    found = {"crosswire": _crosswire}
    if find_published is not None:
        found["crosswire.dates"] = lambda html, url: find_published(html, url=url)
    found.update({
        "htmldate": _htmldate(),
        "htmldate-fast": _htmldate(extensive_search=False),
        "htmldate-original": _htmldate(extensive_search=False, original_date=True),
    })
    return found


def score(rows: list[tuple[str | None, str | None]]) -> dict:
    right = sum(1 for gold, got in rows if gold == got)
    right_dates = sum(1 for gold, got in rows if got is not None and gold == got)
    given = sum(1 for _, got in rows if got is not None)
    dated = sum(1 for gold, _ in rows if gold is not None)
    return {"accuracy": right / len(rows), "wrong": given - right_dates, "none": len(rows) - given,
            "precision": right_dates / given if given else math.nan,
            "recall": right_dates / dated if dated else math.nan, "pages": len(rows)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    parser.add_argument("--show", choices=["wrong", "missed", "all"], help="list pages crosswire gets wrong/misses")
    parser.add_argument("--no-url", action="store_true", help="give no system the page URL")
    parser.add_argument("--pages", type=int, default=None, help="only the first N pages")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"{DATA} is absent", file=sys.stderr)
        return 1
    pages = load(args.pages)
    results, answers, seconds = {}, {}, {}
    for name, run in systems().items():
        start = time.perf_counter()
        answers[name] = [run(p["html"], None if args.no_url else p["url"]) for p in pages]
        seconds[name] = time.perf_counter() - start
        results[name] = score([(p["gold"], got) for p, got in zip(pages, answers[name])])
        results[name]["ms_per_page"] = seconds[name] * 1000 / len(pages)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"publication dates on {len(pages)} pages ({sum(p['gold'] is not None for p in pages)} dated)")
        print(f"{'system':<20}{'accuracy':>9}{'wrong':>7}{'none':>6}{'precision':>11}{'recall':>8}{'ms/page':>9}")
        for name, s in results.items():
            print(f"{name:<20}{s['accuracy']:>9.3f}{s['wrong']:>7}{s['none']:>6}{s['precision']:>11.3f}"
                  f"{s['recall']:>8.3f}{s['ms_per_page']:>9.1f}")
    if args.show:
        own = "crosswire.dates" if "crosswire.dates" in answers else "crosswire"
        for index, page in enumerate(pages):
            got, base = answers[own][index], answers["htmldate"][index]
            wrong = got is not None and got != page["gold"]
            missed = got is None and page["gold"] is not None
            if args.show == "all" or (args.show == "wrong" and wrong) or (args.show == "missed" and missed):
                print(f"{page['file']:<18} gold={page['gold']} crosswire={got} htmldate={base}  {page['url'][:70]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

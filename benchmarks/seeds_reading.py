"""The reading layer against hand annotations: the seeds, and the example corpus's hedges.

    python benchmarks/seeds_reading.py [--verbose]

Seeds (../shared/seeds, expectations ../shared/golden/seeds.yaml): every entity (canonical
name, kind, surface forms in the body linked to it), quote (speaker, start of the text),
cited source (``must``, ``should`` and the ``chain``) and hedge (status), each found or
missing, with totals: the issue's "Seeds: every must entity, quote, cited source and hedge".

Example corpus (examples/corpus/expected/*.yaml): the share of ``hedges`` found, by crosswire
and by a baseline that labels each sentence with the first status in the issue's flat
precedence (denied > conditional > possible > inferred > expected > reported > opinion) whose
keyword occurs anywhere in it. A hedge is found when a claim whose [start, end) contains the
hedge's span has one of its statuses ("conditional/opinion" allows either) and its cue lies
inside the span (an asserted claim has no cue).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crosswire.clean import clean_input  # noqa: E402
from crosswire.document import Article, Claim, Cleaned  # noqa: E402
from crosswire.ingest.inputs import iter_inputs  # noqa: E402
from crosswire.options import Options  # noqa: E402
from crosswire.pipeline import Reader  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPUS = ROOT / "examples" / "corpus"
ENTITY_KINDS = {"event_or_organization": {"event", "organization"}}
BASELINE = [  # the flat keyword precedence the scoped cues are measured against
    ("denied", r"denied|denies|rejected|dismissed|no evidence|not|never|n't|no"),
    ("conditional", r"if|unless|would"),
    ("possible", r"might|may|could|possibly|perhaps|probably|likely|possible"),
    ("inferred", r"apparently|seems?|appears?|evidently|suggests?"),
    ("expected", r"will|expected|expects?|plans?|planning|set to|scheduled|intends?|due to"),
    ("reported", r"reportedly|allegedly|according to|per|said|says|reported|claimed|told"),
    ("opinion", r"I think|I believe|I suspect|I doubt|we should|mistake|wrong|bad"),
]


def read_folder(folder: Path, options: Options) -> dict[str, Article]:
    """Every article under ``folder``, cleaned and read, by source (``path#recordN`` for feeds)."""
    cleaned = [
        c
        for raw in iter_inputs([str(folder)], max_bytes=options.max_bytes)
        if not hasattr(raw, "reason")
        for c in clean_input(raw)
        if isinstance(c, Cleaned)
    ]
    reader = Reader(options)
    read = reader.pipe((Article.from_cleaned(c), None) for c in cleaned)
    return {article.meta.source: article for article, _ in read if isinstance(article, Article)}


def hedge_found(
    article: Article, span: str, statuses: set[str], claims: list[Claim] | None = None
) -> tuple[bool, list[str]]:
    """Whether a claim (``article.claims`` unless given) covers ``span`` with one of
    ``statuses`` and its cue inside the span; also the claims that cover it (for the report)."""
    start = article.text.find(span)
    if start < 0:
        return False, ["span not in text"]
    end = start + len(span)
    covering = [c for c in (article.claims if claims is None else claims) if c.start <= start and end <= c.end]
    for claim in covering:
        inside = (
            claim.cue_start is None if claim.status == "asserted" else start <= claim.cue_start and claim.cue_end <= end
        )
        if claim.status in statuses and inside:
            return True, []
    return False, [f"{c.status}:{c.cue!r}" for c in covering]


def baseline_claims(article: Article) -> list[Claim]:
    """One claim per sentence, status = the first BASELINE status with a keyword in it."""
    claims = []
    for sentence in article.sentences:
        text = article.text[sentence.start : sentence.end]
        claim = Claim(text, "asserted", sentence.start, sentence.end)
        for status, words in BASELINE:
            match = re.search(rf"\b(?:{words})\b", text)
            if match:
                claim.status, claim.cue = status, match.group(0)
                claim.cue_start, claim.cue_end = sentence.start + match.start(), sentence.start + match.end()
                break
        claims.append(claim)
    return claims


def entity_found(article: Article, want: dict) -> tuple[bool, str]:
    kinds = ENTITY_KINDS.get(want["kind"], {want["kind"]})
    entity = next((e for e in article.entities if e.name == want["name"] and e.kind in kinds), None)
    if entity is None:
        same = [f"{e.name} ({e.kind})" for e in article.entities if e.name == want["name"]]
        return False, f"no {want['kind']} entity" + (f"; found {same}" if same else "")
    surfaces = {m.text.removeprefix("the ") for m in entity.mentions}
    in_body = [
        m
        for m in want["mentions"]
        if re.search(rf"\b{re.escape(m)}\b", _without_longer(article.text, m, want["mentions"]))
    ]
    missing = [m for m in in_body if m not in surfaces]
    return not missing, f"mentions not linked: {missing}" if missing else ""


def _without_longer(text: str, surface: str, surfaces: list[str]) -> str:
    """``text`` with the longer surface forms that contain ``surface`` blanked out, so that
    "Kim" counts as in the body only where it stands alone, not inside "Kim Jong Un"."""
    for longer in surfaces:
        if surface in longer and longer != surface:
            text = text.replace(longer, " ")
    return text


def check_seeds(verbose: bool) -> Counter:
    golden = yaml.safe_load((SHARED / "golden" / "seeds.yaml").read_text())
    articles = {Path(s).name: a for s, a in read_folder(SHARED / "seeds", Options()).items()}
    totals: Counter = Counter()
    for spec in golden["articles"]:
        article = articles[spec["file"]]
        print(f"\n== {spec['file']} ({spec['outlet']})")
        for want in spec["entities"]:
            ok, why = entity_found(article, want)
            _line(totals, "entities", ok, f"{want['name']} ({want['kind']}) {want['mentions']}", why)
        for want in spec["quotes"]:
            ok = any(q.text.startswith(want["text_starts"]) and q.speaker == want["speaker"] for q in article.quotes)
            speakers = [q.speaker for q in article.quotes if q.text.startswith(want["text_starts"][:30])]
            _line(totals, "quotes", ok, f"{want['speaker']}: {want['text_starts'][:50]}", f"speakers found: {speakers}")
        names = {s.name for s in article.sources_cited}
        cited = spec["sources_cited"]
        for name in cited.get("must", []):
            _line(totals, "sources", name in names, name, f"found: {sorted(names)}")
        for name in cited.get("should", []):
            _line(totals, "sources (should)", name in names, name, f"found: {sorted(names)}")
        if cited.get("chain"):
            chains = [s.chain for s in article.sources_cited]
            _line(totals, "sources", cited["chain"] in chains, f"chain {cited['chain']}", f"chains: {chains}")
        for hedge in spec["hedges"]:
            ok, seen = hedge_found(article, hedge["span"], set(hedge["status"].split("/")))
            _line(totals, "hedges", ok, f"{hedge['status']}: {hedge['span']}", f"claims covering it: {seen}")
        if verbose:
            for source in article.sources_cited:
                print(f"     source {source.kind:18} {source.chain} cue={source.cue!r}")
    return totals


def check_corpus(verbose: bool) -> Counter:
    articles = read_folder(CORPUS, Options(actor_files=(str(CORPUS / "actors.yaml"),)))
    totals: Counter = Counter()
    by_status: Counter = Counter()
    print("\n== example corpus hedges")
    for path in sorted((CORPUS / "expected").glob("*.yaml")):
        for doc in yaml.safe_load(path.read_text())["documents"]:
            source = (
                str(CORPUS / doc["file"])
                + (f"#record{doc['record']}" if "record" in doc else "")
                + (f"#item{doc['item']}" if "item" in doc else "")
            )
            article = articles.get(source)
            for hedge in doc.get("hedges") or []:
                statuses = set(hedge["status"].split("/"))
                if article is None:
                    ok, seen = False, ["article not read"]
                else:
                    ok, seen = hedge_found(article, hedge["span"], statuses)
                    totals["baseline found"] += hedge_found(article, hedge["span"], statuses, baseline_claims(article))[
                        0
                    ]
                totals["hedges"] += 1
                totals["hedges found"] += ok
                by_status[(hedge["status"], ok)] += 1
                if verbose or not ok:
                    mark = "found  " if ok else "MISSING"
                    print(
                        f"  {mark} {hedge['status']:11} {hedge['span'][:60]!r}  {'' if ok else seen}  [{doc['file']}]"
                    )
    for status in sorted({s for s, _ in by_status}):
        print(f"  {status:12} {by_status[(status, True)]}/{by_status[(status, True)] + by_status[(status, False)]}")
    return totals


def _line(totals: Counter, what: str, ok: bool, label: str, why: str) -> None:
    totals[what] += 1
    totals[f"{what} found"] += ok
    print(f"  {'found  ' if ok else 'MISSING'} {what:16} {label}" + ("" if ok or not why else f"  -- {why}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--verbose", action="store_true", help="also list found corpus hedges and every seed source")
    args = parser.parse_args()
    if (SHARED / "golden" / "seeds.yaml").exists():
        seeds = check_seeds(args.verbose)
        print("\nSeeds:")
        for what in ("entities", "quotes", "sources", "sources (should)", "hedges"):
            print(f"  {what:17} {seeds[f'{what} found']}/{seeds[what]}")
        must = ("entities", "quotes", "sources", "hedges")
        print(f"  {'all must':17} {sum(seeds[f'{w} found'] for w in must)}/{sum(seeds[w] for w in must)}")
    else:
        print(f"{SHARED} is absent: seeds skipped")
    corpus = check_corpus(args.verbose)
    total = corpus["hedges"] or 1
    print(
        f"\nExample corpus hedges: {corpus['hedges found']}/{corpus['hedges']} ({corpus['hedges found'] / total:.0%})"
    )
    baseline = corpus["baseline found"]
    print(f"  baseline (flat keyword precedence): {baseline}/{corpus['hedges']} ({baseline / total:.0%})")


if __name__ == "__main__":
    main()

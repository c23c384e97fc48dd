"""The ``crosswire`` command: a thin layer that parses arguments, calls the library, prints.

Every command takes ``--db`` (default ``./crosswire.db`` or ``$CROSSWIRE_DB``); every
listing takes ``--json``. Domain errors become a message on stderr and the exit code of
their class in ``crosswire.errors``.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sys
from collections.abc import Callable, Iterator

import click
from tqdm import tqdm

from crosswire import api
from crosswire.compare import render_story
from crosswire.errors import CrosswireError, OptionsError
from crosswire.events import actor_graph, render_actors, render_relations, render_timeline
from crosswire.events import relations as events_relations
from crosswire.events import timeline as events_timeline
from crosswire.export import FORMATS
from crosswire.export import export as export_store
from crosswire.export.graphs import write_graph
from crosswire.read.actors import load_registry
from crosswire.options import Options
from crosswire.store import open_store

EXIT_REJECTED = 1  # some input failed (or, with --strict, was rejected at all)


def db_option(func: Callable) -> Callable:
    return click.option(
        "--db",
        "db",
        envvar="CROSSWIRE_DB",
        default="crosswire.db",
        show_default=True,
        help="The store: a SQLite file path (env CROSSWIRE_DB).",
    )(func)


def json_option(func: Callable) -> Callable:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(func)


def domain_errors(func: Callable) -> Callable:
    """Turn crosswire's own errors into a one-line message and their exit code."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except CrosswireError as error:
            click.echo(f"error {error.code}: {error}", err=True)
            sys.exit(error.exit_code)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="crosswire")
def main() -> None:
    """crosswire: evidence-linked, cross-source news intelligence over your own corpus.

    \b
    Typical session:
      crosswire ingest examples/corpus      # clean, read, group into stories
      crosswire stories                     # the stories found
      crosswire story 1                     # one story, outlet by outlet
      crosswire export --format jsonl > out.jsonl
    """


def fetch_options(func: Callable) -> Callable:
    """Options for URL inputs and feed links, shared by ``ingest`` and ``extract`` (docs/inputs.md)."""
    options = [
        click.option("--fetch-links", is_flag=True, help="Fetch the pages of feed items that lack full content (always done for a feed given as a URL)."),
        click.option("--allow-private", is_flag=True, help="Let URLs reach private, loopback and link-local addresses (refused by default)."),
        click.option("--timeout", "fetch_timeout", type=float, default=Options.fetch_timeout, show_default=True, help="Seconds to wait for a server to connect or send."),
        click.option("--user-agent", default=None, help="The User-Agent header to send (default names crosswire)."),
    ]
    return functools.reduce(lambda f, option: option(f), reversed(options), func)


def _options(*, actor_files=(), fetch_links=False, allow_private=False, fetch_timeout=Options.fetch_timeout, user_agent=None) -> Options:
    settings = {"user_agent": user_agent} if user_agent else {}
    return Options(actor_files=tuple(actor_files), fetch_links=fetch_links, allow_private=allow_private,
                   fetch_timeout=fetch_timeout, **settings)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@json_option
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Extra actor registry, YAML or CSV (repeatable; see docs/actors.md).")
@click.option("--strict", is_flag=True, help="Exit non-zero when any input is rejected, not only when one fails.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@fetch_options
@domain_errors
def ingest(paths, db, as_json, actor_files, strict, quiet, **fetching) -> None:
    """Ingest files, folders and URLs: .html, .txt, .warc, RSS/Atom, .jsonl (and .gz of them).

    Every input ends either stored or listed with its reason. Re-running is idempotent.
    URLs are fetched politely and never from private addresses (see docs/inputs.md).

    \b
    Examples:
      crosswire ingest examples/corpus --db news.db
      crosswire ingest crawl.warc.gz https://news.example/feed.xml
    """
    options = _options(actor_files=actor_files, **fetching)
    with _progress_bar(enabled=not quiet and sys.stderr.isatty()) as show:
        report = api.ingest(paths, db=db, options=options, progress=show)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    else:
        click.echo(f"stored {len(report.stored)} articles, skipped {report.skipped} inputs already ingested, rejected {len(report.rejected)}", err=True)
        for rejection in report.rejected:
            click.echo(f"  rejected {rejection}", err=True)
    if report.failed or (strict and report.rejected):
        sys.exit(EXIT_REJECTED)


@contextlib.contextmanager
def _progress_bar(*, enabled: bool) -> Iterator[Callable | None]:
    """A bar on stderr counting what the ingest has done so far: stored, skipped, rejected."""
    if not enabled:  # a pipe or a log file gets the summary only, not a stream of redraws
        yield None
        return
    bar = tqdm(unit=" items", file=sys.stderr, dynamic_ncols=True, leave=False, mininterval=0.2)

    def show(report, source: str) -> None:
        bar.set_postfix_str(f"stored {len(report.stored)}, skipped {report.skipped}, rejected {len(report.rejected)}", refresh=False)
        bar.update(1)

    try:
        yield show
    finally:
        bar.close()


@main.command()
@db_option
@json_option
@click.option("--full", is_flag=True, help="Show each story in full, as `crosswire story` does.")
@domain_errors
def stories(db, as_json, full) -> None:
    """List the stories found, largest first, with their outlets and dates.

    \b
    Example:
      crosswire stories --json
    """
    rows = api.stories(db=db)
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        dates = f"{row['first_date'] or '?'} .. {row['last_date'] or '?'}"
        click.echo(f"#{row['id']:<4} {row['articles']:>3} articles  {dates:<24} {row['label']}")
        click.echo(f"      outlets: {', '.join(row['outlets'])}")
        if full:
            click.echo(render_story(api.story_view(row["id"], db=db)) + "\n")


@main.command()
@click.argument("story_id", type=int)
@db_option
@json_option
@domain_errors
def story(story_id, db, as_json) -> None:
    """Show one story across outlets: who reports each claim, how sure, citing whom.

    Prints the outlets side by side, the claim x outlet matrix with corroboration counted
    over independent origins, the claims only one outlet makes, contradictions, tone and
    the upstream note.

    \b
    Example:
      crosswire story 1
      crosswire story 1 --json
    """
    view = api.story_view(story_id, db=db)
    if as_json:
        click.echo(json.dumps(view.to_dict(), indent=2))
        return
    click.echo(render_story(view))


@main.command()
@click.argument("story_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write to FILE instead of stdout.")
@db_option
@domain_errors
def report(story_id, fmt, output, db) -> None:
    """Write a briefing on one story, every claim footnoted with its sources.

    \b
    Example:
      crosswire report 1 --format html -o story-1.html
    """
    text = api.report(story_id, db=db, fmt=fmt)
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text)


@main.command()
@click.argument("article_id")
@db_option
@json_option
@domain_errors
def article(article_id, db, as_json) -> None:
    """Show one article: metadata, clean text, entities and quotes.

    \b
    Example:
      crosswire article 3f2a9c0d1b2e4f5a --json
    """
    data = api.article(article_id, db=db)
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"{data['title']}\n{data['subtitle'] or ''}".rstrip())
    click.echo(f"{data['outlet']} · {data['published'] or 'undated'} · {', '.join(data['authors']) or 'no byline'}")
    click.echo(f"paywalled: {data['truncated_by_paywall']} · story #{data['story_id']} · {data['word_count']} words\n")
    click.echo(data["text"])
    click.echo("\nentities: " + "; ".join(f"{e['name']} ({e['kind']}, {len(e['mentions'])})" for e in data["entities"]))
    for quote in data["quotes"]:
        click.echo(f"quote: {quote['speaker'] or 'unattributed'}: “{quote['text']}”")


def actor_files_option(func: Callable) -> Callable:
    return click.option(
        "--actors",
        "actor_files",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        help="Extra actor registry, YAML or CSV, as given to ingest (repeatable): names, aliases, codes.",
    )(func)


@main.command()
@click.argument("actor_a")
@click.argument("actor_b", required=False)
@db_option
@json_option
@actor_files_option
@domain_errors
def timeline(actor_a, actor_b, db, as_json, actor_files) -> None:
    """The dated events between ACTOR_A and ACTOR_B (or involving ACTOR_A), merged across articles.

    Actors are names, aliases ("DPRK", a capital) or ISO codes ("RUS"). Each event shows its
    status, its reports and the independent origins behind them; undated events come last.

    \b
    Examples:
      crosswire timeline "Russia" "North Korea"
      crosswire timeline RUS --json
    """
    with open_store(db) as store:
        result = events_timeline(store, actor_a, actor_b, registry=load_registry(tuple(actor_files)))
    if as_json:
        click.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(render_timeline(result))


@main.command()
@click.argument("actor_a", required=False)
@click.argument("actor_b", required=False)
@click.option("--by", type=click.Choice(["country", "actor"]), default="country", show_default=True,
              help="Count people and bodies under their country, or keep every actor apart.")
@db_option
@json_option
@actor_files_option
@domain_errors
def relations(actor_a, actor_b, by, db, as_json, actor_files) -> None:
    """The cooperation–conflict balance between two actors month by month, by quad class.

    Without actors, every pair that shares an event, most events first. The balance is
    (cooperation - conflict) / events, from -1 (all conflict) to +1 (all cooperation).

    \b
    Examples:
      crosswire relations "Russia" "North Korea"
      crosswire relations --by actor --json
    """
    if bool(actor_a) != bool(actor_b):
        raise OptionsError("give two actors, or none for every pair")
    with open_store(db) as store:
        found = events_relations(store, actor_a, actor_b, by=by, registry=load_registry(tuple(actor_files)))
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in found], indent=2, ensure_ascii=False))
    else:
        click.echo(render_relations(found))


@main.command()
@db_option
@json_option
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf"]), default=None, help="Write the graph in this format to --output.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="The file to write with --format.")
@actor_files_option
@domain_errors
def actors(db, as_json, fmt, output, actor_files) -> None:
    """The actor graph: actors, and the events linking them, by category, with their evidence.

    Links resting on one independent origin are flagged single-source.

    \b
    Examples:
      crosswire actors
      crosswire actors --format gexf --output actors.gexf
    """
    if fmt and not output:
        raise OptionsError("--format needs --output FILE")
    with open_store(db) as store:
        graph = actor_graph(store, registry=load_registry(tuple(actor_files)))
    if fmt:
        write_graph(graph, fmt, output)
        click.echo(f"wrote {len(graph.nodes)} actors and {len(graph.edges)} links to {output}", err=True)
    elif as_json:
        click.echo(json.dumps(graph.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(render_actors(graph))


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("--table", default=None, help="One table (jsonl, csv, parquet) or 'all'. Default: jsonl gives the article records, csv and parquet every table.")
@click.option("--output", "-o", type=click.Path(), default=None, help="File to write, or folder for every table (default: stdout).")
@actor_files_option
@domain_errors
def export(db, fmt, table, output, actor_files) -> None:
    """Export the store: articles, tables, merged events or the actor graph.

    \b
    Examples:
      crosswire export --format jsonl -o articles.jsonl       # one article per line
      crosswire export --format parquet -o tables/            # every table
      crosswire export --format csv --table events -o events.csv
      crosswire export --format plover -o events.jsonl        # merged events, PLOVER-style
      crosswire export --format gdelt -o events.tsv
      crosswire export --format graphml -o actors.graphml
    """
    output = None if output in (None, "-") else output
    with open_store(db) as store:
        result = export_store(store, fmt, output, table=table, registry=load_registry(tuple(actor_files)))
    if output:
        click.echo(result.summary(), err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, default=True, help="One JSON object per line (the default).")
@fetch_options
@domain_errors
def extract(paths, as_json, **fetching) -> None:
    """Print the cleaned, read article(s) in PATHS (files, folders or URLs) without storing anything.

    \b
    Examples:
      crosswire extract page.html --json
      crosswire extract https://news.example/2024/09/story.html
    """
    for item in api.extract(paths, _options(**fetching)):
        click.echo(json.dumps(item, ensure_ascii=False))


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


if __name__ == "__main__":
    main()

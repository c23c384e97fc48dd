"""The ``crosswire`` command: a thin layer that parses arguments, calls the library, prints.

Every command takes ``--db`` (default ``./crosswire.db`` or ``$CROSSWIRE_DB``); every
listing takes ``--json``. Domain errors become a message on stderr and the exit code of
their class in ``crosswire.errors``.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable

import click

from crosswire import api
from crosswire.errors import CrosswireError
from crosswire.options import Options

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


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@json_option
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Extra actor registry YAML (repeatable).")
@click.option("--strict", is_flag=True, help="Exit non-zero when any input is rejected, not only when one fails.")
@click.option("--quiet", is_flag=True, help="No progress output.")
@domain_errors
def ingest(paths, db, as_json, actor_files, strict, quiet) -> None:
    """Ingest files and folders (.html, .htm, .txt, .rss, .jsonl, and .gz of them).

    Every input ends either stored or listed with its reason. Re-running is idempotent.

    \b
    Example:
      crosswire ingest examples/corpus --db news.db
    """
    options = Options(actor_files=tuple(actor_files))
    show = None if quiet or as_json else _progress_printer()
    report = api.ingest(paths, db=db, options=options, progress=show)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    else:
        if show:
            click.echo("", err=True)
        click.echo(f"stored {len(report.stored)} articles, skipped {report.skipped} inputs already ingested, rejected {len(report.rejected)}", err=True)
        for rejection in report.rejected:
            click.echo(f"  rejected {rejection}", err=True)
    if report.failed or (strict and report.rejected):
        sys.exit(EXIT_REJECTED)


def _progress_printer() -> Callable[[str], None]:
    count = 0

    def show(source: str) -> None:
        nonlocal count
        count += 1
        click.echo(f"\r[{count}] {source[-70:]:<70}", nl=False, err=True)

    return show


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
            click.echo(_format_story(api.story(row["id"], db=db)) + "\n")


@main.command()
@click.argument("story_id", type=int)
@db_option
@json_option
@domain_errors
def story(story_id, db, as_json) -> None:
    """Show one story: its articles outlet by outlet, with their quotes.

    \b
    Example:
      crosswire story 1
    """
    data = api.story(story_id, db=db)
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(_format_story(data))


def _format_story(data: dict) -> str:
    lines = [f"Story #{data['id']}: {data['label']}  ({data['first_date'] or '?'} .. {data['last_date'] or '?'})"]
    for article in data["articles"]:
        lines.append("")
        lines.append(f"  [{article['outlet'] or 'unknown outlet'}] {article['title'] or '(untitled)'}")
        lines.append(f"    {article['published'] or 'undated'} · {', '.join(article['authors']) or 'no byline'} · id {article['id']}")
        lead = article["text"].split("\n\n")[0]
        lines.append(f"    lead: {_shorten(lead, 200)}")
        for quote in article["quotes"][:3]:
            lines.append(f"    quote: {quote['speaker'] or 'unattributed'}: “{_shorten(quote['text'], 120)}”")
    return "\n".join(lines)


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


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.File("w"), default="-", help="File to write (default: stdout).")
@domain_errors
def export(db, fmt, output) -> None:
    """Export every article with its annotations, one JSON object per line.

    \b
    Example:
      crosswire export --format jsonl -o articles.jsonl
    """
    for record in api.export_records(db=db):
        output.write(json.dumps(record, ensure_ascii=False) + "\n")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, default=True, help="One JSON object per line (the default).")
@domain_errors
def extract(paths, as_json) -> None:
    """Print the cleaned, read article(s) in PATHS without storing anything.

    \b
    Example:
      crosswire extract page.html --json
    """
    for item in api.extract(paths):
        click.echo(json.dumps(item, ensure_ascii=False))


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


if __name__ == "__main__":
    main()

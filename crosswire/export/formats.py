"""One entry point for ``crosswire export``: pick the writer for a format and where it writes.

* ``jsonl``: without ``table``, every article's export record (docs/schema.md), to a file
  or stdout; with ``table``, that table's rows; with ``table="all"``, every table into a folder.
* ``csv``, ``parquet``: one table with ``table`` (a file, or stdout); every table without
  (a folder, one file per table).
* ``plover``: merged events as PLOVER-style JSON Lines; ``gdelt``: a GDELT-style TSV table;
  ``graphml``, ``gexf``: the actor graph. A file or stdout.

docs/events.md lists the columns and fields of each.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from crosswire.errors import OptionsError
from crosswire.events.graph import build_graph
from crosswire.events.merge import actor_index, load_reports, merge_reports
from crosswire.export import tables as tb
from crosswire.export.gdelt import write_gdelt
from crosswire.export.graphs import write_graph
from crosswire.export.plover import write_plover
from crosswire.read.actors import Registry
from crosswire.store.base import Store

FORMATS = ("jsonl", "csv", "parquet", "plover", "gdelt", "graphml", "gexf")
TABLE_FORMATS = ("jsonl", "csv", "parquet")
ALL_TABLES = "all"


@dataclass
class ExportResult:
    """What was written: rows (or events, or edges) per table or output, and the files."""

    format: str
    counts: dict[str, int] = field(default_factory=dict)
    paths: list[str] = field(default_factory=list)

    def summary(self) -> str:
        counts = ", ".join(f"{name} {n}" for name, n in self.counts.items())
        where = ", ".join(self.paths) or "stdout"
        return f"exported {self.format}: {counts} → {where}"


def export(
    store: Store,
    fmt: str,
    output: str | Path | None = None,
    *,
    table: str | None = None,
    registry: Registry | None = None,
) -> ExportResult:
    """Export the store as ``fmt`` to ``output`` (a file, a folder for several tables, or
    stdout when ``None``). Raises ``OptionsError`` for an unknown format or table, a table
    given to an event format, or several tables without a folder."""
    if fmt not in FORMATS:
        raise OptionsError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if table and fmt not in TABLE_FORMATS:
        raise OptionsError(f"--table applies to {', '.join(TABLE_FORMATS)} only, not {fmt}")
    result = ExportResult(fmt)
    if fmt in TABLE_FORMATS:
        _export_tables(store, fmt, output, table, result)
    else:
        _export_events(store, fmt, output, registry, result)
    return result


def _export_tables(store: Store, fmt: str, output, table: str | None, result: ExportResult) -> None:
    if fmt == "jsonl" and table is None:  # the article records, as `crosswire export` always gave
        with _text_out(output) as out:
            count = 0
            for record in store.iter_articles():
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
        result.counts["articles"] = count
        result.paths = [str(output)] if output else []
        return
    if table is None or table == ALL_TABLES:
        if output is None:
            raise OptionsError(f"exporting every table as {fmt} writes one file per table: give --output FOLDER")
        result.counts = tb.export_tables(store, fmt, output)
        result.paths = [str(Path(output) / f"{name}.{fmt}") for name in result.counts]
        return
    tb.columns_of(store, table)  # an unknown table fails before anything is written
    if fmt == "parquet":
        result.counts[table] = tb.write_parquet(store, table, str(output) if output else sys.stdout.buffer)
    else:
        with _text_out(output) as out:
            result.counts[table] = tb.WRITERS[fmt](store, table, out)
    result.paths = [str(output)] if output else []


def _export_events(store: Store, fmt: str, output, registry: Registry | None, result: ExportResult) -> None:
    index = actor_index(store, registry)
    events = merge_reports(load_reports(store), index)
    if fmt in ("graphml", "gexf"):
        graph = build_graph(events, index)
        result.counts["edges"] = write_graph(graph, fmt, str(output) if output else sys.stdout.buffer)
        result.counts["nodes"] = len(graph.nodes)
    else:
        with _text_out(output) as out:
            writer = write_plover if fmt == "plover" else write_gdelt
            result.counts["events"] = writer(events, out)
    result.paths = [str(output)] if output else []


@contextlib.contextmanager
def _text_out(output: str | Path | None) -> Iterator[IO[str]]:
    if output is None:
        yield sys.stdout
        return
    with open(output, "w", encoding="utf-8", newline="") as out:
        yield out

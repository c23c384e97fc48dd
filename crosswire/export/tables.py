"""Every data table of the store as JSONL, CSV or Parquet, one file per table.

Which tables: every ordinary table the store reports (``Store.table_columns``: SQLite's
own tables and the full-text index are left out there) except crosswire's internal
indexes, which are derived state rather than data — ``term_df`` and ``story_terms``
(story grouping's term statistics), ``fingerprints`` and ``lsh_bands`` (MinHash
signatures for finding syndicated copies) and ``_migrations``. The ``stories.vector``
column (the story's term centroid) is left out for the same reason. A table added by a
later migration is exported without any change here.

Values are exported as stored: list-valued columns (``authors``, ``chain``, ``source``,
...) are JSON text in CSV and Parquet; JSONL decodes the ones listed in ``JSON_COLUMNS``
into real lists. Parquet columns take the declared SQLite type (INTEGER → int64, REAL →
double, BLOB → binary, anything else → string).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from crosswire.errors import OptionsError, StoreError
from crosswire.store.base import Store

INTERNAL_TABLES = frozenset({"_migrations", "term_df", "story_terms", "fingerprints", "lsh_bands"})
INTERNAL_COLUMNS = {"stories": frozenset({"vector"})}
JSON_COLUMNS = {
    "articles": ("authors", "image_captions", "sentences"),
    "sources_cited": ("chain",),
    "claims": ("sources",),
    "events": ("source", "source_codes", "target", "target_codes"),
    "inputs": ("article_ids",),
}
BATCH = 1000


def exportable_tables(store: Store) -> dict[str, list[tuple[str, str]]]:
    """Table name → its exported (column, declared type) list, in the store's order."""
    return {
        name: [(c, t) for c, t in columns if c not in INTERNAL_COLUMNS.get(name, ())]
        for name, columns in store.table_columns().items()
        if name not in INTERNAL_TABLES
    }


def columns_of(store: Store, table: str) -> list[tuple[str, str]]:
    tables = exportable_tables(store)
    if table not in tables:
        raise OptionsError(f"no exportable table {table!r}; the tables are: {', '.join(tables)}")
    return tables[table]


def rows(store: Store, table: str) -> Iterator[dict[str, Any]]:
    """The exported columns of ``table``'s rows, as stored."""
    names = [c for c, _ in columns_of(store, table)]
    for row in store.iter_table(table):
        yield {name: row[name] for name in names}


def write_jsonl(store: Store, table: str, out: IO[str]) -> int:
    decode = JSON_COLUMNS.get(table, ())
    count = 0
    for row in rows(store, table):
        for name in decode:
            if isinstance(row.get(name), str):
                row[name] = json.loads(row[name])
        out.write(json.dumps(row, ensure_ascii=False, default=_bytes) + "\n")
        count += 1
    return count


def write_csv(store: Store, table: str, out: IO[str]) -> int:
    names = [c for c, _ in columns_of(store, table)]
    writer = csv.writer(out)
    writer.writerow(names)
    count = 0
    for row in rows(store, table):
        writer.writerow(["" if v is None else _bytes(v) if isinstance(v, bytes) else v for v in row.values()])
        count += 1
    return count


def write_parquet(store: Store, table: str, out: str | Path | IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = columns_of(store, table)
    schema = pa.schema([(name, _arrow_type(declared)) for name, declared in columns])
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows(store, table):
            batch.append(row)
            if len(batch) >= BATCH:
                writer.write_table(_arrow_table(batch, schema, table))
                count += len(batch)
                batch = []
        if batch or count == 0:  # an empty table still gets its schema written
            writer.write_table(_arrow_table(batch, schema, table))
            count += len(batch)
    return count


WRITERS = {"jsonl": write_jsonl, "csv": write_csv, "parquet": write_parquet}


def export_tables(store: Store, fmt: str, folder: str | Path, tables: list[str] | None = None) -> dict[str, int]:
    """Write each table (every exportable one by default) to ``folder/<table>.<fmt>``;
    return the rows written per table."""
    if fmt not in WRITERS:
        raise OptionsError(f"tables export as {', '.join(WRITERS)}, not {fmt!r}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for table in tables or list(exportable_tables(store)):
        path = folder / f"{table}.{fmt}"
        if fmt == "parquet":
            written[table] = write_parquet(store, table, path)
        else:
            with path.open("w", encoding="utf-8", newline="") as out:
                written[table] = WRITERS[fmt](store, table, out)
    return written


def _arrow_type(declared: str):
    import pyarrow as pa

    if "INT" in declared:
        return pa.int64()
    if any(word in declared for word in ("REAL", "FLOA", "DOUB")):
        return pa.float64()
    if "BLOB" in declared:
        return pa.binary()
    return pa.string()


def _arrow_table(batch: list[dict[str, Any]], schema, table: str):
    import pyarrow as pa

    arrays = {}
    for field in schema:
        values = [row[field.name] for row in batch]
        if pa.types.is_string(field.type):  # SQLite may hold a number in an untyped column
            values = [None if v is None else v if isinstance(v, str) else str(v) for v in values]
        try:
            arrays[field.name] = pa.array(values, type=field.type)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as error:
            raise StoreError(f"column {table}.{field.name} holds a value its type cannot: {error}") from error
    return pa.table(arrays, schema=schema)


def _bytes(value: Any) -> Any:
    """BLOBs (none in the exported tables today) as hex text."""
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"cannot export {type(value).__name__}")

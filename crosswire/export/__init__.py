"""Exports: the store's tables (JSONL, CSV, Parquet), merged events (PLOVER-style JSON,
a GDELT-style table) and the actor graph (GraphML, GEXF). ``export`` picks by format."""

from crosswire.export.formats import ALL_TABLES, FORMATS, ExportResult, export
from crosswire.export.gdelt import gdelt_row, write_gdelt
from crosswire.export.graphs import write_graph
from crosswire.export.plover import plover_record, write_plover
from crosswire.export.tables import exportable_tables, export_tables

__all__ = [
    "ALL_TABLES", "FORMATS", "ExportResult", "export", "export_tables", "exportable_tables", "gdelt_row",
    "plover_record", "write_gdelt", "write_graph", "write_plover",
]

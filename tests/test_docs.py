"""Docs that must stay true: the export fields, the README's commands, the CLI reference."""

from __future__ import annotations

import re

from crosswire.cli import main
from crosswire.document import Article, Cleaned
from crosswire.errors import Reason

from .conftest import ROOT


def test_schema_documents_every_export_field():
    schema = (ROOT / "docs" / "schema.md").read_text()
    record = Article.from_cleaned(Cleaned(text="x")).to_record()
    missing = [field for field in record if f"`{field}`" not in schema]
    assert not missing, f"docs/schema.md does not document {missing}"


def test_schema_documents_every_rejection_reason():
    schema = (ROOT / "docs" / "schema.md").read_text()
    assert [r.value for r in Reason if f"`{r.value}`" not in schema] == []


def test_readme_commands_are_make_targets_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    makefile = (ROOT / "Makefile").read_text()
    for target in re.findall(r"^make (\w+)", readme, re.M):
        assert re.search(rf"^{target}:", makefile, re.M), f"README's `make {target}` is not in the Makefile"
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_readme_mentions_every_cli_command():
    readme = (ROOT / "README.md").read_text()
    assert [name for name in main.commands if f"crosswire {name}" not in readme] == []


def test_architecture_names_files_that_exist():
    architecture = (ROOT / "docs" / "architecture.md").read_text()
    for path in set(re.findall(r"`(crosswire/[\w/]+\.(?:py|yaml))`", architecture)):
        assert (ROOT / path).exists(), f"docs/architecture.md names {path}, which does not exist"

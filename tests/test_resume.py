"""A killed ingest (kill -9, mid-batch) leaves the store consistent, and re-running resumes."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time

PLACES = ["Port Amsel", "Korsk", "Tolun", "Lindhaven", "Severin", "Nordhaven"]


def write_corpus(folder, count: int) -> None:
    for n in range(count):
        place = PLACES[n % len(PLACES)]
        paragraph = (
            f"Officials in {place} said on Monday that inspection number {n} of the harbour cranes "
            f"had found corrosion in {n + 3} of the support beams, and that repairs would take weeks. "
            f"Dock workers in {place} said the delays were already costing them overtime pay."
        )
        body = "\n\n".join(f"{paragraph} Paragraph {p} adds detail {n * 10 + p}." for p in range(6))
        (folder / f"doc{n:03}.txt").write_text(f"Crane inspection {n} in {place}\n\n{body}\n")


def article_count(db) -> int:
    try:
        with sqlite3.connect(db, timeout=0.1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def ingest(folder, db) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "crosswire.cli", "ingest", str(folder), "--db", str(db), "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_kill_9_mid_ingest_then_resume(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    write_corpus(folder, 60)
    db = tmp_path / "resume.db"

    first = ingest(folder, db)
    deadline = time.monotonic() + 120
    while article_count(db) < 5 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed_at = article_count(db)
    assert 0 < killed_at < 60, f"the kill landed outside the ingest ({killed_at} stored)"

    second = subprocess.run(
        [sys.executable, "-m", "crosswire.cli", "ingest", str(folder), "--db", str(db), "--json"],
        capture_output=True, text=True, timeout=300,
    )
    assert second.returncode == 0, second.stderr
    report = json.loads(second.stdout)
    # Each input was marked done in the same transaction as its article: nothing is redone,
    # nothing is reported as a duplicate of itself.
    assert report["rejected"] == []
    assert (report["skipped"], report["stored"]) == (killed_at, 60 - killed_at)

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 60
    assert conn.execute("SELECT count(DISTINCT source) FROM articles").fetchone()[0] == 60
    orphans = conn.execute(
        "SELECT count(*) FROM mentions m LEFT JOIN entities e ON e.article_id = m.article_id AND e.idx = m.entity_idx "
        "WHERE e.article_id IS NULL"
    ).fetchone()[0]
    assert orphans == 0
    unassigned = conn.execute("SELECT count(*) FROM articles WHERE story_id IS NULL").fetchone()[0]
    assert unassigned == 0
    story_sizes = conn.execute("SELECT sum(size) FROM stories").fetchone()[0]
    assert story_sizes == 60  # no story counted an article whose write was rolled back

"""The story view as plain text, for ``crosswire story ID``: outlets side by side, the claim
matrix, single-outlet claims, contradictions and the upstream note."""

from __future__ import annotations

import textwrap

from crosswire.compare.view import ClaimRow, StoryView

WIDTH = 100
CLAIM_COLUMN = 58
STATUS_MARK = {
    "asserted": "A", "reported": "R", "expected": "E", "possible": "P", "inferred": "I",
    "conditional": "C", "denied": "D", "opinion": "O",
}
LEGEND = "A asserted, R reported, E expected, P possible, I inferred, C conditional, D denied, O opinion"


def render_story(view: StoryView) -> str:
    sections = [
        _header(view),
        _outlets(view),
        _matrix(view),
        _corroborated(view),
        _only_in(view),
        _contradictions(view),
        _status_changes(view),
        _section("Upstream", _wrap(view.upstream.text)),
    ]
    return "\n\n".join(s for s in sections if s) + "\n"


def outlet_codes(view: StoryView) -> dict[str, str]:
    """Short column names: the initials of the outlet's name ("The Week" -> "TW"), made unique."""
    codes: dict[str, str] = {}
    for side in view.outlets:
        code = "".join(w[0] for w in side.outlet.split() if w[:1].isalnum()).upper() or "?"
        base, n = code, 2
        while code in codes.values():
            code, n = f"{base}{n}", n + 1
        codes[side.outlet] = code
    return codes


def _header(view: StoryView) -> str:
    articles = sum(len(s.articles) for s in view.outlets)
    dates = f"{view.first_date or '?'} .. {view.last_date or '?'}"
    return (
        f"Story {view.id}: {view.label}\n{dates} · {articles} articles · {len(view.outlets)} outlets · "
        f"{len(view.origins)} origins after syndicated copies collapse"
    )


def _outlets(view: StoryView) -> str:
    lines = []
    for side in view.outlets:
        lines.append(f"{side.outlet}  [{side.tone.label}]")
        for article in side.articles:
            date = (article.published or "undated") + (" (estimated)" if article.estimated else "")
            copy = "" if article.origin_id == article.id else "  (syndicated copy)"
            lines.append(f"  {date}  {article.title or '(untitled)'}{copy}")
        if side.tone.cues:
            lines += _wrap("tone cues: " + "; ".join(side.tone.cues), indent="  ")
        rests = ", ".join(" citing ".join(chain[1:]) for chain in side.basis.chains[:8])
        if rests:
            lines += _wrap("cites: " + rests, indent="  ")
    return _section("Outlets", lines)


def _matrix(view: StoryView) -> str:
    codes = outlet_codes(view)
    head = f"{'#':>3}  {'claim':<{CLAIM_COLUMN}} " + " ".join(f"{c:>4}" for c in codes.values()) + "  out orig ind"
    lines = [head]
    for row in view.claims:
        cells = " ".join(f"{_cell(row, outlet):>4}" for outlet in codes)
        c = row.corroboration
        counts = f"{len(c.outlets):>3} {len(c.origins):>4} {c.independent:>3}"
        lines.append(f"{row.id:>3}  {_clip(row.text, CLAIM_COLUMN):<{CLAIM_COLUMN}} {cells}  {counts}")
    legend = [
        f"columns: {', '.join(f'{code} {outlet}' for outlet, code in codes.items())}",
        f"cells: {LEGEND}; out = outlets, orig = origins after syndication, "
        "ind = independent upstream origins (at least)",
    ]
    return _section("Claim matrix", lines + [""] + [w for line in legend for w in _wrap(line)])


def _cell(row: ClaimRow, outlet: str) -> str:
    cell = row.cells.get(outlet)
    if cell is None:
        return "·"
    return "".join(STATUS_MARK.get(s, "?") for s in cell.statuses)


def _corroborated(view: StoryView) -> str:
    lines = []
    for row in view.corroborated:
        c = row.corroboration
        lines += _wrap(f"#{row.id} {row.text}", indent="", subsequent="    ")
        for outlets, statuses, text, chains in _grouped_cells(row):
            lines += _wrap(f"{', '.join(outlets)} ({statuses}): {text}", indent="    ", subsequent="      ")
            for chain in chains:
                lines.append(f"      cites: {' citing '.join(chain)}")
        for outlet, details in row.additions.items():
            lines += _wrap(f"{outlet} adds: {', '.join(details)}", indent="    ")
        upstream = ", ".join(u.label for u in c.upstreams) or "none named"
        tail = f"; may rest on it too: {', '.join(u.label for u in c.unresolved)}" if c.unresolved else ""
        lines += _wrap(
            f"{len(c.outlets)} outlets, {c.reports} reports, {len(c.origins)} origins, "
            f"independent upstream origins (at least): {c.independent} ({upstream}){tail}",
            indent="    ",
        )
        lines.append("")
    return _section("Reported by several outlets", lines[:-1]) if lines else ""


def _grouped_cells(row: ClaimRow) -> list[tuple[list[str], str, str, list[tuple[str, ...]]]]:
    """Outlets that print the same sentence with the same status and sources, shown once
    (a wire story reprinted five times is one line with five outlets)."""
    groups: dict[tuple, list[str]] = {}
    for outlet, cell in row.cells.items():
        unit = max(cell.units, key=lambda u: u.end - u.start)
        chains = tuple(dict.fromkeys(ch[1:] for u in cell.units for ch in u.chains if len(ch) > 1))
        key = ("/".join(cell.statuses), " ".join(unit.text.split()), chains)
        groups.setdefault(key, []).append(outlet)
    return [(outlets, statuses, text, list(chains)) for (statuses, text, chains), outlets in groups.items()]


def _only_in(view: StoryView) -> str:
    lines = []
    for outlet, rows in view.only_in.items():
        if not rows:
            continue
        lines.append(f"{outlet}:")
        for row in rows:
            status = "/".join(next(iter(row.cells.values())).statuses)
            lines += _wrap(f"#{row.id} ({status}) {row.text}", indent="  ", subsequent="    ")
    return _section("Only in one outlet", lines) if lines else ""


def _contradictions(view: StoryView) -> str:
    if not view.contradictions:
        return _section("Contradictions", ["none found"])
    lines = []
    for contradiction in view.contradictions:
        lines.append(f"{contradiction.slot}: {' vs '.join(contradiction.values)}")
        for value in contradiction.values:
            for account in contradiction.by_value[value]:
                unit = account.unit
                where = f"{unit.outlet}, {unit.published or 'undated'} (“{account.value_text}”)"
                lines += _wrap(
                    f"{value} — {where}: {unit.text}",
                    indent="  ",
                    subsequent="      ",
                )
    return _section("Contradictions", lines)


def _status_changes(view: StoryView) -> str:
    lines = []
    for change in view.status_changes:
        b, a = change.before, change.after
        lines += _wrap(
            f"#{change.claim_id} {change.kind}: {b.status} ({b.outlet}, {b.published}) -> "
            f"{a.status} ({a.outlet}, {a.published})"
        )
        lines += _wrap(f"before: {b.text}", indent="    ", subsequent="      ")
        lines += _wrap(f"after:  {a.text}", indent="    ", subsequent="      ")
    return _section("Status changes over time", lines) if lines else ""


def _section(title: str, lines: list[str]) -> str:
    return "\n".join([title.upper(), *lines])


def _wrap(text: str, indent: str = "", subsequent: str | None = None) -> list[str]:
    text = " ".join(text.split())
    subsequent = indent if subsequent is None else subsequent
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=subsequent) or [indent]


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"

"""Contradictions: one claim told with different values, and claims whose status moved.

Value contradictions. Alignment (crosswire.compare.align) keeps two units apart when they
make the same statement with clashing slot values (crosswire.compare.slots: a day, a
count) and records the pair as a clash. Clashes over one slot link into a contradiction:
"date: 2025-03-11 (Atlas Radio, The Lindhaven Ledger, ...) vs 2025-03-12 (Korsk Courier,
...)", each value with the sentences that carry it. A sentence aligned into the same story
claim as one side, stating that side's value for the slot and no rival value, joins that
side too: it repeats the account without having been paired with the other one. Dates of
different granularity that overlap ("next week", "as early as September 10") never clash,
so they never appear here.

Status changes. A story claim reported on several days may change certainty: reported
then confirmed (asserted), or denied. Each article's status for the claim is that of its
widest member (the sentence over its clauses); a change between two publication days is
listed with both sentences. Members that back the claim from inside a longer sentence are
left out (their status may be the other claim's), and so is opinion, a voice rather than
a certainty. A report after a denial is not listed: in a dispute both sides speak every
day, and that is the contradiction, not news about the claim.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from crosswire.compare.align import Clash, StoryClaim
from crosswire.compare.slots import number_text
from crosswire.compare.units import ClaimUnit

HEDGED = {"reported", "expected", "possible", "inferred", "conditional"}
# A denial in so many words; a bare negation ("received no requests") is a denied clause but
# not news that a claim was denied. The verbs are crosswire.read.claims' DENIAL_VERBS and
# REJECTION_VERBS, matched here on the stored cue as written ("denied", "dismissed"): there is
# no lemmatiser at view time (tests/test_compare_units.py checks that the two agree).
DENIAL = re.compile(r"\b(?:deni|deny|dismiss|reject|refut|rebut)|\bthere (?:is|was|are|were) no\b", re.I)


@dataclass(frozen=True)
class Account:
    """One side's sentence in a contradiction."""

    value: str
    value_text: str  # the words carrying the value: "Tuesday, March 11"
    unit: ClaimUnit


@dataclass
class Contradiction:
    slot: str  # "date", "number of crew"
    by_value: dict[str, list[Account]]  # value -> one account per article

    @property
    def values(self) -> list[str]:
        return sorted(self.by_value, key=_sort_key)

    def outlets(self, value: str) -> list[str]:
        return list(dict.fromkeys(a.unit.outlet for a in self.by_value[value]))


@dataclass(frozen=True)
class StatusChange:
    claim_id: int
    kind: str  # confirmed (hedged, then asserted) | denied
    before: ClaimUnit
    after: ClaimUnit


def contradictions(clashes: list[Clash], claims: list[StoryClaim] = ()) -> list[Contradiction]:
    """Clashes grouped by slot into contradictions, each value with its accounts (and the
    aligned sentences of ``claims`` that repeat one of the values)."""
    edges: dict[str, list[tuple[Account, Account]]] = defaultdict(list)
    for clash in clashes:
        for conflict in clash.conflicts:
            left = Account(conflict.left, conflict.left_text, clash.a)
            right = Account(conflict.right, conflict.right_text, clash.b)
            edges[conflict.slot].append((left, right))
    found = []
    for slot, pairs in edges.items():
        for component in _components(pairs):
            contradiction = Contradiction(slot, _by_value(component))
            _add_repeats(contradiction, claims)
            found.append(contradiction)
    return sorted(found, key=lambda c: (c.slot != "date", c.slot))


def _components(pairs: list[tuple[Account, Account]]) -> list[list[Account]]:
    """Accounts linked by clashes (union-find over unit ids); values that share an account
    belong to one contradiction."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a.unit.id)] = find(b.unit.id)
    groups: dict[str, list[Account]] = defaultdict(list)
    for a, b in pairs:
        groups[find(a.unit.id)] += [a, b]
    return list(groups.values())


def _by_value(accounts: list[Account]) -> dict[str, list[Account]]:
    """Each unit under the value it carries most often, one account per article and value."""
    votes = Counter((a.unit.id, a.value) for a in accounts)
    best: dict[str, tuple[int, str]] = {}
    for (unit_id, value), n in votes.items():
        if n > best.get(unit_id, (0, ""))[0]:
            best[unit_id] = (n, value)
    by_value: dict[str, list[Account]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for account in sorted(accounts, key=lambda a: (a.unit.published or "", a.unit.outlet, a.unit.start)):
        value = best[account.unit.id][1]
        if account.value != value or (account.unit.article_id, value) in seen:
            continue
        seen.add((account.unit.article_id, value))
        by_value[value].append(account)
    return dict(by_value)


def _add_repeats(contradiction: Contradiction, claims: list[StoryClaim]) -> None:
    accounts = {a.unit.id for accs in contradiction.by_value.values() for a in accs}
    articles = {a.unit.article_id for accs in contradiction.by_value.values() for a in accs}
    for claim in claims:
        if not accounts & {u.id for u in claim.members}:
            continue
        for unit in claim.members:
            if unit.article_id in articles or unit.id in claim.contained:
                continue
            stated = slot_values(unit, contradiction.slot)
            values = [v for v in contradiction.by_value if v in stated]
            if len(values) == 1:  # one side's value, and not the other's too
                contradiction.by_value[values[0]].append(Account(values[0], stated[values[0]], unit))
                articles.add(unit.article_id)


def slot_values(unit: ClaimUnit, slot: str) -> dict[str, str]:
    """The values ``unit`` states for a slot ("date", "number of crew"), with their words."""
    if slot == "date":
        return {t.first.isoformat(): t.text for t in unit.times if t.precise}
    noun = slot.removeprefix("number of ")
    return {number_text(q.value): q.text for q in unit.numbers if q.unit == noun}


def status_changes(claims: list[StoryClaim]) -> list[StatusChange]:
    """Certainty changes of each claim between publication days, in date order."""
    changes = []
    for claim in claims:
        dated = _per_article(claim)
        for before, after in zip(dated, dated[1:]):
            if before.published == after.published:
                continue
            kind = _change(before, after)
            if kind:
                changes.append(StatusChange(claim.id, kind, before, after))
    return changes


def _per_article(claim: StoryClaim) -> list[ClaimUnit]:
    """One member per dated article (its widest: the sentence over its clauses), by date."""
    chosen: dict[str, ClaimUnit] = {}
    for unit in claim.members:
        if not unit.published or unit.status == "opinion" or unit.id in claim.contained:
            continue
        current = chosen.get(unit.article_id)
        if current is None or (unit.end - unit.start) > (current.end - current.start):
            chosen[unit.article_id] = unit
    return sorted(chosen.values(), key=lambda u: (u.published, u.outlet))


def _change(before: ClaimUnit, after: ClaimUnit) -> str | None:
    if before.status in HEDGED and after.status == "asserted":
        return "confirmed"
    if before.status != "denied" and after.status == "denied" and DENIAL.search(after.cue or ""):
        return "denied"
    return None


def _sort_key(value: str) -> tuple[int, float | str]:
    try:
        return 0, float(value)
    except ValueError:
        return 1, value

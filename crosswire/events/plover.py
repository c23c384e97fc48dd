"""How a merged event reads in PLOVER's own terms, for relations and exports.

crosswire keeps the action and its status ("Sarvania will supply drones": AID, planned);
PLOVER records intentions as verbal acts (AGREE, THREATEN). ``crosswire.read.events``
decides the mapping for one event; this applies it to a merged one.
"""

from __future__ import annotations

from crosswire.document import Event
from crosswire.events.model import MergedEvent
from crosswire.read.eventrules import lexicon
from crosswire.read.events import plover_category, plover_mode

QUAD_CLASSES = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
# GDELT numbers its quad classes 1-4 in this order.
QUAD_NUMBER = {name: i + 1 for i, name in enumerate(QUAD_CLASSES)}


def _as_event(merged: MergedEvent) -> Event:
    """A stand-in single event carrying what the PLOVER mapping looks at."""
    first = merged.reports[0].event
    return Event(**{**first.__dict__, "category": merged.category, "quad_class": merged.quad_class,
                    "mode": merged.mode, "status": merged.status})


def category(merged: MergedEvent) -> str:
    return plover_category(_as_event(merged))


def mode(merged: MergedEvent) -> str | None:
    return plover_mode(_as_event(merged))


def quad_class(merged: MergedEvent) -> str:
    """The quad class of the PLOVER category: a planned aid delivery is verbal cooperation."""
    return lexicon().quad.get(category(merged), merged.quad_class)

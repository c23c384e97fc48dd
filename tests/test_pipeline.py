"""The component contract: declared requirements are checked before anything runs."""

from __future__ import annotations

import pytest

from crosswire.document import Article, Cleaned
from crosswire.errors import OptionsError, Reason
from crosswire.options import Options
from crosswire.pipeline import COMPONENTS, Reader, check_order, component


def test_builtins_are_registered_like_extensions():
    assert {"sentences", "entities", "quotes"} <= set(COMPONENTS)
    assert COMPONENTS["quotes"].requires == ("sentences", "entities")


def test_order_missing_a_requirement_is_refused():
    with pytest.raises(OptionsError, match="requires"):
        check_order(["quotes", "sentences", "entities"])


def test_unknown_component_is_refused():
    with pytest.raises(OptionsError, match="unknown component"):
        check_order(["sentences", "no-such-thing"])


def test_options_are_validated():
    with pytest.raises(OptionsError):
        Options(batch_size=0)
    with pytest.raises(OptionsError):
        Options(story_threshold=1.5)


def test_a_failing_component_rejects_one_article_and_the_stream_goes_on(reader):
    @component("explodes_on_boom", requires=("sentences",), assigns=("boom",))
    def _explodes(context, article, doc):
        if "boom" in article.text:
            raise RuntimeError("boom found")

    try:
        custom = Reader(Options(components=("sentences", "explodes_on_boom")))
        texts = ["A calm sentence about ports.", "This one says boom loudly.", "Another calm sentence."]
        items = [(Article.from_cleaned(Cleaned(text=t, source=f"s{i}")), i) for i, t in enumerate(texts)]
        results = list(custom.pipe(items))
    finally:
        del COMPONENTS["explodes_on_boom"]
    assert [ctx for _, ctx in results] == [0, 1, 2]
    failed = results[1][0]
    assert failed.reason is Reason.FAILED and "explodes_on_boom" in failed.detail
    assert results[0][0].done == ["sentences", "explodes_on_boom"]
    assert results[2][0].sentences

"""The reading pipeline: components that annotate an ``Article``, run in a checked order.

Like spaCy's ``@Language.factory``, each component declares what it ``requires`` and what it
``assigns``. Built-in components are registered with the same decorator an extension
would use, and ``Reader`` refuses an order in which a component runs before what it needs.
Articles stream through ``Reader.pipe`` in batches handed to ``nlp.pipe``: nothing holds
the corpus in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TypeVar

from spacy.tokens import Doc

from crosswire.document import Article, Span
from crosswire.errors import OptionsError, Reason, Rejection
from crosswire.options import Options
from crosswire.read.actors import Registry, load_registry
from crosswire.read.entities import find_entities
from crosswire.read.nlp import load_nlp
from crosswire.read.claims import find_claims
from crosswire.read.events import find_events
from crosswire.read.quotes import find_quotes
from crosswire.read.sources import find_sources
from crosswire.read.time import find_times


@dataclass(frozen=True)
class Component:
    name: str
    func: Callable[["Context", Article, Doc], None]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


@dataclass
class Context:
    """What components share: the options and the actor registry."""

    options: Options
    registry: Registry


COMPONENTS: dict[str, Component] = {}
T = TypeVar("T")


def component(name: str, *, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()):
    """Register a reading component. Built-ins use this too (see the bottom of this module)."""

    def register(func: Callable[[Context, Article, Doc], None]):
        COMPONENTS[name] = Component(name, func, tuple(requires), tuple(assigns))
        return func

    return register


def check_order(names: Iterable[str]) -> list[Component]:
    """The components for ``names``, or ``OptionsError`` if one needs what is not set before it."""
    available: set[str] = {"text"}
    ordered = []
    for name in names:
        if name not in COMPONENTS:
            raise OptionsError(f"unknown component {name!r}; known: {', '.join(sorted(COMPONENTS))}")
        comp = COMPONENTS[name]
        missing = [need for need in comp.requires if need not in available]
        if missing:
            raise OptionsError(f"component {name!r} requires {missing}, which no earlier component assigns")
        available.update(comp.assigns)
        ordered.append(comp)
    return ordered


class Reader:
    """Turns a stream of articles into annotated articles, batch by batch."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.components = check_order(options.components)
        self.nlp = load_nlp(options.model)
        self.context = Context(options=options, registry=load_registry(tuple(options.actor_files)))

    def pipe(self, items: Iterable[tuple[Article, T]]) -> Iterator[tuple[Article | Rejection, T]]:
        """Annotate ``(article, context)`` pairs in batches; the context rides along untouched.

        An article on which a component fails comes back as a ``Rejection`` naming the
        component, and the stream goes on: one bad article never stops a batch.
        """
        iterator = iter(items)
        while batch := list(islice(iterator, self.options.batch_size)):
            docs = self.nlp.pipe((article.text for article, _ in batch), batch_size=self.options.batch_size)
            for (article, context), doc in zip(batch, docs):
                yield self._annotate_safely(article, doc), context

    def _annotate_safely(self, article: Article, doc: Doc) -> Article | Rejection:
        try:
            return self.annotate(article, doc)
        except Exception as error:  # noqa: BLE001 - any bug in a component is one article's failure
            stage = next((c.name for c in self.components if c.name not in article.done), "?")
            source = article.meta.source or article.id
            return Rejection(source, Reason.FAILED, f"component {stage}: {type(error).__name__}: {error}")

    def __call__(self, article: Article) -> Article:
        return self.annotate(article, self.nlp(article.text))

    def annotate(self, article: Article, doc: Doc) -> Article:
        for comp in self.components:
            comp.func(self.context, article, doc)
            article.done.append(comp.name)
        return article


@component("sentences", assigns=("sentences",))
def _sentences(context: Context, article: Article, doc: Doc) -> None:
    article.sentences = [Span(s.start_char, s.end_char) for s in doc.sents]


@component("entities", assigns=("entities",))
def _entities(context: Context, article: Article, doc: Doc) -> None:
    find_entities(article, doc, context.registry)


@component("quotes", requires=("sentences", "entities"), assigns=("quotes",))
def _quotes(context: Context, article: Article, doc: Doc) -> None:
    find_quotes(article, doc)


@component("times", requires=("sentences",), assigns=("times",))
def _times(context: Context, article: Article, doc: Doc) -> None:
    find_times(article, doc)


@component("sources", requires=("sentences", "entities", "quotes"), assigns=("sources_cited",))
def _sources(context: Context, article: Article, doc: Doc) -> None:
    find_sources(article, doc)


@component("claims", requires=("sentences", "sources_cited"), assigns=("claims",))
def _claims(context: Context, article: Article, doc: Doc) -> None:
    find_claims(article, doc)


@component("events", requires=("sentences", "entities", "times"), assigns=("events",))
def _events(context: Context, article: Article, doc: Doc) -> None:
    article.events = find_events(article, doc)

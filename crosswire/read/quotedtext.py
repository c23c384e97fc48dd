"""An article's text with its quotations known: which characters and tokens are quoted words.

Words inside quotation marks are the speaker's, never the reporter's: no speaker, cue or
venue is read from them, and reported speech is never found inside them. ``QuotedText``
answers "is this inside a quotation?" by character offset and by token, for the readers of
``crosswire.read.attribution`` (and ``speakers``, ``venues``, ``indirect``), which also need
to know where paragraphs break, since the parser sometimes runs a sentence over a break.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token


class QuotedText:
    """``text`` and its parse ``doc``; ``quoted`` are the character ranges of the quotations
    including their marks (as ``crosswire.read.quotes`` pairs them)."""

    def __init__(self, text: str, doc: Doc, quoted: list[tuple[int, int]]) -> None:
        self.text = text
        self.doc = doc
        self.quoted = sorted(quoted)
        self._quoted_starts = [s for s, _ in self.quoted]
        self.inside = [self.in_quotes(t.idx) for t in doc]  # by token index

    def in_quotes(self, offset: int) -> bool:
        i = bisect.bisect_right(self._quoted_starts, offset) - 1
        return i >= 0 and self.quoted[i][0] <= offset < self.quoted[i][1]

    def quotation_at(self, offset: int) -> str | None:
        """The words of the quotation around ``offset``, without marks and edge punctuation."""
        i = bisect.bisect_right(self._quoted_starts, offset) - 1
        if i < 0 or not self.quoted[i][0] <= offset < self.quoted[i][1]:
            return None
        return self.text[self.quoted[i][0] : self.quoted[i][1]].strip(" \"'“”‘’`«».,;:") or None

    def quoted_share(self, start: int, end: int) -> float:
        """The share of the non-space characters of [start, end) that are inside quotations."""
        inside = 0
        for s, e in self.quoted:
            if e <= start or s >= end:
                continue
            inside += len(self.text[max(s, start) : min(e, end)].replace(" ", ""))
        total = len(self.text[start:end].replace(" ", ""))
        return inside / total if total else 0.0

    def paragraph_clip(self, sentence: Span, offset: int) -> Span:
        """The part of the sentence in the paragraph of ``offset`` (the parser sometimes runs a
        sentence over a paragraph break)."""
        first = self.text.rfind("\n", 0, offset) + 1
        last = self.text.find("\n", offset)
        last = len(self.text) if last < 0 else last
        tokens = [t.i for t in sentence if first <= t.idx < last]
        return self.doc[tokens[0] : tokens[-1] + 1] if tokens else sentence

    def across_paragraphs(self, a: Token, b: Token) -> bool:
        low, high = sorted((a.idx, b.idx))
        return "\n" in self.text[low:high]

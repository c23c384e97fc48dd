"""The one vocabulary of paywall and access wording, shared by every cleaner.

HTML pages (``html``), the edges of extracted bodies (``edges``) and plain-text scrapes
(``scrape``) all decide "is this a paywall notice?" from the same words, built here once:

* ``READ_ON`` — talk of reading on: "continue reading", "keep reading", "to read the full";
* ``GATE`` — what stands in the way: subscribing, signing or logging in, a trial, unlocking;
* ``SUBSCRIBERS_ONLY`` — a phrase that is a notice by itself: "for paying subscribers",
  "already a subscriber", "subscribers only".

Neither a read-on phrase nor a gate word is a notice alone: "Continue reading the main story"
is a link between two halves of an article, "subscribe to our newsletter and keep up with the
news" is a newsletter box. A notice pairs the two (within a few words, or a read-on line
confirmed by access talk right after it), or says subscribers only.
"""

from __future__ import annotations

import re

READ_ON = r"continue reading|keep reading|to read the full"
GATE = r"subscri\w*|sign in|log ?in|start your (?:free )?trial|free trial|unlock"
SUBSCRIBERS_ONLY_WORDS = (
    r"already a (?:paid )?subscriber|for (?:paying |paid )?subscribers|subscribers[- ]only|subscriber-only"
)

# A line that talks about reading on (scrapes confirm it with ACCESS_CUES nearby).
PAYWALL_CUES = re.compile(rf"\b(?:{READ_ON}|already a (?:paid )?subscriber)\b", re.I)
# Talk of access near a read-on line: the gate words plus "access" itself.
ACCESS_CUES = re.compile(rf"\b(?:{GATE}|access)\b", re.I)
SUBSCRIBERS_ONLY = re.compile(rf"\b(?:{SUBSCRIBERS_ONLY_WORDS})\b", re.I)
# A notice in one stretch of text: a gate word then reading on, reading on then a gate word,
# or subscribers only. "Subscribe to keep reading", "Sign in to continue", "Continue reading
# with a free trial".
PAYWALL_TEXT = re.compile(
    rf"\b(?:{GATE})\b.{{0,40}}\b(?:to continue|to read|{READ_ON}|reading)\b"
    rf"|\b(?:{READ_ON})\b.{{0,40}}\b(?:{GATE})"
    rf"|\b(?:{SUBSCRIBERS_ONLY_WORDS})\b",
    re.I,
)
# class/id values of paywall and metering boxes.
PAYWALL_ATTR = re.compile(r"paywall|meter(?:ed)?-?wall|subscriber-only|premium-gate|regwall", re.I)

NOTICE_WORDS = 25  # a notice is short; longer prose may quote the wording


def is_paywall_notice(text: str, following: str = "") -> bool:
    """Whether a short block is a paywall notice; ``following`` is the block after it, which
    may carry the access talk that confirms a bare "Continue reading" line (when it is short
    too: prose after the line is the article going on)."""
    if len(text.split()) >= NOTICE_WORDS:
        return False
    if PAYWALL_TEXT.search(text):
        return True
    confirmed = len(following.split()) < NOTICE_WORDS and bool(ACCESS_CUES.search(following))
    return bool(PAYWALL_CUES.search(text)) and confirmed

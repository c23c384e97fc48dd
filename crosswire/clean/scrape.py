"""Clean a plain-text scrape: a web page copied as text, article body inside page clutter.

No library separates the two, so crosswire decides line by line from structure, in four steps:

1. line features: length, sentence shape, repetition, a few generic clutter cues;
2. line classification: clutter is short or title-cased, repeated, cue-bearing, or boxed in
   by other clutter; long sentence-shaped lines are body "anchors";
3. region finding: the body runs from the first anchor to the last one, ends at a paywall
   notice, and leaves out an author bio that follows it;
4. metadata: title, dek, authors, outlet, date and captions come from the lines left outside.

Body lines are kept verbatim. A long prose line is never dropped for containing a cue word:
cue words only condemn short lines, or lines boxed in by other clutter.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import dateparser

from crosswire.clean.names import clean_author
from crosswire.document import Caption, Cleaned
from crosswire.errors import InputRejected, Reason

# --- The only vocabulary: short, generic, in any site's wording. -------------------------
CLUTTER_CUES = re.compile(
    r"\b(share|copy link|e-?mail|subscribe|subscribers?|subscription|sign (up|in)|log ?in|"
    r"newsletters?|inbox|free trial|privacy|terms|cookies?|all rights reserved|avatar|"
    r"image credit|app|advertisement|thanks for reading|facebook|twitter|linkedin|whatsapp)\b|©",
    re.I,
)
PAYWALL_CUES = re.compile(
    r"\b(continue reading|keep reading|to read the full|already a (paid )?subscriber)\b", re.I
)
# A paywall notice is confirmed by talk of access within a few lines of it.
ACCESS_CUES = re.compile(r"\b(subscri\w*|free trial|sign in|log ?in|access|unlock)\b", re.I)
CREDIT_LINE = re.compile(
    r"^\(?\s*(?:(?:image|photo|picture|photograph)\s*(?:credit)?|credit)\s*:\s*(.+?)\s*\)?$", re.I
)
BYLINE = re.compile(r"^(?:written\s+)?by\s+(.+)$", re.I)
AVATAR = re.compile(r"^(.+?)['’]s avatar$", re.I)
# A bio opens with a name and a verb; "X writes/covers ..." is one by itself, other verbs need
# a job word later ("X spent twelve years as a correspondent ...").
BIO = re.compile(
    r"^(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3})\s+(?:(?:writes|covers)\b|[a-z]+\b.*\b(?:"
    r"writer|editor|reporter|correspondent|journalist|columnist|contributor|author|producer|analyst)\b)",
)
_OUTLET = r"(?P<x>(?:The\s+)?[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)*)"  # a capitalised name, no "'s"
OUTLET_PATTERNS = [
    re.compile(p + _OUTLET + s)
    for p, s in (
        (r"(?i:subscribe to|already a (?:paid )?subscriber to|thanks for reading)\s+", ""),
        (r"(?i:sign up for)\s+", r"['’]s\b"),
        (r"(?:©|(?i:copyright))\s*(?:\d{4}\s*)?", ""),
        (r"(?i:\bwrites|worked at|works at|(?:writer|editor|reporter|correspondent) (?:at|for))\s+", ""),  # bios
    )
]
CORPORATE = re.compile(r",?\s+(?:Ltd|Limited|Inc|LLC|plc|Corp|GmbH)\.?$", re.I)
NAV_WORDS = {"home", "news", "more", "menu", "search", "notes", "latest", "popular", "related", "top"}

ANCHOR_WORDS = 20  # a sentence-shaped line this long is body prose; promo blurbs are shorter
MIN_BODY_WORDS = 40
MENU_SEPARATORS = re.compile(r"\s+[|·∙•›»/]\s+|\s{2,}")  # pipes, bullets or column gaps
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE_IN_LINE = re.compile(
    rf"\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b",
    re.I,
)


@dataclass
class Line:
    i: int
    text: str
    words: int
    sentence: bool  # ends like a sentence
    cue: bool
    repeat: int  # how often this exact line occurs in the page
    first: bool  # first occurrence of it
    kind: str  # blank, credit, counter, menu, date, byline, prose, sentence, heading


# --- 1. line features -----------------------------------------------------------------------
def _features(raw_lines: list[str]) -> list[Line]:
    keys = [" ".join(r.lower().split()) for r in raw_lines]
    counts = Counter(k for k in keys if k)
    seen: set[str] = set()
    lines = []
    for i, (raw, key) in enumerate(zip(raw_lines, keys)):
        text = raw.strip()
        words = len(text.split())
        sentence = bool(SENTENCE_END.search(text))
        line = Line(i, text, words, sentence, bool(CLUTTER_CUES.search(text)), counts[key], key not in seen, "")
        seen.add(key)
        line.kind = _kind(line)
        lines.append(line)
    return lines


def _kind(ln: Line) -> str:
    if not ln.text:
        return "blank"
    if CREDIT_LINE.match(ln.text):
        return "credit"
    if not re.search(r"[^\W\d_]", ln.text):  # "6", "2", "∙": counters and separators
        return "counter"
    if ln.words <= 12 and BYLINE.match(ln.text):
        return "byline"
    parts = MENU_SEPARATORS.split(ln.text)
    if len(parts) >= 3 and all(len(p.split()) <= 4 for p in parts):
        return "menu"  # "World | Analysis | Europe", "Privacy · Terms · Cookies", "Home    About"
    # A date line is the date plus a word or two ("Published"), not a sentence that has a date.
    if ln.words <= 10 and (m := DATE_IN_LINE.search(ln.text)):
        if not ln.sentence or ln.words - len(m.group(0).split()) <= 2:
            return "date"
    if ln.sentence and ln.words >= ANCHOR_WORDS:
        return "prose"
    return "sentence" if ln.sentence and ln.words >= 3 else "heading"


# --- 2. line classification -----------------------------------------------------------------
def _base_clutter(ln: Line) -> bool:
    """Clutter judged from the line alone: cue-bearing headings, repeats, counters."""
    if ln.kind in ("counter", "menu", "byline", "date", "credit"):
        return True
    if ln.repeat > 1 and (ln.kind != "prose" or not ln.first):
        return True  # title/outlet blocks and share bars repeat; a pull quote repeats prose
    if ln.cue and ln.kind == "heading":
        return True
    # "Share this article." / "Sign up." is mostly cue; "Share prices fell sharply." is not.
    cue_words = sum(len(m.group(0).split()) for m in CLUTTER_CUES.finditer(ln.text))
    return ln.cue and ln.kind == "sentence" and ln.words <= 6 and cue_words * 3 >= ln.words


def _blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of consecutive non-blank lines."""
    blocks: list[list[Line]] = [[]]
    for ln in lines:
        if ln.kind == "blank":
            blocks.append([])
        else:
            blocks[-1].append(ln)
    return [b for b in blocks if b]


def _classify(lines: list[Line]) -> list[bool]:
    """Mark clutter, spreading it through boxes: a line boxed in by clutter is part of the box."""
    clutter = [_base_clutter(ln) for ln in lines]
    # A box is a block of lines glued together (no blank line between) with a cue in it and no
    # long prose: "Subscribe to X" / its blurb / its button, or blurb / "Enter your email".
    for block in _blocks(lines):
        if len(block) > 1 and any(ln.cue for ln in block) and all(ln.kind != "prose" for ln in block):
            for ln in block:
                clutter[ln.i] = True
    text_idx = [ln.i for ln in lines if ln.kind != "blank"]
    changed = True
    while changed:
        changed = False
        for pos, i in enumerate(text_idx):
            if clutter[i]:
                continue
            ln = lines[i]
            prev = pos > 0 and clutter[text_idx[pos - 1]]
            nxt = pos + 1 < len(text_idx) and clutter[text_idx[pos + 1]]
            boxed = prev and nxt
            if ln.kind == "prose":
                hit = boxed and (ln.cue or ln.repeat > 1)  # prose goes only inside a cue box
            else:
                stub = ln.words <= 2 and not ln.sentence
                hit = boxed or ((ln.cue or stub) and (prev or nxt))
            if hit:
                clutter[i] = changed = True
    return clutter


def _credited_captions(lines: list[Line]) -> tuple[list[Caption], set[int]]:
    """'(Image credit: X)' credits the caption line above it; an alt line right above goes too."""
    captions, used = [], set()
    for ln in lines:
        if ln.kind != "credit":
            continue
        used.add(ln.i)
        above = [p for p in lines[: ln.i] if p.kind != "blank"]
        if above and above[-1].kind not in ("credit", "counter"):
            cap = above[-1]
            captions.append(Caption(cap.text, CREDIT_LINE.match(ln.text).group(1)))
            used.add(cap.i)
            # The alt text sits on the line directly above the caption, no blank between.
            if cap.i > 0 and lines[cap.i - 1].kind in ("sentence", "heading"):
                used.add(cap.i - 1)
    return captions, used


# --- 3. region finding ----------------------------------------------------------------------
def _paywall_cut(lines: list[Line], start: int) -> int | None:
    """Index of the paywall notice after the body starts; the body ends there."""
    for ln in lines[start:]:
        if ln.words < 25 and PAYWALL_CUES.search(ln.text):
            near = [n.text for n in lines[ln.i : ln.i + 8] if n.kind != "blank"][:5]
            if any(ACCESS_CUES.search(t) for t in near):
                return ln.i
    return None


def _closing_bio(lines: list[Line], anchors: list[int], clutter: list[bool]) -> bool:
    """Is the last anchor an author bio? Bio-shaped, and set off from the body by clutter
    (share bars, counters) or about a name the page header already shows."""
    last, before = anchors[-1], anchors[-2]
    if not (m := BIO.match(lines[last].text)):
        return False
    header = {ln.text for ln in lines[: anchors[0]]} | {m.group(1) for ln in lines if (m2 := AVATAR.match(ln.text)) for m in [m2]}
    return any(clutter[before + 1 : last]) or m.group("name") in header


def _main_group(lines: list[Line], anchors: list[int]) -> list[int]:
    """The anchors of the article itself. Byline, date and avatar lines belong to the page
    header, so prose on both sides of them is two things (a long dek above, the body below):
    keep the group with the most words."""
    groups, current = [], [anchors[0]]
    for a, b in zip(anchors, anchors[1:]):
        if any(ln.kind in ("date", "byline") or AVATAR.match(ln.text) for ln in lines[a + 1 : b]):
            groups.append(current)
            current = []
        current.append(b)
    groups.append(current)
    return max(groups, key=lambda g: sum(lines[i].words for i in g))


def _extend(lines: list[Line], idx: int, step: int, stop: set[int], clutter: list[bool], limit: int) -> int:
    """Grow the region past its outer anchors over short sentences (a one-line lede or sign-off)."""
    edge, j = idx, idx + step
    while 0 <= j < limit:
        ln = lines[j]
        if ln.kind != "blank":
            if ln.kind != "sentence" or clutter[j] or j in stop or BIO.match(ln.text):
                break
            edge = j
        j += step
    return edge


# --- 4. metadata ----------------------------------------------------------------------------
def parse_visible_date(text: str) -> str | None:
    """ISO date from a date printed in ``text`` (day, month and year all required), else None."""
    for match in DATE_IN_LINE.finditer(text):
        parsed = dateparser.parse(
            match.group(0),
            languages=["en"],
            settings={"REQUIRE_PARTS": ["day", "month", "year"], "PARSERS": ["absolute-time"], "STRICT_PARSING": True},
        )
        if parsed:
            return parsed.date().isoformat()
    return None


def _title_and_dek(lines: list[Line], first: int, skip: set[int]) -> tuple[int | None, int | None]:
    """Title: first substantial heading-like line; dek: the line after one of its occurrences."""
    head = [ln for ln in lines[:first] if ln.kind in ("heading", "sentence", "prose") and ln.i not in skip]
    title = next((ln for ln in head if 4 <= ln.words <= 30 and not ln.cue and not ln.text.endswith(".")
                  and not clean_author(ln.text)), None)
    if title is None:
        return None, None
    for occ in (ln for ln in lines[:first] if ln.text == title.text):
        after = [n for n in lines[occ.i + 1 : first + 1] if n.kind not in ("blank", "date", "byline")]
        after = [n for n in after if not clean_author(n.text)]
        if not after:
            continue
        dek = after[0]
        # A one-sentence dek right above the first paragraph is more likely the lede.
        lede = dek.text.endswith(".") and len(after) > 1 and after[1].i == first
        if (dek.i != first and dek.text != title.text and dek.words >= 4 and not dek.cue
                and dek.i not in skip and not lede):
            return title.i, dek.i
    return title.i, None


def _outlet(lines: list[Line], first: int, title: int | None, body: set[int], people: list[str]) -> str | None:
    """The most supported outlet: 'Subscribe to X'-style mentions weigh 3, header lines 1 each.

    Body lines do not vote: "who worked at Reuters" in a paragraph is not the page's outlet.
    """
    votes: Counter[str] = Counter()
    shown: dict[str, str] = {}

    def vote(name: str, weight: int) -> None:
        name = CORPORATE.sub("", name.strip())
        key = name.lower()
        votes[key] += weight
        if key not in shown or shown[key].isupper():  # "NORTHLINE" masthead, "Northline" elsewhere
            shown[key] = name

    head = [ln for ln in lines[: title or 0] if ln.kind != "blank"]
    if head and head[0].kind == "heading" and head[0].words <= 4 and (head[0].text.istitle() or head[0].text.isupper()):
        vote(head[0].text, 1)  # a masthead above the title
    for ln in lines:
        if ln.i in body:
            continue
        for pattern in OUTLET_PATTERNS:
            for m in pattern.finditer(ln.text):
                vote(m.group("x"), 3)
        if ln.i < first and ln.repeat > 1 and 1 <= ln.words <= 5 and not ln.cue and not ln.sentence:
            if ln.text.lower() not in NAV_WORDS and ln.kind == "heading" and ln.text[0].isupper():
                vote(ln.text, 1)
    for person in people:
        votes.pop(person.lower(), None)
    if not votes:
        return None
    best = shown[votes.most_common(1)[0][0]]
    # An all-caps masthead: title-case its words, keeping short ones that look like acronyms.
    if best.isupper():
        best = " ".join(w.title() if len(w) > 3 or w in ("THE", "OF", "AND") else w for w in best.split())
    return best


def _byline_names(text: str) -> list[str]:
    names = []
    for part in re.split(r",|;|\||\band\b|&| [-–—] ", BYLINE.match(text).group(1)):
        name = clean_author(part)
        if name and name.split()[0] not in ("The", "A", "An"):
            names.append(name)
    return names


def _authors(lines: list[Line], start: int, end: int, near: set[int], bios: list[Line]) -> tuple[list[str], list[str]]:
    """(strong, weak) author evidence: avatars, bylines and bios; name lines near the title or date."""
    strong: list[str] = []
    for ln in lines:
        if m := AVATAR.match(ln.text):
            strong.append(m.group(1).strip())
        elif ln.kind == "byline" and not start <= ln.i <= end:
            strong.extend(_byline_names(ln.text))
    strong.extend(BIO.match(b.text).group("name") for b in bios)
    weak = []
    for ln in lines[:start]:
        name = clean_author(ln.text) if ln.kind == "heading" and ln.repeat == 1 else None
        if name and name.split()[0] not in ("The", "A", "An") and name.lower() not in NAV_WORDS:
            if any(abs(ln.i - j) <= 3 for j in near):
                weak.append(name)
    return strong, weak


def _uncredited_caption(lines: list[Line], start: int, skip: set[int]) -> Line | None:
    """A sentence-case line with no full stop right above the body is the lead image's caption."""
    above = [ln for ln in lines[:start] if ln.kind != "blank"]
    if not above:
        return None
    ln = above[-1]
    lower = sum(1 for w in ln.text.split() if w[:1].islower())
    # Judged on the line itself: a caption is often glued under a share button.
    if ln.i in skip or _base_clutter(ln) or ln.kind != "heading" or ln.words < 3 or clean_author(ln.text):
        return None
    return ln if lower * 2 >= ln.words else None


def _dedupe(names: list[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        if name.lower() not in (n.lower() for n in out):
            out.append(name)
    return out


def clean_scrape(text: str, *, source: str | None = None) -> Cleaned:
    """Return the article in a plain-text page copy, or raise ``InputRejected`` saying why not."""
    if not text or not text.strip():
        raise InputRejected(Reason.EMPTY, "no text")
    lines = _features(text.splitlines())
    clutter = _classify(lines)
    captions, caption_lines = _credited_captions(lines)
    anchors = [ln.i for ln in lines if ln.kind == "prose" and not clutter[ln.i] and ln.repeat == 1
               and ln.i not in caption_lines]
    if not anchors:
        raise InputRejected(Reason.NOT_AN_ARTICLE, "no prose paragraph found")
    cut = _paywall_cut(lines, anchors[0])
    limit = cut if cut is not None else len(lines)
    anchors = [i for i in anchors if i < limit]
    while len(anchors) > 1 and _closing_bio(lines, anchors, clutter):  # a bio is metadata
        anchors.pop()
    if not anchors:
        raise InputRejected(Reason.NOT_AN_ARTICLE, "no prose paragraph before the paywall")
    bios = [ln for ln in lines[anchors[-1] + 1 :] if ln.kind in ("sentence", "prose") and BIO.match(ln.text)]
    anchors = _main_group(lines, anchors)

    title, dek = _title_and_dek(lines, anchors[0], caption_lines)
    stop = caption_lines | {i for i in (title, dek) if i is not None}
    start = _extend(lines, anchors[0], -1, stop, clutter, limit)
    end = _extend(lines, anchors[-1], +1, stop, clutter, limit)
    if (lead := _uncredited_caption(lines, start, stop)) is not None:
        captions.insert(0, Caption(lead.text, None))

    kept = [ln.i for ln in lines[start : end + 1]
            if ln.kind != "blank" and not clutter[ln.i] and ln.i not in caption_lines]
    body = [lines[i].text for i in kept]
    words = sum(len(p.split()) for p in body)
    if words < MIN_BODY_WORDS:
        raise InputRejected(Reason.NOT_AN_ARTICLE, f"{words} words of body text")

    dates = [ln for ln in lines[:start] if ln.kind == "date"]
    dates += [ln for ln in lines[end + 1 :] if ln.kind == "date" and re.search(r"publish|posted|updated", ln.text, re.I)]
    published = next((d for d in (parse_visible_date(ln.text) for ln in dates) if d), None)

    near = {ln.i for ln in dates} | {i for i in (title, dek) if i is not None}
    near |= {ln.i for ln in lines if AVATAR.match(ln.text)}
    strong, weak = _authors(lines, start, end, near, bios)
    authors = _dedupe(strong + weak)
    outlet = _outlet(lines, start, title, set(kept), authors)
    return Cleaned(
        text="\n\n".join(body),
        title=lines[title].text if title is not None else None,
        subtitle=lines[dek].text if dek is not None else None,
        authors=authors,
        outlet=outlet,
        published=published,
        language=None,
        truncated_by_paywall=cut is not None,
        image_captions=captions,
        source=source,
        extractor="scrape",
    )

"""Clean a plain-text scrape: a web page copied as text, the article body inside page clutter.

No library separates the two, so crosswire decides line by line from structure, in four steps:

1. line features: length, sentence shape, repetition, and a few generic clutter cues;
2. line classification: clutter is short or menu-like, repeated, cue-bearing, or boxed in by
   other clutter; long sentence-shaped lines are body "anchors";
3. region finding: the body runs from the first anchor to the last, ends at a paywall notice,
   and leaves out the page header and an author bio after it;
4. metadata: title, dek, authors, outlet, date and captions come from the lines left outside.

Body lines are kept verbatim. A long prose line is never dropped for containing a cue word:
cue words only condemn short lines, or lines glued or boxed in with other clutter.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import dateparser

from crosswire.clean.names import clean_author
from crosswire.clean.vocabulary import ACCESS_CUES, PAYWALL_CUES  # the paywall vocabulary shared with html and edges
from crosswire.document import Caption, Cleaned
from crosswire.errors import InputRejected, Reason

# --- The only vocabulary: short, generic, in any site's wording. ----------------------------
CLUTTER_CUES = re.compile(
    r"\b(share|copy link|e-?mail|subscribe|subscribers?|subscription|sign (up|in)|log ?in|"
    r"newsletters?|inbox|free trial|privacy|terms|cookies?|all rights reserved|avatar|"
    r"image credit|app|advertisement|thanks for reading|facebook|twitter|linkedin|whatsapp)\b|©",
    re.I,
)
CREDIT_LINE = re.compile(r"^\(?\s*(?:(?:image|photo|picture|photograph)\s*(?:credit)?|credit)\s*:\s*(.+?)\s*\)?$", re.I)
BYLINE = re.compile(r"^(?:written\s+)?by\s+(.+)$", re.I)
AVATAR = re.compile(r"^(.+?)['’]s avatar$", re.I)
# A bio opens with a name and a verb; "X writes/covers ..." is one by itself, other verbs need a
# job word later ("X spent twelve years as a correspondent ...").
BIO = re.compile(
    r"^(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3})\s+(?:(?:writes|covers)\b|[a-z]+\b.*\b(?:"
    r"writer|editor|reporter|correspondent|journalist|columnist|contributor|author|producer|analyst)\b)"
)
_NAME = r"(?P<x>(?:The\s+)?[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)*)"  # a capitalised name, without "'s"
OUTLET_PATTERNS = [
    re.compile(before + _NAME + after)
    for before, after in (
        (r"(?i:subscribe to|already a (?:paid )?subscriber to|thanks for reading)\s+", ""),
        (r"(?i:sign up for)\s+", r"['’]s\b"),
        (r"(?:©|(?i:copyright))\s*(?:\d{4}\s*)?", ""),
        (r"(?i:\bwrites|worked at|works at|(?:writer|editor|reporter|correspondent) (?:at|for))\s+", ""),
    )
]
CORPORATE = re.compile(r",?\s+(?:Ltd|Limited|Inc|LLC|plc|Corp|GmbH)\.?$", re.I)
NAV_WORDS = {"home", "news", "more", "menu", "search", "notes", "latest", "popular", "related", "top"}

ANCHOR_WORDS = 20  # a sentence-shaped line this long is body prose; promo blurbs are shorter
MIN_BODY_WORDS = 40
HEADER_KINDS = ("date", "byline", "avatar")  # page-header metadata: the body starts below it
MENU_SEPARATORS = re.compile(r"\s+[|·∙•›»/]\s+|\s{2,}")  # pipes, bullets or column gaps
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE_IN_LINE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}\b"
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
    first: bool  # its first occurrence
    kind: str = ""  # blank credit counter menu date byline avatar prose sentence heading


# --- 1. line features -------------------------------------------------------------------------
def _features(raw_lines: list[str]) -> list[Line]:
    keys = [" ".join(r.lower().split()) for r in raw_lines]
    counts, seen, lines = Counter(k for k in keys if k), set(), []
    for i, (raw, key) in enumerate(zip(raw_lines, keys)):
        text = raw.strip()
        ln = Line(i, text, len(text.split()), bool(SENTENCE_END.search(text)), bool(CLUTTER_CUES.search(text)),
                  counts[key], key not in seen)
        ln.kind = _kind(ln)
        seen.add(key)
        lines.append(ln)
    return lines


def _kind(ln: Line) -> str:
    if not ln.text:
        return "blank"
    if CREDIT_LINE.match(ln.text):
        return "credit"
    if not re.search(r"[^\W\d_]", ln.text):  # "6", "2", "∙": counters and separators
        return "counter"
    if AVATAR.match(ln.text):
        return "avatar"
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


# --- 2. line classification -------------------------------------------------------------------
def _base_clutter(ln: Line) -> bool:
    """Clutter judged from the line alone: metadata, menus, repeats, cue-bearing headings."""
    if ln.kind in ("counter", "menu", "credit", *HEADER_KINDS):
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
    """Mark clutter, then spread it through boxes: a line boxed in by clutter is part of the box."""
    clutter = [_base_clutter(ln) for ln in lines]
    # A box is a block of lines glued together (no blank line between) with a cue in it and no
    # long prose: "Subscribe to X" / its blurb / its button, or a blurb / "Enter your email".
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
            if ln.kind == "prose":  # long prose goes only when boxed in and itself promotional
                hit = prev and nxt and (ln.cue or ln.repeat > 1)
            else:  # a short line boxed in, or a cue line or button stub touching clutter
                stub = ln.words <= 2 and not ln.sentence
                hit = (prev and nxt) or ((ln.cue or stub) and (prev or nxt))
            if hit:
                clutter[i] = changed = True
    return clutter


def _credited_captions(lines: list[Line]) -> tuple[list[Caption], set[int]]:
    """'(Image credit: X)' credits the caption line above it; an alt line glued above goes too."""
    captions, used = [], set()
    for ln in (ln for ln in lines if ln.kind == "credit"):
        used.add(ln.i)
        above = [p for p in lines[: ln.i] if p.kind != "blank"]
        if above and above[-1].kind not in ("credit", "counter"):
            cap = above[-1]
            captions.append(Caption(cap.text, CREDIT_LINE.match(ln.text).group(1)))
            used.add(cap.i)
            if cap.i > 0 and lines[cap.i - 1].kind in ("sentence", "heading"):
                used.add(cap.i - 1)
    return captions, used


# --- 3. region finding ------------------------------------------------------------------------
def _paywall_cut(lines: list[Line], start: int) -> int | None:
    """The paywall notice after the body starts (confirmed by talk of access near it)."""
    for ln in lines[start:]:
        if ln.words < 25 and PAYWALL_CUES.search(ln.text):
            near = [n.text for n in lines[ln.i : ln.i + 8] if n.kind != "blank"][:5]
            if any(ACCESS_CUES.search(t) for t in near):
                return ln.i
    return None


def _closing_bio(lines: list[Line], anchors: list[int], clutter: list[bool]) -> bool:
    """Is the last anchor an author bio? Bio-shaped, and set off from the body by clutter (a
    share bar, counters) or about a name the page header shows."""
    last, before = anchors[-1], anchors[-2]
    if not (bio := BIO.match(lines[last].text)):
        return False
    header = {ln.text for ln in lines[: anchors[0]]}
    header |= {AVATAR.match(ln.text).group(1) for ln in lines if ln.kind == "avatar"}
    return any(clutter[before + 1 : last]) or bio.group("name") in header


def _main_group(lines: list[Line], anchors: list[int]) -> list[int]:
    """Prose on both sides of a date, byline or avatar line is two things (a long dek above, the
    body below): keep the group of anchors with the most words."""
    groups = [[anchors[0]]]
    for a, b in zip(anchors, anchors[1:]):
        if any(ln.kind in HEADER_KINDS for ln in lines[a + 1 : b]):
            groups.append([])
        groups[-1].append(b)
    return max(groups, key=lambda g: sum(lines[i].words for i in g))


def _extend(lines: list[Line], idx: int, step: int, stop: set[int], clutter: list[bool], limit: int) -> int:
    """Grow the region past an outer anchor over short paragraphs (a one-line lede, a sign-off),
    across a share bar too. A heading, header metadata, the title or dek, or a bio ends it."""
    edge, j = idx, idx + step
    while 0 <= j < limit:
        ln = lines[j]
        if ln.kind in HEADER_KINDS or j in stop or BIO.match(ln.text):
            break
        if ln.kind != "blank" and not clutter[j]:
            if ln.kind != "sentence":
                break
            edge = j
        j += step
    return edge


# --- 4. metadata ------------------------------------------------------------------------------
def parse_visible_date(text: str) -> str | None:
    """ISO date of a date printed in ``text``; day, month and year are all required."""
    for match in DATE_IN_LINE.finditer(text):
        settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PARSERS": ["absolute-time"], "STRICT_PARSING": True}
        if parsed := dateparser.parse(match.group(0), languages=["en"], settings=settings):
            return parsed.date().isoformat()
    return None


def _title_and_dek(lines: list[Line], first: int, skip: set[int]) -> tuple[int | None, int | None]:
    """Title: the first substantial heading-like line; dek: the line after one of its copies."""
    head = [ln for ln in lines[:first] if ln.kind in ("heading", "sentence", "prose") and ln.i not in skip]
    title = next((ln for ln in head if 4 <= ln.words <= 30 and not ln.cue and not ln.text.endswith(".")), None)
    if title is None:
        return None, None
    for copy in (ln for ln in lines[:first] if ln.text == title.text):
        after = [n for n in lines[copy.i + 1 : first + 1] if n.kind not in ("blank", "date", "byline")]
        after = [n for n in after if not clean_author(n.text)]
        if not after:
            continue
        dek = after[0]
        # A dek with a full stop that runs straight into more prose is the lede paragraph.
        lede = dek.text.endswith(".") and len(after) > 1 and after[1].kind in ("sentence", "prose")
        if dek.i != first and dek.text != title.text and dek.words >= 4 and not (dek.cue or lede or dek.i in skip):
            return title.i, dek.i
    return title.i, None


def _authors(lines: list[Line], region: range, title: int | None, near: set[int], bios: list[Line]) -> list[str]:
    """People only: avatars, bylines and bios, then name lines below the title near a date."""
    names: list[str] = []
    for ln in lines:
        if ln.kind == "avatar":
            names.append(AVATAR.match(ln.text).group(1).strip())
        elif ln.kind == "byline" and ln.i not in region:
            parts = re.split(r",|;|\||\band\b|&| [-–—] ", BYLINE.match(ln.text).group(1))
            names += parts
    names += [BIO.match(b.text).group("name") for b in bios]
    for ln in lines[(title or 0) : region.start]:  # a masthead sits above the title, a byline below
        if ln.kind == "heading" and ln.repeat == 1 and (name := clean_author(ln.text)):
            if name.lower() not in NAV_WORDS and any(abs(ln.i - j) <= 3 for j in near):
                names.append(name)
    unique: dict[str, str] = {}
    for name in filter(None, map(clean_author, names)):
        if name.split()[0] not in ("The", "A", "An"):  # "By Jane Doe, The Harbour Gazette"
            unique.setdefault(name.lower(), name)
    return list(unique.values())


def _outlet(lines: list[Line], region: range, title: int | None, body: set[int], people: list[str]) -> str | None:
    """The best-supported outlet: "Subscribe to X", "Sign up for X's", "© X" and bio mentions
    weigh 3; a masthead or a repeated header line weighs 1. Body lines and people do not vote."""
    votes: Counter[str] = Counter()
    shown: dict[str, str] = {}

    def vote(name: str, weight: int) -> None:
        name = CORPORATE.sub("", name.strip())
        votes[name.lower()] += weight
        if name.lower() not in shown or shown[name.lower()].isupper():  # "Northline" over "NORTHLINE"
            shown[name.lower()] = name

    head = [ln for ln in lines[: title or 0] if ln.kind != "blank"]
    if head and head[0].kind == "heading" and head[0].words <= 4 and (head[0].text.istitle() or head[0].text.isupper()):
        vote(head[0].text, 1)
    for ln in (ln for ln in lines if ln.i not in body):
        for pattern in OUTLET_PATTERNS:
            for m in pattern.finditer(ln.text):
                vote(m.group("x"), 3)
        if ln.i < region.start and ln.repeat > 1 and ln.kind == "heading" and ln.words <= 5 and not ln.cue:
            if ln.text.lower() not in NAV_WORDS and ln.text[0].isupper():
                vote(ln.text, 1)
    for person in people:
        votes.pop(person.lower(), None)
    if not votes:
        return None
    best = shown[votes.most_common(1)[0][0]]
    if best.isupper():  # an all-caps masthead; short words may be acronyms ("BBC")
        best = " ".join(w.title() if len(w) > 3 or w in ("THE", "OF", "AND") else w for w in best.split())
    return best


def _uncredited_caption(lines: list[Line], start: int, skip: set[int]) -> Line | None:
    """A sentence-case line without a full stop right above the body is the lead image's caption.
    It is judged on itself, not its neighbours: it is often glued under a share button."""
    above = [ln for ln in lines[:start] if ln.kind != "blank"]
    if not above:
        return None
    ln = above[-1]
    if ln.i in skip or _base_clutter(ln) or ln.kind != "heading" or ln.words < 3 or clean_author(ln.text):
        return None
    lower = sum(1 for w in ln.text.split() if w[:1].islower())
    return ln if lower * 2 >= ln.words else None


def clean_scrape(text: str, *, source: str | None = None) -> Cleaned:
    """Return the article in a plain-text page copy, or raise ``InputRejected`` saying why not."""
    if not text or not text.strip():
        raise InputRejected(Reason.EMPTY, "no text")
    lines = _features(text.splitlines())
    clutter = _classify(lines)
    captions, caption_lines = _credited_captions(lines)
    # Anchors: unrepeated long prose. A repeated paragraph (pull quote, promo) may stay in the
    # body but never decides where the body is.
    anchors = [ln.i for ln in lines
               if ln.kind == "prose" and ln.repeat == 1 and not clutter[ln.i] and ln.i not in caption_lines]
    if not anchors:
        raise InputRejected(Reason.NOT_AN_ARTICLE, "no prose paragraph found")
    cut = _paywall_cut(lines, anchors[0])
    limit = len(lines) if cut is None else cut
    anchors = [i for i in anchors if i < limit]
    if not anchors:
        raise InputRejected(Reason.NOT_AN_ARTICLE, "no prose paragraph before the paywall")
    while len(anchors) > 1 and _closing_bio(lines, anchors, clutter):
        anchors.pop()
    bios = [ln for ln in lines[anchors[-1] + 1 :] if ln.kind in ("sentence", "prose") and BIO.match(ln.text)]
    anchors = _main_group(lines, anchors)

    title, dek = _title_and_dek(lines, anchors[0], caption_lines)
    stop = caption_lines | {i for i in (title, dek) if i is not None}
    region = range(_extend(lines, anchors[0], -1, stop, clutter, limit),
                   _extend(lines, anchors[-1], +1, stop, clutter, limit) + 1)
    if (lead := _uncredited_caption(lines, region.start, stop)) is not None:
        captions.insert(0, Caption(lead.text, None))
    kept = [i for i in region if lines[i].kind != "blank" and not clutter[i] and i not in caption_lines]
    words = sum(lines[i].words for i in kept)
    if words < MIN_BODY_WORDS:
        raise InputRejected(Reason.NOT_AN_ARTICLE, f"{words} words of body text")

    # Dates: a date line in the header, or a "Published ..." line after the body. Never guessed.
    dates = [ln for ln in lines[: region.start] if ln.kind == "date"]
    dates += [ln for ln in lines[region.stop :]
              if ln.kind == "date" and re.search(r"publish|posted|updated", ln.text, re.I)]
    published = next(filter(None, (parse_visible_date(ln.text) for ln in dates)), None)
    near = {ln.i for ln in dates} | {ln.i for ln in lines if ln.kind == "avatar"} | (stop - caption_lines)
    authors = _authors(lines, region, title, near, bios)
    return Cleaned(
        text="\n\n".join(lines[i].text for i in kept),
        title=None if title is None else lines[title].text,
        subtitle=None if dek is None else lines[dek].text,
        authors=authors,
        outlet=_outlet(lines, region, title, set(kept), authors),
        published=published,
        language=None,
        truncated_by_paywall=cut is not None,
        image_captions=captions,
        source=source,
        extractor="scrape",
    )

"""The attribution vocabulary: the words by which the reading layer tells who says what.

Every word list of attribution lives here, for three readers:

* quotes and reported speech (``attribution``, ``speakers``, ``indirect``, ``venues``):
  whose words a quotation or a "said that" clause are, with which verb, where;
* cited sources (``cues``, ``sources``): whom or what a sentence leans on, and what kind of
  source that is (an outlet, an official, a document ...);
* claims (``claims``): a sentence attributed to someone is "reported" — it reads the same
  verbs as ``cues``, so that a sentence never has a source without being marked reported.

The quote readers and the source readers share a core (``REPORTING_VERBS``,
``DOCUMENT_LEMMAS``) but not whole lists: each list was tuned against its own component's
data (PolNeAR attributions for quotes; the seeds and the example corpus for sources and
claims), and merging them changes what is found. So each difference is spelled out as a
named extension of the shared core, with what it is for; to change one is a visible choice.

Kept elsewhere, on purpose:

* the certainty cues of ``claims`` (modals, hedge adverbs, "is said to", opinion and
  evaluative words) sit next to the status table they implement, in ``claims.py``;
* the PLOVER event lexicon ``crosswire/data/plover.yaml`` (read by ``eventrules``) has its own
  speech words (``demand_speech``, ``no_comment``, ``status.reported_verbs``,
  ``status.reported_preps``). They are not these lists: they decide an event's category and
  status ("urged X to", "said it would" as a planned event), not who a source is, and were
  tuned on the PLOVER gold records; so they stay with the rest of the event lexicon;
* the words of time expressions: ``crosswire.read.timewords``.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ---------------------------------------------------------------- verbs of saying

# Verbs that report what someone said or wrote, for both readers (lemmas).
REPORTING_VERBS = _words(
    "say tell add state announce warn note insist claim argue explain write acknowledge admit deny "
    "confirm stress caution predict vow urge report allege assert contend maintain suggest recall "
    "concede complain promise pledge disclose reveal estimate"
)

# Quotes: a verb whose subject speaks the quoted words or the reported clause ("Kirby said the
# war ..."). Wider than SOURCE_VERBS by the verbs of conversation ("asked", "replied",
# "joked", "tweeted"), which quotations carry and PolNeAR counts as attributions, and by the
# verbs of a finding ("the poll shows that ...", see FINDING_VERBS).
QUOTE_SPEECH_VERBS = REPORTING_VERBS | _words(
    "declare ask reply respond remark emphasise emphasize tweet post testify agree threaten "
    "conclude point observe comment repeat reiterate joke counter retort answer mention indicate "
    "show find forecast speculate lament charge assure inform remind wonder quip scoff shout "
    "yell whisper continue opine boast"
)
# Verbs that frame a quoted phrase rather than report a clause: 'called the vote "theft"'.
FRAMING_VERBS = _words(
    "call describe term label dub brand condemn dismiss welcome reject accuse praise blame criticize "
    "criticise decry hail slam denounce characterize characterise promise refer quote cite"
)
# Any verb that can give a quotation its speaker.
QUOTE_VERBS = QUOTE_SPEECH_VERBS | FRAMING_VERBS
# Quotes: a finding verb reports a clause only when it is a finding — its subject a finding
# noun, or an explicit "that" clause ("the poll shows Clinton leads"; not "it suggests he left").
FINDING_VERBS = _words("show find indicate estimate suggest")
# Speech acts whose content is an infinitive: a promise, a threat, a request ("vowed to build").
COMMITMENT_VERBS = _words("promise vow pledge threaten urge tell warn call demand order")
# Reporting verbs that can stand as a parenthesis: 'The talks, he said, failed.'
PARENTHETICAL_VERBS = _words("say add write tell note argue insist claim warn explain")
# Verbs whose object is whom the words were said to ('told CNN'), not what was said.
ADDRESSEE_VERBS = _words("tell ask inform remind assure urge warn answer")
# Inflected reporting verbs after a name closing a quotation ('"...," Bozell answers.'), for
# when the parser took the verb for a noun: a regular-expression alternation.
SAYS = (
    "says|said|adds|added|tells|told|asks|asked|answers|answered|writes|wrote|explains|explained|"
    "notes|noted|continues|continued|replies|replied|recalls|recalled|insists|insisted|argues|"
    "argued|warns|warned|tweets|tweeted|concludes|concluded|responds|responded|declares|declared|"
    "jokes|joked|quips|quipped|offers|offered|muses|mused"
)

# Sources and claims: a verb whose subject is a cited source ("X said", "X accused Y").
# Narrower than QUOTE_SPEECH_VERBS (being asked or answering is no source of a claim) and
# wider by the stances that attribute a view to their subject ("condemned", "praised",
# "described ... as") and by verbs of publishing ("published", "briefed", "hinted").
SOURCE_VERBS = REPORTING_VERBS | _words(
    "accuse call describe praise laud criticize criticise condemn speak publish hint brief"
)
# Sources: their subject is a source only when it is a document ("satellite images show").
EVIDENCE_VERBS = _words("show suggest indicate reveal")
# Verbs of belief: "US officials, as reported by X, believe ..." makes the officials X's source.
# Their subject is a source when they report a belief as a clause: "Investigators believe (that) ...".
COGNITION_VERBS = _words("believe think fear expect estimate suspect conclude assess judge worry hope assume")
# "X, citing Y" / "X, quoting Y": X relays Y.
CITING_VERBS = _words("cite quote")
# "Y, quoted by X" / "whose account was carried by X" / "as reported by X": X relays Y.
RELAYING_VERBS = _words("cite quote carry report publish relay")
# "By U.S. officials' estimation", "in the ministry's account".
ATTRIBUTION_POSSESSED = _words(
    "estimation estimate account assessment view words reckoning count calculation telling"
)

# ---------------------------------------------------------------- nouns of sources

# Records and documents, both readers (lemmas).
DOCUMENT_LEMMAS = _words("report memo document data figure record study survey analysis filing estimate")
# Quotes: the subject of a finding verb that reports a finding ("the poll shows ...", lemmas).
# General words ("number", "count", "result", "review") are fine here, under a finding verb,
# but not in DOCUMENT_NOUNS, where they would make "a number of officials" a document.
FINDING_NOUNS = DOCUMENT_LEMMAS | _words(
    "poll audit review research investigation model projection census count tally result statistic number"
)
# Sources: the head of a source phrase that makes it a document ("a leaked memo", "satellite
# images show"). Matched on the word as written as well as on the lemma: plurals are listed.
DOCUMENT_NOUNS = DOCUMENT_LEMMAS | _words(
    "reports memos documents statement statements image images photo photos photograph photographs "
    "figures log logs records assessment assessments cable cables letter letters studies surveys "
    "filings transcript transcripts footage video videos intelligence estimates minutes dossier leak "
    "leaks email emails satellite"
)
# Head nouns that say what kind of source an unlinked phrase is.
OFFICIAL_NOUNS = _words(
    "official officials diplomat diplomats spokesperson spokesman spokeswoman spokespeople source sources "
    "aide aides adviser advisers advisor minister ministers officer officers envoy envoys lawmaker lawmakers "
    "insider insiders representative representatives administration"
)
PEOPLE_NOUNS = _words(
    "analyst analysts economist economists expert experts resident residents witness witnesses people person "
    "investigator investigators observer observers researcher researchers broker brokers"
)
MEDIA_NOUNS = _words(
    "media television tv radio newspaper newspapers press agency outlet outlets broadcaster daily wire"
)
ORGANIZATION_NOUNS = _words(
    "ministry government office embassy company operator navy guard base council bank military army police "
    "agency authority authorities department commission committee parliament court prosecutor prosecutors "
    "firm institute party palace kremlin campaign union"
)
# Words that mark an unlinked proper name as a news outlet ("Yonhap News Agency", "Korsk Courier").
OUTLET_NAME_WORDS = _words(
    "times post journal news wire radio tv television herald gazette tribune ledger courier press agency "
    "dispatch dispatches review chronicle telegraph guardian observer standard star daily weekly monitor "
    "yonhap xinhua interfax kyodo ria reuters bloomberg"
)

# ---------------------------------------------------------------- people

# People's titles: a named person introduced with one is an official.
TITLE_WORDS = _words(
    "president minister secretary spokesperson spokesman spokeswoman adviser advisor ambassador chairman "
    "chancellor premier governor general admiral commander director chief envoy senator official diplomat "
    "king queen prince leader mayor deputy"
)
# Titles before a name the tagger missed ("Mr. Kask said"); roles.HONORIFICS, for reading
# role titles, is a list of its own (with "sir", "dame"; without "sen.", "gov.").
NAME_TITLES = _words("mr. mrs. ms. dr. sen. rep. gov. mr mrs ms dr")
# Pronouns that stand for a person named earlier ("he said": the person last named).
PERSONAL_PRONOUNS = _words("he she him her")
# A speaker who is only a pronoun names no source ("she said", "we said").
SUBJECT_PRONOUNS = _words("i we you he she they it")

# ---------------------------------------------------------------- where it was said

# Occasions and media of speech: 'said at a White House briefing', 'wrote in a letter'.
VENUE_NOUNS = _words(
    "briefing interview conference statement speech rally hearing debate meeting summit session forum "
    "event appearance program programme show broadcast podcast post tweet blog column article op-ed "
    "letter email memo video address sermon remarks call ceremony parliament congress senate assembly "
    "convention town hall radio television webcast newsletter message note publication panel luncheon "
    "dinner breakfast gathering campaign stop caucus court committee testimony filing lecture ministry office"
)
# Words of time after at/in/on, never a venue ('said on Monday').
TIME_WORDS = _words(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow morning afternoon "
    "evening night week weekend month year day time hour minute moment past future"
)

"""Quotes and their speakers: direct, partial and indirect quotes, cues, venues, pronouns.

These run the real spaCy pipeline (and entity linking) on sentences written for the tests.
"""

from __future__ import annotations

from crosswire.document import Article, Cleaned
from crosswire.read.quotes import quotations


def read(reader, text: str) -> Article:
    return reader(Article.from_cleaned(Cleaned(text=text)))


def only(article: Article, kind: str | None = None, starts: str | None = None):
    found = [
        q for q in article.quotes if (kind is None or q.kind == kind) and (starts is None or q.text.startswith(starts))
    ]
    assert len(found) == 1, [(q.kind, q.text, q.speaker) for q in article.quotes]
    return found[0]


def test_every_quote_is_a_span_of_the_text(reader):
    text = (
        'Mayor Ilse Brandt said the bridge would reopen in May. "We are ahead of schedule," '
        'she told the Harbour Gazette. According to the city engineer, the repairs cost less than planned.'
    )
    article = read(reader, text)
    assert article.quotes
    for quote in article.quotes:
        assert article.text[quote.start : quote.end] == quote.text
        if quote.speaker_start is not None:
            assert 0 <= quote.speaker_start < quote.speaker_end <= len(text)


def test_direct_quote_with_cue_and_venue_from_told(reader):
    article = read(reader, '"The ferry will sail again on Monday," Ilse Brandt told Harbour Radio on Friday.')
    quote = only(article, "direct")
    assert quote.speaker == "Ilse Brandt"
    assert quote.cue.startswith("told Harbour Radio")
    assert quote.venue == "Harbour Radio"


def test_venue_at_a_briefing_and_in_an_interview(reader):
    briefing = read(reader, '"We are ready," Defence Minister Arvo Kask said at a press briefing on Tuesday.')
    assert only(briefing, "direct").venue == "a press briefing"
    interview = read(reader, '"We are ready," Arvo Kask said in an interview with Harbour Radio.')
    assert only(interview, "direct").venue == "Harbour Radio"


def test_speaker_is_linked_to_the_registry_actor(reader):
    article = read(reader, '"We have made real progress," Vladimir Putin said on Wednesday.')
    quote = only(article, "direct")
    assert quote.speaker == "Vladimir Putin"
    assert quote.speaker_id is not None


def test_partial_quote_of_one_word_with_a_named_speaker(reader):
    article = read(reader, 'Foreign Minister Arvo Kask called the talks "productive" and left for the airport.')
    quote = only(article, "partial")
    assert quote.text == "productive"
    assert quote.speaker == "Arvo Kask"


def test_partial_fragment_inside_the_reporters_sentence(reader):
    article = read(reader, 'Ilse Brandt said the plan was "a serious step toward a safer harbour" for the city.')
    quote = only(article, "partial")
    assert quote.text.startswith("a serious step")
    assert quote.speaker == "Ilse Brandt"


def test_indirect_quote_covers_the_reported_clause(reader):
    article = read(reader, "Arvo Kask said the new ferry would carry twice as many passengers as the old one.")
    quote = only(article, "indirect")
    assert quote.speaker == "Arvo Kask"
    assert quote.text == "the new ferry would carry twice as many passengers as the old one"
    assert quote.cue.startswith("said")


def test_according_to_names_the_source_of_the_clause(reader):
    article = read(reader, "According to harbour officials, the pier will need another month of repairs.")
    quote = only(article, "indirect")
    assert quote.speaker == "harbour officials"
    assert quote.text == "the pier will need another month of repairs"
    assert quote.cue == "according to"


def test_outlet_as_speaker_with_per_and_reported(reader):
    per = read(reader, 'The talks will resume "as soon as the weather allows," per The Wall Street Journal.')
    assert only(per, starts="as soon as").speaker == "The Wall Street Journal"
    reported = read(reader, "The Wall Street Journal reported that the talks would resume in March.")
    quote = only(reported, "indirect")
    assert quote.speaker == "The Wall Street Journal"


def test_quote_spanning_sentences_and_the_speaker_after_it(reader):
    article = read(reader, '"The storm is over. The clean-up starts today," Ilse Brandt, the mayor, said.')
    quote = only(article, "direct")
    assert quote.text.startswith("The storm is over. The clean-up")
    assert quote.speaker == "Ilse Brandt"


def test_paragraph_continuation_quote_keeps_the_speaker(reader):
    text = (
        'Mayor Ilse Brandt opened the new pier on Saturday. "This pier took six years to build.\n\n'
        '"It will serve the city for sixty more," she said.'
    )
    article = read(reader, text)
    direct = [q for q in article.quotes if q.kind == "direct"]
    assert [q.text[:10] for q in direct] == ["This pier ", "It will se"]
    assert [q.speaker for q in direct] == ["Ilse Brandt", "Ilse Brandt"]


def test_a_paragraph_that_is_only_a_quote_continues_the_speaker_before(reader):
    text = (
        '"We will rebuild the pier," Ilse Brandt said on Friday.\n\n'
        '"Nobody will lose their job because of this storm."'
    )
    article = read(reader, text)
    assert [q.speaker for q in article.quotes if q.kind == "direct"] == ["Ilse Brandt", "Ilse Brandt"]


def test_nested_quote_belongs_to_the_outer_quote(reader):
    text = '"They keep calling it \'a temporary measure\' but nobody believes that," Arvo Kask said.'
    article = read(reader, text)
    quote = only(article)
    assert quote.text.startswith("They keep calling it 'a temporary measure'")
    assert quote.speaker == "Arvo Kask"
    curly = read(reader, "“They called it “a temporary measure” again,” Arvo Kask said.")
    assert [q.text for q in curly.quotes] == ["They called it “a temporary measure” again,"]


def test_pronoun_resolves_to_the_last_person_named_as_subject(reader):
    text = (
        "Mayor Ilse Brandt met Arvo Kask at the harbour on Monday. "
        '"The pier will be ready by May," she said.'
    )
    quote = only(read(reader, text), "direct")
    assert quote.speaker == "Ilse Brandt"  # Kask was mentioned last, but as an object


def test_pronoun_stays_unresolved_when_two_people_are_subjects(reader):
    text = (
        "Ilse Brandt and Arvo Kask toured the harbour on Monday. "
        '"The pier will be ready by May," he said.'
    )
    quote = only(read(reader, text), "direct")
    assert quote.speaker is None
    assert quote.text.startswith("The pier")
    assert read(reader, text).text[quote.speaker_start : quote.speaker_end] == "he"


def test_passive_verb_names_no_speaker_so_the_outer_one_does(reader):
    text = 'Arvo Kask said the ambassador had been told that the measures were "unlawful and pointless."'
    article = read(reader, text)
    assert only(article, "partial").speaker == "Arvo Kask"


def test_scare_quotes_and_titles_are_not_quotes(reader):
    article = read(reader, 'The so-called "harbour tax" was discussed on the talk show "Morning Harbour" again.')
    assert [q for q in article.quotes if q.kind != "indirect"] == []


def test_plain_text_double_apostrophe_quotes(reader):
    article = read(reader, "''We are not leaving,'' Arvo Kask said.")
    quote = only(article, "direct")
    assert quote.text == "We are not leaving,"
    assert quote.speaker == "Arvo Kask"


def test_quotation_marks_are_paired_per_paragraph():
    text = 'He is 5\'11" tall. "One," she said, "two." And "three\n\n"four."'
    found = [(text[q.start : q.end], q.chain) for q in quotations(text)]
    assert [t for t, _ in found] == ["One,", "two.", "three", "four."]
    assert found[2][1] == found[3][1]  # one quote running over a paragraph break


def test_venue_of_a_show_after_on(reader):
    article = read(reader, '"We will not back down," Arvo Kask said on Fox News Sunday.')
    assert only(article, "direct").venue == "Fox News Sunday"


def test_speaker_phrase_is_not_the_name_inside_it(reader):
    article = read(reader, '"No decision has been made," a spokesman for Arvo Kask said on Monday.')
    quote = only(article, "direct")
    assert quote.speaker == "a spokesman for Arvo Kask"
    assert quote.speaker_id is None


def test_transcript_lines_are_direct_quotes(reader):
    text = (
        "Arvo Kask spoke to Harbour Radio on Sunday.\n\n"
        "HOST: Will the ferry run this winter?\n\n"
        "KASK: It will run every day, storms permitting.\n\n"
        "HOST: And the fares?"
    )
    article = read(reader, text)
    turns = [(q.speaker.lower(), q.text) for q in article.quotes if q.cue == ":"]
    assert ("arvo kask", "It will run every day, storms permitting.") in turns
    assert ("host", "Will the ferry run this winter?") in turns


def test_reported_clause_stops_before_the_speakers_next_words(reader):
    article = read(reader, "Arvo Kask said the ferry would sail on Monday, adding that the fares would not rise.")
    texts = [(q.kind, q.text) for q in article.quotes]
    assert ("indirect", "the ferry would sail on Monday") in texts
    assert ("indirect", "the fares would not rise") in texts
    assert all(q.speaker == "Arvo Kask" for q in article.quotes)


def test_a_promise_is_reported_speech(reader):
    article = read(reader, "Arvo Kask vowed to reopen the harbour before the winter storms.")
    quote = only(article, "indirect")
    assert (quote.speaker, quote.text) == ("Arvo Kask", "to reopen the harbour before the winter storms")

"""Extraction: from a file on disk to an article with statements, speakers, quotes, dates and events.

Reading (:mod:`.reader`, :mod:`.htmltext`), page layout (:mod:`.layout`), the publication date (:mod:`.published`),
sentences and statements, actors and people, quotes, events, the corpus timeline, and the TIMEX3 tagger
(:mod:`.timex`). :mod:`.pipeline` runs them in order. Nothing here knows about the annotation store or sets.
"""

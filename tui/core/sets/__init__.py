"""Annotation sets: export and import formats (:mod:`.formats`), the export/import driver (:mod:`.annotation_set`),
merging databases (:mod:`.merge`), agreement between annotators (:mod:`.agreement`) and statistics (:mod:`.stats`)."""

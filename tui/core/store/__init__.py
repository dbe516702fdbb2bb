"""The annotation store: one TinyDB file (:mod:`.database`), its snapshot layout (:mod:`.snapshot`), its fsync'd
journal and writer lock (:mod:`.journal`), undo and redo (:mod:`.history`), re-anchoring of tags to edited text
(:mod:`.anchoring`), the queue of saves the disk refused (:mod:`.pending`) and the default locations
(:mod:`.defaults`). It may use extraction's model, never the annotation-set code."""

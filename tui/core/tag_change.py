"""What one tagging key saves, given what the statement already holds.

A suggestion is two halves, the actor and the stance. When the annotator changes one half of a suggestion that is
not yet their tag, the other half is kept and confirmed with it: they have just read the whole suggestion and
corrected what was wrong, so a half-right suggestion costs two keys (``s 2``), and a wrong half is never silently
dropped. Once the statement holds the annotator's own tag, a change touches only the field it names.
"""

from __future__ import annotations

from collections.abc import Mapping


def fields_to_save(change: Mapping[str, object], own_tag: Mapping[str, object] | None,
                   suggestion: tuple[str | None, str | None]) -> dict[str, object]:
    """The fields a change saves: ``change`` plus the suggestion's other half when there is no confirmed tag yet."""
    fields = dict(change)
    if own_tag is not None and not own_tag.get("suggested"):
        return fields
    actor, stance = suggestion
    for name, value in (("actor", actor), ("stance", stance)):
        already = own_tag.get(name) if own_tag is not None else None
        if name not in fields and value and not already:
            fields[name] = value
    if own_tag is not None and own_tag.get("suggested"):
        fields["suggested"] = False  # the annotator has now looked at it: it is theirs
    return fields

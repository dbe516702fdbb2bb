"""Small pieces shared by the extraction's scanners (layout, sentences, quotes, events)."""

from __future__ import annotations

import re

# Characters on which re.I and str.lower() disagree, or for which lower() changes the length: İ, dotless ı, long ſ,
# the Kelvin sign. Text holding one must be searched with the re.I patterns, not lowered.
CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")

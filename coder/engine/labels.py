"""The closed sets of labels the engine writes into event records. They are plain strings in the records (the
`modality` and `date_basis` columns); these types name the allowed values for type checkers and readers."""

from __future__ import annotations

from typing import Literal

# How a frame's act is stated. Records hold asserted, reported and intended (a refusal is stored as asserted, with its
# 12x code); negated, hypothetical, threatened and appealed frames give no event of their own act.
Modality = Literal["asserted", "reported", "intended", "hypothetical", "negated", "threatened", "appealed", "refused"]
MODALITIES: tuple[str, ...] = ("asserted", "reported", "intended", "hypothetical", "negated", "threatened", "appealed",
                               "refused")

# Where an event's date came from: a date phrase naming the day (explicit), one resolved against the publication date
# (relative), another sentence of the article (article), the publication date (publication), the publication date
# because the phrase's day lay outside the plausible window (implausible: "March 13, 1066"; coder.engine.dates.
# DateWindow); vague phrases ("last month") are not coded.
DateBasis = Literal["explicit", "relative", "article", "publication", "implausible", "vague"]
DATE_BASES: tuple[str, ...] = ("explicit", "relative", "article", "publication", "implausible", "vague")

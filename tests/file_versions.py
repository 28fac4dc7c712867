"""Meeting files across format versions, for tests that compare exports with fixtures."""

from __future__ import annotations

import copy


def as_version_2(v1: dict) -> dict:
    """A version-1 file as export writes it: version 2, with none of the new fields."""
    v2 = copy.deepcopy(v1)
    v2["version"] = 2
    v2["meeting"]["cycle"] = {"debrief": None, "letter": None, "feedback_meeting": None}
    for point in v2["outcome"]["key_points"]:
        point |= {"themes": [], "responses": []}
    v2["outcome"] |= {"debrief_notes": "", "letter": ""}
    return v2

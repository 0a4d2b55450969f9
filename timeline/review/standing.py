"""Whether a past decision still applies to the happening it was made on, and if not, why:
History says so instead of dropping it silently."""
from __future__ import annotations

import json

from ..store.models import Decision


def standing(decision: Decision, current: set[str], names: dict[str, str]) -> str:
    """'' when ``decision`` (active) still holds for the happening whose event keys are ``current``;
    otherwise the reason in words (``names``: event key -> "source's “expression”")."""
    if decision.state != "active":
        return ""
    payload = json.loads(decision.payload)
    if decision.action in ("accept", "set_date", "dismiss") and payload.get("members"):
        members = set(payload["members"])
        if not members & current:
            return "no longer applies here: this event was split off the sources it decided on"
        newcomers = sorted(current - members)
        if newcomers and decision.action != "dismiss":
            shown = ", ".join(names.get(k, k) for k in newcomers[:3]) + (
                f" and {len(newcomers) - 3} more" if len(newcomers) > 3 else "")
            return f"no longer settles the conflict: {shown} joined after it (the conflict is open again)"
    if decision.action == "merge" and not {payload["a"], payload["b"]} <= current:
        return "no longer applies: the two events are not together any more"
    return ""

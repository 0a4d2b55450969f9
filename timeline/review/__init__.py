"""Several sources, one timeline: merge the events that report the same happening, find the
dates and datelines that contradict each other, and apply the analyst's decisions.

Everything here is derived from the stored events and the decisions, and rebuilt after each
import or decision (``rebuild``), so that a decision survives re-imports and new imports.
"""
from .actions import (DecisionError, Who, accept_source, accept_suggestions, add_note, correct_dateline, dismiss,
                      event_history, merge_events, redo, set_date, split_event, undo)
from .decisions import last_decision
from .rebuild import RebuildSummary, import_and_review, rebuild, rebuild_store

__all__ = ["DecisionError", "RebuildSummary", "Who", "accept_source", "accept_suggestions", "add_note",
           "correct_dateline", "dismiss", "event_history", "import_and_review", "last_decision", "merge_events",
           "rebuild", "rebuild_store", "redo", "set_date", "split_event", "undo"]

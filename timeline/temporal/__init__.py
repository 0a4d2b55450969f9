"""Temporal tagging: find expressions (extract), then resolve them against a reference date."""
from .extract import extract, find_timexes
from .model import Mention, Reference, Resolved, Timex
from .resolve import Context, resolve_mention, resolve_timex

__all__ = ["extract", "find_timexes", "Mention", "Reference", "Resolved", "Timex", "Context",
           "resolve_mention", "resolve_timex"]

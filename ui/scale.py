"""The time axis: day numbers <-> pixels, zoom about a point, and ticks chosen from a table."""
from __future__ import annotations

from dataclasses import dataclass

from timeline import calendar as cal

MIN_SPAN = 1 / 24  # one hour
MAX_SPAN = 1000 * 365.25  # a thousand years
FLOOR, LIMIT = cal.FIRST_DAY - 366.0, cal.LAST_DAY + 366.0  # the view stays on the calendar
MONTH_FULL = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass
class TimeScale:
    """Visible time [v0, v1) drawn across pixels [x0, x1)."""

    v0: float
    v1: float
    x0: float
    x1: float

    def __post_init__(self) -> None:
        self._bound()

    @property
    def days_per_pixel(self) -> float:
        return max(MIN_SPAN / 1e4, (self.v1 - self.v0) / max(1.0, self.x1 - self.x0))

    def _bound(self) -> None:
        """Keep the view inside the calendar's range with a span that floats can tell apart: a
        date 10^17 years BCE (from an older project) must not scale the view to nothing."""
        span = min(LIMIT - FLOOR, max(MIN_SPAN, cal.clamp(self.v1) - cal.clamp(self.v0)))
        self.v0 = min(max(cal.clamp(self.v0), FLOOR), LIMIT - span)
        self.v1 = self.v0 + span

    def to_x(self, t: float) -> float:
        return self.x0 + (t - self.v0) / self.days_per_pixel

    def to_t(self, x: float) -> float:
        return self.v0 + (x - self.x0) * self.days_per_pixel

    def show(self, v0: float, v1: float) -> None:
        """Show [v0, v1) (bounded like every other change of the view)."""
        self.v0, self.v1 = v0, v1
        self._bound()

    def zoom(self, factor: float, x: float) -> None:
        """Scale the visible span by ``factor`` keeping the time under pixel ``x`` fixed."""
        anchor = self.to_t(x)
        span = min(MAX_SPAN, max(MIN_SPAN, (self.v1 - self.v0) * factor))
        fraction = (x - self.x0) / max(1.0, self.x1 - self.x0)
        self.v0 = anchor - fraction * span
        self.v1 = self.v0 + span
        self._bound()

    def pan(self, dx: float) -> None:
        shift = dx * self.days_per_pixel
        self.v0 -= shift
        self.v1 -= shift
        self._bound()

    def fit(self, t0: float, t1: float, margin: float = 0.04) -> None:
        span = min(MAX_SPAN, max(MIN_SPAN, t1 - t0))
        centre = (t0 + t1) / 2
        span *= 1 + 2 * margin
        self.v0, self.v1 = centre - span / 2, centre + span / 2
        self._bound()


# (name, approximate length in days) from the finest to the coarsest tick step
TICK_STEPS = [("hour", 1 / 24), ("3 hours", 1 / 8), ("6 hours", 1 / 4), ("day", 1), ("week", 7), ("month", 30.4),
              ("3 months", 91.3), ("year", 365.25), ("5 years", 1826), ("decade", 3652.5), ("50 years", 18262),
              ("century", 36525), ("1,000 years", 365250), ("10,000 years", 3652500),
              ("100,000 years", 36525000), ("million years", 365250000)]


TICK_DAYS = dict(TICK_STEPS)


def choose_step(days_per_pixel: float, min_pixels: float = 70) -> str:
    for name, days in TICK_STEPS:
        if days / days_per_pixel >= min_pixels:
            return name
    return TICK_STEPS[-1][0]


def ticks(scale: TimeScale, min_pixels: float = 70) -> list[tuple[float, str]]:
    """(day number, label) for each tick inside the view, on calendar boundaries."""
    step = choose_step(scale.days_per_pixel, min_pixels)
    return [(t, _label(t, step)) for t in _positions(scale.v0, scale.v1, step) if scale.v0 <= t <= scale.v1]


# the coarser row drawn above the ticks, so the year (and month) is always readable
_CONTEXT = {"hour": "day", "3 hours": "day", "6 hours": "day", "day": "month", "week": "month",
            "month": "year", "3 months": "year"}


def context_ticks(scale: TimeScale, min_pixels: float = 70) -> list[tuple[float, str]]:
    """(day number, label) of the context row: months ("March 2022") above day ticks, years above
    month ticks, days above hours; the first one is the period the view starts in, even if it
    began off screen (the caller pins it to the left edge). Empty for year ticks and coarser."""
    context = _CONTEXT.get(choose_step(scale.days_per_pixel, min_pixels))
    if context is None:
        return []
    positions = _positions(scale.v0, scale.v1, context) if context != "day" else \
        [float(d) for d in range(int(scale.v0 // 1), int(scale.v1) + 2)]
    starts = [t for t in positions if t <= scale.v1]
    before = [t for t in starts if t <= scale.v0]
    shown = ([before[-1]] if before else []) + [t for t in starts if t > scale.v0]
    return [(t, _context_label(t, context)) for t in shown]


def _context_label(t: float, context: str) -> str:
    y, m, d = cal.civil(t)
    if context == "day":
        return f"{d} {MONTH_NAMES[m - 1]} {cal.year_text(y)}"
    if context == "month":
        return f"{MONTH_FULL[m - 1]} {cal.year_text(y)}"
    return cal.year_text(y) if y > 0 else f"{1 - y} BCE"


def _positions(v0: float, v1: float, step: str) -> list[float]:
    if step.endswith("hour") or step.endswith("hours"):
        hours = {"hour": 1, "3 hours": 3, "6 hours": 6}[step]
        first = int(v0 * 24 // hours) * hours
        return [h / 24 for h in range(first, int(v1 * 24) + hours, hours)]
    if step in ("day", "week"):
        first = int(v0 // 1)
        if step == "week":
            first -= cal.weekday(first)
        return [float(d) for d in range(first, int(v1) + 8, 1 if step == "day" else 7)]
    if step in ("month", "3 months"):
        months = 1 if step == "month" else 3
        y, m, _ = cal.civil(v0)
        m = (m - 1) // months * months + 1
        out = []
        while True:
            t = cal.day_number(y, m, 1)
            out.append(float(t))
            if t > v1:
                return out
            y, m = cal.add_months(y, m, months)
    if (v1 - v0) / TICK_DAYS[step] > 10_000:  # a view left unbounded by a caller: no endless loop
        return []
    years = {"year": 1, "5 years": 5, "decade": 10, "50 years": 50, "century": 100, "1,000 years": 1000,
             "10,000 years": 10_000, "100,000 years": 100_000, "million years": 1_000_000}[step]
    first = cal.civil(v0)[0] // years * years
    last = cal.civil(v1)[0] + years
    return [float(cal.day_number(y)) for y in range(first, last + 1, years)]


def _label(t: float, step: str) -> str:
    y, m, d = cal.civil(t)
    if "hour" in step:
        return cal.iso_datetime(t)[11:16] + ("" if t % 1 else f"  {d} {MONTH_NAMES[m - 1]}")
    if step in ("day", "week"):
        return f"{d} {MONTH_NAMES[m - 1]}" + (f" {y}" if (m == 1 and d <= 7) or step == "week" and d <= 7 else "")
    if step in ("month", "3 months"):
        return f"{MONTH_NAMES[m - 1]} {y}" if m == 1 or step == "3 months" else MONTH_NAMES[m - 1]
    return cal.year_text(y) if y > 0 else f"{1 - y} BCE"

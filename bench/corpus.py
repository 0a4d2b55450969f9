"""Build a benchmark corpus of news articles: the bundled samples plus MEANTIME texts, each given
a dateline in one of the common forms, repeated with shifted dates until the count is reached."""
from __future__ import annotations

import html
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared/corpora next to the repository (or next to the folder of git worktrees that holds it)
MEANTIME = next((p / "shared" / "corpora" / "meantime-en" for p in ROOT.parents[:2]
                 if (p / "shared" / "corpora" / "meantime-en").is_dir()), ROOT.parent / "shared" / "corpora" / "meantime-en")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def read_tml(path: Path) -> tuple[str, str]:
    """(DCT as YYYY-MM-DD, raw text without tags) of one TimeML file."""
    source = path.read_text(encoding="utf-8")
    dct = re.search(r'<DCT><TIMEX3[^>]*value="([^"]+)"', source).group(1)[:10]
    body = re.search(r"<TEXT>(.*)</TEXT>", source, re.S).group(1)
    return dct, html.unescape(re.sub(r"<[^>]+>", "", body))


def _dateline(form: int, y: int, m: int, d: int) -> str:
    import datetime

    weekday = WEEKDAYS[datetime.date(y, m, d).weekday()]
    month = MONTHS[m - 1]
    return [f" date {y:04d}-{m:02d}-{d:02d} ",
            f"WASHINGTON, {month} {d}, {y} (Reuters) - ",
            f"Published: {y:04d}-{m:02d}-{d:02d}T10:00:00Z\n\n",
            f"{weekday}, {month} {d}, {y}\n\n",
            f"PARIS, {month} {d}, {y} /PRNewswire/ -- "][form % 5]


def build(count: int) -> list[tuple[str, str]]:
    """``count`` (name, text) articles."""
    import datetime

    bases = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "data" / "samples").glob("*.txt"))]
    tml = [read_tml(p) for p in sorted(MEANTIME.glob("*.tml"))]
    articles = list(bases)
    if not tml and len(articles) < count:
        raise FileNotFoundError(f"{MEANTIME}: needed to build {count} articles")
    round_ = 0
    while len(articles) < count:
        for index, (dct, text) in enumerate(tml):
            day = datetime.date.fromisoformat(dct) + datetime.timedelta(days=round_ * 37)
            articles.append((f"meantime_{index}_{round_}.txt", _dateline(index + round_, day.year, day.month, day.day) + text))
            if len(articles) >= count:
                break
        round_ += 1
    return articles

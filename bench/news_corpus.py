"""Templated news for the review benchmark: many stories, each reported by a few agencies in
their own words and datelines, plus families of republished near-copies with wrong datelines.

Every article is made from word lists (people, places, organisations, verbs, objects), so the
corpus has the variety of a news archive (names and dates spread over ten years) rather than
thousands of copies of the five samples. Deterministic for a seed.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from timeline import calendar as cal

FIRST = ("Anna Boris Carla David Elena Farid Grace Hiro Ines Jonas Kofi Lena Marco Nadia Omar Petra Quentin Rosa "
         "Samir Tara Umar Vera Walid Xenia Yusuf Zora Alan Bea Chen Dara Emil Fatima Goran Hana Igor Julia Karim "
         "Lucia Mateo Nora Oskar Priya Rafael Sofia Tomas Ulla Viktor Wen Yara Zane").split()
LAST = ("Adler Bianchi Castro Dubois Eriksen Fischer Garcia Haddad Ivanova Jensen Kovacs Lindqvist Moreau Novak "
        "Okafor Petrov Quinn Rossi Santos Tanaka Ueda Varga Weber Xu Yilmaz Zeller Abe Brandt Costa Diaz Engel "
        "Ferreira Gruber Horvat Iqbal Jovanovic Kim Larsen Meyer Nakamura Olsen Park Reyes Schmidt Takahashi "
        "Urban Vogel Wagner Young Zhou").split()
PLACES = ("Oslo Lagos Lima Seoul Nairobi Quito Hanoi Dakar Riga Tunis Accra Manila Baku Sofia Minsk Doha Muscat "
          "Amman Kigali Harare Lusaka Tbilisi Yerevan Vilnius Tallinn Zagreb Skopje Tirana Bogota Caracas Havana "
          "Santiago Montevideo Asuncion Kathmandu Dhaka Colombo Jakarta Canberra Wellington").split()
ORGS = ("Finance Ministry|Health Ministry|Central Bank|Supreme Court|Electoral Commission|Port Authority|"
        "National Railways|Energy Agency|Water Board|Football Federation|Chamber of Commerce|Teachers Union|"
        "Space Agency|Coast Guard|Statistics Office|Climate Council|Trade Ministry|Red Cross|Airport Authority|"
        "Mining Company").split("|")
ACTS = (("signed", "a trade agreement"), ("announced", "new budget cuts"), ("launched", "a weather satellite"),
        ("opened", "a bridge over the river"), ("closed", "three coal mines"), ("approved", "a vaccine programme"),
        ("rejected", "the pension reform"), ("raised", "interest rates"), ("arrested", "two smugglers"),
        ("elected", "a new chairman"), ("suspended", "the rail strike"), ("unveiled", "a solar plant"),
        ("postponed", "the national census"), ("ratified", "the border treaty"), ("banned", "plastic bags"),
        ("won", "the regional cup"), ("lost", "the court appeal"), ("sold", "its airline stake"),
        ("evacuated", "flooded villages"), ("reopened", "the main harbour"))
AGENCIES = ("Wire", "NewsDesk", "Globe Press", "Daily Report", "Northern Post", "City Herald")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
FIRST_DAY = cal.day_number(2015, 1, 1)
SPAN_DAYS = 10 * 365


@dataclass(frozen=True)
class Story:
    actor: str
    org: str
    verb: str
    thing: str
    place: str
    day: int


def _story(rng: random.Random) -> Story:
    verb, thing = rng.choice(ACTS)
    return Story(f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(ORGS), verb, thing, rng.choice(PLACES),
                 FIRST_DAY + rng.randrange(SPAN_DAYS))


def _date_words(day: int) -> str:
    y, m, d = cal.civil(day)
    return f"{MONTHS[m - 1]} {d}"


def _mention_of(story: Story, dateline: int, rng: random.Random) -> str:
    """How an article names the story's day: a weekday, 'yesterday', or the date itself."""
    gap = dateline - story.day
    if gap == 1 and rng.random() < 0.5:
        return "yesterday"
    if 0 < gap < 7 and rng.random() < 0.6:
        return f"on {WEEKDAYS[cal.weekday(story.day)]}"
    return f"on {_date_words(story.day)}" + (f", {cal.civil(story.day)[0]}" if gap > 300 else "")


def _article(story: Story, background: list[Story], rng: random.Random) -> tuple[int, str]:
    dateline = story.day + rng.choice((0, 1, 1, 2, 3))
    y, m, d = cal.civil(dateline)
    agency = rng.choice(AGENCIES)
    said = rng.choice(("officials said", "a spokesperson said", "according to a statement", "local media reported"))
    lines = [f"{story.place.upper()}, {MONTHS[m - 1][:3]} {d}, {y} ({agency}) - {story.actor} of the {story.org} "
             f"{story.verb} {story.thing} in {story.place} {_mention_of(story, dateline, rng)}, {said}."]
    for other in background:
        when = f"in {MONTHS[cal.civil(other.day)[1] - 1]} {cal.civil(other.day)[0]}" if rng.random() < 0.5 \
            else _mention_of(other, dateline, rng)
        lines.append(f"{other.actor} of the {other.org} had {other.verb} {other.thing} in {other.place} {when}, "
                     f"{rng.choice(('critics noted', 'the report recalled', 'analysts said'))}.")
    lines.append(f"The {story.org} is expected to publish details next week.")
    return dateline, "\n\n".join(lines) + "\n"


def _republish(text: str, rng: random.Random) -> str:
    """A copy on another site: a new dateline line on top, a few words changed."""
    shifted = cal.day_number(2015, 1, 1) + rng.randrange(SPAN_DAYS)
    y, m, d = cal.civil(shifted)
    body = text.split(" - ", 1)[1] if " - " in text else text
    body = body.replace("officials said", "officials told reporters").replace("critics noted", "critics said")
    return f"{WEEKDAYS[cal.weekday(shifted)]}, {MONTHS[m - 1]} {d}, {y}\n\nRepublished report\n\n{body}"


def build(count: int, seed: int = 14, copy_share: float = 0.03) -> list[tuple[str, str]]:
    """(file name, text) for ``count`` articles: about 3 reports per story, 3% republished copies."""
    rng = random.Random(seed)
    stories = [_story(rng) for _ in range(max(1, count // 3))]
    by_day = sorted(stories, key=lambda s: s.day)
    position = {id(s): i for i, s in enumerate(by_day)}
    articles: list[tuple[str, str]] = []
    while len(articles) < count:
        n = len(articles)
        if articles and rng.random() < copy_share:
            articles.append((f"copy_{n:06d}.txt", _republish(rng.choice(articles)[1], rng)))
            continue
        story = rng.choice(stories)
        at = position[id(story)]
        earlier = by_day[max(0, at - 400):at]
        background = rng.sample(earlier, min(len(earlier), rng.randint(1, 4)))
        articles.append((f"news_{n:06d}.txt", _article(story, background, rng)[1]))
    return articles


def write(articles: list[tuple[str, str]], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in articles:
        path = folder / name
        if not path.exists():
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths

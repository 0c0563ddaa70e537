"""The staff area's HTML: Jinja2 templates (escaped) and what the overview shows, chart by chart."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from bot.staff.store import Overview
from storage import days

TEMPLATES = Path(__file__).resolve().parent / "templates"
CHANNEL_NAMES = {"web": "splet", "telegram": "Telegram"}


def plural(n: int, one: str, two: str, few: str, many: str) -> str:
    """Slovenian has four number forms: 1 pogovor, 2 pogovora, 3 pogovori, 5 pogovorov (101 like 1 …)."""
    return {1: one, 2: two, 3: few, 4: few}.get(n % 100, many)


def day_name(day: date) -> str:
    return f"{day.day}. {day.month}. {day.year}"


def moment(timestamp: float) -> str:
    local = datetime.fromtimestamp(timestamp, days.TIMEZONE)
    return f"{day_name(local.date())} ob {local:%H.%M}"


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %".replace(".", ",") if whole else "–"


@cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True))
    env.filters.update(plural=plural, day=day_name, moment=moment, channel=lambda c: CHANNEL_NAMES.get(c, c))
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


@dataclass
class Chart:
    id: str
    title: str
    caption: str
    headings: list[str]
    rows: list[list[Any]]
    image: str = ""
    alt: str = ""


def overview_charts(overview: Overview, task_titles: Mapping[str, str], top: int = 10) -> list[Chart]:
    """The overview's charts, each with its numbers as a table (for screen readers and for copying)."""
    from bot.staff import charts  # matplotlib only when a member of staff looks

    day_list = overview.days
    labels = [day_name(day) for day in day_list]
    got = overview.get
    conversations = {CHANNEL_NAMES[c]: [got(d, "conversations", c) for d in day_list] for c in CHANNEL_NAMES}
    messages = {CHANNEL_NAMES[c]: [got(d, "messages", c) for d in day_list] for c in CHANNEL_NAMES}
    failed = [sum(got(d, "not_understood", c) for c in CHANNEL_NAMES) for d in day_list]
    sent = [sum(got(d, "messages", c) for c in CHANNEL_NAMES) for d in day_list]
    yes = [got(d, "helpful", "yes") for d in day_list]
    no = [got(d, "helpful", "no") for d in day_list]

    def percent(part: int, whole: int) -> float:
        return 100 * part / whole if whole else 0.0

    result = [
        Chart(
            "pogovori", "Pogovori na dan", "Pogovori na dan po kanalih (pogovor, ki traja več dni, šteje vsak dan).",
            ["Dan", "Splet", "Telegram", "Skupaj"],
            [[label, w, t, w + t] for label, w, t in zip(labels, *conversations.values(), strict=True)],
            charts.per_day(day_list, conversations), "Stolpčni graf pogovorov na dan za splet in Telegram; številke so v tabeli pod njim.",
        ),
        Chart(
            "sporocila", "Sporočila na dan", "Sporočila uporabnikov (tudi pritiski na gumbe) na dan po kanalih.",
            ["Dan", "Splet", "Telegram", "Skupaj"],
            [[label, w, t, w + t] for label, w, t in zip(labels, *messages.values(), strict=True)],
            charts.per_day(day_list, messages), "Stolpčni graf sporočil na dan za splet in Telegram; številke so v tabeli pod njim.",
        ),
        Chart(
            "nerazumljeno", "Delež nerazumljenih sporočil", "Nerazumljena sporočila (nlu_fallback, out_of_scope ali zanesljivost pod 0,6) med vsemi sporočili dneva.",
            ["Dan", "Nerazumljena", "Vsa sporočila", "Delež"],
            [[label, f, s, share(f, s)] for label, f, s in zip(labels, failed, sent, strict=True)],
            charts.per_day(day_list, {"nerazumljeno": [percent(f, s) for f, s in zip(failed, sent, strict=True)]}, percent=True),
            "Stolpčni graf deleža nerazumljenih sporočil na dan; številke so v tabeli pod njim.",
        ),
        Chart(
            "koristnost", "Delež koristnih odgovorov", "Ocene odgovorov na vprašanje »Je bil odgovor v pomoč?«: delež 👍 med vsemi ocenami dneva.",
            ["Dan", "👍", "👎", "Delež 👍"],
            [[label, y, n, share(y, y + n)] for label, y, n in zip(labels, yes, no, strict=True)],
            charts.per_day(day_list, {"koristno": [percent(y, y + n) for y, n in zip(yes, no, strict=True)]}, percent=True),
            "Stolpčni graf deleža koristnih odgovorov na dan; številke so v tabeli pod njim.",
        ),
    ]  # fmt: skip
    rankings = [
        ("nameni", "Najpogostejši nameni", "intent", "Namen", "Sporočila", {}),
        ("naloge", "Regijske naloge, po katerih sprašujejo", "task", "Naloga", "Pogovori na dan", task_titles),
        ("obcine", "Občine, po katerih sprašujejo", "municipality", "Občina", "Pogovori na dan", {}),
    ]
    for chart_id, title, metric, heading, unit, names in rankings:
        counts = overview.summed(metric).most_common(top)
        shown = [names.get(key, key) for key, _ in counts]
        values = [value for _, value in counts]
        result.append(
            Chart(
                chart_id, title, f"{title}: prvih {top} v izbranem obdobju.", [heading, unit],
                [[name, value] for name, value in zip(shown, values, strict=True)],
                charts.ranking(shown, values) if counts else "", f"Vodoravni stolpčni graf: {title.lower()}; številke so v tabeli pod njim.",
            )
        )  # fmt: skip
    return result

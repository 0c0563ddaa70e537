"""Every answer, in the knowledge base's language: each function takes the knowledge base and says its facts
with the messages of replies/locales/<its language>/. One module for every language; the topics live in
their own modules (coverage, centres, settlements, koper, contact, emergency, services), gathered here."""

from __future__ import annotations

from replies.buttons import municipality_buttons, task_buttons
from replies.centres import (
    centre_area,
    centre_for,
    centres_count,
    centres_overview,
    in_municipality,
    municipality_tasks,
    place_lead,
    regular_work,
    settlements_by_municipality,
)
from replies.compose import quantity
from replies.contact import SHORT_CONTACT, PracticalAsk, contact_line, first_help, practical_info, with_contact
from replies.coverage import (
    covering_centres,
    outside_centre,
    outside_place,
    outside_responsibility,
    task_centres,
    task_complement,
    task_coverage,
    task_covers,
    task_description,
    tasks_overview,
    unknown_municipality,
)
from replies.emergency import emergency, emergency_in, emergency_lines, gentle_line
from replies.koper import comparison, comparison_holds, koper_fact, others_compared
from replies.services import canned, regular_area, services
from replies.settlements import seed_figure_first, settlement_count, settlement_list

__all__ = [
    "SHORT_CONTACT",
    "PracticalAsk",
    "canned",
    "centre_area",
    "centre_for",
    "centres_count",
    "centres_overview",
    "comparison",
    "comparison_holds",
    "contact_line",
    "covering_centres",
    "emergency",
    "emergency_in",
    "emergency_lines",
    "first_help",
    "gentle_line",
    "in_municipality",
    "koper_fact",
    "municipality_buttons",
    "municipality_tasks",
    "others_compared",
    "outside_centre",
    "outside_place",
    "outside_responsibility",
    "place_lead",
    "practical_info",
    "quantity",
    "regular_area",
    "regular_work",
    "seed_figure_first",
    "services",
    "settlement_count",
    "settlement_list",
    "settlements_by_municipality",
    "task_buttons",
    "task_centres",
    "task_complement",
    "task_coverage",
    "task_covers",
    "task_description",
    "tasks_overview",
    "unknown_municipality",
    "with_contact",
]

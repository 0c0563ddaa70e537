"""The payloads the quick-reply buttons of the answers can carry, in every language: ids of the knowledge
base, no words."""

from __future__ import annotations

from knowledge import KnowledgeBase
from replies.sl import municipality_buttons, task_buttons
from replies.types import payload


def button_payloads(kb: KnowledgeBase) -> frozenset[str]:
    """Every payload a button of a reply can carry: the same set in every process that loads this knowledge
    base, so that a gateway replica accepts a pressed button that another one sent (bot/telegram_bot.py),
    and nothing else. A new kind of button is added here too (tests/replies/test_buttons.py checks it)."""
    buttons = [
        *task_buttons(kb),
        *municipality_buttons(kb, "ask_centres"),
        *municipality_buttons(kb, "ask_tasks_for_municipality"),
        *(b for task in kb.tasks for b in municipality_buttons(kb, "ask_task_covers_municipality", task=task.id)),
        *(b for reply in kb.replies.values() for b in reply.buttons),
    ]
    return frozenset({payload("ask_task_coverage"), *(b.payload for b in buttons)})

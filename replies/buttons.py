"""The quick-reply buttons of the answers and the payloads they can carry, in every language: titles from the
knowledge base of the language, payloads with its ids, no words of their own."""

from __future__ import annotations

from knowledge import KnowledgeBase
from replies.types import Button, payload


def task_buttons(kb: KnowledgeBase) -> tuple[Button, ...]:
    """A button a task, titled as the knowledge base's language names it; the payload keeps the id."""
    return tuple(Button(task.title, payload("ask_task_coverage", task=task.id)) for task in kb.tasks)


def municipality_buttons(kb: KnowledgeBase, intent: str, **entities: str) -> tuple[Button, ...]:
    """A button a municipality, titled as the knowledge base's language names it; the payload keeps the id."""
    return tuple(
        Button(kb.display_name(m.name), payload(intent, municipality=m.name, **entities)) for m in kb.municipalities
    )


def language_buttons(kb: KnowledgeBase) -> tuple[Button, ...]:
    """A button a served language, titled by its own name ("Slovenščina", "Italiano") in every language, in
    languages.yml's order: the choice of language (Telegram's /language)."""
    return tuple(Button(name, payload("set_language", language=code)) for code, name in kb.languages.served.items())


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
        *language_buttons(kb),
    ]
    return frozenset({payload("ask_task_coverage"), *(b.payload for b in buttons)})

"""What the centre does and for which area, and its conversational replies (conversation.yml: greeting,
thanks, help, not understood …). Facts and the replies' texts from the knowledge base, the words around them
from services.ftl of its language."""

from __future__ import annotations

from knowledge import KnowledgeBase
from replies.compose import bullets, say
from replies.contact import with_contact
from replies.types import Button, Reply, payload


def _regional_tasks_button(kb: KnowledgeBase) -> tuple[Button, ...]:
    return (Button(say(kb)("button-regional-tasks"), payload("ask_task_coverage")),)


def services(kb: KnowledgeBase, activity_ids: list[str]) -> Reply:
    """What the centre does and why; first a direct answer when one activity was asked about."""
    centre, words = kb.centre, say(kb)
    asked = [words("services-asked", activity=a.text) for a in centre.activities if a.id in activity_ids]
    intro = words("services-intro", centre_name=centre.name, legal_form=centre.legal_form)
    items = bullets(a.text for a in centre.activities)
    text = f"{' '.join([*asked, intro])}\n{items}\n{words('services-purpose', purpose=centre.purpose)}"
    return Reply(with_contact(kb, text), _regional_tasks_button(kb))


def regular_area(kb: KnowledgeBase) -> Reply:
    """The area of the centre's regular work, and that it does some tasks for the wider region."""
    return Reply(f"{kb.centre.regular_area.text} {say(kb)('regular-area-wider')}", _regional_tasks_button(kb))


def canned(kb: KnowledgeBase, name: str) -> Reply:
    """A conversational reply: greeting, thanks, goodbye, "I am a bot", help or fallback."""
    reply = kb.reply(name)
    text = with_contact(kb, reply.text) if reply.with_contact else reply.text
    return Reply(text, tuple(Button(b.title, b.payload) for b in reply.buttons))

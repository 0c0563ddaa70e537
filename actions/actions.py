"""Rasa custom actions. Each is a thin adapter: read the message and slots, call plain functions
in `answers` and `dialogue`, send the replies, set the slots a follow-up needs."""

from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import metrics, staff
from actions.dialogue import Context, Question, Topic, is_coverage_question, municipality_place, plan
from knowledge import KnowledgeBase, knowledge_base
from knowledge.practical import TopicFinder
from knowledge.resolver import Mentions, Resolver
from replies import answers, fluent
from replies.languages import DEFAULT, SERVED, served
from replies.types import Reply
from staff_answers.corpus import corpus

CRISIS_INTENT = "crisis"
SET_LANGUAGE_INTENT = "set_language"
PRACTICAL_INTENT = "ask_practical_info"
FALLBACK_INTENT = "nlu_fallback"
# Below the fallback threshold, one of these best guesses is still trusted when the message names a
# municipality or task the knowledge base holds: the answer is then about exactly what was named.
COVERAGE_INTENTS = {"ask_task_coverage", "ask_task_covers_municipality", "ask_tasks_for_municipality", "ask_centres"}
# The assistant's own replies that answer no question (a greeting, "not understood", "what can I ask"):
# asking "was the answer helpful?" after them would ask about nothing.
NOT_ANSWERS = ("greet", "goodbye", "thanks", "bot_challenge", "help", "fallback", "language_set")
# Below this confidence the classifier's guess gives way to a staff answer that matches the message, when the
# message names no place, task or centre that the knowledge base would answer about.
WEAK_GUESS = 0.7
# The fallback threshold of config.yml: a crisis guess at least this sure, which the fallback overruled only
# because another intent came close, still counts as the classifier's crisis guess.
UNSURE_CRISIS = 0.4
STAFF_TOPIC = "staff_answer"
# Intents that ask no question of their own. A greeting or thanks around a question, or words of danger
# beside one, are given the intent of the question too: the classifier's best intent outside these.
WRAPPING_INTENTS = {"greet", "goodbye", "thanks"}
NO_QUESTION_INTENTS = {*WRAPPING_INTENTS, "bot_challenge", "help", "out_of_scope", CRISIS_INTENT, FALLBACK_INTENT,
                       SET_LANGUAGE_INTENT}  # fmt: skip
# A message holds a question beside its courtesies when this many words are left without them ("Hvala,
# kaj pa Pivka?"); "hvala za vse" does not.
QUESTION_WORDS = 3
# How sure the classifier must be of the question's intent when the message names nothing the knowledge base
# answers about; when it names a place or a task, the words say what is asked, and its best guess will do.
QUESTION_CONFIDENCE = 0.2
RULES = Path(__file__).resolve().parent.parent / "data" / "rules" / "rules.yml"
# The staff answer given in this turn, for the custom message (the staff area counts uses and ratings).
_staff_entry: ContextVar[str | None] = ContextVar("staff_entry", default=None)


@cache
def knowledge(language: str = DEFAULT) -> tuple[KnowledgeBase, Resolver]:
    """The knowledge base in `language` and its resolver, built once per process and language."""
    kb = knowledge_base(language)
    others = [knowledge_base(other) for other in SERVED if other != language]
    return kb, Resolver(kb, also=others)  # "e Divaccia?" in a Slovenian conversation


@cache
def practical_topics(language: str = DEFAULT) -> TopicFinder:
    """The finder of practical topics (address, office hours, amounts …), built once per language."""
    return TopicFinder(knowledge(language)[0])


def mentions_of(message: dict[str, Any], language: str = DEFAULT) -> Mentions:
    """What the latest message mentions.

    A button payload ("/intent{...}") carries canonical entity values; typed text is resolved
    from the words themselves, in the conversation's language, which also catches inflected forms
    and typos.
    """
    kb, resolver = knowledge(language)
    text = message.get("text") or ""
    if not text.startswith("/"):
        return resolver.resolve(text)
    entities = message.get("entities") or []
    values = {kind: [e["value"] for e in entities if e.get("entity") == kind] for kind in ("municipality", "task")}
    municipalities = tuple(v for v in values["municipality"] if isinstance(v, str) and kb.has_municipality(v))
    return Mentions(
        municipalities=municipalities,
        places=tuple(municipality_place(name) for name in municipalities),
        tasks=tuple(v for v in values["task"] if isinstance(v, str) and kb.has_task(v)),
    )


def send(dispatcher: CollectingDispatcher, reply: Reply) -> None:
    buttons = [{"title": b.title, "payload": b.payload} for b in reply.buttons]
    dispatcher.utter_message(text=reply.text, buttons=buttons or None)


@dataclass(frozen=True)
class Turn:
    """The latest message as the actions need it."""

    intent: str
    best_guess: str  # the classifier's top intent other than the fallback
    mentions: Mentions
    in_danger: bool
    context: Context
    text: str = ""
    language: str = DEFAULT
    confidence: float = 1.0
    ranking: tuple[tuple[str, float], ...] = ()  # the classifier's intents, best first, with confidences
    in_distress: bool = False  # distress, no danger: the answer, then the gentle line (help_lines.yml)

    def names_something(self) -> bool:
        """Whether the message names what the knowledge base answers about: a place, a task or a centre. A task
        read from a life described is not named: "mama ima demenco, kako postanem skrbnik?" asks another thing."""
        m = self.mentions
        named_task = m.tasks and not m.situation
        return bool(m.places or m.outside or named_task or m.centres or m.koper_facts)


def language_of(tracker: Tracker, message: dict[str, Any], intent: str) -> str:
    """The language to answer in: the one asked for ("/set_language{...}"), else the message's own as
    the gateway guessed it, else the conversation's so far, else the language of a message of courtesy
    alone ("Buongiorno", tentative: it starts a conversation's language but does not change one), else
    the client's hint (the widget's choice, Telegram's language), else Slovenian."""
    metadata = message.get("metadata") or {}
    if intent == SET_LANGUAGE_INTENT:
        chosen = [e.get("value") for e in message.get("entities") or [] if e.get("entity") == "language"]
        if chosen and served(chosen[0]):
            return chosen[0]
    for candidate in (
        metadata.get("language"),
        tracker.get_slot("language"),
        metadata.get("tentative"),
        metadata.get("hint"),
    ):
        if served(candidate):
            return candidate
    return DEFAULT


def read_turn(tracker: Tracker) -> Turn:
    message = tracker.latest_message or {}
    intent = (message.get("intent") or {}).get("name") or ""
    ranked = tuple(
        (item["name"], float(item.get("confidence") or 0.0))
        for item in message.get("intent_ranking") or []
        if item.get("name")
    )
    ranking = [name for name, _ in ranked]
    best_guess = next((name for name in ranking if name and name != FALLBACK_INTENT), intent)
    language = language_of(tracker, message, intent)
    mentions = mentions_of(message, language)
    context = Context(
        task=tracker.get_slot("task"),
        municipality=tracker.get_slot("municipality"),
        topic=tracker.get_slot("topic"),
    )
    text = message.get("text") or ""
    # The gateway found danger words of another language ("aiuto, mi picchia").
    danger_at_gateway = bool((message.get("metadata") or {}).get("danger"))
    # The classifier's crisis guess, also when the fallback overruled it only because the runner-up was close
    # ("not understood" is no answer to what may be a cry for help); a weaker guess is no evidence.
    crisis_confidence = max((value for name, value in ranked if name == CRISIS_INTENT), default=0.0)
    classifier_crisis = intent == CRISIS_INTENT or (
        intent == FALLBACK_INTENT and best_guess == CRISIS_INTENT and crisis_confidence >= UNSURE_CRISIS
    )
    in_danger, in_distress = (True, False) if danger_at_gateway else weigh(mentions, classifier_crisis, language)
    confidence = float((message.get("intent") or {}).get("confidence") or 0.0)
    return Turn(intent, best_guess, mentions, in_danger, context, text, language, confidence, ranked, in_distress)


def weigh(mentions: Mentions, classifier_crisis: bool, language: str) -> tuple[bool, bool]:
    """Danger (the emergency lines first) or distress (the answer, then the gentle line), or neither.

    Danger words decide alone. Distress words (exhaustion, fear, an idiom) and the classifier's crisis guess
    are danger unless the message asks about the centre's ordinary work: an exhausted carer who asks about
    home help is answered, then given one line to talk to someone. The classifier's confidence cannot tell
    the two apart (it is as sure of a tired daughter as of a beaten wife: docs/nlu-report.md). What asks
    about the work: a task other than those about danger, an activity or a centre named; never a practical
    topic, whose broad stems ("ulic", "zapira", "poklic") a message about violence contains as often."""
    if mentions.crisis:
        return True, False
    if not (mentions.distress or classifier_crisis):
        return False, False
    danger_tasks = knowledge(language)[0].help_lines.danger_tasks
    ordinary = any(task not in danger_tasks for task in mentions.tasks) or bool(mentions.activities or mentions.centres)
    return not ordinary, ordinary


def is_answer(kb: KnowledgeBase, messages: list[dict[str, Any]]) -> bool:
    """Whether `messages` answer a question: some text other than the replies in NOT_ANSWERS."""
    canned = {answers.canned(kb, name).text for name in NOT_ANSWERS}
    return any(message.get("text") and message["text"] not in canned for message in messages)


def asks_where_to_turn(turn: Turn) -> bool:
    """ "Ne vem, na koga naj se obrnem": the words say it, whatever intent the classifier guessed (crisis, help,
    fallback …), and the message names nothing more precise (a place, task, activity, centre or practical
    topic), whose own answer it then gets. A button's payload says no such thing."""
    mentions = turn.mentions
    named = mentions.places or mentions.outside or mentions.tasks or mentions.activities or mentions.centres
    return (
        mentions.where_to_turn
        and not named
        and turn.intent != SET_LANGUAGE_INTENT
        and not practical_topics(turn.language).find(turn.text, hints=False)
    )


class KnowledgeAction(Action, ABC):
    """Answers in the conversation's language: the emergency lines first whenever a message sounds like
    danger, then the answer (prva socialna pomoč for someone who does not know where to turn); tells the gateway the language (a custom message) and keeps it in a slot."""

    action_name = ""

    def __init__(self) -> None:
        for language in SERVED:  # fail at start-up, not at the first question, when a knowledge or .ftl file is broken
            knowledge(language)
            fluent.messages(language)
        corpus()  # the training data the staff answers' matcher weighs words by: read now, not in a turn

    def name(self) -> str:
        return self.action_name

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        turn = read_turn(tracker)
        kb = staff.with_published_contact(knowledge(turn.language)[0])  # the staff's details win
        if turn.in_danger:
            send(dispatcher, answers.emergency(kb, young=turn.mentions.young))
        sent_before = len(dispatcher.messages)
        _staff_entry.set(None)
        events: list[EventType]
        lost = asks_where_to_turn(turn)
        # "Whom do I turn to about adopting a child?": the staff's answer on adoption says more than first help.
        staff_events = (self.staff_first(turn) or lost) and answer_from_staff(dispatcher, kb, turn)
        if staff_events:
            events = staff_events
        elif lost:
            send(dispatcher, answers.first_help(kb))
            events = []
        else:
            events = self.answer(dispatcher, kb, turn)
        custom: dict[str, Any] = {"language": turn.language}
        if turn.in_danger:  # the gateway puts the lines first itself unless the actions say they sent them
            custom["emergency"] = True
        if _staff_entry.get():
            custom["staff_answer"] = _staff_entry.get()
        if is_answer(kb, dispatcher.messages[sent_before:]):
            # The gateway offers 👍/👎 for this answer and finds it again by this id: the custom message
            # is stored as a `bot` event in the tracker store, which every gateway replica reads.
            custom["answer_id"] = uuid.uuid4().hex
        if turn.in_distress:
            send(dispatcher, answers.gentle_line(kb))
        dispatcher.utter_message(json_message=custom)
        return [*events, SlotSet("language", turn.language)]

    @abstractmethod
    def answer(self, dispatcher: CollectingDispatcher, kb: KnowledgeBase, turn: Turn) -> list[EventType]:
        """Send this action's answer; return the events (slots) it sets."""

    def staff_first(self, turn: Turn) -> bool:
        """Whether a matching staff answer comes before this action's own: when the classifier's guess is weak
        and the message names nothing the knowledge base answers about, or it follows a staff answer."""
        if turn.names_something():
            return False
        return turn.confidence < WEAK_GUESS or turn.context.topic == STAFF_TOPIC


def answer_from_staff(dispatcher: CollectingDispatcher, kb: KnowledgeBase, turn: Turn) -> list[EventType] | None:
    """Send the published staff answer the message asks for, if one matches; None when none does."""
    # In danger the emergency lines are sent already (in distress the gentle line follows): the words of danger
    # are no reason to hold back the answer to the question asked with them, so the training data's crisis
    # examples do not compete.
    match = staff.find(turn.text, turn.language, in_danger=turn.in_danger or turn.in_distress)
    if match is None:
        return None
    found = staff.reply_for(kb, match)
    send(dispatcher, found.reply)
    metrics.staff_match(turn.language)
    _staff_entry.set(found.entry_id)
    return [SlotSet("topic", STAFF_TOPIC)]


class ActionAnswerCoverage(KnowledgeAction):
    """Which municipalities a task covers, whether it covers one, what is done for one; follow-ups."""

    action_name = "action_answer_coverage"

    def staff_first(self, turn: Turn) -> bool:
        """Also when the message names nothing and follows no earlier question: a coverage answer would then be
        about no task and no place ("Izgubil sem službo … ali dobim socialno pomoč?"), however sure the guess."""
        if turn.names_something():
            return False
        return super().staff_first(turn) or not (turn.context.task or turn.context.municipality)

    def answer(self, dispatcher: CollectingDispatcher, kb: KnowledgeBase, turn: Turn) -> list[EventType]:
        mentions = turn.mentions
        other_centre = mentions.centres and kb.own_centre().id not in mentions.centres
        if turn.intent == "ask_task_coverage" and other_centre and not (mentions.tasks or mentions.places):
            return answer_coverage(dispatcher, kb, turn, "ask_centres")  # "Katere občine pokriva CSD Postojna?"
        return answer_coverage(dispatcher, kb, turn, turn.intent)


def answer_coverage(dispatcher: CollectingDispatcher, kb: KnowledgeBase, turn: Turn, intent: str) -> list[EventType]:
    question = plan(intent, turn.mentions, turn.context)
    send(dispatcher, compose(kb, question, turn.mentions.activities))
    return remember(question, turn.context)


def compose(kb: KnowledgeBase, question: Question, activities: tuple[str, ...] = ()) -> Reply:
    """The answer to a planned question: where a named settlement lies first, then the answer for its
    municipality, for each task and place asked about."""
    # A yes or a no comes first: that answer says where a settlement lies after it.
    settlements = [place for place in question.places if place.is_settlement]
    leads = [answers.place_lead(kb, place) for place in settlements if question.topic != Topic.REGULAR_WORK]
    if question.situation and question.topic != Topic.TASK_DESCRIPTION:  # a life told: what helps, first
        leads = [*(kb.task(task).description for task in question.tasks), *leads]
    reply = _answer(kb, question, activities)
    return Reply("\n\n".join([" ".join(leads), reply.text]) if leads else reply.text, reply.buttons)


def _answer(kb: KnowledgeBase, question: Question, activities: tuple[str, ...]) -> Reply:
    places, outside = list(question.municipalities), list(question.outside)
    if question.topic == Topic.TASK_COVERS and question.tasks:
        return _joined([answers.task_covers(kb, task, places, outside) for task in question.tasks])
    if question.topic == Topic.TASK_COMPLEMENT and question.tasks:
        return _joined([answers.task_complement(kb, task) for task in question.tasks])
    if question.topic == Topic.TASK_DESCRIPTION:
        return _joined([answers.task_description(kb, task) for task in question.tasks])
    if question.topic == Topic.REGULAR_WORK:
        centre = question.centres[0] if question.centres else kb.own_centre().id
        return answers.regular_work(kb, centre, list(question.places), list(question.outside))
    if question.topic == Topic.TASK_CENTRES and question.tasks:
        return _joined([answers.task_centres(kb, task) for task in question.tasks])
    if question.topic == Topic.TASK_COVERAGE and question.tasks:
        return _joined([answers.task_coverage(kb, task, question.count) for task in question.tasks])
    if question.topic == Topic.MUNICIPALITY_TASKS and (places or outside):
        replies = [answers.municipality_tasks(kb, name) for name in places]
        return _joined(replies + ([answers.outside_place(kb, outside)] if outside else []))
    if question.topic == Topic.CENTRE:
        if places or outside:
            known = " ".join(answers.centre_for(kb, name).text for name in places)
            elsewhere = " ".join(answers.outside_centre(kb, name) for name in outside)
            return Reply(" ".join(part for part in (known, elsewhere) if part))
        return answers.centres_count(kb) if question.count else answers.centres_overview(kb)
    if question.topic == Topic.CENTRE_AREA:
        return _joined([answers.centre_area(kb, centre_id) for centre_id in question.centres])
    if question.topic == Topic.TASKS_OVERVIEW:
        return answers.tasks_overview(kb, question.count)
    if question.topic == Topic.SERVICES:
        return answers.services(kb, list(activities))
    return answers.unknown_municipality(kb, question.task)


def _joined(replies: list[Reply]) -> Reply:
    """Several answers to one message, a paragraph each; the buttons of the last."""
    return Reply("\n\n".join(reply.text for reply in replies), replies[-1].buttons if replies else ())


def remember(question: Question, context: Context) -> list[EventType]:
    """Slots for the next follow-up: the topic, and the task and place this answer was about."""
    return [
        SlotSet("topic", question.topic.value),
        SlotSet("task", question.tasks[-1] if question.tasks else context.task),
        SlotSet("municipality", question.municipalities[-1] if question.municipalities else context.municipality),
    ]


class ActionAnswerCentres(ActionAnswerCoverage):
    """Which centre for social work covers a municipality, or all centres of the region."""

    action_name = "action_answer_centres"


class ActionAnswerServices(KnowledgeAction):
    """What the centre does; asked about a municipality ("Kaj delate v Komnu?"), what it does there."""

    action_name = "action_answer_services"

    def staff_first(self, turn: Turn) -> bool:
        """ "Ali urejate otroški dodatek?": the staff's answer on it says more than the centre's work in general."""
        return not turn.names_something()

    def answer(self, dispatcher: CollectingDispatcher, kb: KnowledgeBase, turn: Turn) -> list[EventType]:
        if turn.mentions.places or turn.mentions.outside or is_coverage_question(turn.mentions):
            return answer_coverage(dispatcher, kb, turn, "ask_tasks_for_municipality")
        if turn.mentions.tasks and not turn.mentions.activities:  # "S čim se ukvarja <task>?": what is known of it
            return answer_coverage(dispatcher, kb, turn, "ask_task_coverage")
        send(dispatcher, answers.services(kb, list(turn.mentions.activities)))
        return []


class ActionAnswerRegularArea(KnowledgeAction):
    action_name = "action_answer_regular_area"

    def answer(self, dispatcher: CollectingDispatcher, kb: KnowledgeBase, turn: Turn) -> list[EventType]:
        if turn.mentions.tasks:  # "Katero območje pokriva <task>?": the task's area, not the centre's
            return answer_coverage(dispatcher, kb, turn, "ask_task_coverage")
        if turn.mentions.places or turn.mentions.outside:  # "Živimo v Dekanih, kdo je pristojen za nas?"
            return answer_coverage(dispatcher, kb, turn, "ask_centres")
        send(dispatcher, answers.regular_area(kb))
        return []


class ActionAnswerKoperFact(KnowledgeAction):
    """Facts about Mestna občina Koper: intent `mok_<fact id>` asks for fact `<fact id>`."""

    action_name = "action_answer_koper_fact"

    def staff_first(self, turn: Turn) -> bool:
        """When the message names neither Koper nor a fact of it, however sure the guess: a fact about Koper
        would answer what was not asked ("Brat je po nesreči odvisen od drugih, ali dobim plačilo?")."""
        return not turn.names_something()

    def answer(self, dispatcher: CollectingDispatcher, kb: KnowledgeBase, turn: Turn) -> list[EventType]:
        fact_id = turn.intent.removeprefix("mok_")
        compared = answer_comparison(dispatcher, kb, turn, fact_id)  # "Katera mestna občina ima največ naselij?"
        if compared is not None:
            return compared
        if fact_id == "settlements":  # the seed's figure for Koper, the register's for today and elsewhere
            names = turn.mentions.municipalities or (kb.koper.municipality,)
            # "koliko" (or "ali ima Pivka več naselij kot Postojna": the numbers compare) or "katera"
            counted = turn.mentions.count or turn.mentions.comparison
            which = answers.settlement_count if counted else answers.settlement_list
            send(dispatcher, _joined([which(kb, name) for name in names]))
            return []
        if is_coverage_question(turn.mentions):
            return answer_coverage(dispatcher, kb, turn, "ask_task_covers_municipality")
        send(dispatcher, answers.koper_fact(kb, fact_id, list(turn.mentions.border_sides)))
        return []


def answer_comparison(
    dispatcher: CollectingDispatcher, kb: KnowledgeBase, turn: Turn, fact_id: str | None = None
) -> list[EventType] | None:
    """Koper compared with the other city municipalities by a measure the seed ranks it by (the fact the words
    name, else `fact_id`, the intent's), when the words ask a comparison and name no other municipality of the
    region (whose own figures answer better); None otherwise.

    "Da"/"Ne" only where the question's claim is clear: about Koper being first or last when it names Koper,
    about others ahead of (behind) Koper when it compares them with Koper ("… kot Koper"). Never about a place
    outside the region ("večji od Ljubljane") or a group the seed does not rank Koper in (the coastal
    municipalities), whose fact the answer then says first."""
    mentions, koper = turn.mentions, kb.koper.municipality
    rankings = [r for r in map(kb.koper_ranking, (*mentions.koper_facts, fact_id or "")) if r is not None]
    if not mentions.comparison or not rankings or set(mentions.municipalities) - {koper}:
        return None
    ranking = rankings[0]
    unranked = [f for f in mentions.koper_facts if f in kb.koper.groups and f != ranking.among]
    # Its place when it is asked ("tretja največja"), else what the words ask; "po površini" alone asks its place.
    asked = [d for d in mentions.comparison if d != "by"]
    direction = "rank" if "rank" in asked or not asked else asked[0]
    if mentions.against_koper:  # "z več naselji kot Koper", "la più grande di Capodistria": others than Koper
        direction = {"most": "more", "least": "less"}.get(direction, direction)
    about = mentions.against_koper if direction in ("more", "less") else koper in mentions.municipalities
    yes_no = about and not (mentions.open_question or mentions.outside or unranked)
    how_many = mentions.count and mentions.open_question and not unranked  # not "il maggior numero di …"
    compared = answers.comparison(kb, ranking.fact, direction, yes_no, how_many)
    send(dispatcher, Reply(" ".join([*(answers.koper_fact(kb, f, []).text for f in unranked), compared.text])))
    return []


class ActionAnswerPracticalInfo(KnowledgeAction):
    """Address, office hours, phone, e-mail, amounts, how to apply: the filled contact details, and a
    plain "I do not have it" for what the knowledge base does not hold, never a neighbouring answer."""

    action_name = "action_answer_practical_info"

    def staff_first(self, turn: Turn) -> bool:
        """A staff answer before "I do not have it", unless the contact details answer all that is asked."""
        kb = knowledge(turn.language)[0]
        topics = practical_topics(turn.language).find(turn.text)
        contact_only = bool(topics) and all(topic.fields for topic in kb.practical if topic.id in topics)
        return not contact_only

    def answer(self, dispatcher: CollectingDispatcher, kb: KnowledgeBase, turn: Turn) -> list[EventType]:
        if turn.mentions.situation and is_coverage_question(turn.mentions):  # "… koga pokličem ponoči v Izoli?"
            return answer_coverage(dispatcher, kb, turn, "ask_task_covers_municipality")
        return answer_practical(dispatcher, kb, turn)


def answer_practical(dispatcher: CollectingDispatcher, kb: KnowledgeBase, turn: Turn) -> list[EventType]:
    """What the message asks (address, hours, amounts …), answered for the centre it is about."""
    # In danger, a bare "ne vem kam" is no question about the address: the emergency lines, sent
    # already, are then the whole answer, with no "I do not have it" after them.
    topics = practical_topics(turn.language).find(turn.text, hints=not turn.in_danger)
    if turn.in_danger and not topics:
        return []
    send(dispatcher, answers.practical_info(kb, topics, asked_centre(kb, turn.mentions)))
    return []


def asked_centre(kb: KnowledgeBase, mentions: Mentions) -> str | None:
    """The centre a practical question is about: one it names ("CSD Izola"), else the one that serves
    the municipality it names (benefits are handled where one lives); None for this centre."""
    if mentions.centres:
        return mentions.centres[0]
    if mentions.municipalities:
        return kb.centre_for(mentions.municipalities[0]).id
    return None


class ActionCrisis(KnowledgeAction):
    """The emergency lines, which `run` has sent already; then the answer to a question asked with them."""

    action_name = "action_crisis"

    def answer(self, dispatcher: CollectingDispatcher, kb: KnowledgeBase, turn: Turn) -> list[EventType]:
        if is_coverage_question(turn.mentions):  # "Oče ne zmore več sam. Ali ga pokriva pomoč na domu?"
            return answer_coverage(dispatcher, kb, turn, "ask_task_covers_municipality")
        # "… kje je vaš center?", "… kaj je interventna služba?": the words say what is asked; a cry for help
        # alone is not answered with the centre's work after the lines.
        practical = practical_topics(turn.language).find(turn.text, hints=False)  # as answer_practical reads it
        asks = turn.names_something() or turn.mentions.definition or practical
        answered = answer_question_beside(dispatcher, kb, turn) if asks else None
        if answered is not None:
            return answered
        staff = answer_from_staff(dispatcher, kb, turn)  # "Mož me tepe … ali dobim socialno pomoč?"
        if staff is not None:
            return staff
        # "Mama ne zmore več sama": a life that points to a task, told beside words of distress or danger, gets
        # what helps and where after the lines; a question about another thing was a staff answer's above.
        if turn.mentions.situation and turn.mentions.tasks and not asks:
            return answer_coverage(dispatcher, kb, turn, "ask_task_coverage")
        return []

    def staff_first(self, turn: Turn) -> bool:
        return False  # the emergency lines first (run), then the question


class ActionSmallTalk(KnowledgeAction):
    """Greetings, thanks, goodbye, "are you a bot?" and help: replies named after the intent."""

    action_name = "action_small_talk"

    def staff_first(self, turn: Turn) -> bool:
        """A question wrapped in a greeting or thanks ("Dober dan, kako dobim …? Hvala!"): a bare "hvala"
        matches no entry, since the training data's small talk is among the matcher's negatives."""
        return not turn.names_something()  # "si robot?" matches no entry: the matcher weighs the small talk too

    def answer(self, dispatcher: CollectingDispatcher, kb: KnowledgeBase, turn: Turn) -> list[EventType]:
        if is_coverage_question(turn.mentions):  # "Dober dan, … ali pomoč na domu velja za Pivko? Hvala!"
            return answer_coverage(dispatcher, kb, turn, "ask_task_covers_municipality")
        if turn.intent in WRAPPING_INTENTS and turn.mentions.beyond_courtesy >= QUESTION_WORDS:
            answered = answer_question_beside(dispatcher, kb, turn)  # "… katere občine pokriva …? Hvala lepa."
            if answered is not None:
                return answered
        send(dispatcher, answers.canned(kb, turn.intent))
        return []


def question_beside(turn: Turn) -> Turn | None:
    """The turn as the question it holds beside a greeting, thanks or words of danger: the classifier's best
    intent that asks a question, when it is sure enough of it. None when there is none."""
    if not turn.names_something() and practical_topics(turn.language).find(turn.text, hints=not turn.in_danger):
        return replace(turn, intent=PRACTICAL_INTENT, best_guess=PRACTICAL_INTENT)  # "… kje je sedež centra?"
    asked = next(((name, conf) for name, conf in turn.ranking if name not in NO_QUESTION_INTENTS), None)
    floor = 0.0 if turn.names_something() else QUESTION_CONFIDENCE
    if asked is None or asked[1] < floor:
        return None
    return replace(turn, intent=asked[0], best_guess=asked[0], confidence=asked[1])


def answer_question_beside(dispatcher: CollectingDispatcher, kb: KnowledgeBase, turn: Turn) -> list[EventType] | None:
    """Answer the question a message holds beside its courtesies or words of danger, by the action the rules
    give its intent; None when it holds none."""
    question = question_beside(turn)
    answerer = question and _answerers().get(action_of_intent().get(question.intent, ""))
    if question is None or answerer is None:
        return None
    return answerer.answer(dispatcher, kb, question)


@cache
def action_of_intent() -> dict[str, str]:
    """Which action answers each intent, as the rules say (an intent, then its action)."""
    rules = yaml.safe_load(RULES.read_text(encoding="utf-8"))["rules"]
    steps = [rule.get("steps") or [] for rule in rules]
    return {s[0]["intent"]: s[1]["action"] for s in steps if len(s) == 2 and "intent" in s[0] and "action" in s[1]}


@cache
def _answerers() -> dict[str, KnowledgeAction]:
    """The actions that answer a question, by name."""
    classes = (
        ActionAnswerCoverage,
        ActionAnswerCentres,
        ActionAnswerServices,
        ActionAnswerRegularArea,
        ActionAnswerKoperFact,
        ActionAnswerPracticalInfo,
    )
    return {cls.action_name: cls() for cls in classes}


def rescue(dispatcher: CollectingDispatcher, kb: KnowledgeBase, turn: Turn) -> list[EventType] | None:
    """Answer a message the classifier is unsure of when its words alone make the question clear: a
    named place whose centre is asked for (the guess was the regular area or the centres, or the words
    say "pristojen"), a centre's
    area, what this centre does when it is named alone and the guess was about work, a task's area, the centre's work named by an activity, or one fact about Koper named by its
    words. None when nothing is clear."""
    mentions = turn.mentions
    asks_centre = turn.best_guess in ("ask_regular_area", "ask_centres") or mentions.regular_work  # "… pristojen"
    if (mentions.places or mentions.outside) and asks_centre and not mentions.tasks:
        return answer_coverage(dispatcher, kb, turn, "ask_centres")
    if mentions.centres and mentions.count and not (mentions.places or mentions.tasks):  # "Koliko občin ima CSD X?"
        return answer_coverage(dispatcher, kb, turn, "ask_centres")
    names_only_us = mentions.centres == (kb.own_centre().id,) and not (mentions.places or mentions.tasks)
    if names_only_us and turn.best_guess in ("ask_services", "ask_tasks_for_municipality"):  # "kaj delate na CSD Koper"
        send(dispatcher, answers.services(kb, list(mentions.activities)))
        return []
    if mentions.tasks and not (mentions.places or mentions.outside):  # a task alone: where it works
        return answer_coverage(dispatcher, kb, turn, "ask_task_coverage")
    if mentions.places or mentions.outside or mentions.tasks:
        return None
    if mentions.activities:
        send(dispatcher, answers.services(kb, list(mentions.activities)))
        return []
    if len(mentions.koper_facts) == 1:
        send(dispatcher, answers.koper_fact(kb, mentions.koper_facts[0], list(mentions.border_sides)))
        return []
    return None


class ActionFallback(KnowledgeAction):
    """Out of scope or not understood: say so, say what can be asked. Never to someone in danger.

    A low-confidence coverage question that names a known municipality or task, a place named alone (a
    follow-up), or a practical question that names its topic, is answered instead.
    """

    action_name = "action_fallback"

    def staff_first(self, turn: Turn) -> bool:
        return False  # the knowledge base's rescue first (answer)

    def answer(self, dispatcher: CollectingDispatcher, kb: KnowledgeBase, turn: Turn) -> list[EventType]:
        mentions = turn.mentions
        names_something = bool(mentions.places or mentions.outside or mentions.tasks)
        if turn.intent == FALLBACK_INTENT and turn.best_guess in COVERAGE_INTENTS and names_something:
            return answer_coverage(dispatcher, kb, turn, turn.best_guess)
        if is_coverage_question(mentions):  # a long message whose question the classifier missed
            return answer_coverage(dispatcher, kb, turn, "ask_task_covers_municipality")
        if turn.intent == FALLBACK_INTENT and mentions.only_places and not turn.in_danger:
            # "Pivka", "v Kopru?": a place alone follows the question before it, or asks what is done there.
            return answer_coverage(dispatcher, kb, turn, "follow_up")
        compared = answer_comparison(dispatcher, kb, turn)  # "Je Koper večji od Novega mesta?" out of scope
        if compared is not None:
            return compared
        if turn.intent == FALLBACK_INTENT and not turn.in_danger:
            rescued = rescue(dispatcher, kb, turn)
            if rescued is not None:
                return rescued
        from_staff = answer_from_staff(dispatcher, kb, turn)
        if from_staff is not None:
            return from_staff
        # A low-confidence practical question that names its topic ("kje vas najdem") gets the honest
        # "I do not have it" that names the topic, which says more than "not understood".
        if (
            turn.intent == FALLBACK_INTENT
            and turn.best_guess == PRACTICAL_INTENT
            and practical_topics(turn.language).find(turn.text)
        ):
            return answer_practical(dispatcher, kb, turn)
        if not turn.in_danger:
            send(dispatcher, answers.canned(kb, "fallback"))
        return []


class ActionSetLanguage(KnowledgeAction):
    """The person chose a language (the widget's language menu, Telegram's /language): say so in it; `run` keeps
    it in the slot."""

    action_name = "action_set_language"

    def staff_first(self, turn: Turn) -> bool:
        return False

    def answer(self, dispatcher: CollectingDispatcher, kb: KnowledgeBase, turn: Turn) -> list[EventType]:
        send(dispatcher, answers.canned(kb, "language_set"))
        return []

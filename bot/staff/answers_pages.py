"""The staff answers pages ("Odgovori") of the staff area, for bot/staff/routes.py.

GET  /staff/odgovori                       the published entries and the drafts waiting for publication
GET  /staff/odgovori.yml                   the current publication in the bulk format (a download)
GET  /staff/odgovori/nov                   a new entry (?primer=<text>: one Slovenian example question filled in)
GET  /staff/odgovori/uredi/<id>            an entry's form, its history, and (publishers) publish / withdraw
POST /staff/odgovori/shrani                save a draft (a new revision over `based_on`; a conflict shows both texts)
POST /staff/odgovori/objavi                publish the newest revisions of the entries `izbrano` (objavitelj)
POST /staff/odgovori/umakni                withdraw the published entry `odgovor` in one step (objavitelj)
GET  /staff/odgovori/objave                the publications, newest first
POST /staff/odgovori/objave/<n>/ponovno    publish publication n again, as a new one: a rollback (objavitelj)
GET  /staff/odgovori/razlike/<id>?od=&do=  what changed between two revisions of an entry
GET  /staff/odgovori/preizkus, POST …      what a question would get, from the drafts and from the publication
GET  /staff/odgovori/kontakt, POST …       the centre's contact details as the staff confirm them (entry `kontakt`)

Editors (urednik) write drafts; publishers (objavitelj, skrbnik) publish, withdraw and roll back. The author of
a draft may not publish it himself (four eyes) unless STAFF_SELF_PUBLISH is true; the publication then records
it (self_approved) and so does the audit log. Every change is a row of the audit log. What staff wrote is
escaped everywhere (Jinja autoescape); an answer's https:// links are shown as links, nothing else is.

The matching code (scikit-learn, lemmagen) is imported only when a page needs it: the gateway starts without it.
"""

from __future__ import annotations

import difflib
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot import metrics
from bot.staff.accounts import StaffUser
from bot.staff.pages import environment, moment
from staff_answers.entries import (
    CONTACT_LABELS,
    HTTPS_LINK,
    LANGUAGE_NAMES,
    LANGUAGES,
    LINK,
    MAX_QUESTION,
    Entry,
    problems,
    write_bulk,
)
from staff_answers.store import CONTACT_ID, AnswerStore, Conflict, NotAllowed, Publication, Revision
from storage import days

if TYPE_CHECKING:
    from bot.staff.routes import StaffArea
    from staff_answers.matching import Matcher, Verdict

PUBLISHER = "objavitelj"
EDITOR = "urednik"
# The review-by dates a form may name (as the other pages' filters): Python's dates end at 9999.
FIRST_REVIEW, LAST_REVIEW = date(2000, 1, 1), date(2099, 12, 31)
MAX_PREVIEW = 1000  # characters of a question to preview
MAX_ID_NUMBER = 2**62  # a revision or publication number beyond any the database holds (and its integers)
CONTACT_FIELDS = CONTACT_LABELS  # the contact fields with their labels
REASONS = {
    "none": "premalo podobno",
    "weak": "premalo podobno",
    "off-core": "ni skupne ključne besede",
    "not-staff": "to vprašanje je za pomočnikovo lastno znanje (npr. pokritost nalog)",
}


# --- what the pages show ----------------------------------------------------------------------------------
def linked(text: str) -> Markup:
    """An answer's text, escaped, with its https:// links as links (nothing else: http:// stays text)."""
    parts: list[Markup] = []
    last = 0
    for found in LINK.finditer(text):
        link = found.group().rstrip(".,;:!?)»\"'")
        start = found.start()
        parts.append(escape(text[last:start]))
        if HTTPS_LINK.match(link):
            parts.append(Markup('<a href="{0}" rel="noopener noreferrer">{0}</a>').format(link))
        else:
            parts.append(escape(link))
        last = start + len(link)
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def number(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def readable(entry_id: str, data: Mapping[str, Any] | None) -> list[str]:
    """A revision's data as lines a person reads and a diff compares: questions, answers, source, date."""
    if data is None:
        return ["(umik: odgovor ni več objavljen)"]
    if entry_id == CONTACT_ID:
        lines = []
        for key, label in CONTACT_FIELDS.items():
            detail = data.get(key) or {}
            if detail.get("text"):
                lines += [f"{label}: {detail.get('text')}", f"  vir: {detail.get('source') or ''}"]
        return lines or ["(brez lastnih kontaktnih podatkov: velja spletna stran centra)"]
    entry = Entry.from_data(data)
    lines = [f"Oznaka: {entry.id}"]
    for language in LANGUAGES:
        if entry.questions.get(language):
            lines.append(f"Vprašanja ({LANGUAGE_NAMES[language]}):")
            lines += [f"  – {question}" for question in entry.questions[language]]
    for language in LANGUAGES:
        if entry.answer.get(language):
            lines.append(f"Odgovor ({LANGUAGE_NAMES[language]}):")
            lines += [f"  {line}" for line in entry.answer[language].split("\n")]
    lines.append(f"Vir: {entry.source}")
    lines.append(f"Pregled do: {entry.review_by.isoformat() if entry.review_by else ''}")
    return lines


def diff(old: Sequence[str], new: Sequence[str]) -> list[tuple[str, str, str]]:
    """(css class, mark, line) of a line-by-line diff: "add" (+), "del" (−) or "same"."""
    kinds = {"+ ": ("add", "+"), "- ": ("del", "−")}
    lines = []
    for line in difflib.ndiff(list(old), list(new)):
        if line.startswith("? "):
            continue
        kind, mark = kinds.get(line[:2], ("same", " "))
        lines.append((kind, mark, line[2:]))
    return lines


def _int(raw: object) -> int | None:
    text = str(raw or "").strip()
    if not text.isdigit() or len(text) > 18 or int(text) >= MAX_ID_NUMBER:
        return None
    return int(text)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip()]


@dataclass
class EntryForm:
    """The edit form's fields as typed (kept as they are, so that nothing a person wrote is lost)."""

    id: str = ""
    questions_sl: str = ""
    questions_it: str = ""
    answer_sl: str = ""
    answer_it: str = ""
    source: str = ""
    review_by: str = ""
    based_on: str = ""
    note: str = ""
    exists: bool = False

    @classmethod
    def of_revision(cls, revision: Revision | None, newest: Revision) -> EntryForm:
        """The form of an entry: the text of `revision` (the newest with text), over `newest`."""
        entry = (
            Entry.from_data(revision.data) if revision and revision.data else Entry.from_data({"id": newest.entry_id})
        )
        return cls(
            id=newest.entry_id, questions_sl="\n".join(entry.questions.get("sl", ())),
            questions_it="\n".join(entry.questions.get("it", ())), answer_sl=entry.answer.get("sl", ""),
            answer_it=entry.answer.get("it", ""), source=entry.source,
            review_by=entry.review_by.isoformat() if entry.review_by else "", based_on=str(newest.id), exists=True,
        )  # fmt: skip

    @classmethod
    def of_fields(cls, fields: FormData) -> EntryForm:
        def get(name: str) -> str:
            return str(fields.get(name, ""))

        return cls(
            id=get("id").strip(), questions_sl=get("vprasanja_sl"), questions_it=get("vprasanja_it"),
            answer_sl=get("odgovor_sl"), answer_it=get("odgovor_it"), source=get("vir"), review_by=get("pregled"),
            based_on=get("based_on"), note=get("opomba"), exists=bool(get("based_on")),
        )  # fmt: skip

    def entry(self) -> Entry:
        return Entry.from_data({
            "id": self.id,
            "questions": {"sl": _lines(self.questions_sl), "it": _lines(self.questions_it)},
            "answer": {"sl": self.answer_sl, "it": self.answer_it},
            "source": self.source,
            "review_by": self.review_by,
        })  # fmt: skip


def review_problems(entry: Entry) -> list[str]:
    if entry.review_by is not None and not FIRST_REVIEW <= entry.review_by <= LAST_REVIEW:
        return [f"Datum pregleda mora biti med {FIRST_REVIEW.isoformat()} in {LAST_REVIEW.isoformat()}."]
    return []


@dataclass
class Side:
    """What one side of the preview (the drafts, or the publication) would answer."""

    title: str
    answers: list[tuple[str, Markup, str]] = field(default_factory=list)  # (entry id, text, language)
    score: str = ""
    example: str = ""
    reason: str = ""
    candidates: list[tuple[str, str, str]] = field(default_factory=list)  # (entry id, score, closest example)
    empty: bool = False


def side(title: str, matcher: Matcher, verdict: Verdict, language: str) -> Side:
    result = Side(title, empty=len(matcher) == 0)
    result.candidates = [(c.entry_id, number(c.score), c.example) for c in verdict.candidates[:2]]
    match = verdict.match
    if match is not None:
        for entry in (match.entry, match.also):
            if entry is not None:
                text, said_in = entry.text_in(language)
                result.answers.append((entry.id, linked(text), LANGUAGE_NAMES[said_in]))
        result.score, result.example = number(match.score), match.example
        if match.also is not None:
            result.reason = f"dva odgovora sta enako blizu: {match.entry.id} in {match.also.id}; pomočnik pove oba"
        return result
    reason, negative = verdict.reason, verdict.negative
    best = verdict.candidates[0].score if verdict.candidates else 0.0
    if reason in ("none", "weak") and negative is not None and negative.score >= max(matcher.threshold, best):
        reason = "not-staff"  # nothing near, but the assistant's own training data is: say that
    if reason == "close":
        names = " in ".join(c.entry_id for c in verdict.candidates[:2])
        result.reason = f"dva odgovora sta enako blizu: {names}"
    else:
        result.reason = REASONS.get(reason, "premalo podobno")
        if reason == "not-staff" and negative is not None:
            result.reason += f" (namen {negative.entry_id.lstrip('~')})"
    return result


class Matchers:
    """The preview's matchers, built once per publication and once per set of newest revisions."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._published: tuple[int, Matcher] | None = None
        self._drafts: tuple[frozenset[int], Matcher] | None = None

    def published(self, publication: Publication) -> Matcher:
        from staff_answers.corpus import corpus
        from staff_answers.live import build

        with self._lock:
            if self._published is None or self._published[0] != publication.id:
                self._published = (publication.id, build(publication, corpus()).matcher)
            return self._published[1]

    def drafts(self, newest: Mapping[str, Revision]) -> Matcher:
        from staff_answers.live import answering_matcher

        revisions = [rev for key, rev in sorted(newest.items()) if key != CONTACT_ID and not rev.withdrawn]
        key = frozenset(rev.id for rev in revisions)
        with self._lock:
            if self._drafts is None or self._drafts[0] != key:
                self._drafts = (key, answering_matcher([rev.entry() for rev in revisions]))
            return self._drafts[1]


def check(entries: Sequence[Entry], contact: Mapping[str, Any] | None) -> list[str]:
    """The checks before a publication, with the assistant's training data (read once per process)."""
    from staff_answers.checks import publication_problems

    return publication_problems(entries, contact)


@dataclass
class Published:
    id: str
    question: str
    languages: str
    source: str
    review_by: date | None
    overdue: bool


# --- the pages ------------------------------------------------------------------------------------------
class AnswersPages:
    def __init__(self, area: StaffArea, self_publish: bool = False) -> None:
        self.area = area
        self.self_publish = self_publish
        self.matchers = Matchers()
        environment().filters["linked"] = linked

    @cached_property
    def store(self) -> AnswerStore:
        return self.area.answers

    def html(self, template: str, request: Request, user: StaffUser, title: str, **context: Any) -> Response:
        from bot.staff.routes import Filters

        today = days.today()  # the nav's date range: the default (od/do here are revision numbers)
        return self.area.html(template, request, user, title, Filters(today - timedelta(days=6), today), **context)

    def message(self, request: Request, user: StaffUser, title: str, text: str, status: int) -> Response:
        return self.html("message.html", request, user, title, status=status, message=text)

    # --- the overview -------------------------------------------------------------------------------------
    def overview(self, request: Request, user: StaffUser, errors: Iterable[str] = (), status: int = 200) -> Response:
        publication = self.store.publication()
        today = days.today()
        published = [
            Published(entry.id, (entry.questions.get("sl") or ("",))[0], ", ".join(entry.languages()), entry.source,
                      entry.review_by, entry.overdue(today))
            for entry in publication.entries()
        ]  # fmt: skip
        drafts = sorted(self.store.drafts().values(), key=lambda rev: rev.id, reverse=True)
        params = request.query_params
        done = {
            "objava": "Objava št. {} je v veljavi: pomočnik jo uporabi v nekaj sekundah.",
            "umik": "Odgovor je umaknjen (objava št. {}).",
            "ponovno": "Prejšnje stanje je znova objavljeno (objava št. {}).",
        }
        message = next((text.format(_int(params[key])) for key, text in done.items() if _int(params.get(key))), "")
        return self.html(
            "answers.html", request, user, "Odgovori", status=status, publication=publication, published=published,
            drafts=drafts, contact_published=CONTACT_ID in publication.revisions, errors=list(errors),
            done=message, self_publish=self.self_publish, contact_id=CONTACT_ID,
        )  # fmt: skip

    def export(self, request: Request, user: StaffUser) -> Response:
        publication = self.store.publication()
        header = (f"Odgovori osebja CSD Koper: objava št. {publication.id}, {moment(publication.created_at)}"
                  if publication.id else "Odgovori osebja CSD Koper: še nič objavljenega")  # fmt: skip
        return Response(
            write_bulk(publication.entries(), header), media_type="application/x-yaml; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="odgovori-objava-{publication.id}.yml"'},
        )  # fmt: skip

    # --- one entry ----------------------------------------------------------------------------------------
    def new(self, request: Request, user: StaffUser) -> Response:
        example = " ".join(request.query_params.get("primer", "").split())[:MAX_QUESTION]
        return self.edit_page(request, user, EntryForm(questions_sl=example))

    def edit(self, request: Request, user: StaffUser) -> Response:
        entry_id = request.path_params["entry_id"]
        if entry_id == CONTACT_ID:
            return RedirectResponse("/staff/odgovori/kontakt", status_code=303)
        history = self.store.history(entry_id)
        if not history:
            return self.message(request, user, "Odgovora ni", "Odgovora s to oznako ni.", 404)
        with_text = next((rev for rev in history if rev.data is not None), None)
        saved = _int(request.query_params.get("shranjeno"))
        notice = f"Osnutek je shranjen (revizija {saved}); objavi ga objavitelj." if saved else ""
        return self.edit_page(request, user, EntryForm.of_revision(with_text, history[0]), history=history,
                              saved=notice)  # fmt: skip

    def edit_page(
        self,
        request: Request,
        user: StaffUser,
        form: EntryForm,
        *,
        history: list[Revision] | None = None,
        status: int = 200,
        **context: Any,
    ) -> Response:
        if history is None and form.exists:
            history = self.store.history(form.id)
        history = history or []
        publication = self.store.publication()
        published = publication.revisions.get(form.id)
        newest = history[0] if history else None
        title = f"Odgovor {form.id}" if form.exists else "Nov odgovor"
        return self.html(
            "answer_edit.html", request, user, title, status=status, form=form, history=history,
            previous={rev.id: (history[i + 1].id if i + 1 < len(history) else None) for i, rev in enumerate(history)},
            published=published, newest=newest,
            waiting=newest is not None and (published is None or published.id != newest.id)
            and not (newest.withdrawn and published is None),
            self_publish=self.self_publish, **context,
        )  # fmt: skip

    def save(self, request: Request, user: StaffUser, fields: FormData) -> Response:
        form = EntryForm.of_fields(fields)
        entry = form.entry()
        found = problems(entry, form.review_by.strip()) + review_problems(entry)
        if entry.id == CONTACT_ID:
            found.insert(0, f"Oznaka »{CONTACT_ID}« je rezervirana za kontaktne podatke (stran Kontaktni podatki).")
        based_on = _int(form.based_on)
        if found:
            self.area.audit(user, "answer_save_refused", request, entry=entry.id, problems=len(found))
            return self.edit_page(request, user, form, problems=found, status=400)
        try:
            revision = self.store.save(entry.id, entry.to_data(), user.name, based_on, note=form.note.strip())
        except Conflict as conflict:
            newest = conflict.newest
            self.area.audit(user, "answer_conflict", request, entry=entry.id, based_on=based_on, newest=newest.id,
                            newest_author=newest.author)  # fmt: skip
            form.based_on, form.exists = str(newest.id), True
            return self.edit_page(
                request, user, form, status=409, conflict=newest, was_new=based_on is None,
                theirs=readable(entry.id, newest.data), mine=readable(entry.id, entry.to_data()),
            )  # fmt: skip
        self.area.audit(user, "answer_saved", request, entry=entry.id, revision=revision.id, based_on=based_on)
        return RedirectResponse(f"/staff/odgovori/uredi/{entry.id}?shranjeno={revision.id}", status_code=303)

    def differences(self, request: Request, user: StaffUser) -> Response:
        entry_id = request.path_params["entry_id"]
        history = self.store.history(entry_id)
        by_id = {rev.id: rev for rev in history}
        params = request.query_params
        new = by_id.get(_int(params.get("do")) or 0) if params.get("do") else (history[0] if history else None)
        if new is None:
            return self.message(request, user, "Razlike", "Te revizije tega odgovora ni.", 404)
        ordered = [rev.id for rev in history]
        if params.get("od"):
            old = by_id.get(_int(params.get("od")) or 0)
            if old is None:
                return self.message(request, user, "Razlike", "Te revizije tega odgovora ni.", 404)
        else:
            index = ordered.index(new.id)
            old = history[index + 1] if index + 1 < len(history) else None
        lines = diff(readable(entry_id, old.data) if old else [], readable(entry_id, new.data))
        return self.html("answer_diff.html", request, user, f"Razlike: {entry_id}", entry_id=entry_id, old=old,
                         new=new, lines=lines, contact=entry_id == CONTACT_ID)  # fmt: skip

    # --- publishing ---------------------------------------------------------------------------------------
    def publish(self, request: Request, user: StaffUser, fields: FormData) -> Response:
        wanted = [str(value) for value in fields.getlist("izbrano") if str(value)]
        try:
            publication = self.store.publish(user.name, wanted, allow_own=self.self_publish, check=check)
        except NotAllowed as refusal:
            self.area.audit(user, "answers_publish_refused", request, entries=",".join(wanted), reason=str(refusal))
            return self.overview(request, user, errors=str(refusal).split("\n"), status=400)
        details: dict[str, object] = {"publication": publication.id, "entries": ",".join(wanted)}
        if publication.self_approved:
            details |= {"self_approved": True,
                        "note": "objavitelj je objavil osnutek, ki ga je napisal sam (STAFF_SELF_PUBLISH=true)"}  # fmt: skip
        self.area.audit(user, "answers_published", request, **details)
        metrics.publication("publish", publication.created_at)
        return RedirectResponse(f"/staff/odgovori?objava={publication.id}", status_code=303)

    def withdraw(self, request: Request, user: StaffUser, fields: FormData) -> Response:
        entry_id = str(fields.get("odgovor", ""))
        try:
            publication = self.store.withdraw(user.name, entry_id)
        except NotAllowed as refusal:
            self.area.audit(user, "answer_withdraw_refused", request, entry=entry_id)
            return self.overview(request, user, errors=[str(refusal)], status=400)
        self.area.audit(user, "answer_withdrawn", request, entry=entry_id, publication=publication.id)
        metrics.publication("withdraw", publication.created_at)
        return RedirectResponse(f"/staff/odgovori?umik={publication.id}", status_code=303)

    def restore(self, request: Request, user: StaffUser, fields: FormData) -> Response:
        earlier = request.path_params["n"]
        try:
            # Not checked again: it passed the checks when it was first published, and a rollback must work
            # when something has gone wrong.
            publication = self.store.restore(user.name, earlier if earlier < MAX_ID_NUMBER else 0)
        except NotAllowed as refusal:
            self.area.audit(user, "publication_restore_refused", request, restores=earlier)
            return self.publications(request, user, errors=[str(refusal)], status=400)
        self.area.audit(user, "publication_restored", request, restores=earlier, publication=publication.id)
        metrics.publication("restore", publication.created_at)
        return RedirectResponse(f"/staff/odgovori?ponovno={publication.id}", status_code=303)

    def publications(
        self, request: Request, user: StaffUser, errors: Iterable[str] = (), status: int = 200
    ) -> Response:
        items = self.store.publications()
        return self.html("answer_publications.html", request, user, "Objave odgovorov", status=status,
                         publications=items, errors=list(errors), contact_id=CONTACT_ID)  # fmt: skip

    # --- the preview --------------------------------------------------------------------------------------
    def preview(self, request: Request, user: StaffUser, fields: FormData | None = None) -> Response:
        question = " ".join(str(fields.get("vprasanje", "")).split())[:MAX_PREVIEW] if fields else ""
        language = str(fields.get("jezik", "sl")) if fields else "sl"
        language = language if language in LANGUAGES else "sl"
        sides: list[Side] = []
        if question:
            publication = self.store.publication()
            drafts = self.matchers.drafts(self.store.newest_revisions())
            published = self.matchers.published(publication)
            sides = [
                side("Z osnutki (najnovejša različica vsakega odgovora)", drafts, drafts.verdict(question, language),
                     language),
                side(f"Z objavljenim (objava št. {publication.id})" if publication.id else "Z objavljenim (še nič)",
                     published, published.verdict(question, language), language),
            ]  # fmt: skip
            self.area.audit(user, "answer_preview", request, language=language)
        return self.html("answer_preview.html", request, user, "Preizkusi vprašanje", question=question,
                         language=language, sides=sides, languages=LANGUAGE_NAMES)  # fmt: skip

    def preview_form(self, request: Request, user: StaffUser, fields: FormData) -> Response:
        return self.preview(request, user, fields)

    # --- the contact details ------------------------------------------------------------------------------
    def contact(
        self,
        request: Request,
        user: StaffUser,
        values: Mapping[str, Mapping[str, str]] | None = None,
        based_on: int | None = None,
        *,
        status: int = 200,
        **context: Any,
    ) -> Response:
        from knowledge import knowledge_base

        history = self.store.history(CONTACT_ID)
        if values is None:
            newest_data = next((rev.data for rev in history if rev.data is not None), None) or {}
            values = {key: dict(newest_data.get(key) or {}) for key in CONTACT_FIELDS}
            based_on = history[0].id if history else None
        publication = self.store.publication()
        published = publication.contact()
        website = knowledge_base("sl").contact
        rows = [
            (key, label, (values.get(key) or {}).get("text", ""), (values.get(key) or {}).get("source", ""),
             getattr(getattr(website, key, None), "text", "") or "", (published.get(key) or {}).get("text", ""))
            for key, label in CONTACT_FIELDS.items()
        ]  # fmt: skip
        saved = _int(request.query_params.get("shranjeno"))
        newest = history[0] if history else None
        in_use = publication.revisions.get(CONTACT_ID)
        waiting = newest is not None and (in_use is None or in_use.id != newest.id)
        return self.html(
            "answer_contact.html", request, user, "Kontaktni podatki", status=status, rows=rows,
            based_on=based_on or "", history=history[:10], newest=newest, waiting=waiting, contact_id=CONTACT_ID,
            saved=f"Kontaktni podatki so shranjeni kot osnutek (revizija {saved}); objavi jih objavitelj."
            if saved else "", self_publish=self.self_publish, **context,
        )  # fmt: skip

    def contact_page(self, request: Request, user: StaffUser) -> Response:
        return self.contact(request, user)

    def save_contact(self, request: Request, user: StaffUser, fields: FormData) -> Response:
        from staff_answers.checks import contact_problems  # imports the matcher too: only when contact is saved

        typed = {key: {"text": " ".join(str(fields.get(key, "")).split()),
                       "source": " ".join(str(fields.get(f"{key}-vir", "")).split())}
                 for key in CONTACT_FIELDS}  # fmt: skip
        data = {key: detail for key, detail in typed.items() if detail["text"]}
        based_on = _int(fields.get("based_on"))
        found = contact_problems(data)
        if found:
            self.area.audit(user, "contact_save_refused", request, problems=len(found))
            return self.contact(request, user, typed, based_on, status=400, problems=found)
        try:
            revision = self.store.save(CONTACT_ID, data, user.name, based_on, note=str(fields.get("opomba", "")))
        except Conflict as conflict:
            newest = conflict.newest
            self.area.audit(user, "contact_conflict", request, newest=newest.id, newest_author=newest.author)
            return self.contact(request, user, typed, newest.id, status=409, conflict=newest,
                                theirs=readable(CONTACT_ID, newest.data), mine=readable(CONTACT_ID, data))  # fmt: skip
        self.area.audit(user, "contact_saved", request, revision=revision.id, based_on=based_on)
        return RedirectResponse(f"/staff/odgovori/kontakt?shranjeno={revision.id}", status_code=303)

    def routes(self) -> list[Route]:
        area = self.area

        def post(handler: Callable[[Request, StaffUser, FormData], Response], role: str) -> Any:
            return area.form_page(handler, role=role, action=None)

        return [
            Route("/odgovori", area.page(self.overview, role=EDITOR), methods=["GET"]),
            Route("/odgovori.yml", area.page(self.export, role=EDITOR), methods=["GET"]),
            Route("/odgovori/nov", area.page(self.new, role=EDITOR), methods=["GET"]),
            Route("/odgovori/uredi/{entry_id:str}", area.page(self.edit, role=EDITOR), methods=["GET"]),
            Route("/odgovori/shrani", post(self.save, EDITOR), methods=["POST"]),
            Route("/odgovori/objavi", post(self.publish, PUBLISHER), methods=["POST"]),
            Route("/odgovori/umakni", post(self.withdraw, PUBLISHER), methods=["POST"]),
            Route("/odgovori/objave", area.page(self.publications, role=EDITOR), methods=["GET"]),
            Route("/odgovori/objave/{n:int}/ponovno", post(self.restore, PUBLISHER), methods=["POST"]),
            Route("/odgovori/razlike/{entry_id:str}", area.page(self.differences, role=EDITOR), methods=["GET"]),
            Route("/odgovori/preizkus", area.page(self.preview, role=EDITOR), methods=["GET"]),
            Route("/odgovori/preizkus", post(self.preview_form, EDITOR), methods=["POST"]),
            Route("/odgovori/kontakt", area.page(self.contact_page, role=EDITOR), methods=["GET"]),
            Route("/odgovori/kontakt", post(self.save_contact, EDITOR), methods=["POST"]),
        ]

"""Questions the knowledge base answers. Plain Python: no Rasa, no text composition."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from knowledge.contact import overlaid
from knowledge.schema import (
    Border,
    CannedReply,
    CaseForms,
    Centre,
    CentreInfo,
    ContactDetail,
    ContactInfo,
    Fact,
    HelpLinesFile,
    KoperFile,
    LanguagesFile,
    Municipality,
    MunicipalitySettlements,
    PracticalTopic,
    Prepositions,
    QuestionWordsFile,
    Ranking,
    SettlementsFile,
    Source,
    Task,
    WidgetLabels,
)


class UnknownName(KeyError):
    """A task id, municipality name or fact id that the knowledge base does not hold."""


@dataclass(frozen=True)
class KnowledgeBase:
    municipalities: list[Municipality]
    settlements: SettlementsFile
    centres: list[Centre]
    tasks: list[Task]
    centre: CentreInfo
    koper: KoperFile
    help_lines: HelpLinesFile
    replies: dict[str, CannedReply]
    languages: LanguagesFile
    question_words: QuestionWordsFile
    contact: ContactInfo  # the centre's contact details, each with its provenance; answers read them only here
    practical: list[PracticalTopic]  # practical questions answered from `contact` or with "I do not have it"
    widget: WidgetLabels  # the chat widget's words (widget.yml)
    sources: dict[str, Source] = field(default_factory=dict)  # sources.yml, with `cited` in this language
    elsewhere: list[str] = field(default_factory=list)  # practical.yml: other offices people ask the way to
    language: str = "sl"  # the language of every text above, one of languages.yml `served` (load_knowledge_base)
    # How answers show a municipality or settlement where the language has a name of its own ("Capodistria
    # (Koper)"), by (municipality, name): "Škocjan" of Koper has an Italian name, Škocjan of Divača none.
    display_names: dict[tuple[str, str], str] = field(default_factory=dict)
    # A language that declines place names (Croatian): each municipality's case forms in it, by its Slovenian name,
    # and the prepositions before them ("u Kopru", "iz Kopra"). Empty for Slovenian, whose forms the municipalities
    # hold, and for languages that do not decline names.
    place_forms: dict[str, CaseForms] = field(default_factory=dict)
    prepositions: Prepositions | None = None
    _by_name: dict[str, Municipality] = field(init=False, repr=False)
    _task_by_id: dict[str, Task] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {m.name: m for m in self.municipalities})
        object.__setattr__(self, "_task_by_id", {t.id: t for t in self.tasks})

    def municipality(self, name: str) -> Municipality:
        try:
            return self._by_name[name]
        except KeyError:
            raise UnknownName(name) from None

    def display_name(self, name: str, municipality: str | None = None) -> str:
        """A municipality's name, or a settlement's of `municipality`, as answers in this language show it;
        the name itself where the language has none of its own (always, in Slovenian)."""
        return self.display_names.get((municipality or name, name), name)

    def task(self, task_id: str) -> Task:
        try:
            return self._task_by_id[task_id]
        except KeyError:
            raise UnknownName(task_id) from None

    def has_municipality(self, name: str) -> bool:
        return name in self._by_name

    def has_task(self, task_id: str) -> bool:
        return task_id in self._task_by_id

    def task_municipalities(self, task_id: str) -> list[Municipality]:
        """The municipalities a task covers, in the order of municipalities.yml."""
        covers = self.task(task_id).covers
        if covers.municipalities is not None:
            names = set(covers.municipalities)
        else:
            names = {name for centre in self.centres if centre.id in covers.centres for name in centre.municipalities}
        return [m for m in self.municipalities if m.name in names]

    def task_centres(self, task_id: str) -> list[Centre]:
        """The centres whose areas hold the municipalities a task covers, in the order of centres.yml: the
        seed defines some tasks by centres, others by municipalities, and people ask either way."""
        covered = {m.name for m in self.task_municipalities(task_id)}
        return [c for c in self.centres if covered.intersection(c.municipalities)]

    def task_covers(self, task_id: str, municipality_name: str) -> bool:
        return any(m.name == municipality_name for m in self.task_municipalities(task_id))

    def municipality_tasks(self, municipality_name: str) -> list[Task]:
        """The regional tasks that cover a municipality, in the order of tasks.yml."""
        self.municipality(municipality_name)
        return [t for t in self.tasks if self.task_covers(t.id, municipality_name)]

    def settlement_list(self, municipality_name: str) -> MunicipalitySettlements:
        """A municipality's entry of settlements.yml."""
        self.municipality(municipality_name)
        return next(e for e in self.settlements.municipalities if e.municipality == municipality_name)

    def settlements_of(self, municipality_name: str) -> list[str]:
        """The settlements of a municipality in the register's order (their official Slovenian names)."""
        return [settlement.sl for settlement in self.settlement_list(municipality_name).settlements]

    def uncovered_municipalities(self, task_id: str) -> list[Municipality]:
        """The municipalities of the region a task does not cover, in the order of municipalities.yml."""
        covered = {m.name for m in self.task_municipalities(task_id)}
        return [m for m in self.municipalities if m.name not in covered]

    def centre_for(self, municipality_name: str) -> Centre:
        self.municipality(municipality_name)
        return next(c for c in self.centres if municipality_name in c.municipalities)

    def regular_area(self) -> Municipality:
        return self.municipality(self.centre.regular_area.municipality)

    def own_centre(self) -> Centre:
        """This centre: the one whose regular area the knowledge base describes (CSD Koper)."""
        return self.centre_for(self.centre.regular_area.municipality)

    def is_regular_area(self, municipality_name: str) -> bool:
        return municipality_name == self.centre.regular_area.municipality

    def is_city_municipality(self, name: str) -> bool:
        """Koper is a mestna občina, "comune città" (koper.yml); the other nine are občine."""
        return name == self.koper.municipality

    def koper_fact(self, fact_id: str) -> Fact:
        for fact in self.koper.facts:
            if fact.id == fact_id:
                return fact
        raise UnknownName(fact_id)

    def koper_ranking(self, fact_id: str) -> Ranking | None:
        """Koper's place by the measure of a fact, where the seed ranks it (the area, the settlements)."""
        return next((ranking for ranking in self.koper.rankings if ranking.fact == fact_id), None)

    def koper_overview(self) -> list[Fact]:
        return [self.koper_fact(fact_id) for fact_id in self.koper.overview]

    def koper_borders(self) -> list[Border]:
        return list(self.koper.borders)

    def overlaid(self, overrides: Mapping[str, ContactDetail]) -> KnowledgeBase:
        """This knowledge base with staff-published contact details over its own (`knowledge.contact.overlaid`).
        A detail that names a `source` must name one that answers can cite."""
        for name, detail in overrides.items():
            if detail.source is not None and (
                detail.source not in self.sources or not self.sources[detail.source].cited
            ):
                raise ValueError(f"{name}: source {detail.source!r} is not a source of sources.yml with `cited`")
        return replace(self, contact=overlaid(self.contact, overrides))

    def reply(self, name: str) -> CannedReply:
        """One of the assistant's conversational replies (conversation.yml)."""
        try:
            return self.replies[name]
        except KeyError:
            raise UnknownName(name) from None

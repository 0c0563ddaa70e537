"""The turns whose replies tools/record_replies.py records: a broad set in Slovenian and Italian, written here
(never copied from the shared evaluation sets), with places and tasks taken from the knowledge base so that
every municipality and every task is asked about.

A turn is what the action server sees below the NLU model: the intent the classifier would give, the text, the
conversation's slots. Its replies then depend on the actions and the knowledge base only, never on a trained
model. A call is one reply function the gateway (or nobody yet) calls directly, with plain arguments.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from knowledge import knowledge_base
from knowledge.query import KnowledgeBase

LANGUAGES = ("sl", "it")


@dataclass(frozen=True)
class Turn:
    """One message to one action; `staff` names the file of staff answers published for it, if any."""

    id: str
    language: str
    intent: str
    text: str
    slots: dict[str, str] = field(default_factory=dict)
    confidence: float = 0.9
    ranking: tuple[tuple[str, float], ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)
    entities: tuple[dict[str, str], ...] = ()
    staff: str | None = None

    def as_data(self) -> dict[str, Any]:
        """The turn as the fixture stores it: fields left at their defaults are left out."""
        data = asdict(self)
        defaults = Turn("", "", "", "")
        out = {k: v for k, v in data.items() if k in ("id", "language", "intent", "text") or v != getattr(defaults, k)}
        if "ranking" in out:
            out["ranking"] = [list(item) for item in self.ranking]
        if "entities" in out:
            out["entities"] = [dict(item) for item in self.entities]
        return out

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Turn:
        return cls(
            **{
                **data,
                "ranking": tuple((name, float(conf)) for name, conf in data.get("ranking", ())),
                "entities": tuple(data.get("entities", ())),
            }
        )


@dataclass(frozen=True)
class Call:
    """One reply function called directly: `function` of the language's answers, with plain arguments."""

    id: str
    language: str
    function: str
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)

    def as_data(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "language": self.language, "function": self.function}
        if self.args:
            out["args"] = list(self.args)
        if self.kwargs:
            out["kwargs"] = dict(self.kwargs)
        return out

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Call:
        return cls(data["id"], data["language"], data["function"], tuple(data.get("args", ())), data.get("kwargs", {}))


# How people name each task in a question, in each language: short, everyday words of our own.
TASK_WORDS = {
    "sl": {
        "interventna_sluzba": "interventna služba",
        "koordinacija_nasilje": "koordinacija za nasilje",
        "alternativno_izvajanje_kazni": "alternativno izvajanje kazni",
        "nacionalni_program": "nacionalni program socialnega varstva",
        "pomoc_na_domu": "pomoč na domu",
        "obravnava_v_skupnosti": "obravnava v skupnosti",
    },
    "it": {
        "interventna_sluzba": "il servizio di intervento",
        "koordinacija_nasilje": "il coordinamento sulla violenza",
        "alternativno_izvajanje_kazni": "l'esecuzione alternativa della pena",
        "nacionalni_program": "il programma nazionale di assistenza sociale",
        "pomoc_na_domu": "l'assistenza domiciliare",
        "obravnava_v_skupnosti": "la presa in carico nella comunità",
    },
}
# Italian names of the municipalities as an Italian speaker writes them in a question.
ITALIAN_NAMES = {
    "Koper": "Capodistria",
    "Izola": "Isola",
    "Piran": "Pirano",
    "Sežana": "Sesana",
    "Divača": "Divaccia",
    "Hrpelje-Kozina": "Erpelle-Cosina",
    "Komen": "Comeno",
    "Ilirska Bistrica": "Bisterza",
    "Postojna": "Postumia",
    "Pivka": "San Pietro del Carso",
}
# Settlements asked about: two of each municipality, names shared by two municipalities or standing for two
# settlements, and settlements with an Italian name of their own.
SETTLEMENTS_SL = {
    "Dekani": "v Dekanih",
    "Bertoki": "na Bertokih",
    "Škofije": "na Škofijah",
    "Jagodje": "v Jagodju",
    "Korte": "v Kortah",
    "Lucija": "v Luciji",
    "Sečovlje": "v Sečovljah",
    "Lokev": "v Lokvi",
    "Tomaj": "v Tomaju",
    "Škocjan": "v Škocjanu",
    "Vremski Britof": "v Vremskem Britofu",
    "Kozina": "v Kozini",
    "Materija": "v Materiji",
    "Štanjel": "v Štanjelu",
    "Gorjansko": "v Gorjanskem",
    "Knežak": "v Knežaku",
    "Podgrad": "v Podgradu",
    "Prestranek": "v Prestranku",
    "Studeno": "v Studenem",
    "Košana": "v Košani",
    "Šmihel": "v Šmihelu",
    "Črni Kal": "v Črnem Kalu",
}
SETTLEMENTS_IT = ["Decani", "Lucia", "Sicciole", "Portorose", "Strugnano", "Dekani", "Lokev", "Kozina", "Prestranek"]
OUTSIDE_SL = {"Maribor": "Maribor", "Ljubljana": "Ljubljano", "Nova Gorica": "Novo Gorico", "Kranj": "Kranj"}
OUTSIDE_IT = ["Trieste", "Lubiana", "Maribor"]
COUNTS = (0, 1, 2, 3, 4, 5, 7, 10, 11, 30, 101, 102, 103, 104, 105, 111, 1000)


def _turn(turns: list[Turn], language: str, intent: str, text: str, **extra: Any) -> None:
    turns.append(Turn(f"{language}-{len(turns) + 1:04d}", language, intent, text, **extra))


def turns() -> list[Turn]:
    """Every recorded turn, Slovenian first, each with an id stable as long as the list is only appended to."""
    found: list[Turn] = []
    _slovenian(found, knowledge_base("sl"))
    _italian(found, knowledge_base("it"))
    _staff(found)
    return found


def _slovenian(out: list[Turn], kb: KnowledgeBase) -> None:
    def add(intent: str, text: str, **extra: Any) -> None:
        _turn(out, "sl", intent, text, **extra)

    words = TASK_WORDS["sl"]
    # Every task and every municipality.
    for task in words.values():
        for m in kb.municipalities:
            add("ask_task_covers_municipality", f"Ali {task} pokriva {m.forms.accusative}?")
    for task in words.values():
        add("ask_task_coverage", f"Katere občine pokriva {task}?")
        add("ask_task_coverage", f"Koliko občin pokriva {task}?")
        add("ask_task_coverage", f"Katerih občin {task} ne pokriva?")
        add("ask_centres", f"Za katere centre se izvaja {task}?")
        add("ask_services", f"Kaj je {task}?")
        add("ask_task_covers_municipality", f"Ali {task} pokriva tudi našo občino?")
    for m in kb.municipalities:
        f = m.forms
        add("ask_tasks_for_municipality", f"Kaj delate za {f.accusative}?")
        add("ask_centres", f"Kateri center za socialno delo je pristojen za {f.accusative}?")
        add("ask_regular_area", f"Ali ste pristojni za {f.accusative}?")
        add("ask_regular_area", f"Ali je CSD Sežana pristojen za {f.accusative}?")
        add("mok_settlements", f"Koliko naselij ima občina {f.nominative}?")
        add("mok_settlements", f"Katera naselja so v občini {f.nominative}?")
        add("ask_practical_info", f"Kje je center za socialno delo v {f.locative}?")
    # Settlements, alone and with a task.
    for name, where in SETTLEMENTS_SL.items():
        add("ask_tasks_for_municipality", f"Živim {where}. Kaj lahko naredite za nas?")
        add("ask_task_covers_municipality", f"Ali pomoč na domu deluje tudi {where}?")
        add("ask_centres", f"Kdo je pristojen za {name}?")
        add("ask_regular_area", f"Stanujemo {where}, ste vi pristojni za nas?")
    # Two places, places outside the region, which not, counts.
    add("ask_task_covers_municipality", "Ali interventna služba pokriva Izolo in Sežano?")
    add("ask_task_covers_municipality", "Ali pomoč na domu pokriva Koper, Pivko in Komen?")
    add("ask_task_covers_municipality", "Ali obravnava v skupnosti velja za Postojno in za Dekane?")
    add("ask_tasks_for_municipality", "Kaj delate za Piran in Ilirsko Bistrico?")
    add("ask_centres", "Kateri centri so pristojni za Divačo in Hrpelje-Kozino?")
    add("ask_regular_area", "Ali ste pristojni za Izolo in Koper?")
    for accusative in OUTSIDE_SL.values():
        add("ask_task_covers_municipality", f"Ali interventna služba pokriva {accusative}?")
        add("ask_tasks_for_municipality", f"Kaj delate za {accusative}?")
        add("ask_centres", f"Kateri center je pristojen za {accusative}?")
        add("ask_regular_area", f"Ste pristojni tudi za {accusative}?")
    add("ask_task_covers_municipality", "Ali pomoč na domu pokriva Koper in Maribor?")
    add("ask_tasks_for_municipality", "Kaj delate za Maribor in Kranj?")
    add("ask_task_coverage", "Katere občine pomoč na domu in interventna služba ne pokrivata?")
    add("ask_task_coverage", "Koliko občin pokrivajo interventna služba in koordinacija za nasilje?")
    # Follow-ups after each kind of question.
    after_covers = {"topic": "task_covers", "task": "interventna_sluzba", "municipality": "Izola"}
    after_coverage = {"topic": "task_coverage", "task": "pomoc_na_domu"}
    after_municipality = {"topic": "municipality_tasks", "municipality": "Sežana"}
    after_centre = {"topic": "centre", "municipality": "Piran"}
    after_regular = {"topic": "regular_work", "municipality": "Koper"}
    for m in kb.municipalities:
        add("follow_up", f"Kaj pa {m.forms.nominative}?", slots=after_covers)
    for slots in (after_covers, after_coverage, after_municipality, after_centre, after_regular):
        add("follow_up", "Pa za Postojno?", slots=slots)
        add("follow_up", "Kaj pa Dekani?", slots=slots)
        add("follow_up", "Pa pomoč na domu?", slots=slots)
        add("follow_up", "Koliko pa jih je?", slots=slots)
        add("follow_up", "Katerih pa ne pokriva?", slots=slots)
        add("follow_up", "Kaj pa Trst?", slots=slots)
        add("ask_task_covers_municipality", "Kaj pa Komen?", slots=slots)
    add("follow_up", "kaj pa sezana", slots=after_covers)
    add("follow_up", "Pa koordinacija za nasilje v Piranu?", slots=after_coverage)
    # The centres and the tasks as a whole.
    add("ask_centres", "Kateri centri za socialno delo so v regiji?")
    add("ask_centres", "Koliko centrov za socialno delo je v regiji?")
    for centre in kb.centres:
        add("ask_task_coverage", f"Katere občine pokriva {centre.short_name}?")
        add("ask_centres", f"Koliko občin ima {centre.short_name}?")
    add("ask_task_coverage", "Katere regijske naloge izvajate?")
    add("ask_task_coverage", "Na koliko občin segajo vaše regijske naloge?")
    add("ask_task_covers_municipality", "Ali interventna služba pokriva mojo vas?")
    add("ask_tasks_for_municipality", "Kaj delate za našo občino?")
    # The centre's work and its area.
    add("ask_services", "Kaj dela center za socialno delo?")
    add("ask_services", "Ali izvajate tudi preventivne programe?")
    add("ask_services", "Ali se ukvarjate z varstvom otrok in družine?")
    add("ask_services", "Kaj delate v Komnu?")
    add("ask_regular_area", "Za katero območje ste pristojni?")
    add("ask_regular_area", "Katero območje pokriva pomoč na domu?")
    # Mestna občina Koper: every fact, the comparisons, the borders.
    koper_questions = {
        "mok_overview": "Povejte mi kaj o Mestni občini Koper.",
        "mok_status": "Ali je Koper mestna občina?",
        "mok_size": "Kako velika je občina Koper?",
        "mok_region": "V kateri regiji je Koper?",
        "mok_coastal": "Katere so obalne občine?",
        "mok_position": "Kje leži Koper?",
        "mok_immigration": "Od kod so se ljudje priselili v Koper?",
        "mok_countryside": "Kakšno je podeželje v koprski občini?",
        "mok_settlements": "Koliko naselij ima Koper?",
        "mok_cadastral": "Koliko katastrskih občin ima Koper?",
        "mok_local_communities": "Koliko krajevnih skupnosti je v Kopru?",
        "mok_borders": "S kom meji občina Koper?",
    }
    for intent, text in koper_questions.items():
        add(intent, text)
    add("mok_borders", "Kje meji Koper na Italijo?")
    add("mok_borders", "Kaj je na jugu in na vzhodu koprske občine?")
    add("mok_size", "Je Koper največja mestna občina?")
    add("mok_size", "Je Koper najmanjša mestna občina?")
    add("mok_size", "Katere mestne občine so večje od Kopra?")
    add("mok_size", "Koliko mestnih občin je večjih od Kopra?")
    add("mok_size", "Koliko mestnih občin je manjših od Kopra?")
    add("mok_size", "Katera po velikosti je Mestna občina Koper?")
    add("mok_settlements", "Ima Koper največ naselij med mestnimi občinami?")
    add("mok_settlements", "Katera mestna občina ima več naselij kot Koper?")
    add("mok_settlements", "Koliko mestnih občin ima manj naselij kot Koper?")
    add("mok_settlements", "Ali ima Pivka več naselij kot Postojna?")
    add("mok_size", "Je Koper večji od Ljubljane?")
    add("nlu_fallback", "Je Koper večji od Novega mesta?", ranking=(("nlu_fallback", 0.5), ("mok_size", 0.3)))
    # Practical questions: the contact details, what is not held, another centre.
    practical = [
        "Kakšen je vaš naslov?",
        "Kdaj imate uradne ure?",
        "Kakšna je vaša telefonska številka?",
        "Kakšen je vaš e-poštni naslov?",
        "Imate spletno stran?",
        "Kako vas lahko kontaktiram?",
        "Koliko znaša denarna pomoč?",
        "Kako oddam vlogo?",
        "Naslov in uradne ure, prosim.",
        "Kdaj ste odprti in koliko znaša pomoč?",
        "Kakšen je naslov CSD Izola?",
        "Kdaj ima uradne ure CSD Postojna?",
        "Koliko znaša pomoč v Pivki?",
    ]
    for text in practical:
        add("ask_practical_info", text)
    add("nlu_fallback", "kje vas najdem", ranking=(("nlu_fallback", 0.5), ("ask_practical_info", 0.35)))
    # Crisis and danger, distress, not knowing where to turn.
    crisis = [
        "Mož me tepe, pomagajte.",
        "Sosedov otrok je sam doma že dva dni in joka.",
        "Ne želim si več živeti.",
        "Oče je nasilen do mame, kaj naj naredim?",
        "Mož me pretepa. Ali koordinacija za nasilje pokriva Sežano?",
        "Hčerka se samopoškoduje, kam se lahko obrne?",
        "Partner mi grozi. Kje je vaš center?",
        "Ponoči je doma nasilje, kaj je interventna služba?",
    ]
    for text in crisis:
        add("crisis", text)
    add("ask_task_covers_municipality", "Otrok je v nevarnosti! Ali interventna služba pokriva Piran?")
    add("nlu_fallback", "Bojim se zanj, ker pije in razbija", ranking=(("nlu_fallback", 0.5), ("crisis", 0.45)))
    add("ask_services", "Ne zmorem več skrbeti za mamo, ali pomoč na domu pokriva Pivko?")
    add("crisis", "Čisto sem izčrpana od skrbi za očeta, kaj je pomoč na domu?")
    add("help", "Ne vem, na koga naj se obrnem.")
    add("crisis", "Ne vem, kam naj se obrnem, vse se mi podira.")
    add("ask_practical_info", "Pomagajte, nekdo mi grozi", metadata={"danger": "sl"})
    # Small talk, not understood, the language.
    small = {
        "greet": "Dober dan",
        "goodbye": "Nasvidenje",
        "thanks": "Hvala lepa",
        "bot_challenge": "Ali ste robot?",
        "help": "Kaj vas lahko vprašam?",
        "out_of_scope": "Kakšno bo vreme jutri?",
        "nlu_fallback": "asdf qwer",
    }
    for intent, text in small.items():
        add(intent, text)
    add(
        "greet",
        "Dober dan, katere občine pokriva interventna služba? Hvala.",
        ranking=(("greet", 0.6), ("ask_task_coverage", 0.3)),
    )
    add("thanks", "Hvala, kaj pa Pivka?", slots=after_covers, ranking=(("thanks", 0.6), ("follow_up", 0.3)))
    add("thanks", "Hvala za vse")
    add("set_language", '/set_language{"language":"it"}', entities=({"entity": "language", "value": "it"},))
    add("set_language", '/set_language{"language":"sl"}', entities=({"entity": "language", "value": "sl"},))
    # Buttons: a payload carries ids, not words.
    add(
        "ask_task_covers_municipality",
        '/ask_task_covers_municipality{"municipality":"Pivka","task":"pomoc_na_domu"}',
        entities=({"entity": "municipality", "value": "Pivka"}, {"entity": "task", "value": "pomoc_na_domu"}),
    )
    add("ask_centres", '/ask_centres{"municipality":"Komen"}', entities=({"entity": "municipality", "value": "Komen"},))
    add("ask_task_coverage", "/ask_task_coverage")


def _italian(out: list[Turn], kb: KnowledgeBase) -> None:
    def add(intent: str, text: str, **extra: Any) -> None:
        _turn(out, "it", intent, text, slots={"language": "it", **extra.pop("slots", {})}, **extra)

    words = TASK_WORDS["it"]
    for task in words.values():
        for m in kb.municipalities:
            add("ask_task_covers_municipality", f"{task.capitalize()} copre anche {ITALIAN_NAMES[m.name]}?")
    for task in words.values():
        add("ask_task_coverage", f"Quali comuni copre {task}?")
        add("ask_task_coverage", f"Quanti comuni copre {task}?")
        add("ask_task_coverage", f"Quali comuni non copre {task}?")
        add("ask_centres", f"Per quali centri si svolge {task}?")
        add("ask_services", f"Che cos'è {task}?")
    for m in kb.municipalities:
        name = ITALIAN_NAMES[m.name]
        add("ask_tasks_for_municipality", f"Che cosa fate per {name}?")
        add("ask_centres", f"Quale centro è competente per {name}?")
        add("ask_regular_area", f"Siete competenti per {name}?")
        add("mok_settlements", f"Quanti insediamenti ha il comune di {name}?")
        add("mok_settlements", f"Quali località ci sono nel comune di {name}?")
    for name in SETTLEMENTS_IT:
        add("ask_tasks_for_municipality", f"Abito a {name}, che cosa fate per noi?")
        add("ask_task_covers_municipality", f"L'assistenza domiciliare arriva anche a {name}?")
        add("ask_regular_area", f"Viviamo a {name}, siete competenti per noi?")
    add("ask_task_covers_municipality", "Il servizio di intervento copre Isola e Sesana?")
    add("ask_tasks_for_municipality", "Che cosa fate per Pirano e Postumia?")
    for name in OUTSIDE_IT:
        add("ask_task_covers_municipality", f"Il servizio di intervento copre {name}?")
        add("ask_tasks_for_municipality", f"Che cosa fate per {name}?")
        add("ask_centres", f"Quale centro è competente per {name}?")
    after_covers = {"topic": "task_covers", "task": "interventna_sluzba", "municipality": "Izola"}
    after_coverage = {"topic": "task_coverage", "task": "pomoc_na_domu"}
    after_centre = {"topic": "centre", "municipality": "Piran"}
    for m in kb.municipalities:
        add("follow_up", f"E {ITALIAN_NAMES[m.name]}?", slots=after_covers)
    for slots in (after_covers, after_coverage, after_centre):
        add("follow_up", "E per Postumia?", slots=slots)
        add("follow_up", "E l'assistenza domiciliare?", slots=slots)
        add("follow_up", "Quanti sono?", slots=slots)
        add("follow_up", "E quali non copre?", slots=slots)
    add("ask_centres", "Quali centri per l'assistenza sociale ci sono nella regione?")
    add("ask_centres", "Quanti centri ci sono nella regione?")
    for centre in kb.centres:
        add("ask_task_coverage", f"Quali comuni copre il {centre.short_name}?")
    add("ask_task_coverage", "Quali compiti regionali svolgete?")
    add("ask_task_coverage", "Quanti comuni raggiungono i vostri compiti regionali?")
    add("ask_tasks_for_municipality", "Che cosa fate per il nostro comune?")
    add("ask_services", "Di che cosa si occupa il centro?")
    add("ask_services", "Svolgete anche programmi di prevenzione?")
    add("ask_regular_area", "Per quale territorio siete competenti?")
    koper_questions = {
        "mok_overview": "Mi parli del Comune città di Capodistria.",
        "mok_status": "Capodistria è un comune città?",
        "mok_size": "Quanto è grande il comune di Capodistria?",
        "mok_region": "In quale regione si trova Capodistria?",
        "mok_coastal": "Quali sono i comuni costieri?",
        "mok_position": "Dove si trova Capodistria?",
        "mok_immigration": "Da dove sono arrivati gli abitanti di Capodistria?",
        "mok_countryside": "Com'è la campagna di Capodistria?",
        "mok_settlements": "Quanti insediamenti ha Capodistria?",
        "mok_cadastral": "Quanti comuni catastali ha Capodistria?",
        "mok_local_communities": "Quante comunità locali ci sono a Capodistria?",
        "mok_borders": "Con chi confina il comune di Capodistria?",
    }
    for intent, text in koper_questions.items():
        add(intent, text)
    add("mok_size", "Capodistria è il comune città più grande?")
    add("mok_size", "Quanti comuni città sono più grandi di Capodistria?")
    add("mok_settlements", "Quale comune città ha più insediamenti di Capodistria?")
    practical = [
        "Qual è il vostro indirizzo?",
        "Qual è l'orario d'ufficio?",
        "Qual è il vostro numero di telefono?",
        "Qual è il vostro indirizzo e-mail?",
        "Come posso contattarvi?",
        "A quanto ammonta l'aiuto in denaro?",
        "Come presento la domanda?",
        "Qual è l'indirizzo del CSD Izola?",
        "Indirizzo e orario, per favore.",
    ]
    for text in practical:
        add("ask_practical_info", text)
    crisis = [
        "Mio marito mi picchia, aiutatemi.",
        "Un bambino è solo in casa da due giorni.",
        "Non voglio più vivere.",
        "Mio padre è violento. Il servizio di intervento copre Pirano?",
        "Sono esausta, mia madre non è più autosufficiente: l'assistenza domiciliare copre Isola?",
    ]
    for text in crisis:
        add("crisis", text)
    add("help", "Non so a chi rivolgermi.")
    small = {
        "greet": "Buongiorno",
        "goodbye": "Arrivederci",
        "thanks": "Grazie mille",
        "bot_challenge": "Sei un robot?",
        "help": "Che cosa posso chiederLe?",
        "out_of_scope": "Che tempo farà domani?",
        "nlu_fallback": "xyz abc",
    }
    for intent, text in small.items():
        add(intent, text)
    add("set_language", '/set_language{"language":"it"}', entities=({"entity": "language", "value": "it"},))


# Staff answers asked about, in words of our own; each file is published for its turns only.
OWN_ANSWERS = "tests/eval/answers/entries.yml"
SHARED_ANSWERS = "../shared/eval/staff_answers_fixture.yml"
STAFF_QUESTIONS = {
    OWN_ANSWERS: [
        ("sl", "nlu_fallback", "Imamo štiri otroke. Nam pripada kakšen dodatek za družino?"),
        ("sl", "ask_services", "Ali pri vas urejamo posvojitev otroka?"),
        ("sl", "ask_practical_info", "Kako zaprosim za izredno denarno pomoč?"),
        ("sl", "nlu_fallback", "Otrokov oče že leto dni ne plačuje preživnine."),
        ("sl", "nlu_fallback", "Kdo plača pogreb, če svojci nimajo denarja?"),
        ("sl", "crisis", "Mož me tepe, a vseeno me zanima, kdo plača pogreb, če nimam denarja?"),
        ("it", "nlu_fallback", "Abbiamo quattro figli, ci spetta un assegno per la famiglia?"),
        ("it", "nlu_fallback", "Sono incinta e non lavoro, c'è uno starševski dodatek per me?"),
        ("sl", "nlu_fallback", "Zanima me dodatek za veliko družino in pa starševski dodatek."),
        ("sl", "nlu_fallback", "Kdo plača pogreb in kako postanem skrbnik?"),
        ("it", "ask_services", "Vi occupate anche di adozioni?"),
    ],
    SHARED_ANSWERS: [
        ("sl", "nlu_fallback", "Kje dobim obrazec za otroški dodatek za hčerko?"),
        ("sl", "nlu_fallback", "Ostal sem brez dohodkov, kako pridem do denarne socialne pomoči?"),
        ("sl", "ask_practical_info", "Kako plačam manj za vrtec?"),
        ("sl", "nlu_fallback", "Rad bi postal rejnik, kako začnem?"),
        ("it", "nlu_fallback", "Come si chiede l'assegno per i figli?"),
        ("it", "nlu_fallback", "La pensione non mi basta, c'è un supplemento?"),
        ("it", "nlu_fallback", "Come chiedo il varstveni dodatek?"),
    ],
}


def _staff(out: list[Turn]) -> None:
    for file, questions in STAFF_QUESTIONS.items():
        for language, intent, text in questions:
            slots = {"language": language} if language != "sl" else {}
            out.append(
                Turn(f"staff-{len(out) + 1:04d}", language, intent, text, slots=slots, confidence=0.5, staff=file)
            )


def calls() -> list[Call]:
    """Reply functions called directly, over every task, municipality, centre, fact and count."""
    out: list[Call] = []

    def add(language: str, function: str, *args: Any, **kwargs: Any) -> None:
        out.append(Call(f"call-{language}-{len(out) + 1:04d}", language, function, args, kwargs))

    for language in LANGUAGES:
        kb = knowledge_base(language)
        for name in kb.replies:
            add(language, "canned", name)
        add(language, "emergency")
        add(language, "emergency", young=True)
        add(language, "gentle_line")
        add(language, "first_help")
        for other in kb.help_lines.other_languages:
            add(language, "emergency_in", other)
        for noun in ("municipalities", "centres", "settlements", "days"):
            for count in COUNTS:
                add(language, "quantity", count, noun)
        add(language, "tasks_overview")
        add(language, "tasks_overview", count=True)
        add(language, "centres_overview")
        add(language, "centres_count")
        add(language, "regular_area")
        add(language, "services", [])
        add(language, "services", [a.id for a in kb.centre.activities[:2]])
        add(language, "unknown_municipality")
        for task in kb.tasks:
            add(language, "task_coverage", task.id)
            add(language, "task_coverage", task.id, count=True)
            add(language, "task_description", task.id)
            add(language, "task_centres", task.id)
            add(language, "task_complement", task.id)
            add(language, "unknown_municipality", task.id)
        for m in kb.municipalities:
            add(language, "municipality_tasks", m.name)
            add(language, "centre_for", m.name)
            add(language, "settlement_list", m.name)
            add(language, "settlement_count", m.name)
            add(language, "in_municipality", m.name)
        for centre in kb.centres:
            add(language, "centre_area", centre.id)
        for fact in kb.koper.facts:
            add(language, "koper_fact", fact.id, [])
        add(language, "koper_fact", "borders", ["south", "east"])
        for ranking in kb.koper.rankings:
            for direction in ("more", "most", "less", "least", "rank"):
                for yes_no, count in ((False, False), (True, False), (False, True), (True, True)):
                    add(language, "comparison", ranking.fact, direction, yes_no=yes_no, count=count)
        for topic in kb.practical:
            add(language, "practical_info", [topic.id])
            add(language, "practical_info", [topic.id], "izola")
        add(language, "practical_info", [])
        add(language, "practical_info", ["address", "office_hours", "amounts", "apply"])
        add(language, "practical_info", ["amounts", "apply"], "postojna")
        for names in (["Maribor"], ["Maribor", "Kranj"], ["Trieste", "Lubiana", "Zagreb"]):
            add(language, "outside_place", names)
        add(language, "outside_centre", "Kranj")
        add(language, "outside_responsibility", "Kranj")
    return out

"""Load the pipeline: `spacy.load("sl_csd_pipeline")`, as Rasa's SpacyNLP does.

The pipeline has no trained weights, so it is built in code rather than read from disk.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import spacy
from spacy.lang.char_classes import ALPHA
from spacy.language import Language
from spacy.util import compile_infix_regex

from sl_csd_pipeline.lemmatizer import make_lemmatizer  # noqa: F401  (registers the factory)

META = json.loads((Path(__file__).parent / "meta.json").read_text(encoding="utf-8"))
# Italian elision, as spaCy's `it` tokenizer splits it: a letter and an apostrophe before a letter end a
# token ("l'assistenza" → "l'" + "assistenza", "dell’Istria" → "dell’" + "Istria"). Slovenian does not
# write apostrophes inside words, so its tokens stay as they were.
ELISION = rf"(?<=[{ALPHA}]['’])(?=[{ALPHA}])"


def load(*, disable: Any = (), exclude: Any = (), **_: Any) -> Language:
    nlp = spacy.blank(META["lang"])
    nlp.meta.update(META)
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, ELISION]).finditer
    # Rasa's SpacyNLP refuses a pipeline whose `path` is None (its sign of a stub that was not loaded);
    # this one is complete as built, and its package folder is where it comes from.
    nlp._path = Path(__file__).parent
    if "lemmagen_lemmatizer" not in set(exclude):
        nlp.add_pipe("lemmagen_lemmatizer")
        if "lemmagen_lemmatizer" in set([disable] if isinstance(disable, str) else disable):
            nlp.disable_pipe("lemmagen_lemmatizer")
    return nlp

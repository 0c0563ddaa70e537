"""Load the pipeline: `spacy.load("sl_csd_pipeline")`, as Rasa's SpacyNLP does.

The pipeline has no trained weights, so it is built in code rather than read from disk.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from sl_csd_pipeline.lemmatizer import make_lemmatizer  # noqa: F401  (registers the factory)

META = json.loads((Path(__file__).parent / "meta.json").read_text(encoding="utf-8"))


def load(*, disable: Any = (), exclude: Any = (), **_: Any) -> Language:
    nlp = spacy.blank(META["lang"])
    nlp.meta.update(META)
    # Rasa's SpacyNLP refuses a pipeline whose `path` is None (its sign of a stub that was not loaded);
    # this one is complete as built, and its package folder is where it comes from.
    nlp._path = Path(__file__).parent
    if "lemmagen_lemmatizer" not in set(exclude):
        nlp.add_pipe("lemmagen_lemmatizer")
        if "lemmagen_lemmatizer" in set([disable] if isinstance(disable, str) else disable):
            nlp.disable_pipe("lemmagen_lemmatizer")
    return nlp

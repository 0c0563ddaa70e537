"""A spaCy component that sets each token's lemma with lemmagen3's Slovenian model; a colloquial word
("tut", "kej", "jst") gets the lemma of the standard word it stands for (colloquial.json, generated from
the project's knowledge/data/question_words.yml).

No `from __future__ import annotations` here: spaCy reads the factory's annotations at run time.
"""

import json
import unicodedata
from pathlib import Path

from lemmagen3 import Lemmatizer
from spacy.language import Language
from spacy.tokens import Doc


class LemmagenLemmatizer:
    """Lemmatizes every token; lemmas are lower case so that "Kopru" and "kopru" agree."""

    def __init__(self) -> None:
        self._lemmatizer = Lemmatizer("sl")
        colloquial = Path(__file__).parent / "colloquial.json"
        self._standard = json.loads(colloquial.read_text(encoding="utf-8")) if colloquial.exists() else {}

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if token.is_alpha:
                word = self._standard.get(_folded(token.text), token.text)
                token.lemma_ = self._lemmatizer.lemmatize(word).lower()
            else:
                token.lemma_ = token.text.lower()
        return doc


@Language.factory("lemmagen_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> LemmagenLemmatizer:
    return LemmagenLemmatizer()


def _folded(text: str) -> str:
    """Lower case without diacritics, as the colloquial forms are written (knowledge.text.fold)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))

"""A spaCy component that sets each token's lemma with lemmagen3's Slovenian model.

No `from __future__ import annotations` here: spaCy reads the factory's annotations at run time.
"""

from lemmagen3 import Lemmatizer
from spacy.language import Language
from spacy.tokens import Doc


class LemmagenLemmatizer:
    """Lemmatizes every token; lemmas are lower case so that "Kopru" and "kopru" agree."""

    def __init__(self) -> None:
        self._lemmatizer = Lemmatizer("sl")

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if token.is_alpha:
                token.lemma_ = self._lemmatizer.lemmatize(token.text).lower()
            else:
                token.lemma_ = token.text.lower()
        return doc


@Language.factory("lemmagen_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> LemmagenLemmatizer:
    return LemmagenLemmatizer()

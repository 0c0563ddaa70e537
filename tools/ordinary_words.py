"""List the ordinary Slovenian words that knowledge/data/settlements.yml keeps apart from place names:

- `ordinary_words`: the one-word forms of settlement names that are also ordinary words ("dekani");
- `near_words`: the ordinary words that the resolver's typo tolerance would read as a place, even written as a
  name ("pijano" as Pirano, "sezona" as Sežana, "divani" as Divača).

Checks with Debian's Slovenian dictionary (`apt-get install hunspell hunspell-sl hunspell-tools`; `unmunch`
expands its stems into every word form); a developer's tool, run when settlements or names change, its
output read by hand before it is kept.

    python -m tools.ordinary_words
"""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

from knowledge import load_knowledge_base
from knowledge.inflection import place_forms
from knowledge.places import short_name
from knowledge.resolver import Resolver
from knowledge.text import fold

DICTIONARY = Path("/usr/share/hunspell/sl_SI")


def one_word_forms() -> set[str]:
    kb = load_knowledge_base()
    forms: set[str] = set()
    for entry in kb.settlements.municipalities:
        for settlement in entry.settlements:
            for name in filter(None, (settlement.sl, short_name(settlement.sl))):
                forms |= {form[0] for form in place_forms(name) if len(form) == 1}
    return forms


def ordinary(forms: set[str]) -> list[str]:
    """The forms hunspell accepts in lower case (its dictionary lists proper names capitalised)."""
    ordered = sorted(forms)
    unknown = subprocess.run(
        ["hunspell", "-d", "sl_SI", "-l"], input="\n".join(ordered), capture_output=True, text=True, check=True
    ).stdout.split()
    return sorted({fold(form) for form in set(ordered) - set(unknown)})


def dictionary_words() -> set[str]:
    """Every lower-case word form of the dictionary, folded (in the encoding its .aff names)."""
    aff = DICTIONARY.with_suffix(".aff")
    encoding = next(
        line.split()[1] for line in aff.read_text(encoding="latin-1").splitlines() if line.startswith("SET")
    )
    expanded = subprocess.run(
        ["unmunch", str(DICTIONARY.with_suffix(".dic")), str(aff)], capture_output=True, check=True
    )
    return {fold(word) for word in expanded.stdout.decode(encoding).split() if word.islower()}


def near(words: set[str]) -> list[str]:
    """The words the resolver, without today's `near_words`, reads as a typo of a place (Slovenian or Italian)."""
    kb = load_knowledge_base()
    kb = dataclasses.replace(kb, settlements=kb.settlements.copy(update={"near_words": []}))
    resolver = Resolver(kb, also=[load_knowledge_base(language="it")])
    return sorted(word for word in words if resolver.typo_of(word) is not None)


def main() -> None:
    print(f"ordinary_words: [{', '.join(ordinary(one_word_forms()))}]")
    print(f"near_words: [{', '.join(near(dictionary_words()))}]")


if __name__ == "__main__":
    main()

"""List the one-word forms of settlement names that are also ordinary Slovenian words, for the
`ordinary_words` list of knowledge/data/settlements.yml.

Checks every generated form with hunspell and Debian's Slovenian dictionary (`apt-get install hunspell
hunspell-sl`); a developer's tool, run when settlements change, its output read by hand before it is kept.

    python -m tools.ordinary_words
"""

from __future__ import annotations

import subprocess

from knowledge import load_knowledge_base
from knowledge.inflection import place_forms
from knowledge.places import short_name
from knowledge.text import fold


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


def main() -> None:
    print(f"ordinary_words: [{', '.join(ordinary(one_word_forms()))}]")


if __name__ == "__main__":
    main()

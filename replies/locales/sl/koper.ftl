## Mestna občina Koper compared with the other city municipalities, as the centre's presentation ranks it.
## $by: the measure ("po površini"); $municipality: Koper; $kind: "city" for a mestna
## občina, else "municipality"; $side: "ahead" (the others before Koper) or "behind" (after it); $number: how
## many others, counted ("dve mestni občini"); $count: that number, for the pronoun that refers to them.

comparison-counted = { CAPITAL($by) } ima { $kind ->
        [city] Mestna občina
       *[municipality] Občina
    } { $municipality } { $side ->
        [behind] za seboj
       *[ahead] pred seboj
    } { $number }.
# The same, when the presentation names none of them (a negated verb takes the genitive: je, ju, jih).
comparison-counted-unnamed = { CAPITAL($by) } ima { $kind ->
        [city] Mestna občina
       *[municipality] Občina
    } { $municipality } { $side ->
        [behind] za seboj
       *[ahead] pred seboj
    } { $number }, ki { $count ->
        [one] je
        [two] ju
       *[other] jih
    } predstavitev centra ne imenuje.
# After the presentation's own sentence, how many it leaves unnamed.
comparison-therefore = { $side ->
        [behind] Za seboj
       *[ahead] Pred seboj
    } ima torej { $number }.
comparison-therefore-unnamed = { $side ->
        [behind] Za seboj
       *[ahead] Pred seboj
    } ima torej { $number }, ki { $count ->
        [one] je
        [two] ju
       *[other] jih
    } predstavitev centra ne imenuje.

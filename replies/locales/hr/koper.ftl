## Gradska općina Koper compared with the other city municipalities, as the centre's presentation ranks it.
## $by: the measure ("po površini"); $municipality: Koper; $kind: "city" for a gradska općina, else
## "municipality"; $side: "ahead" (the others before Koper) or "behind" (after it); $number: how many others,
## counted ("dvije gradske općine"); $count: that number, for the pronoun that refers to them.

comparison-counted = { CAPITAL($by) } { $kind ->
        [city] Gradska općina
       *[municipality] Općina
    } { $municipality } ima { $side ->
        [behind] iza sebe
       *[ahead] ispred sebe
    } { $number }.
# The same, when the presentation names none of them ("koju" for one, "koje" for more).
comparison-counted-unnamed = { CAPITAL($by) } { $kind ->
        [city] Gradska općina
       *[municipality] Općina
    } { $municipality } ima { $side ->
        [behind] iza sebe
       *[ahead] ispred sebe
    } { $number }, { $count ->
        [one] koju
       *[other] koje
    } prezentacija centra ne navodi.
# After the presentation's own sentence, how many it leaves unnamed.
comparison-therefore = { $side ->
        [behind] Iza sebe
       *[ahead] Ispred sebe
    } ima dakle { $number }.
comparison-therefore-unnamed = { $side ->
        [behind] Iza sebe
       *[ahead] Ispred sebe
    } ima dakle { $number }, { $count ->
        [one] koju
       *[other] koje
    } prezentacija centra ne navodi.

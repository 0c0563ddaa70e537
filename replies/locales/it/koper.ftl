## The Comune città di Capodistria compared with the other city municipalities, as the centre's presentation
## ranks it. $by: the measure ("per superficie"); $municipality: Capodistria; $kind:
## "city" for a comune città, else "municipality"; $side: "ahead" (the others before Capodistria) or "behind"
## (after it); $number: how many others, counted ("due comuni città"); $count: that number.

comparison-counted = { CAPITAL($by) } { $kind ->
        [city] il Comune città di
       *[municipality] il Comune di
    } { $municipality } ha { $side ->
        [behind] dietro di sé
       *[ahead] davanti a sé
    } { $number }.
# The same, when the presentation names none of them.
comparison-counted-unnamed = { CAPITAL($by) } { $kind ->
        [city] il Comune città di
       *[municipality] il Comune di
    } { $municipality } ha { $side ->
        [behind] dietro di sé
       *[ahead] davanti a sé
    } { $number }, che la presentazione del centro non nomina.
# After the presentation's own sentence, how many it leaves unnamed.
comparison-therefore = Ha quindi { $side ->
        [behind] dietro di sé
       *[ahead] davanti a sé
    } { $number }.
comparison-therefore-unnamed = Ha quindi { $side ->
        [behind] dietro di sé
       *[ahead] davanti a sé
    } { $number }, che la presentazione del centro non nomina.

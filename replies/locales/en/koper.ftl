## The City Municipality of Koper compared with the other city municipalities, as the centre's presentation
## ranks it. $by: the measure ("by area"); $municipality: Koper; $kind: "city" for a city municipality, else
## "municipality"; $side: "ahead" (the others before Koper) or "behind" (after it); $number: how many others,
## counted ("two city municipalities"); $count: that number.

comparison-counted = { CAPITAL($by) }, { $kind ->
        [city] the City Municipality of
       *[municipality] the Municipality of
    } { $municipality } has { $number } { $side ->
        [behind] behind it
       *[ahead] ahead of it
    }.
# The same, when the presentation names none of them.
comparison-counted-unnamed = { CAPITAL($by) }, { $kind ->
        [city] the City Municipality of
       *[municipality] the Municipality of
    } { $municipality } has { $number } { $side ->
        [behind] behind it
       *[ahead] ahead of it
    }, which the centre's presentation does not name.
# After the presentation's own sentence, how many it leaves unnamed.
comparison-therefore = So it has { $number } { $side ->
        [behind] behind it
       *[ahead] ahead of it
    }.
comparison-therefore-unnamed = So it has { $number } { $side ->
        [behind] behind it
       *[ahead] ahead of it
    }, which the centre's presentation does not name.

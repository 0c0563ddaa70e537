## The settlements of a municipality, by the register of spatial units (settlements.yml).
## $municipality: the municipality; $kind: "city" for a city municipality, else "municipality"; $count: how many
## settlements it has; $settlements: their names, shown as a list.

-register = According to the register of spatial units,
settlements-register-today = { -register } { $kind ->
        [city] the City Municipality of
       *[municipality] the Municipality of
    } { $municipality } has { count-settlements } today.
settlements-register-listed = { -register } { $kind ->
        [city] the City Municipality of
       *[municipality] the Municipality of
    } { $municipality } has { count-settlements }: { $settlements }.

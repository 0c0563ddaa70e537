## The settlements of a municipality, by the register of spatial units (settlements.yml).
## $municipality: the municipality; $kind: "city" for a comune città, else "municipality"; $count: how many
## settlements it has; $settlements: their names, shown as a list.

-register = Secondo il registro delle unità territoriali,
settlements-register-today = { -register } { $kind ->
        [city] il Comune città di
       *[municipality] il Comune di
    } { $municipality } conta oggi { count-settlements }.
settlements-register-listed = { -register } { $kind ->
        [city] il Comune città di
       *[municipality] il Comune di
    } { $municipality } conta { count-settlements }: { $settlements }.

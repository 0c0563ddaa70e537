## The settlements of a municipality, by the register of spatial units (settlements.yml).
## $municipality: the municipality; $kind: "city" for a gradska općina, else "municipality"; $count: how many
## settlements it has; $settlements: their names, shown as a list.

settlements-register-today = { $kind ->
        [city] Gradska općina
       *[municipality] Općina
    } { $municipality } prema registru prostornih jedinica danas ima { count-settlements }.
settlements-register-listed = { $kind ->
        [city] Gradska općina
       *[municipality] Općina
    } { $municipality } prema registru prostornih jedinica ima { count-settlements }: { $settlements }.

## The settlements of a municipality, by the register of spatial units (settlements.yml).
## $municipality: the municipality; $kind: "city" for a mestna občina, else "municipality"; $count: how many
## settlements it has; $settlements: their names, shown as a list.

settlements-register-today = { $kind ->
        [city] Mestna občina
       *[municipality] Občina
    } { $municipality } ima po registru prostorskih enot danes { count-settlements }.
settlements-register-listed = { $kind ->
        [city] Mestna občina
       *[municipality] Občina
    } { $municipality } ima po registru prostorskih enot { count-settlements }: { $settlements }.

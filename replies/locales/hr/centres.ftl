## The centres for social work of the region: which is responsible for a place, which municipalities each
## covers, what this centre does for a municipality, and where a settlement asked about lies.
## $municipality: a municipality (a place); $kind: "city" for a gradska općina, else "municipality";
## $municipalities: places, shown as a list; $count: how many; $centre: a centre's short name ("CSD Koper"),
## which Croatian does not decline, so it stands where the nominative does; $centre_name: a centre's full name.

answer-yes = Da
answer-no = Ne

# Lower case: it follows "Da, " or "Ne, "; a sentence of its own starts with a capital letter.
centre-for = za { PLACE($municipality, case: "acc") } je nadležan { $centre_name }.
that-is-us = To smo mi.
centre-municipalities = { $centre } pokriva općine { $municipalities }.
centre-area = { $centre } pokriva { count-municipalities }: { $municipalities }.
centres-count = Područje na kojem { $centre } obavlja regionalne zadaće obuhvaća { count-centres } za socijalni rad:
centres-overview = { $centre } obavlja regionalne zadaće za područje ovih centara za socijalni rad i njihovih općina:

# What this centre ($centre) does for a municipality: for that of its regular work, all of it; elsewhere, the
# regional tasks, and which centre does the regular work there.
municipality-tasks-regular = Za { $kind ->
        [city] Gradsku općinu
       *[municipality] općinu
    } { $municipality } { $centre } obavlja svu redovnu djelatnost (to je i područje Upravne jedinice { $municipality }), a osim toga i ove regionalne zadaće:
municipality-tasks = Za { PLACE($municipality, case: "acc") } { $centre } obavlja ove regionalne zadaće:
municipality-tasks-only = Za { PLACE($municipality, case: "acc") } { $centre } obavlja samo ove regionalne zadaće:
municipality-regular-centre = Za redovnu djelatnost centra za socijalni rad { PLACE($municipality, case: "loc") } nadležan je { $centre_name }.

# Where a settlement lies. The municipality is named in the nominative after "općini" ("u općini Piran").
in-municipality = { $kind ->
        [city] u Gradskoj općini
       *[municipality] u općini
    } { $municipality }
# $settlements: the settlements of one name ($name) in one municipality, shown as a list; $count: how many.
settlement-in = Naselje { $settlements } nalazi se { in-municipality }.
settlements-in = { $name }: naselja { $settlements } nalaze se { in-municipality }.
# Those settlements and their municipality, one part of the next message.
settlements-of-municipality = { $settlements } { in-municipality }
# $where: the parts above, one for each municipality, separated by semicolons.
settlements-in-several = Naselja s imenom { $name } nalaze se u više općina: { $where }.

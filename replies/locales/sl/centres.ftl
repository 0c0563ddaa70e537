## The centres for social work of the region: which is responsible for a place, which municipalities each
## covers, what this centre does for a municipality, and where a settlement asked about lies.
## $municipality: a municipality (a place); $kind: "city" for a mestna občina, else "municipality";
## $municipalities: places, shown as a list; $count: how many; $centre: a centre's short name ("CSD Koper");
## $centre_name: a centre's full name.

answer-yes = Da
answer-no = Ne

# Lower case: it follows "Da, " or "Ne, "; a sentence of its own starts with a capital letter.
centre-for = za { PLACE($municipality, case: "acc") } je pristojen { $centre_name }.
that-is-us = To smo mi.
centre-municipalities = { $centre } pokriva občine { $municipalities }.
centre-area = { $centre } pokriva { count-municipalities }: { $municipalities }.
centres-count = Območje regijskih nalog { $centre } obsega { count-centres } za socialno delo:
centres-overview = { $centre } regijske naloge izvaja za območje teh centrov za socialno delo in njihovih občin:

# What this centre ($centre) does for a municipality: for that of its regular work, all of it; elsewhere, the
# regional tasks, and which centre does the regular work there.
municipality-tasks-regular = Za { $kind ->
        [city] Mestno občino
       *[municipality] občino
    } { $municipality } { $centre } izvaja vso redno dejavnost (to je tudi območje Upravne enote { $municipality }), poleg tega pa še te regijske naloge:
municipality-tasks = Za { PLACE($municipality, case: "acc") } { $centre } izvaja te regijske naloge:
municipality-tasks-only = Za { PLACE($municipality, case: "acc") } { $centre } izvaja le te regijske naloge:
municipality-regular-centre = Za redno dejavnost centra za socialno delo je za { PLACE($municipality, case: "acc") } pristojen { $centre_name }.

# Where a settlement lies. The municipality is named in the nominative after "občini" ("v občini Piran").
in-municipality = { $kind ->
        [city] v Mestni občini
       *[municipality] v občini
    } { $municipality }
# $settlements: the settlements of one name ($name) in one municipality, shown as a list; $count: how many.
settlement-in = Naselje { $settlements } je { in-municipality }.
settlements-in = { $name }: { $count ->
        [2] naselji { $settlements } sta
       *[other] naselja { $settlements } so
    } { in-municipality }.
# Those settlements and their municipality, one part of the next message.
settlements-of-municipality = { $settlements } { in-municipality }
# $where: the parts above, one for each municipality, separated by semicolons.
settlements-in-several = Naselja z imenom { $name } so v več občinah: { $where }.

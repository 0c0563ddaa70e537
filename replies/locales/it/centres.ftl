## The centres for social work of the region: which is responsible for a place, which municipalities each
## covers, what this centre does for a municipality, and where a settlement asked about lies.
## $municipality: a municipality (a place); $kind: "city" for a comune città, else "municipality";
## $municipalities: places, shown as a list; $count: how many; $centre: a centre's short name ("CSD Koper");
## $centre_name: a centre's full name.

answer-yes = Sì
answer-no = No

# Lower case: it follows "Sì, " or "No, "; a sentence of its own starts with a capital letter.
centre-for = per { $municipality } è competente il { $centre_name }.
that-is-us = Siamo noi.
centre-municipalities = Il { $centre } copre i comuni di { $municipalities }.
centre-area = Il { $centre } copre { count-municipalities }: { $municipalities }.
centres-count = Il territorio dei compiti regionali del { $centre } comprende { count-centres } per l'assistenza sociale:
centres-overview = Il { $centre } svolge compiti regionali per il territorio di questi centri per l'assistenza sociale e dei loro comuni:

# What this centre ($centre) does for a municipality: for that of its regular work, all of it; elsewhere, the
# regional tasks, and which centre does the regular work there.
municipality-tasks-regular = Per { $kind ->
        [city] il Comune città di
       *[municipality] il Comune di
    } { $municipality }, il cui territorio coincide con quello dell'Unità amministrativa omonima, il { $centre } svolge tutta l'attività ordinaria e inoltre questi compiti regionali:
municipality-tasks = Per { $municipality } il { $centre } svolge questi compiti regionali:
municipality-tasks-only = Per { $municipality } il { $centre } svolge soltanto questi compiti regionali:
municipality-regular-centre = Per { $municipality }, l'attività ordinaria di centro per l'assistenza sociale spetta al { $centre_name }.

# Where a settlement lies.
in-municipality = { $kind ->
        [city] nel Comune città di
       *[municipality] nel Comune di
    } { $municipality }
# $settlements: the settlements of one name ($name) in one municipality, shown as a list; $count: how many.
settlement-in = La località { $settlements } si trova { in-municipality }.
settlements-in = Le località { $settlements } si trovano { in-municipality }.
# Those settlements and their municipality, one part of the next message.
settlements-of-municipality = { $settlements } { in-municipality }
# $where: the parts above, one for each municipality, separated by semicolons.
settlements-in-several = Località con questo nome si trovano in più comuni: { $where }.

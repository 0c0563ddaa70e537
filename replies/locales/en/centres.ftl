## The centres for social work of the region: which is responsible for a place, which municipalities each
## covers, what this centre does for a municipality, and where a settlement asked about lies.
## $municipality: a municipality (a place); $kind: "city" for a city municipality, else "municipality";
## $municipalities: places, shown as a list; $count: how many; $centre: a centre's short name ("CSD Koper");
## $centre_name: a centre's full name.

answer-yes = Yes
answer-no = No

# Lower case: it follows "Yes, " or "No, "; a sentence of its own starts with a capital letter.
centre-for = the { $centre_name } is responsible for { $municipality }.
that-is-us = That is us.
centre-municipalities = { $centre } covers the municipalities of { $municipalities }.
centre-area = { $centre } covers { count-municipalities }: { $municipalities }.
centres-count = The area of the regional tasks of { $centre } takes in { count-centres } for social work:
centres-overview = { $centre } carries out regional tasks for the area of these centres for social work and their municipalities:

# What this centre ($centre) does for a municipality: for that of its regular work, all of it; elsewhere, the
# regional tasks, and which centre does the regular work there.
municipality-tasks-regular = For { $kind ->
        [city] the City Municipality of
       *[municipality] the Municipality of
    } { $municipality }, whose area is also that of the { $municipality } administrative unit, { $centre } carries out all of its regular work and also these regional tasks:
municipality-tasks = For { $municipality }, { $centre } carries out these regional tasks:
municipality-tasks-only = For { $municipality }, { $centre } carries out only these regional tasks:
municipality-regular-centre = For the regular work of a centre for social work, the { $centre_name } is responsible for { $municipality }.

# Where a settlement lies.
in-municipality = in { $kind ->
        [city] the City Municipality of
       *[municipality] the Municipality of
    } { $municipality }
# $settlements: the settlements of one name ($name) in one municipality, shown as a list; $count: how many.
settlement-in = { $settlements } is a settlement { in-municipality }.
settlements-in = { $name }: the settlements { $settlements } are { in-municipality }.
# Those settlements and their municipality, one part of the next message.
settlements-of-municipality = { $settlements } { in-municipality }
# $where: the parts above, one for each municipality, separated by semicolons.
settlements-in-several = There are settlements called { $name } in more than one municipality: { $where }.

## The regional tasks: which municipalities each covers, yes or no for a place, which it leaves out.
## $task: a task's name, with its article ("the regional intervention service"; CAPITAL at the start of a
## sentence); $municipalities: places, shown as a list; $count: how many; $kind: "city" for a city
## municipality, else "municipality" (of the only one, when $count is 1); $centre: this centre's short name
## ("CSD Koper").

# "the municipalities of Koper, Izola, and Piran"
task-municipalities = { $count ->
    [1] { $kind ->
        [city] the City Municipality of { $municipalities }
       *[municipality] the Municipality of { $municipalities }
    }
   *[other] the municipalities of { $municipalities }
}
# "three municipalities: Koper, Izola, and Piran"
task-municipalities-counted = { count-municipalities }: { $municipalities }

task-area = { CAPITAL($task) } covers { task-municipalities }.
task-area-counted = { CAPITAL($task) } covers { task-municipalities-counted }.
# Where the seed defines a task by the centres whose areas it covers. $centres: their short names, shown as a
# list; $centre_count: how many.
task-area-of-centres = { CAPITAL($task) } covers { $centre_count ->
        [1] the area
       *[other] the areas
    } of { $centres }, that is, { task-municipalities }.
task-area-of-centres-counted = { CAPITAL($task) } covers { $centre_count ->
        [1] the area
       *[other] the areas
    } of { $centres }, that is, { task-municipalities-counted }.

# "Which municipalities does it not cover?" $left_out: the municipalities it leaves out; $count: how many.
task-leaves-out = { CAPITAL($task) } does not cover { count-municipalities }: { $left_out }.
task-leaves-out-none = { CAPITAL($task) } leaves out no municipality of the region.
others-elsewhere = For the other municipalities, the centre for social work of their own area is responsible.

# Yes or no for one $municipality; for a $place outside the region, named as the message named it.
task-covers-yes = Yes, { $task } also covers { $municipality }.
task-covers-no = No, { $task } does not cover { $municipality }.
task-covers-outside = No, { $task } does not cover { $place }, which is not in the municipalities of the region.
# Who does the regular work where a task does not reach. $centre_name: that centre's full name.
regular-centre-otherwise = Otherwise, the { $centre_name } is responsible for { $municipality }.
outside-responsibility = For { $place }, the centre for social work of that area is responsible.
outside-no-centre = { $place } is not in the municipalities of the region, so none of the centres for social work in the region is responsible for it.
# Places outside the region asked about ($places, $count of them): none of the tasks reaches there.
outside-region = No, { $places } { $count ->
        [1] is
       *[other] are
    } not in the municipalities for which { $centre } carries out regional tasks: these are { $municipalities }.

# The tasks as a whole. $area: the municipality of the centre's regular work.
tasks-reach = The regional tasks of { $centre } cover { count-municipalities }: { $municipalities }.
tasks-overview = { $centre } carries out its regular work for { $kind ->
        [city] the City Municipality of
       *[municipality] the Municipality of
    } { $area }. It also carries out these regional tasks:

unknown-municipality = Unfortunately I have no information about this municipality. { $centre } carries out regional tasks for the municipalities of { $municipalities }; for other municipalities, the centre for social work in your area is responsible.

## The regional tasks: which municipalities each covers, yes or no for a place, which it leaves out.
## $task: a task's name ("regionalna interventna služba"; CAPITAL at the start of a sentence);
## $municipalities: places, shown as a list; $count: how many; $kind: "city" for a gradska općina, else
## "municipality" (of the only one, when $count is 1); $centre: this centre's short name ("CSD Koper").

# "općine Koper, Izola i Piran"
task-municipalities = { $count ->
    [1] { $kind ->
        [city] Gradsku općinu { $municipalities }
       *[municipality] općinu { $municipalities }
    }
   *[other] općine { $municipalities }
}
# "tri općine: Koper, Izola i Piran"
task-municipalities-counted = { count-municipalities }: { $municipalities }

task-area = { CAPITAL($task) } pokriva { task-municipalities }.
task-area-counted = { CAPITAL($task) } pokriva { task-municipalities-counted }.
# Where the seed defines a task by the centres whose areas it covers. $seats: the centres' places, shown as a
# list ("Koper, Izola, Piran i Sežana"); $centre_count: how many centres.
task-area-of-centres = { CAPITAL($task) } pokriva područje { $centre_count ->
        [1] centra
       *[other] centara
    } za socijalni rad { $seats }, to jest { task-municipalities }.
task-area-of-centres-counted = { CAPITAL($task) } pokriva područje { $centre_count ->
        [1] centra
       *[other] centara
    } za socijalni rad { $seats }, to jest { task-municipalities-counted }.

# "Koje općine ne pokriva?" $left_out: the municipalities it leaves out, in the nominative after the count
# ("ne pokriva sedam općina: Sežana, Divača …"); $count: how many.
task-leaves-out = { CAPITAL($task) } ne pokriva { count-municipalities }: { $left_out }.
task-leaves-out-none = { CAPITAL($task) } ne izostavlja nijednu općinu regije.
others-elsewhere = Za ostale općine nadležan je centar za socijalni rad njihova područja.

# Yes or no for one $municipality; for a $place outside the region, named as the message named it.
task-covers-yes = Da, { $task } pokriva i { PLACE($municipality, case: "acc") }.
task-covers-no = Ne, { $task } ne pokriva { PLACE($municipality, case: "acc") }.
task-covers-outside = Ne, { $task } ne pokriva mjesto { $place }, koje nije u općinama regije.
# Who does the regular work where a task does not reach. $centre_name: that centre's full name.
regular-centre-otherwise = Za { PLACE($municipality, case: "acc") } je inače nadležan { $centre_name }.
outside-responsibility = Za mjesto { $place } je nadležan centar za socijalni rad tog područja.
outside-no-centre = Mjesto { $place } nije u općinama regije, pa za njega nije nadležan nijedan od centara za socijalni rad u regiji.
# Places outside the region asked about ($places, $count of them): none of the tasks reaches there.
outside-region = Ne, { $count ->
        [1] mjesto { $places } nije
       *[other] mjesta { $places } nisu
    } u općinama za koje { $centre } obavlja regionalne zadaće: to su { $municipalities }.

# The tasks as a whole. $area: the municipality of the centre's regular work.
tasks-reach = Regionalne zadaće koje obavlja { $centre } pokrivaju { count-municipalities }: { $municipalities }.
tasks-overview = Redovnu djelatnost { $centre } obavlja za { $kind ->
        [city] Gradsku općinu
       *[municipality] općinu
    } { $area }. Osim toga obavlja ove regionalne zadaće:

unknown-municipality = Nažalost, za tu općinu nemam podataka. { $centre } obavlja regionalne zadaće za općine { $municipalities }; za ostale općine nadležan je centar za socijalni rad na vašem području.

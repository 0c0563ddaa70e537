## The regional tasks: which municipalities each covers, yes or no for a place, which it leaves out.
## $task: a task's name ("regijska interventna služba"; CAPITAL at the start of a sentence);
## $municipalities: places, shown as a list; $count: how many; $kind: "city" for a mestna občina, else
## "municipality" (of the only one, when $count is 1); $centre: this centre's short name ("CSD Koper").

# "občine Koper, Izola in Piran"
task-municipalities = { $count ->
    [1] { $kind ->
        [city] Mestno občino { $municipalities }
       *[municipality] občino { $municipalities }
    }
   *[other] občine { $municipalities }
}
# "tri občine: Koper, Izola in Piran"
task-municipalities-counted = { count-municipalities }: { $municipalities }

task-area = { CAPITAL($task) } pokriva { task-municipalities }.
task-area-counted = { CAPITAL($task) } pokriva { task-municipalities-counted }.
# Where the seed defines a task by the centres whose areas it covers. $seats: the centres' places, shown as a
# list ("Koper, Izola, Piran in Sežana"); $centre_count: how many centres.
task-area-of-centres = { CAPITAL($task) } pokriva območje { $centre_count ->
        [1] centra
       *[other] centrov
    } za socialno delo { $seats }, to je { task-municipalities }.
task-area-of-centres-counted = { CAPITAL($task) } pokriva območje { $centre_count ->
        [1] centra
       *[other] centrov
    } za socialno delo { $seats }, to je { task-municipalities-counted }.

# "Katerih občin ne pokriva?" $left_out: the municipalities it leaves out, named in the nominative after
# "občin" as after "v občini" ("ne pokriva občin Sežana, Divača …"); $count: how many.
task-leaves-out = { CAPITAL($task) } ne pokriva { $count ->
        [1] občine
       *[other] občin
    } { $left_out } ({ count-municipalities }).
task-leaves-out-none = { CAPITAL($task) } ne izpušča nobene občine regije.
others-elsewhere = Za druge občine je pristojen center za socialno delo njihovega območja.

# Yes or no for one $municipality; for a $place outside the region, named as the message named it.
task-covers-yes = Da, { $task } pokriva tudi { PLACE($municipality, case: "acc") }.
task-covers-no = Ne, { $task } ne pokriva { PLACE($municipality, case: "gen") }.
task-covers-outside = Ne, { $task } ne pokriva kraja { $place }, ki ni v občinah regije.
# Who does the regular work where a task does not reach. $centre_name: that centre's full name.
regular-centre-otherwise = Za { PLACE($municipality, case: "acc") } je sicer pristojen { $centre_name }.
outside-responsibility = Za kraj { $place } je pristojen center za socialno delo tistega območja.
outside-no-centre = Kraj { $place } ni v občinah regije, zato zanj ni pristojen noben od centrov za socialno delo v regiji.
# Places outside the region asked about ($places, $count of them): none of the tasks reaches there.
outside-region = Ne, { $count ->
        [1] kraj { $places } ni
        [2] kraja { $places } nista
       *[other] kraji { $places } niso
    } v občinah, za katere { $centre } izvaja regijske naloge: to so { $municipalities }.

# The tasks as a whole. $area: the municipality of the centre's regular work.
tasks-reach = Regijske naloge { $centre } pokrivajo { count-municipalities }: { $municipalities }.
tasks-overview = Redno dejavnost { $centre } izvaja za { $kind ->
        [city] Mestno občino
       *[municipality] občino
    } { $area }. Poleg tega izvaja te regijske naloge:

unknown-municipality = Žal za to občino nimam podatkov. { $centre } regijske naloge izvaja za občine { $municipalities }; za druge občine je pristojen center za socialno delo na vašem območju.

## The regional tasks: which municipalities each covers, yes or no for a place, which it leaves out.
## $task: a task's name ("il servizio di intervento regionale"; CAPITAL at the start of a sentence);
## $municipalities: places, shown as a list; $count: how many; $kind: "city" for a comune città, else
## "municipality" (of the only one, when $count is 1); $centre: this centre's short name ("CSD Koper").

# "i comuni di Capodistria (Koper), Isola (Izola) e Pirano (Piran)"
task-municipalities = { $count ->
    [1] { $kind ->
        [city] il Comune città di { $municipalities }
       *[municipality] il Comune di { $municipalities }
    }
   *[other] i comuni di { $municipalities }
}
# "tre comuni: Capodistria (Koper), Isola (Izola) e Pirano (Piran)"
task-municipalities-counted = { count-municipalities }: { $municipalities }

task-area = { CAPITAL($task) } copre { task-municipalities }.
task-area-counted = { CAPITAL($task) } copre { task-municipalities-counted }.
# Where the seed defines a task by the centres whose areas it covers. $centres: their short names, shown as a
# list; $centre_count: how many.
task-area-of-centres = { CAPITAL($task) } copre il territorio { $centre_count ->
        [1] del centro
       *[other] dei centri
    } { $centres }, ossia { task-municipalities }.
task-area-of-centres-counted = { CAPITAL($task) } copre il territorio { $centre_count ->
        [1] del centro
       *[other] dei centri
    } { $centres }, ossia { task-municipalities-counted }.

# "Quali comuni non copre?" $left_out: the municipalities it leaves out; $count: how many.
task-leaves-out = { CAPITAL($task) } non copre { count-municipalities }: { $left_out }.
task-leaves-out-none = { CAPITAL($task) } non esclude nessun comune della regione.
others-elsewhere = Per gli altri comuni è competente il centro per l'assistenza sociale del rispettivo territorio.

# Yes or no for one $municipality; for a $place outside the region, named as the message named it.
task-covers-yes = Sì, { $task } copre anche { $municipality }.
task-covers-no = No, { $task } non copre { $municipality }.
task-covers-outside = No, { $task } non copre { $place }, che non si trova nei comuni della regione.
# Who does the regular work where a task does not reach. $centre_name: that centre's full name.
regular-centre-otherwise = Per { $municipality } è competente il { $centre_name }.
outside-responsibility = Per { $place } è competente il centro per l'assistenza sociale di quel territorio.
outside-no-centre = { $place } non si trova nei comuni della regione, quindi nessuno dei centri per l'assistenza sociale della regione è competente.
# Places outside the region asked about ($places, $count of them): none of the tasks reaches there.
outside-region = No, { $places } non { $count ->
        [1] si trova
       *[other] si trovano
    } nei comuni per i quali il { $centre } svolge compiti regionali, che sono { $municipalities }.

# The tasks as a whole. $area: the municipality of the centre's regular work.
tasks-reach = I compiti regionali del { $centre } coprono { count-municipalities }: { $municipalities }.
tasks-overview = Il { $centre } svolge l'attività ordinaria per { $kind ->
        [city] il Comune città di
       *[municipality] il Comune di
    } { $area }. Svolge inoltre i seguenti compiti regionali:

unknown-municipality = Purtroppo non ho dati su questo comune. Il { $centre } svolge compiti regionali per i comuni di { $municipalities }; per gli altri comuni è competente il centro per l'assistenza sociale del Suo territorio.

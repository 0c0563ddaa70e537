## What the centre does (centre.yml) and for which area.

# An activity asked about ("Ali izvajate preventivne programe?"), as centre.yml names it.
services-asked = Da, center izvaja tudi { $activity }.
# $centre_name: the centre's full name; $legal_form: what it is ("javni zavod").
services-intro = { $centre_name } je { $legal_form }. Izvaja:
services-purpose = Namen njegovega dela je { $purpose }. Za podrobnosti o posamezni pravici ali storitvi se obrnite neposredno na center.
regular-area-wider = Nekatere naloge izvaja tudi za širšo regijo.
# The button that asks about the regional tasks.
button-regional-tasks = Regijske naloge

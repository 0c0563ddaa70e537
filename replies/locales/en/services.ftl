## What the centre does (centre.yml) and for which area.

# An activity asked about ("Do you run preventive programmes?"), as centre.yml names it.
services-asked = Yes, the centre also carries out { $activity }.
# $centre_name: the centre's full name; $legal_form: what it is ("a public institution").
services-intro = The { $centre_name } is { $legal_form }. It carries out:
services-purpose = The purpose of its work is { $purpose }. For details about a particular right or service, please contact the centre directly.
regular-area-wider = It also carries out some tasks for the wider region.
# The button that asks about the regional tasks.
button-regional-tasks = Regional tasks

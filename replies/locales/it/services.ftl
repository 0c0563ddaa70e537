## What the centre does (centre.yml) and for which area.

# An activity asked about ("Svolgete programmi di prevenzione?"), as centre.yml names it.
services-asked = Sì, il centro svolge anche { $activity }.
# $centre_name: the centre's full name; $legal_form: what it is ("un ente pubblico").
services-intro = Il { $centre_name } è { $legal_form }. Svolge:
services-purpose = Lo scopo del suo lavoro è { $purpose }. Per i dettagli su un singolo diritto o servizio si rivolga direttamente al centro.
regular-area-wider = Il centro svolge alcuni compiti anche per la regione più ampia.
# The button that asks about the regional tasks.
button-regional-tasks = Compiti regionali

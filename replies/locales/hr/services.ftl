## What the centre does (centre.yml) and for which area.

# An activity asked about ("Provodite li preventivne programe?"), as centre.yml names it.
services-asked = Da, centar obavlja i { $activity }.
# $centre_name: the centre's full name; $legal_form: what it is ("javna ustanova").
services-intro = { $centre_name } je { $legal_form }. Obavlja:
services-purpose = Svrha njegova rada je { $purpose }. Za pojedinosti o pojedinom pravu ili usluzi obratite se izravno centru.
regular-area-wider = Neke zadaće obavlja i za širu regiju.
# The button that asks about the regional tasks.
button-regional-tasks = Regionalne zadaće

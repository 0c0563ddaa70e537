## Practical questions (address, office hours, amounts, how to apply …) that the contact details do not answer:
## a plain "I do not have it" that names what was asked, and where to turn instead.
## $what: what was asked, as practical.yml's `missing` says it ("naslova", "zneskov …"), the centre's details
## together with whose they are (below).

# The centre's details asked for: $topics, shown as a list, of this centre or of another ($centre).
about-our-centre = { $topics } centra
about-centre = { $topics } { $centre }
not-held = { CAPITAL($what) } žal nimam.
not-held-either = Tudi { $what } nimam.
not-held-this = Tega podatka žal nimam.
# $centre: this centre's short name; $centre_name: the full name of the centre to turn to.
answers-only-from = Odgovarjam le iz predstavitve { $centre } in kontaktnih podatkov centra, teh podatkov pa v njih ni. Zanje se, prosim, obrnite neposredno na { $centre_name }.

## Practical questions (address, office hours, amounts, how to apply …) that the contact details do not answer:
## a plain "I do not have it" that names what was asked, and where to turn instead.
## $what: what was asked, as practical.yml's `missing` says it, in the genitive ("adrese", "iznosa …"), the
## centre's details together with whose they are (below).

# The centre's details asked for: $topics, shown as a list, of this centre or of another ($centre).
about-our-centre = { $topics } centra
about-centre = { $topics } { $centre }
not-held = Nažalost, nemam { $what }.
not-held-either = Nemam ni { $what }.
not-held-this = Nažalost, nemam tog podatka.
# $centre: this centre's short name; $centre_name: the full name of the centre to turn to, after a colon: a
# full name stays in the nominative.
answers-only-from = Odgovaram samo na temelju prezentacije { $centre } i kontaktnih podataka centra, a u njima tih podataka nema. Za njih se, molim vas, obratite izravno centru: { $centre_name }.

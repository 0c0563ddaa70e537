## Practical questions (address, office hours, amounts, how to apply …) that the contact details do not answer:
## a plain "I do not have it" that names what was asked, and where to turn instead.
## $what: what was asked, as practical.yml's `missing` says it ("l'indirizzo", "gli importi …"), the centre's
## details together with whose they are (below).

# The centre's details asked for: $topics, shown as a list, of this centre or of another ($centre).
about-our-centre = { $topics } del centro
about-centre = { $topics } del { $centre }
not-held = Purtroppo non ho { $what }.
not-held-either = Non ho nemmeno { $what }.
not-held-this = Purtroppo non dispongo di questa informazione.
# $centre: this centre's short name; $centre_name: the full name of the centre to turn to.
answers-only-from = Rispondo soltanto in base alla presentazione del { $centre } e ai recapiti del centro, che non contengono questi dati. Per queste informazioni si rivolga direttamente al { $centre_name }.

## Practical questions (address, office hours, amounts, how to apply …) that the contact details do not answer:
## a plain "I do not have it" that names what was asked, and where to turn instead.
## $what: what was asked, as practical.yml's `missing` says it ("the amounts …"), the centre's details together
## with whose they are (below).

# The centre's details asked for: $topics, shown as a list ("address", "office hours"), of this centre or of
# another ($centre).
about-our-centre = the centre's { $topics }
about-centre = the { $topics } of { $centre }
not-held = Unfortunately I do not have { $what }.
not-held-either = Nor do I have { $what }.
not-held-this = Unfortunately I do not have this information.
# $centre: this centre's short name; $centre_name: the full name of the centre to turn to.
answers-only-from = I answer only from the presentation of { $centre } and the centre's contact details, and this information is not in them. Please ask the { $centre_name } directly.

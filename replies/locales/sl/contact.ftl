## How to reach the centre: its contact details (contact.yml), each group under where it comes from.

# The fields of contact.yml, as a line of details names them ("• telefon: (05) 66 34 534").
contact-field-address = naslov
contact-field-office_hours = uradne ure
contact-field-phone = telefon
contact-field-email = e-pošta
contact-field-web = spletna stran

# The day a source was read or a detail published: "7. 12. 2026". $day, $month, $year: numbers.
day = { $day }. { $month }. { $year }
# Where details come from. $cited: how answers name a source after "po podatkih" ("s spletne strani centra",
# sources.yml); $source: what a member of staff wrote as the source of details they published.
according-to = Po podatkih { $cited } (prebrano { day })
according-to-undated = Po podatkih { $cited }
according-to-staff = Po podatkih centra ({ $source }, { day })
according-to-staff-undated = Po podatkih centra ({ $source })

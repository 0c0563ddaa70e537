## How to reach the centre: its contact details (contact.yml), each group under where it comes from.

# The fields of contact.yml, as a line of details names them ("• telefono: (05) 66 34 534").
contact-field-address = indirizzo
contact-field-office_hours = orario d'ufficio
contact-field-phone = telefono
contact-field-email = e-mail
contact-field-web = sito web

# The day a source was read or a detail published: "7/12/2026". $day, $month, $year: numbers.
day = { $day }/{ $month }/{ $year }
# Where details come from. $cited: how answers name a source after "secondo" ("il sito web del centro",
# sources.yml); $source: what a member of staff wrote as the source of details they published.
according-to = Secondo { $cited } (consultato il { day })
according-to-undated = Secondo { $cited }
according-to-staff = Secondo i dati del centro ({ $source }, { day })
according-to-staff-undated = Secondo i dati del centro ({ $source })

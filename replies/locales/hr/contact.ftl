## How to reach the centre: its contact details (contact.yml), each group under where it comes from.

# The fields of contact.yml, as a line of details names them ("• telefon: (05) 66 34 534").
contact-field-address = adresa
contact-field-office_hours = uredovno vrijeme
contact-field-phone = telefon
contact-field-email = e-pošta
contact-field-web = mrežna stranica

# The day a source was read or a detail published: "7. 12. 2026.", the year with its full stop, as Croatian
# writes an ordinal. $day, $month, $year: numbers.
day = { $day }. { $month }. { $year }.
# Where details come from. $cited: how answers name a source after "prema podacima" ("s mrežne stranice
# centra", sources.yml); $source: what a member of staff wrote as the source of details they published.
according-to = Prema podacima { $cited } (pročitano { day })
according-to-undated = Prema podacima { $cited }
according-to-staff = Prema podacima centra ({ $source }, { day })
according-to-staff-undated = Prema podacima centra ({ $source })

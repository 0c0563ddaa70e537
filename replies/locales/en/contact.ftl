## How to reach the centre: its contact details (contact.yml), each group under where it comes from.

# The fields of contact.yml, as a line of details names them ("• phone: (05) 66 34 534").
contact-field-address = address
contact-field-office_hours = office hours
contact-field-phone = phone
contact-field-email = e-mail
contact-field-web = website

# The day a source was read or a detail published: "7 December 2026". $day, $month, $year: numbers.
day = { $day } { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $year }
# Where details come from. $cited: how answers name a source after "according to" ("the centre's website",
# sources.yml); $source: what a member of staff wrote as the source of details they published.
according-to = According to { $cited } (read on { day })
according-to-undated = According to { $cited }
according-to-staff = According to the centre ({ $source }, { day })
according-to-staff-undated = According to the centre ({ $source })

## Counts as the answers say them: in the accusative ("pokriva tri občine", "ima 29 naselij"), up to ten in
## words, then in figures; the noun agrees by the plural rules of CLDR, with the dual (2, 102: "občini").
## $count: a number (shown without grouping: "1000").

count-municipalities = { $count ->
    [1] eno občino
    [2] dve občini
    [3] tri občine
    [4] štiri občine
    [5] pet občin
    [6] šest občin
    [7] sedem občin
    [8] osem občin
    [9] devet občin
    [10] deset občin
    [one] { $count } občino
    [two] { $count } občini
    [few] { $count } občine
   *[other] { $count } občin
}

count-city-municipalities = { $count ->
    [1] eno mestno občino
    [2] dve mestni občini
    [3] tri mestne občine
    [4] štiri mestne občine
    [5] pet mestnih občin
    [6] šest mestnih občin
    [7] sedem mestnih občin
    [8] osem mestnih občin
    [9] devet mestnih občin
    [10] deset mestnih občin
    [one] { $count } mestno občino
    [two] { $count } mestni občini
    [few] { $count } mestne občine
   *[other] { $count } mestnih občin
}

count-centres = { $count ->
    [1] en center
    [2] dva centra
    [3] tri centre
    [4] štiri centre
    [5] pet centrov
    [6] šest centrov
    [7] sedem centrov
    [8] osem centrov
    [9] devet centrov
    [10] deset centrov
    [one] { $count } center
    [two] { $count } centra
    [few] { $count } centre
   *[other] { $count } centrov
}

count-settlements = { $count ->
    [1] eno naselje
    [2] dve naselji
    [3] tri naselja
    [4] štiri naselja
    [5] pet naselij
    [6] šest naselij
    [7] sedem naselij
    [8] osem naselij
    [9] devet naselij
    [10] deset naselij
    [one] { $count } naselje
    [two] { $count } naselji
    [few] { $count } naselja
   *[other] { $count } naselij
}

# "se izbriše po treh dneh" is not said: a time span is an accusative ("hrani 30 dni"), whose plural is "dni".
count-days = { $count ->
    [1] en dan
    [2] dva dneva
    [3] tri dni
    [4] štiri dni
    [5] pet dni
    [6] šest dni
    [7] sedem dni
    [8] osem dni
    [9] devet dni
    [10] deset dni
    [one] { $count } dan
    [two] { $count } dneva
   *[other] { $count } dni
}

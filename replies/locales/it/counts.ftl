## Counts as the answers say them: "un comune", "tre comuni", "104 insediamenti"; up to ten in words, then in
## figures. $count: a number (shown without grouping: "1000").

count-municipalities = { $count ->
    [1] un comune
    [2] due comuni
    [3] tre comuni
    [4] quattro comuni
    [5] cinque comuni
    [6] sei comuni
    [7] sette comuni
    [8] otto comuni
    [9] nove comuni
    [10] dieci comuni
   *[other] { $count } comuni
}

count-city-municipalities = { $count ->
    [1] un comune città
    [2] due comuni città
    [3] tre comuni città
    [4] quattro comuni città
    [5] cinque comuni città
    [6] sei comuni città
    [7] sette comuni città
    [8] otto comuni città
    [9] nove comuni città
    [10] dieci comuni città
   *[other] { $count } comuni città
}

count-centres = { $count ->
    [1] un centro
    [2] due centri
    [3] tre centri
    [4] quattro centri
    [5] cinque centri
    [6] sei centri
    [7] sette centri
    [8] otto centri
    [9] nove centri
    [10] dieci centri
   *[other] { $count } centri
}

count-settlements = { $count ->
    [1] un insediamento
    [2] due insediamenti
    [3] tre insediamenti
    [4] quattro insediamenti
    [5] cinque insediamenti
    [6] sei insediamenti
    [7] sette insediamenti
    [8] otto insediamenti
    [9] nove insediamenti
    [10] dieci insediamenti
   *[other] { $count } insediamenti
}

count-days = { $count ->
    [1] un giorno
    [2] due giorni
    [3] tre giorni
    [4] quattro giorni
    [5] cinque giorni
    [6] sei giorni
    [7] sette giorni
    [8] otto giorni
    [9] nove giorni
    [10] dieci giorni
   *[other] { $count } giorni
}

## Counts as the answers say them: in the accusative ("pokriva tri općine", "ima 21 općinu"), up to ten in
## words, then in figures; the noun agrees by the plural rules of CLDR for Croatian: [one] 1, 21, 101 (but not
## 11), [few] 2–4, 22–24, 102 (but not 12–14), [other] the rest ("5 općina", "11 općina").
## $count: a number (shown without grouping: "1000").

count-municipalities = { $count ->
    [1] jednu općinu
    [2] dvije općine
    [3] tri općine
    [4] četiri općine
    [5] pet općina
    [6] šest općina
    [7] sedam općina
    [8] osam općina
    [9] devet općina
    [10] deset općina
    [one] { $count } općinu
    [few] { $count } općine
   *[other] { $count } općina
}

count-city-municipalities = { $count ->
    [1] jednu gradsku općinu
    [2] dvije gradske općine
    [3] tri gradske općine
    [4] četiri gradske općine
    [5] pet gradskih općina
    [6] šest gradskih općina
    [7] sedam gradskih općina
    [8] osam gradskih općina
    [9] devet gradskih općina
    [10] deset gradskih općina
    [one] { $count } gradsku općinu
    [few] { $count } gradske općine
   *[other] { $count } gradskih općina
}

count-centres = { $count ->
    [1] jedan centar
    [2] dva centra
    [3] tri centra
    [4] četiri centra
    [5] pet centara
    [6] šest centara
    [7] sedam centara
    [8] osam centara
    [9] devet centara
    [10] deset centara
    [one] { $count } centar
    [few] { $count } centra
   *[other] { $count } centara
}

# "naselje" has one form for [few] and [other]: "tri naselja", "104 naselja".
count-settlements = { $count ->
    [1] jedno naselje
    [2] dva naselja
    [3] tri naselja
    [4] četiri naselja
    [5] pet naselja
    [6] šest naselja
    [7] sedam naselja
    [8] osam naselja
    [9] devet naselja
    [10] deset naselja
    [one] { $count } naselje
   *[other] { $count } naselja
}

# A time span ("briše se 30 dana nakon …"): "dan", then "dana" for [few] and [other] alike.
count-days = { $count ->
    [1] jedan dan
    [2] dva dana
    [3] tri dana
    [4] četiri dana
    [5] pet dana
    [6] šest dana
    [7] sedam dana
    [8] osam dana
    [9] devet dana
    [10] deset dana
    [one] { $count } dan
   *[other] { $count } dana
}

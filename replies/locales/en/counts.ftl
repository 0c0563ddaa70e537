## Counts as the answers say them: "one municipality", "three municipalities", "104 settlements"; up to ten
## in words, then in figures; the noun agrees by English's plural rules (CLDR: one, other). $count: a number
## (shown without grouping: "1000").

count-municipalities = { $count ->
    [1] one municipality
    [2] two municipalities
    [3] three municipalities
    [4] four municipalities
    [5] five municipalities
    [6] six municipalities
    [7] seven municipalities
    [8] eight municipalities
    [9] nine municipalities
    [10] ten municipalities
    [one] { $count } municipality
   *[other] { $count } municipalities
}

count-city-municipalities = { $count ->
    [1] one city municipality
    [2] two city municipalities
    [3] three city municipalities
    [4] four city municipalities
    [5] five city municipalities
    [6] six city municipalities
    [7] seven city municipalities
    [8] eight city municipalities
    [9] nine city municipalities
    [10] ten city municipalities
    [one] { $count } city municipality
   *[other] { $count } city municipalities
}

count-centres = { $count ->
    [1] one centre
    [2] two centres
    [3] three centres
    [4] four centres
    [5] five centres
    [6] six centres
    [7] seven centres
    [8] eight centres
    [9] nine centres
    [10] ten centres
    [one] { $count } centre
   *[other] { $count } centres
}

count-settlements = { $count ->
    [1] one settlement
    [2] two settlements
    [3] three settlements
    [4] four settlements
    [5] five settlements
    [6] six settlements
    [7] seven settlements
    [8] eight settlements
    [9] nine settlements
    [10] ten settlements
    [one] { $count } settlement
   *[other] { $count } settlements
}

count-days = { $count ->
    [1] one day
    [2] two days
    [3] three days
    [4] four days
    [5] five days
    [6] six days
    [7] seven days
    [8] eight days
    [9] nine days
    [10] ten days
    [one] { $count } day
   *[other] { $count } days
}

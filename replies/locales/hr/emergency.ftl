## Danger: the emergency and help lines (help_lines.yml) come first, then who handles urgent cases outside
## office hours. $municipalities: where the intervention service works.

after-hours-area = Djeluje za { PLACE($municipalities, case: "acc") }.

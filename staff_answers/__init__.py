"""Answers that the centre's staff write, check and publish in the staff area, answered with no retraining.

entries   an entry (id, example questions and answer per language, source, review-by date), its checks
          of fields, and the bulk YAML format (import and export)
matching  which published entry a citizen's message asks for, if any, by its example questions
checks    what must hold before a publication: each example answered by its own entry, no example of
          the assistant's own training data taken by an entry
store     revisions, drafts and publications as rows never edited, in the tracker store's database
live      the current publication in a running process, reloaded within seconds of a new one

No Rasa imports: the gateway (staff area), the actions and the tools all use it.
"""

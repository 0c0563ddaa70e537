"""What the assistant keeps, declared once: the tables of the tracker store's database and the days it counts in.

Everything lives in one database (TRACKER_STORE_URL, else the SQLite file in DATA_DIR), so that one URL and one
backup hold it all. It is read and written from every side: the gateway (feedback), the staff area (bot/staff/),
the action servers (staff answers), Rasa's process (runtime/tracker_store.py), retention and backups (runtime/).
So it is a package of its own that imports none of them, below all of them: `bot` → `runtime` → `storage`, and
`bot`, `staff_answers` → `storage`. In `bot/` it made `runtime` import the gateway; `runtime/` is the processes,
not the data they keep.

- `tables`: every table, Rasa's `events` as Rasa 3.6 creates it, and what creates the assistant's own.
- `days`: local days (Europe/Ljubljana) as the database counts them.
- `daily_totals`: the counts per day that the staff overview shows and retention keeps before it deletes.
"""

"""Answers in the citizens' languages, composed from the knowledge base; shared by the gateway and the actions.

`types` says what a reply is, `sl` and `it` write them (the same functions in each language), `languages`
picks one. Plain Python: nothing here imports Rasa, so both processes depend on this and not on each other.
"""

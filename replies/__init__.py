"""Answers in the citizens' languages, composed from the knowledge base; shared by the gateway and the actions.

`types` says what a reply is; `answers` gathers every answer, composed once for every language by the topics'
modules (`coverage`, `centres`, `settlements`, `koper`, `contact`, `emergency`, `services`) with the words of
`locales/<language>/*.ftl` (Project Fluent, loaded strictly by `fluent`); `languages` lists the languages
served. Plain Python: nothing here imports Rasa, so both processes depend on this and not on each other.
"""

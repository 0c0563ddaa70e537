"""The gateway: the assistant's only public entry point (Telegram and the web chat come here).

For now it holds the settings and the client for Rasa's REST webhook that the runner and the
evaluation use.
"""

"""Custom actions of the CSD Koper assistant: thin Rasa adapters over knowledge/ and replies/."""

"""Project tools: NLU generation from knowledge/, the evaluation, and starting the assistant."""

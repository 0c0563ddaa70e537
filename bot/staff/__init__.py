"""The staff area (/staff/): what people ask, where the assistant fails, and training data from it."""

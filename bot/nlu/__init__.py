"""Custom parts of the Rasa NLU pipeline (config.yml)."""

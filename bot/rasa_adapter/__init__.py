"""The only place where `bot` meets Rasa: stores, channels, the action server, training."""

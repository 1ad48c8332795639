"""The small web app that serves the demo page and the chat widget."""

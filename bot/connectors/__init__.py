"""Connectors to the controller's other systems: a case goes out, its completion comes back."""

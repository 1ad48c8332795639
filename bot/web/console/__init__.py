"""The case console under /console: one blueprint per area (login, cases, chats, admin pages, breaches), sharing
the page frame (pages) and the session checks (session). Imports nothing itself, so no module of it imports
another through the package."""

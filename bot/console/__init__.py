"""The case console: caseworker accounts, sessions, the access log and the pages."""

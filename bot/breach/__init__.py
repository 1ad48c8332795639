"""Breach handling: the register of personal data breaches, their deadlines, the controller's notice.

Vern is the processor: it tells the controller (000 §9.2: without undue delay and at the latest 24 hours
after becoming aware), so the controller can tell the supervisory authority within 72 hours (Art. 33(1)).
See docs/breach.md."""

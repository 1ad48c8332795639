"""Words for the age (issue 17 item 4): the consent dialogue's lines in a child's version (under 13: short
sentences, legal words explained, read aloud by the guardian) and a young person's (13-17). The lines themselves
are in locales/source/ages.yml and the catalogs.

A key there is the adult key with `@child` or `@young` added ("_child" already names lines told to the child's
chat); bot.i18n.for_age picks it. Every `@child` line has a `@young` one, except the two lines only a child
under the guardian-only band can meet (CHILD_ONLY); the young-only lines (the joint and informed rules) have
just `@young`. tests/consent/test_readability.py holds child lines to LIX <= 35 / FK grade <= 7 and young
lines to LIX <= 40 / FK grade <= 8."""

from __future__ import annotations

# Lines said only when the guardian alone decides, which is exactly the child band (bot.consent.ages:
# audience_for is "child" below the same age as rule_for's GUARDIAN_ONLY): a young version would never be shown.
CHILD_ONLY = frozenset({"consent_rule_guardian_only", "consent_needs_guardian_only"})

"""Consent: purposes, age rules, records to ISO/IEC TS 27560, and the check made at the moment of use."""

"""Helpers shared by the tests (not tests themselves): an app with demo data, sample facts, fake servers."""

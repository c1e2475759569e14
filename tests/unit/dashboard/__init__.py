"""Unit tests of the dashboard package (no browser, no database)."""

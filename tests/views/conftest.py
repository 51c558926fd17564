"""Views test fixtures (shared ones are in tests/conftest.py)."""

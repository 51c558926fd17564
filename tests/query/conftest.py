"""Query test fixtures (the live servers several folders use are in tests/conftest.py)."""

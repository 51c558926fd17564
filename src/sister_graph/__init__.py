"""sister-graph: a city's international cooperation as validated, published linked data."""

__version__ = "0.1.0"

"""Allow `python -m sister_graph`."""

from .cli import main

main()

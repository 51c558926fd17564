"""Allow `python -m sister_graph`."""

from sister_graph.cli import main

main()

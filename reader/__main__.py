"""Allow `python -m reader`."""

from reader.commands.cli import main

main()

"""`python -m coach`."""

from coach.cli import main

main()

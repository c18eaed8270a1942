"""`python -m regelspraak …`: the same as the `regelspraak` command."""

from regelspraak.cli import main

if __name__ == "__main__":
    main()

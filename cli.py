"""The regelspraak CLI, runnable from a checkout: `python cli.py controleer wetten/zorgtoeslag`.

The installed command `regelspraak` is the same application (regelspraak.cli:main).
"""

from regelspraak.cli import main

if __name__ == "__main__":
    main()

"""The deterministic resource limits of the z3 analyses, in z3's own resource units (`rlimit`), never
in seconds: whether a question is answered never depends on the machine's load. A module of its own
so that the command line can name the defaults without importing z3.

>>> RLIMIT_VRAAG <= RLIMIT_ANALYSE
True
"""

RLIMIT_MINIMAAL = 20_000_000  # for minimising a case (about 1-2 s here)
RLIMIT_ANALYSE = 400_000_000  # per analysis, shared by all its questions (about 20-40 s here)
RLIMIT_VRAAG = 100_000_000  # at most per question, so one hard question cannot starve the others
# At most per question on one stretch of a timeline model (analyses/stukken.py). There z3 reasons linearly only
# (`arith.nl` off, solver/search.py), so a question it can decide it decides early; one it cannot (a day
# fraction times an amount, the AOW) it only gives up on at its limit: four of those at 100,000,000 units were
# 45 of the 90 s of `analyseer wetten/aow`. The decided questions there took at most about 45,000,000.
RLIMIT_VRAAG_STUK = 50_000_000

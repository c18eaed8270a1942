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

# z3 branches on integer variables (`arith-branch`), and each branch adds a bound whose axioms with every
# earlier bound on that variable z3 does not count: a question that keeps branching costs time quadratic in
# its units. On the huurtoeslag (an RS220 question over the normhuur, one RS320 question) about 10,000
# branches per 1,000,000 units gave 0.5 s at 1,000,000 units, 4.7 s at 3,000,000 and 103 s at 10,000,000;
# at its limit of 50,000,000 it ran for longer than anyone waits. So a question is asked with at most
# EERSTE_STAP units first; one that runs out is asked once more, from the start, with its whole limit or, when
# its branches so far extrapolate past MAX_TAKKEN at that limit, with the units that keep them at MAX_TAKKEN
# (the normhuur question: 3,240,000 units, then "niet beslist binnen budget"). Both tries count their units.
# Most questions are decided within the first step (all but two of the zorgtoeslag's 126), so they are asked
# once; a branch count is z3's own, so the choice is the same on every machine.
EERSTE_STAP = 1_000_000
MAX_TAKKEN = 30_000

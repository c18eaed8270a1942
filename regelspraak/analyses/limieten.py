"""The deterministic resource limits of the z3 analyses, in z3's own resource units (`rlimit`), never
in seconds: whether a question is answered never depends on the machine's load. A module of its own
so that the command line can name the defaults without importing z3.

>>> RLIMIT_VRAAG <= RLIMIT_ANALYSE
True
"""

RLIMIT_MINIMAAL = 20_000_000  # for minimising a case (about 1-2 s here)
RLIMIT_ANALYSE = 400_000_000  # per analysis, shared by all its questions (about 20-40 s here)
RLIMIT_VRAAG = 100_000_000  # at most per question, so one hard question cannot starve the others

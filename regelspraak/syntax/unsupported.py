"""Recognise constructs of the specification that this version does not run yet, so that a
sentence using one gets RS008 naming it instead of a generic syntax error (taal.md §11: "never a
generic syntax error, and never accepted and then evaluated wrongly").

Only consulted when a sentence does not parse: a construct that parses is supported.

>>> herken("Een Persoon heeft een kind met de leeftijd gelijk aan 3 voor elk jaar")
"tijdlijnen ('voor elke …')"
>>> herken("De toeslag van een Persoon moet berekend worden als 3 plus plus 4") is None
True
"""

from __future__ import annotations

import re

# (pattern over the sentence in lower case with single spaces, construct as the specification names it)
_CONSTRUCTEN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), naam)
    for p, naam in (
        (r"\bvoor elk(e)? (dag|maand|jaar)\b", "tijdlijnen ('voor elke …')"),
        (r"^een dag is (een|geen)\b", "Dagsoortdefinitie"),
        (r"\b(het uur|de minuut|de seconde) uit\b", "'uur/minuut uit' (v2.2)"),
        (r"\bgedimensioneerd met\b", "Dimensies"),
    )
)


# Constructs that parse as an (unknown) name: "het tijdsevenredig deel van X" reads like an attribute.
NAMEN: dict[str, str] = {
    "tijdsevenredig deel": "tijdlijnen ('het tijdsevenredig deel' zonder 'per maand' of 'per jaar')",
}


def herken(tekst: str) -> str | None:
    """The unsupported construct that `tekst` (one sentence) uses, or None."""
    t = " ".join(tekst.lower().split())
    return next((naam for patroon, naam in _CONSTRUCTEN if patroon.search(t)), None)


def bericht(construct: str) -> str:
    return f"{construct[0].upper()}{construct[1:]} wordt nog niet ondersteund."

"""Recognise constructs of the specification that this version does not run yet, so that a
sentence using one gets RS008 naming it instead of a generic syntax error (taal.md §11: "never a
generic syntax error, and never accepted and then evaluated wrongly").

Only consulted when a sentence does not parse: a construct that parses is supported.

>>> herken("Het inkomen van een Persoon moet berekend worden als 3 gedurende de tijd dat hij verzekerd is")
"tijdlijnen ('gedurende …')"
>>> herken("De toeslag van een Persoon moet berekend worden als 3 plus plus 4") is None
True
"""

from __future__ import annotations

import re

# (pattern over the sentence in lower case with single spaces, construct as the specification names it)
_CONSTRUCTEN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), naam)
    for p, naam in (
        (r"\bgedurende (de tijd dat|het gehele)\b", "tijdlijnen ('gedurende …')"),
        (r"\bvoor elk(e)? (dag|maand|jaar)\b", "tijdlijnen ('voor elke …')"),
        (r"\bhet totaal van\b", "tijdlijnen ('het totaal van')"),
        (r"\bvan dd\. ?\d+-\d+-\d+ tot (en met )?dd\.", "tijdlijnen (periode 'van … tot …')"),
        (r"\bhet tijdsevenredig deel\b", "tijdlijnen ('het tijdsevenredig deel')"),
        (r"\bhet aantal (dagen|maanden|jaren) in\b", "tijdlijnen ('het aantal dagen in')"),
        (r"^een dag is (een|geen)\b", "Dagsoortdefinitie"),
        (r"\b(het uur|de minuut|de seconde) uit\b", "'uur/minuut uit' (v2.2)"),
        (r"\bgedimensioneerd met\b", "Dimensies"),
    )
)


# Constructs that parse as an (unknown) name: "het totaal van X" reads like attribute "totaal".
NAMEN: dict[str, str] = {
    "totaal": "tijdlijnen ('het totaal van')",
    "tijdsevenredig deel": "tijdlijnen ('het tijdsevenredig deel')",
    "tijdsevenredig deel per maand": "tijdlijnen ('het tijdsevenredig deel per maand')",
}


def herken(tekst: str) -> str | None:
    """The unsupported construct that `tekst` (one sentence) uses, or None."""
    t = " ".join(tekst.lower().split())
    return next((naam for patroon, naam in _CONSTRUCTEN if patroon.search(t)), None)


def bericht(construct: str) -> str:
    return f"{construct[0].upper()}{construct[1:]} wordt nog niet ondersteund."

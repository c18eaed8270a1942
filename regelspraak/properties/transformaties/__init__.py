"""Transformations of a generated case, one module each, for the relational properties.

Every module has the same two functions:

- `kies(draw, ruimte, eigenschap, geval)`: the transformation's own choices (which object, how
  much), drawn with Hypothesis's `draw` inside the example's strategy, as a plain dict of strings
  and lists, so that a found counterexample can be written to the replay database and read back
  exactly;
- `toepassen(ruimte, eigenschap, geval, parameters)`: the transformed copy and the mapping from
  each object id of the case to its id in the copy, or None when the transformation does not
  apply to this case (no partner to swap, no income to raise).
"""

from __future__ import annotations

from types import ModuleType

from regelspraak.properties.transformaties import namen, ophogen, partner_erbij, verdeling, volgorde, wissel

PER_NAAM: dict[str, ModuleType] = {
    "ophogen": ophogen,
    "volgorde": volgorde,
    "namen": namen,
    "verdeling": verdeling,
    "partner-erbij": partner_erbij,
    "wissel": wissel,
}

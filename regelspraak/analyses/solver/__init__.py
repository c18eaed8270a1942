"""The IR as z3 formulas: one rule version, one subject, exact where the rules are decidable.

The exhaustive analyses (conflicts, decision tables, reachability) ask z3 questions such as
"is there an input for which both rules fire and give different values?". This package turns the
typed rule model into z3 terms that agree with the reference interpreter (`evaluate/interpret.py`),
builds a case file from a z3 model, and confirms every counterexample by running the interpreter
on it: a finding never rests on the encoding alone.

What is encoded exactly (`Encoder`):

- numbers as exact rationals: an Int numerator over a constant denominator (an input with N
  declared decimals is `n / 10**N` for an Int `n`, so integer-typed attributes are Ints; literals,
  parameters, sums, products, division by a constant and rounding stay in this form, so z3 decides
  them in integer arithmetic), with z3 Reals only after a division by a variable or for inputs
  without declared decimals; `niet-negatief`/`positief` constrain the input; enumerations and
  texts as Int codes (enumerations range over their domain), kenmerken and Booleans as Bools;
- `leeg`: every value carries a Bool `leeg`, and every operator and predicate follows the leeg
  tables of regelspraak-taal.md §6 (also the run-time errors: division by zero or by leeg, two
  empty dates compared, a minimum above the maximum, too many decimals for the target);
- dates as Int day numbers (`date.toordinal`), with year/month/day recovered through the civil
  calendar formula (division by constants only: linear integer arithmetic), so `tijdsduur … in
  hele jaren|maanden|dagen`, `plus N mnd` (with month-end clamping) and `de maand uit` are exact;
- rounding in all five modes (integer division of the scaled numerator by the constant
  denominator; `ToInt` on the scaled value for Reals), begrenzing, absolute waarde,
  min/max over written lists, `de som van A, B en C` with its special leeg rule;
- parameters as their concrete values on the rekendatum;
- the world around the subject as a tree of object slots: every single-valued role path gets its
  own variables and an existence flag; navigating back along the role one came by returns the
  object one came from (the huishouden of a lid of H is H);
- derived attributes and kenmerken by substituting their defining rules (the chain), in
  execution order: the first firing writer's value, then Initialisaties if still leeg; what the
  case reader accepts as input (nothing a rule writes, except what only an Initialisatie writes)
  is a free input variable.

Input domain ("reachable input"): the declared types, and, where an analysis says so, the
consistentieregels that read only input (they define valid input; `Encoder.invoercontroles`).

What is approximated, and how (`Encoder.benaderingen` lists what a query used):

- collections over multi-valued roles. In `Meervoud.ABSTRACT` mode a collection is a fresh
  count, an aggregate a fresh value and a quantifier a fresh Bool, constrained only by facts that
  hold in every world (a count is >= 0, a subselection is no larger than its collection, an empty
  collection has an empty sum, ...): an over-approximation, so `unsat` is a proof. In
  `Meervoud.SLOTS` mode a collection is N explicit object slots: exact for every world with at
  most N related objects (an under-approximation), so `sat` gives a concrete case;
- derived attributes written through a role path (`De X van de partner van …`), derivations
  deeper than `MAX_DIEPTE` role steps, objects of all instances of a type and comparisons of
  objects: fresh unconstrained values (over-approximation).

Every check runs abstract first (a proof when unsat), then with slots for a witness (the
smallest z3 finds quickly: numbers near 0, dates near the rekendatum), then the interpreter
confirms the witness, read exactly as `bereken --gegevens` reads a case file (`Zoeker.zoek`).
A finding is `bewezen` when the encoding that produced the confirmed case was exact.
tests/unit/analyses/test_z3_encoding.py checks value for value that the exact encoding equals the
interpreter, and that the abstract encoding admits the interpreter's outcome, on every golden
model and on the real models.

The package, in the order a query uses it:

- `values`: what an encoded value is (`Val`, the object `Slot`s of the world, rule `Frame`s),
  numbers as Int numerator over a constant denominator, leeg and Boolean helpers;
- `operators`: the operators and predicates of the language on encoded values, with the leeg
  tables of regelspraak-taal.md §6, rounding, and the civil calendar;
- `world`: the objects around the subject, navigation along roles, and free input variables;
- `expressions`: expressions and conditions of the IR as encoded values;
- `encoder`: derived attributes and kenmerken by substituting their rules, rule results applied
  to an object, the input-domain assumptions, and a z3 model read back as a case file (`Encoder`);
- `search`: one question asked abstract, then with slots, then confirmed by the interpreter
  (`Zoeker`), and the helpers the analyses share to turn its answer into a finding.
"""

"""Parse + check a generated model of 1,000 rules (bar: under 2 s on these machines).

Run: python benchmarks/bench_parse.py [aantal_regels]
Prints the median of five runs, split into parsing (text -> syntax) and checking (syntax -> typed
model), and the figure per rule. The model mixes the constructs real laws use: calculations with
rounding and begrenzing, compound conditions, kenmerken, aggregations over roles, variables and
decision tables, with dependency chains between the rules.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from regelspraak.model.from_syntax import from_syntax
from regelspraak.syntax.from_text import parse_files

HEADER = """Domein Bedrag is van het type Numeriek (getal met 2 decimalen) met eenheid €
Domein Soort is van het type Enumeratie
\t'alleenstaande'
\t'met partner'

Objecttype de Persoon (mv: Personen) (bezield)
\tde geboortedatum\tDatum in dagen;
\tde leeftijd\tNumeriek (niet-negatief geheel getal) met eenheid jr;
\tis verzekerd\tkenmerk (bijvoeglijk);
\tde soort\tSoort;
{persoon_attrs}
Objecttype het Huishouden (mv: Huishoudens)
{huishouden_attrs}
Feittype samenstelling
\thet huishouden\tHuishouden
\thet lid (mv: leden)\tPersoon
Eén huishouden bestaat uit meerdere leden

Parameter de grens : Bedrag
Parameter het percentage : Percentage (getal met 3 decimalen)
"""


def generate(n: int) -> str:
    per = n // 2
    lines = [HEADER.format(
        persoon_attrs="\n".join(f"\thet bedrag {i}\tBedrag;\n\tis kenmerk {i}\tkenmerk (bijvoeglijk);"
                                for i in range(per)),
        huishouden_attrs="\n".join(f"\tde som {i}\tBedrag;" for i in range(n - per)))]
    for i in range(per):
        prev = f"het bedrag {i - 1} van de Persoon" if i else "0 €"
        kind = i % 4
        if kind == 0:
            body = (f"\t\tHet bedrag {i} van een Persoon moet berekend worden als ({prev} plus het percentage van "
                    f"de grens) naar beneden afgerond op 2 decimalen\n"
                    f"\t\tindien zijn leeftijd groter of gelijk is aan 18 jr.")
        elif kind == 1:
            body = (f"\t\tHet bedrag {i} van een Persoon moet berekend worden als A min de grens, met een minimum "
                    f"van 0 € naar beneden afgerond op 2 decimalen.\n\t\tDaarbij geldt:\n"
                    f"\t\t\tA is {prev} plus 12,5 €.")
        elif kind == 2:
            body = (f"\t\tHet bedrag {i} van een Persoon moet berekend worden als {prev} maal 2\n"
                    f"\t\tindien er aan ten minste één van de volgende voorwaarden wordt voldaan:\n"
                    f"\t\t\t• hij is verzekerd\n\t\t\t• zijn soort is gelijk aan 'met partner'\n"
                    f"\t\t\t• hij voldoet aan alle volgende voorwaarden:\n"
                    f"\t\t\t\t•• zijn leeftijd is kleiner dan 67 jr\n\t\t\t\t•• {prev} is groter dan 100 €.")
        else:
            body = (f"\t\tEen Persoon is kenmerk {i}\n\t\tindien {prev} groter is dan de grens.")
        lines.append(f"Regel regel {i}\n\tbron: artikel {i % 40 + 1}, eerste lid, Wet op de zorgtoeslag\n"
                     f"\tgeldig altijd\n{body}\n")
    for i in range(n - per):
        lines.append(f"Regel huishoudregel {i}\n\tbron: art. {i % 40 + 1} lid 2 Wzt\n\tgeldig altijd\n"
                     f"\t\tDe som {i} van een Huishouden moet berekend worden als de som van het bedrag {i % per} "
                     f"van alle leden van het Huishouden die verzekerd zijn of 0 als die er niet zijn.\n")
    return "\n".join(lines)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    d = Path(tempfile.mkdtemp())
    p = d / "groot.rgs"
    p.write_text(generate(n), "utf-8")
    parse_t, check_t = [], []
    for _ in range(5):
        t0 = time.perf_counter()
        files, diags = parse_files([p])
        t1 = time.perf_counter()
        model, more = from_syntax(files)
        t2 = time.perf_counter()
        parse_t.append(t1 - t0)
        check_t.append(t2 - t1)
        errors = [x for x in diags + more if x.ernst.value == "fout"]
        if errors or len(model.regels) != n:
            raise SystemExit(f"generated model did not check cleanly: {errors[:3]}")
    tp, tc = statistics.median(parse_t), statistics.median(check_t)
    print(f"model: {n} regels, {p.stat().st_size // 1024} KiB")
    print(f"parse  (tekst -> syntaxboom): {tp:.3f} s")
    print(f"check  (syntax -> getypeerd model): {tc:.3f} s")
    print(f"totaal: {tp + tc:.3f} s  ({(tp + tc) / n * 1000:.2f} ms per regel; eis < 2 s: "
          f"{'gehaald' if tp + tc < 2 else 'NIET gehaald'})")


if __name__ == "__main__":
    main()

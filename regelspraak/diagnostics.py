"""Diagnostics as data: a stable code, a severity, a Dutch message and where.

Rendering lives in `regelspraak.report`; this module only defines the data.

>>> from regelspraak.origin import Span, Herkomst
>>> d = Diagnostic("RS101", Ernst.FOUT, "Onbekende naam 'leeftyd'.", Herkomst(Span("a.rgs", 4, 9)))
>>> d.is_fout
True
>>> CODES["RS101"]
'onbekende naam'
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from regelspraak.origin import Herkomst


class Ernst(Enum):
    FOUT = "fout"
    WAARSCHUWING = "waarschuwing"
    INFO = "info"


# Stable codes. RS0xx syntax, RS1xx names/types/units, RS2xx conflicts/inconsistency,
# RS3xx gaps, RS4xx cliffs, RS5xx misreporting incentives, RS6xx traceability/coverage,
# RS9xx input files and limits. A code is never reused for another meaning; each has
# a page in docs/codes/.
CODES: dict[str, str] = {
    "RS001": "onleesbaar bestand",
    "RS002": "onverwacht teken of woord",
    "RS003": "onvolledige zin",
    "RS004": "onbekende declaratie of regelvorm",
    "RS005": "ongeldige regelversie",
    "RS006": "ongeldige beslistabel",
    "RS007": "ongeldige bron",
    "RS008": "nog niet ondersteunde constructie",
    "RS009": "invoer te groot of te diep",
    "RS010": "onleesbare wettekst",
    "RS011": "ongeldige XML in wettekst",
    "RS012": "DTD of entiteit in wettekst",
    "RS013": "geen BWB-wettekst",
    "RS014": "lidnummer buiten volgorde",
    "RS015": "ontbrekend lidnummer",
    "RS016": "dubbel artikel",
    "RS017": "lege wettekst",
    "RS018": "onderdeel buiten volgorde",
    "RS019": "onvolledige tekstinterpolatie",
    "RS020": "ongeldige dimensie of gedimensioneerd attribuut",
    "RS021": "ongeldige datum-tijdwaarde",
    "RS030": "ongeldige tijdlijn",
    "RS035": "maandkolom met een maand buiten 1 … 12",
    "RS036": "tijdlijn-attribuut als één populatiekolom",
    "RS037": "maandkolommen van een tijdlijn onvolledig",
    "RS038": "maandkolommen bij een attribuut zonder tijdlijn per maand of jaar",
    "RS039": "tijdlijn als uitvoer of groepering van een simulatie",
    "RS040": "bestand zonder declaraties of regels",
    "RS101": "onbekende naam",
    "RS102": "dubbele declaratie",
    "RS103": "typefout",
    "RS104": "eenheden passen niet",
    "RS105": "ongeldig onderwerp",
    "RS106": "te veel decimalen zonder afronding",
    "RS107": "onbekende eenheid",
    "RS108": "ongeldig gebruik van hij/zijn",
    "RS110": "controle op een ongeschikte waarde",
    "RS111": "wortel of macht zonder afronding",
    "RS120": "periodes passen niet",
    "RS121": "tijdlijn in een attribuut zonder tijdlijn",
    "RS122": "waarde zonder passende periode in een functie over de tijd",
    "RS123": "bedragen per verschillende perioden zonder omrekening",
    "RS124": "kenmerk met tijdlijn waar één waarheidswaarde nodig is",
    "RS112": "ongeldig functieargument",
    "RS113": "ongeldige waarde in tekstinterpolatie",
    "RS130": "label van een dimensie ontbreekt",
    "RS131": "ongeldige aggregatie over een dimensie",
    "RS132": "ongeldige rekenkunde met datum-tijd",
    "RS201": "overlappende regelversies",
    "RS202": "cyclische afleiding",
    "RS203": "tegenstrijdige toekenningen",
    "RS204": "inconsistentie",
    "RS205": "invoer voor afgeleid attribuut",
    "RS206": "rekenfout tijdens uitvoering",
    "RS210": "overlappende rijen in een beslistabel",
    "RS220": "inconsistentie voor geldige invoer",
    "RS230": "conflict tussen regels",
    "RS231": "conflict op een verkend punt",
    "RS240": "ongeldige verdeling",
    "RS241": "ongeldige onverdeelde rest",
    "RS242": "onbekende rol bij objectcreatie of feitcreatie",
    "RS243": "ongeldige waarde bij objectcreatie of feitcreatie",
    "RS244": "ongeldig gebruik van een dagsoort",
    "RS245": "onbekende dagsoort",
    "RS246": "ongeldige verwijzing naar een regelversie",
    "RS247": "ongeldig gebruik van een dimensie",
    "RS301": "onbereikbare regelversie",
    "RS312": "hiaat in de tijd",
    "RS302": "geen geldige parameterwaarde",
    "RS310": "gat in een beslistabel",
    "RS311": "hiaat: een benodigde waarde blijft leeg",
    "RS320": "dode regel",
    "RS401": "sprong",
    "RS402": "klif",
    "RS403": "monotonie geschonden",
    "RS404": "hoog marginaal tarief",
    "RS405": "grenzen geschonden",
    "RS406": "gestapeld marginaal tarief",
    "RS407": "analyse gestopt: tijdsbudget op",
    "RS408": "analyse gestopt: een werkproces viel weg",
    "RS410": "monotonie geschonden in de invoerruimte",
    "RS411": "grenzen geschonden in de invoerruimte",
    "RS412": "uitkomst blijft leeg in de invoerruimte",
    "RS413": "invariantie onder een transformatie geschonden",
    "RS414": "begrensd effect overschreden",
    "RS415": "symmetrie tussen partners geschonden",
    "RS416": "verlies boven het maximum door een voorstel",
    "RS417": "verliezers waar het voorstel er geen belooft",
    "RS418": "winnaars of verliezers buiten de genoemde groepen",
    "RS419": "eigenschap of tegenvoorbeeld past niet bij het model",
    "RS420": "klif in wat het huishouden overhoudt (alle geldstromen samen)",
    "RS421": "hoogste gestapeld marginaal tarief (notitie)",
    "RS422": "tijdlijnmodel: niet elk stuk van het berekeningsjaar gecodeerd (notitie)",
    "RS501": "misbruikprikkel",
    "RS502": "invariantie geschonden",
    "RS503": "engines oneens over een gegenereerd voorbeeld",
    "RS601": "regel zonder bron",
    "RS602": "onbekend artikel of lid",
    "RS603": "nog te formaliseren regel",
    "RS604": "ongebruikt artikel",
    "RS701": "onbekende of ontbrekende kolom",
    "RS702": "verkeerd type of ongeldige waarde in populatie",
    "RS703": "losse verwijzing",
    "RS704": "dubbel id of dubbel feit",
    "RS705": "marge buiten tolerantie",
    "RS710": "resultaat niet exact met de gedeclareerde decimalen te schrijven",
    "RS711": "ongeldige uitvoering of Dask-cluster onbereikbaar",
    "RS712": "ongeldige varianten in het scenario",
    "RS720": "ongeldige model.yaml of bouwt_op-map die geen model is",
    "RS721": "bouwt_op wijst buiten de modelboom",
    "RS722": "bouwt_op maakt een kring of gaat te diep",
    "RS723": "parameter in twee parameterbestanden",
    "RS724": "wet in twee wet.yaml-bestanden",
    "RS725": "uitbreiding van een objecttype wijkt af",
    "RS726": "tijdlijnbestand (id, vanaf, tot, waarde) onbruikbaar",
    "RS727": "stuk van een tijdlijnbestand met tot niet na vanaf of een grens midden in een maand",
    "RS728": "overlappende stukken van één object in een tijdlijnbestand",
    "RS729": "onbekend id in een tijdlijnbestand",
    "RS901": "ongeldig invoerbestand",
    "RS902": "ongeldige waarde in invoer",
    "RS910": "uitvoerdoel is niet van regelspraak",
    "RS911": "bestandsnaam buiten de map",
    "RS913": "twee sleutels met dezelfde naam",
    "RS914": "invoer levert een afgeleide waarde",
    "RS915": "berekening te diep genest",
    "RS916": "parameters zonder parameterbestand",
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    ernst: Ernst
    bericht: str
    herkomst: Herkomst | None = None
    hulp: str | None = None

    @property
    def is_fout(self) -> bool:
        return self.ernst is Ernst.FOUT


class DiagnosticError(Exception):
    """Raised at a boundary to stop a stage; carries the diagnostics that explain why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.bericht for d in diagnostics))
        self.diagnostics = diagnostics

    def __reduce__(self) -> tuple[type[DiagnosticError], tuple[list[Diagnostic]]]:
        # Pickled by its diagnostics (not the joined message), so it survives the trip back from
        # a Dask worker process and still renders as diagnostics with exit code 2.
        return (DiagnosticError, (self.diagnostics,))


def fouten(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.is_fout]

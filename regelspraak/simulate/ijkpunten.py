"""Published national figures beside a simulation's totals: `simulaties/ijkpunten.yaml`.

A simulation computes what people are *entitled* to; published figures count what was *paid*. Between
the two lies non-take-up, which the file documents per scheme (`niet_gebruik`), with its source. For
every ijkpunt of the scenario's model, `vergelijk` gives the model figure (entitlement), the figure
after non-take-up, the published figure and the relative deviation. Every figure carries its status:
`gepubliceerd` (with bron), `afgeleid` (computed from published figures; the computation is in
`toelichting`) or `AANNAME` — and an AANNAME is printed as such, never as a fact.

The file sits next to the scenario (`ijkpunten.yaml` in the same folder) and is read through pydantic
(`extra="forbid"`): a mistyped field is exit 2 with file, line and field.

>>> s = {"uitvoer": {"zorgtoeslag": {"totaal": "1000", "ontvangers": 10, "groepen": {}}}}
>>> r = Regeling(model="zorgtoeslag", niet_gebruik=NietGebruik(percentage="10%", status="gepubliceerd", bron="x"),
...              ijkpunten=[Ijkpunt(naam="n", maat="ontvangers", uitvoer=["zorgtoeslag"], waarde=9,
...                                 status="gepubliceerd", bron="y")])
>>> [(v.model, v.na_niet_gebruik, v.afwijking) for v in vergelijk(r, s)]
[(Fraction(10, 1), Fraction(9, 1), Fraction(0, 1))]
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_validator
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from regelspraak.inputs import yaml_source
from regelspraak.inputs.files import valideer
from regelspraak.model import folder
from regelspraak.report.aannames import aannames_in_parameters
from regelspraak.simulate import ijking, perioden
from regelspraak.simulate.scenario import Scenario
from regelspraak.values.leesbaar import percentage
from regelspraak.values.notation import parse_getal

NAAM = "ijkpunten.yaml"
Status = Literal["gepubliceerd", "afgeleid", "AANNAME"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _getal(v: Any) -> Fraction:
    tekst = str(v).strip().rstrip("%").strip()
    return parse_getal(tekst)[0]


class NietGebruik(_Strict):
    """Share of the entitled who do not claim; `per_groep` overrides it for the groups of one grouping.
    `aandeel_niet_gebruikers` instead says which share of the non-claimers falls in a group (as take-up
    research publishes it: "1 in 5 non-claimers had at most € 20 a month"): with the overall `percentage`
    and the group's entitled count that gives the group's rate, the other groups sharing the rest.
    `percentage_bedragen` is the share of the entitled *euros* not claimed, for totals, when it is known to
    differ from the share of households (non-claimers are entitled to less than claimers on average, CPB 2025);
    without it a total gets `percentage` like a count."""

    percentage: str
    status: Status
    bron: str
    toelichting: str = ""
    percentage_bedragen: str | None = None
    groepering: str | None = None
    per_groep: dict[str, str] = {}
    aandeel_niet_gebruikers: dict[str, str] = {}

    @model_validator(mode="after")
    def _verdeling(self) -> NietGebruik:
        if (self.per_groep or self.aandeel_niet_gebruikers) and self.groepering is None:
            raise ValueError("'per_groep' en 'aandeel_niet_gebruikers' vragen een 'groepering'")
        if self.per_groep and self.aandeel_niet_gebruikers:
            raise ValueError("kies 'per_groep' of 'aandeel_niet_gebruikers', niet beide")
        if sum((_getal(v) for v in self.aandeel_niet_gebruikers.values()), Fraction(0)) > 100:
            raise ValueError("de aandelen niet-gebruikers tellen op tot meer dan 100%")
        if self.percentage_bedragen is not None and self.groepering is not None:
            raise ValueError("'percentage_bedragen' geldt zonder 'groepering' "
                             "(die verdeelt het niet-gebruik al over de bedragen)")
        return self

    @field_validator("percentage", "percentage_bedragen")
    @classmethod
    def _pct(cls, v: str | None) -> str | None:
        if v is not None and not 0 <= _getal(v) <= 100:
            raise ValueError("een percentage ligt tussen 0% en 100%")
        return v


class Groep(_Strict):
    """Compare one row of a grouping of the scenario instead of the whole output."""

    groepering: str
    waarde: str


class Ijkpunt(_Strict):
    naam: str
    maat: Literal["totaal", "ontvangers"]
    uitvoer: list[str]  # outputs of the scenario; totals are summed, recipients taken from the first
    factor: int = 1  # a further multiplier; the period is converted from the output's unit (below)
    periode: Literal["jaar", "maand"] = "jaar"  # of a published total: the model total is converted to it
    waarde: int | str
    jaar: int | None = None
    status: Status
    bron: str
    toelichting: str = ""
    niet_gebruik_toepassen: bool = True
    groep: Groep | None = None
    # the scheme's own non-take-up when one regeling holds several schemes (wetten/toeslagen): it replaces
    # the regeling's `niet_gebruik` for this ijkpunt
    niet_gebruik: NietGebruik | None = None


class Regeling(_Strict):
    model: str  # folder name of the model (wetten/<model>)
    # only for this scenario file (its name, beside ijkpunten.yaml): figures of another year that the scenario
    # compares like with like, with that year's parameters; a scenario without its own entry gets the model's
    scenario: str | None = None
    niet_gebruik: NietGebruik | None = None
    ijkpunten: list[Ijkpunt]


class IjkpuntenBestand(_Strict):
    regelingen: dict[str, Regeling]


@dataclass(frozen=True)
class Vergelijking:
    naam: str
    maat: str
    model: Fraction | None  # entitlement, as simulated (None: an output is missing)
    na_niet_gebruik: Fraction | None
    gepubliceerd: Fraction
    afwijking: Fraction | None  # (na_niet_gebruik - gepubliceerd) / gepubliceerd
    status: str
    bron: str
    toelichting: str
    jaar: int | None
    periode: str | None = None  # of a total: 'per jaar'
    niet_gebruik: str | None = None  # the rate applied, when the ijkpunt has its own (as given: '12%')

    def als_dict(self) -> dict[str, Any]:
        def s(x: Fraction | None) -> str | None:
            return None if x is None else str(round(x))  # exact: no float on the way
        return {"naam": self.naam, "maat": self.maat, "model": s(self.model),
                "na_niet_gebruik": s(self.na_niet_gebruik), "gepubliceerd": s(self.gepubliceerd),
                "afwijking": None if self.afwijking is None else percentage(self.afwijking * 100),
                "status": self.status, "bron": self.bron, "toelichting": self.toelichting, "jaar": self.jaar,
                "periode": self.periode, "niet_gebruik": self.niet_gebruik}


def lees(pad: Path) -> IjkpuntenBestand:
    bestand: IjkpuntenBestand = valideer(yaml_source.read(pad), IjkpuntenBestand)
    return bestand


def voor_model(bestand: IjkpuntenBestand, model_pad: str, scenario: str | None = None) -> Regeling | None:
    """The entry for a model: the one naming this scenario file if there is one, else the model's general one."""
    naam = Path(model_pad).name.lower()
    kandidaten = [r for r in bestand.regelingen.values() if r.model.lower() == naam]
    eigen = [r for r in kandidaten if scenario is not None and r.scenario is not None
             and r.scenario.lower() == scenario.lower()]
    return next(iter(eigen or [r for r in kandidaten if r.scenario is None]), None)


def _per_groep(ng: NietGebruik, rijen: list[dict[str, Any]]) -> dict[str, Fraction]:
    """The rate per group: `per_groep` as given, or derived from `aandeel_niet_gebruikers` and the entitled
    count per group (rate = share of non-claimers x overall rate x entitled / entitled in the group; the
    groups not named share the rest in proportion to their entitled), at most 100%."""
    if not ng.aandeel_niet_gebruikers:
        return {g: _getal(v) / 100 for g, v in ng.per_groep.items()}
    p = _getal(ng.percentage) / 100
    n = {str(r["groep"]): Fraction(int(r["ontvangers"])) for r in rijen}
    totaal = sum(n.values(), Fraction(0))
    aandeel = {g: _getal(v) / 100 for g, v in ng.aandeel_niet_gebruikers.items()}
    rest = sum((x for g, x in n.items() if g not in aandeel), Fraction(0))
    out = {}
    for g, x in n.items():
        noemer = x if g in aandeel else rest
        a = aandeel[g] if g in aandeel else 1 - sum(aandeel.values(), Fraction(0))
        out[g] = min(a * p * totaal / noemer, Fraction(1)) if noemer else Fraction(0)
    return out


def _niet_gebruik(ng: NietGebruik | None, groep: str | None, maat: str = "ontvangers") -> Fraction:
    if ng is None:
        return Fraction(0)
    if groep is not None and groep in ng.per_groep:
        return _getal(ng.per_groep[groep]) / 100
    if maat == "totaal" and ng.percentage_bedragen is not None:
        return _getal(ng.percentage_bedragen) / 100
    return _getal(ng.percentage) / 100


def _maat(item: dict[str, Any], maat: str) -> Fraction:
    return Fraction(int(item["ontvangers"])) if maat == "ontvangers" else _getal(item["totaal"])


def vergelijk(r: Regeling, samenvatting: dict[str, Any]) -> list[Vergelijking]:
    """The ijkpunten of one scheme against a simulation summary (`simulate.run.samenvatting`)."""
    uitvoer = samenvatting.get("uitvoer", {})
    rekendatum = date.fromisoformat(samenvatting["rekendatum"]) if samenvatting.get("rekendatum") else None
    out = []
    for ij in r.ijkpunten:
        publ = _getal(ij.waarde)
        items = [uitvoer.get(u) for u in ij.uitvoer]
        # a total is converted from its output's period (the summary says it) to the published one
        f = [_omrekening(i, ij, rekendatum) for i in items]
        if ij.groep is not None:  # one row of a grouping stands in for the output
            g = ij.groep
            items = [next((rij for rij in i.get("groepen", {}).get(g.groepering, []) if rij["groep"] == g.waarde), None)
                     if i is not None else None for i in items]
        model = na = afw = None
        if all(i is not None for i in items) and items:
            gebruikt = items[:1] if ij.maat == "ontvangers" else items
            f = f[: len(gebruikt)]
            model = sum((_maat(i, ij.maat) * fi for i, fi in zip(gebruikt, f, strict=True) if i is not None),
                        Fraction(0)) * ij.factor
            ng = (ij.niet_gebruik or r.niet_gebruik) if ij.niet_gebruik_toepassen else None
            na = Fraction(0)
            for i, fi in zip(gebruikt, f, strict=True):
                assert i is not None
                rijen = i.get("groepen", {}).get(ng.groepering, []) if ng is not None and ng.groepering else []
                if rijen and ng is not None:
                    tarief = _per_groep(ng, rijen)
                    na += sum((_maat(rij, ij.maat) * (1 - tarief.get(str(rij["groep"]), _niet_gebruik(ng, None)))
                               for rij in rijen), Fraction(0)) * fi
                else:
                    na += _maat(i, ij.maat) * (1 - _niet_gebruik(ng, None, ij.maat)) * fi
            na *= ij.factor
            afw = (na - publ) / publ if publ else None
        eigen = _toegepast(ij.niet_gebruik, ij.maat) if ij.niet_gebruik_toepassen else None
        out.append(Vergelijking(ij.naam, ij.maat, model, na, publ, afw, ij.status, ij.bron, ij.toelichting, ij.jaar,
                                f"per {ij.periode}" if ij.maat == "totaal" else None, eigen))
    return out


def _toegepast(ng: NietGebruik | None, maat: str) -> str | None:
    """The rate shown beside a figure: '12%', or for a total with a rate in euros '12%; 7% in euro's'."""
    if ng is None:
        return None
    if maat == "totaal" and ng.percentage_bedragen is not None:
        return f"{ng.percentage}; {ng.percentage_bedragen} in euro's"
    return ng.percentage


def _omrekening(item: dict[str, Any] | None, ij: Ijkpunt, rekendatum: date | None) -> Fraction:
    """What a model total per its output's period is multiplied by to be per the published figure's period:
    12 for a total per maand against a figure per jaar, 1 when `simuleer --per jaar` already converted it."""
    if ij.maat != "totaal" or item is None or rekendatum is None:
        return Fraction(1)
    van = str(item.get("periode", "")).removeprefix("per ")
    if van not in perioden.PERIODEN:  # no period (a count): compared as it is
        return Fraction(1)
    return perioden.factor(van, ij.periode, rekendatum)


def voor_scenario(scenario_pad: Path, model_pad: str, samenvatting: dict[str, Any]) -> dict[str, Any] | None:
    """The comparison for a scenario, or None when there is no `ijkpunten.yaml` beside it or no entry
    for its model. A broken file raises DiagnosticError (exit 2 in the CLI)."""
    pad = scenario_pad.parent / NAAM
    if not pad.is_file():
        return None
    r = voor_model(lees(pad), model_pad, scenario_pad.name)
    if r is None:
        return None
    ng = r.niet_gebruik
    berekend: dict[str, str] = {}
    if ng is not None and ng.groepering:  # the rate per group as applied (derived from the shares, or given)
        for item in samenvatting.get("uitvoer", {}).values():
            rijen = item.get("groepen", {}).get(ng.groepering, [])
            if rijen:
                ontvangers = {str(rij["groep"]) for rij in rijen if int(rij["ontvangers"])}
                berekend = {g: percentage(x * 100) for g, x in _per_groep(ng, rijen).items() if g in ontvangers}
                break
    return {
        "bestand": str(pad),
        "niet_gebruik": None if ng is None else {"percentage": ng.percentage, "status": ng.status, "bron": ng.bron,
                                                 "percentage_bedragen": ng.percentage_bedragen,
                                                 "groepering": ng.groepering, "per_groep": dict(ng.per_groep),
                                                 "aandeel_niet_gebruikers": dict(ng.aandeel_niet_gebruikers),
                                                 "per_groep_toegepast": berekend},
        "vergelijkingen": [v.als_dict() for v in vergelijk(r, samenvatting)],
    }


def bij_simulatie(sc: Scenario, samenvatting: dict[str, Any]) -> dict[str, Any]:
    """What `simuleer` shows after its totals: the ijkpunten of the scenario's model (if any) and every
    assumption behind the figures — AANNAME parameter values of the model, the generator's AANNAMEs
    when the population is generated, and ijkpunten that are themselves an AANNAME."""
    model_pad = sc.relatief(sc.bestand.model)
    out: dict[str, Any] = voor_scenario(sc.pad, str(model_pad), samenvatting) or {}
    aannames = aannames_in_parameters(folder.find(model_pad).parameters) if model_pad.exists() else []
    if sc.bestand.populatie.genereer is not None:
        aannames += list(ijking.AANNAMES) + _mapping_aannames(sc)
        aannames += _generator_aannames(sc)  # housing and children, when the mapping reads them (issue 13)
    for v in out.get("vergelijkingen", []):
        if v["status"] == "AANNAME":
            aannames.append(f"AANNAME ijkpunt '{v['naam']}': {v['bron']}")
    ng = out.get("niet_gebruik")
    if ng is not None and ng["status"] == "AANNAME":
        aannames.append(f"AANNAME niet-gebruik {ng['percentage']}: {ng['bron']}")
    aannames += _eigen_niet_gebruik_aannames(sc)
    out["aannames"] = aannames
    return out


def _eigen_niet_gebruik_aannames(sc: Scenario) -> list[str]:
    """The non-take-up rates of single ijkpunten that are an AANNAME: one line per ijkpunt, naming it."""
    pad = sc.pad.parent / NAAM
    r = voor_model(lees(pad), str(sc.relatief(sc.bestand.model)), sc.pad.name) if pad.is_file() else None
    gezien: dict[str, None] = {}
    for ij in r.ijkpunten if r is not None else []:
        ng = ij.niet_gebruik
        if ng is not None and ng.status == "AANNAME" and ij.niet_gebruik_toepassen:
            gezien[f"AANNAME niet-gebruik {_toegepast(ng, ij.maat)} ({ij.naam}): {ng.bron}"] = None
    return list(gezien)


def _generator_aannames(sc: Scenario) -> list[str]:
    from regelspraak.simulate.aanvulling import aannames

    if sc.bestand.populatie.mapping is None:
        return []
    return aannames(yaml_source.read(sc.relatief(sc.bestand.populatie.mapping)).data)


def _mapping_aannames(sc: Scenario) -> list[str]:
    """Kenmerken a mapping gives to a share (`aandeel`) of the persons: the share is an assumption."""
    if sc.bestand.populatie.mapping is None:
        return []
    data = yaml_source.read(sc.relatief(sc.bestand.populatie.mapping)).data
    out = []
    for ot, spec in (data.get("objecttypen") or {}).items() if isinstance(data, dict) else []:
        for soort in ("kenmerken", "attributen"):
            for naam, v in ((spec or {}).get(soort) or {}).items():
                if isinstance(v, dict) and "aandeel" in v:
                    out.append(f"AANNAME mapping: {soort[:-2] if soort == 'kenmerken' else 'attribuut'} '{naam}' "
                               f"({ot}) waar voor een aandeel {v['aandeel']} van wie in aanmerking komt")
    return out


def _fmt(x: str | None, maat: str) -> str:
    if x is None:
        return "—"
    n = f"{int(x):,}".replace(",", ".")
    return f"€ {n}" if maat == "totaal" else n


def toon(con: Console, data: dict[str, Any]) -> None:
    """Print the comparison and the assumptions (text output of `simuleer`)."""
    rijen = data.get("vergelijkingen", [])
    if rijen:
        ng = data.get("niet_gebruik")
        per = "; ".join(f"{g} {v}" for g, v in (ng or {}).get("per_groep_toegepast", {}).items())
        titel = "Ijkpunten (gepubliceerde cijfers)" + (
            f"; niet-gebruik {ng['percentage']} ({ng['status']})" + (f", per {ng['groepering']}: {per}" if per else "")
            if ng else "; niet-gebruik per ijkpunt (tussen haakjes)" if any(v.get("niet_gebruik") for v in rijen)
            else "; geen niet-gebruik")
        t = Table("ijkpunt", "jaar", "model (recht)", "na niet-gebruik", "gepubliceerd", "afwijking", "status",
                  title=escape(titel), title_justify="left")
        for v in rijen:
            status = f"[bold red]{v['status']}[/]" if v["status"] == "AANNAME" else escape(v["status"])
            naam = v["naam"] + (f" ({v['periode']})" if v.get("periode") else "")
            na = _fmt(v["na_niet_gebruik"], v["maat"]) + (f" ({v['niet_gebruik']})" if v.get("niet_gebruik") else "")
            t.add_row(escape(naam), str(v["jaar"] or ""), _fmt(v["model"], v["maat"]), escape(na),
                      _fmt(v["gepubliceerd"], v["maat"]),
                      v["afwijking"] or "—", status)
        con.print(t)
        con.print(f"[dim]Bronnen en toelichting: {escape(data.get('bestand', NAAM))}[/]")
    for a in data.get("aannames", []):
        con.print(f"[bold red]{escape(a.split(' ', 1)[0])}[/] {escape(a.split(' ', 1)[1] if ' ' in a else '')}")

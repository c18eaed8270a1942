"""The CBS marginal totals the synthetic population is calibrated to, and the targets derived from them.

The figures ship with the package (`data/cbs-marginalen-2024.yaml`, CC BY 4.0, "Bron: CBS");
the file keeps its bron header. It is read through pydantic (`extra="forbid"`) like every
other YAML input, so a changed or mistyped file is an error naming the field, not a KeyError
somewhere in the generator.

`Doelen` turns the raw figures (different tables, years and units) into one consistent set
of targets for 1 January 2024. Every step that is not a plain copy says why in a comment and
is listed in docs/populatie.md.

>>> d = doelen(laad_marginalen())
>>> d.totaal_personen, d.huishoudtype["eenpersoons"]
(17942942.0, 3340560.0)
>>> round(sum(d.inkomen_aandelen.values()), 6)
1.0
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from regelspraak.diagnostics import DiagnosticError
from regelspraak.inputs import pydantic_nl, yaml_source


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Sectie(_Strict):
    cbs_tabel: str | None = None
    peildatum: str | None = None
    periode: str | None = None
    voorlopig: bool | None = None
    status: str | None = None
    eenheid: str | dict[str, str]
    waarden: dict[str, float]
    aandelen: dict[str, float] | None = None
    aandelen_procent: dict[str, float] | None = None
    opmerking: str | None = None


class Marginalen(_Strict):
    bron: dict[str, str]
    personen_naar_huishoudpositie: Sectie
    personen_naar_leeftijd_enkeljarig: Sectie
    huishoudens_naar_type: Sectie
    huishoudens_naar_grootte: Sectie
    huishoudens_met_kinderen_naar_type: Sectie
    huishoudens_met_kinderen_naar_aantal_kinderen: Sectie
    leeftijdsklassen_2019: Sectie
    leeftijdsklassen_prognose_eind_2025: Sectie
    persoonlijk_inkomen_klassen: Sectie
    persoonlijk_inkomen_kengetallen: Sectie
    huishoudens_welvaart: Sectie
    woningvoorraad_naar_eigendom: Sectie
    aow_gerechtigden_naar_leefvorm: Sectie | None = None  # SVB, not CBS: the household position of 67+
    personen_zonder_inkomen: Sectie | None = None  # CBS via press: adults 15-67 without personal income
    bevolking_totaal: Sectie | None = None  # residents on 1 January of several years (peildatum interpolation)


def laad_marginalen(pad: Path | None = None) -> Marginalen:
    """The shipped CBS file, or another file of the same shape; DiagnosticError if unusable."""
    if pad is None:
        bestand = resources.files("regelspraak.simulate") / "data" / "cbs-marginalen-2024.yaml"
        with resources.as_file(bestand) as p:
            return _valideer(yaml_source.read(p))
    return _valideer(yaml_source.read(pad))


def _valideer(src: yaml_source.Source) -> Marginalen:
    try:
        return Marginalen.model_validate(src.data)
    except ValidationError as e:
        raise DiagnosticError(pydantic_nl.diagnostieken(src, e)) from e


# Age bands of the CBS tables, as inclusive ranges of whole years (100 stands for 100 and over).
LEEFTIJDSKLASSEN: dict[str, tuple[int, int]] = {
    "0 tot 20": (0, 19), "20 tot 40": (20, 39), "40 tot 65": (40, 64), "65 tot 80": (65, 79), "80 en ouder": (80, 100),
}
INKOMENSKLASSEN: dict[str, tuple[int, int | None]] = {  # euro per year, lower bound inclusive
    "minder dan 10k": (0, 10_000), "10k tot 20k": (10_000, 20_000), "20k tot 30k": (20_000, 30_000),
    "30k tot 40k": (30_000, 40_000), "40k tot 50k": (40_000, 50_000), "50k tot 100k": (50_000, 100_000),
    "100k tot 200k": (100_000, 200_000), "200k en meer": (200_000, None),
}


@dataclass(frozen=True)
class Doelen:
    """Targets on 1 January 2024, in persons or households of the whole country."""

    totaal_personen: float
    institutioneel: float
    posities: dict[str, float]  # persons by household position (private households + institutional)
    huishoudtype: dict[str, float]  # eenpersoons / zonder kinderen / met kinderen
    grootte: dict[str, float]  # 1 .. 5 of meer
    kinderen_type: dict[str, float]  # households with children: paar / eenouder
    kinderen_aantal: dict[str, float]  # households with children: 1 / 2 / 3 of meer
    paren_zonder_kinderen: float
    eigendom: dict[str, float]  # koop / huur corporatie / huur overig
    leeftijd: dict[str, float]  # persons per age band
    leeftijd_enkel: dict[int, float]  # persons of age 0 and 1
    inkomen_aandelen: dict[str, float]  # share of adults per income class
    inkomen_kengetallen: dict[str, float]  # euro: gemiddeld, mediaan, deciel_k_gemiddeld
    aandeel_partner_67: float | None = None  # share of persons of 67+ living with a partner (SVB leefvorm)
    aandeel_gehuwd: tuple[float, float] = (0.0, 0.0)  # married share of partners: couples without / with children
    zonder_inkomen: float = 0.0  # adults (18-66) without any personal income, national count (CBS 2023)
    peildatum: date = date(2024, 1, 1)  # the date the age structure and the total are for


def doelen(m: Marginalen, peildatum: date | None = None) -> Doelen:
    """The targets for `peildatum` (default 1 January 2024, the date of the household tables): the age
    structure and the number of residents are moved to it (`_leeftijdsaandelen`, `totaal_op`); the household
    structure keeps its 1 January 2024 shares."""
    peildatum = peildatum or date(2024, 1, 1)
    pos = m.personen_naar_huishoudpositie.waarden
    hh = m.huishoudens_naar_type.waarden
    met_kinderen = hh["meerpersoons_met_kinderen"]
    posities = {
        "thuiswonend kind": pos["thuiswonend_kind"],
        "alleenstaand": pos["alleenstaand"],
        "partner zonder kinderen": (pos["partner_ongehuwd_paar_zonder_kinderen"]
                                    + pos["partner_gehuwd_paar_zonder_kinderen"]),
        "partner met kinderen": pos["partner_ongehuwd_paar_met_kinderen"] + pos["partner_gehuwd_paar_met_kinderen"],
        "alleenstaande ouder": pos["ouder_in_eenouderhuishouden"],
        "overig lid": pos["overig_lid_huishouden"],
        "institutioneel": pos["in_institutionele_huishoudens"],
    }
    g = m.huishoudens_naar_grootte.waarden
    # 71487ned (2023) has a slightly different total than 37975 (1 Jan 2024): use its shares only,
    # applied to the 2024 count of households with children, so all household margins share one total.
    kt = m.huishoudens_met_kinderen_naar_type.waarden
    ka = m.huishoudens_met_kinderen_naar_aantal_kinderen.waarden
    kinderen_type = {"paar": (kt["gehuwd_paar"] + kt["ongehuwd_paar"]) / kt["totaal"] * met_kinderen,
                     "eenouder": kt["eenouderhuishouden"] / kt["totaal"] * met_kinderen}
    kinderen_aantal = {k: ka[src] / ka["totaal"] * met_kinderen
                       for k, src in (("1", "1_kind"), ("2", "2_kinderen"), ("3 of meer", "3_of_meer_kinderen"))}
    # Dwellings (1 Jan 2023), not households: their shares (tenure unknown left out) are applied
    # to the 2024 number of private households.
    w = m.woningvoorraad_naar_eigendom.waarden
    bekend = w["koopwoning"] + w["huurwoning"]
    eigendom = {"koop": w["koopwoning"] / bekend * hh["totaal"],
                "huur corporatie": w["huur_woningcorporatie"] / bekend * hh["totaal"],
                "huur overig": w["huur_overige_verhuurders"] / bekend * hh["totaal"]}
    totaal = totaal_op(m, peildatum) or pos["totaal"]
    aandelen = _leeftijdsaandelen(m, peildatum)
    inkomen = m.persoonlijk_inkomen_klassen.waarden
    bronnamen = ("minder_dan_10k", "10k_tot_20k", "20k_tot_30k", "30k_tot_40k", "40k_tot_50k", "50k_tot_100k",
                 "100k_tot_200k", "200k_en_meer")
    kg = m.persoonlijk_inkomen_kengetallen.waarden
    return Doelen(
        totaal_personen=totaal,
        institutioneel=pos["in_institutionele_huishoudens"],
        posities=posities,
        huishoudtype={"eenpersoons": hh["eenpersoonshuishouden"], "zonder kinderen": hh["meerpersoons_zonder_kinderen"],
                      "met kinderen": met_kinderen},
        grootte={"1": g["1_persoon"], "2": g["2_personen"], "3": g["3_personen"], "4": g["4_personen"],
                 "5 of meer": g["5_of_meer_personen"]},
        kinderen_type=kinderen_type,
        kinderen_aantal=kinderen_aantal,
        # Both partners of a couple are counted in 37620; a couple is one household.
        paren_zonder_kinderen=posities["partner zonder kinderen"] / 2,
        eigendom=eigendom,
        leeftijd={k: a * totaal for k, a in aandelen.items()},
        leeftijd_enkel={int(k): v for k, v in m.personen_naar_leeftijd_enkeljarig.waarden.items()},
        inkomen_aandelen={k: inkomen[b] / inkomen["totaal"] for k, b in zip(INKOMENSKLASSEN, bronnamen, strict=True)},
        inkomen_kengetallen={k: v * 1000 for k, v in kg.items()},
        aandeel_partner_67=_aandeel_partner_67(m),
        # 37620: partners in married and unmarried couples, without and with children
        aandeel_gehuwd=(pos["partner_gehuwd_paar_zonder_kinderen"] / posities["partner zonder kinderen"],
                        pos["partner_gehuwd_paar_met_kinderen"] / posities["partner met kinderen"]),
        zonder_inkomen=_zonder_inkomen(m),
        peildatum=peildatum,
    )


def totaal_op(m: Marginalen, peildatum: date) -> float | None:
    """Residents on `peildatum`: linear between the 1 January counts of `bevolking_totaal`, the nearest count
    outside them (None without the section).

    >>> round(totaal_op(laad_marginalen(), date(2025, 7, 2)))
    18087394
    """
    b = m.bevolking_totaal
    if b is None:
        return None
    punten = sorted((date.fromisoformat(k).toordinal(), v) for k, v in b.waarden.items())
    dag = peildatum.toordinal()
    if dag <= punten[0][0]:
        return punten[0][1]
    for (d0, v0), (d1, v1) in pairwise(punten):
        if dag <= d1:
            return v0 + (v1 - v0) * (dag - d0) / (d1 - d0)
    return punten[-1][1]


def _zonder_inkomen(m: Marginalen) -> float:
    """Adults without personal income (CBS 2023, persons of 15-67 not in education): the published count of
    women plus the men's published share applied to the same base (321,000 / 6%: the men's base is not
    published, AANNAME). 0 without the section (then every adult has an income, as before issue 16)."""
    z = m.personen_zonder_inkomen
    if z is None:
        return 0.0
    vrouwen = z.waarden["vrouwen_15_tot_67_geen_inkomen_geen_onderwijs"]
    return vrouwen + vrouwen / z.waarden["aandeel_vrouwen_procent"] * z.waarden["aandeel_mannen_procent"]


def _aandeel_partner_67(m: Marginalen) -> float | None:
    """The share of pensioners (67+) who receive the AOW for samenwonenden (SVB, end 2023): under AOW
    art. 1 lid 2-4 that is everyone who is married or keeps a joint household, i.e. lives with a
    partner. The SVB figure includes pensioners abroad, whose split is not published: assumed the same."""
    a = m.aow_gerechtigden_naar_leefvorm
    if a is None:
        return None
    return a.waarden["samenwonend"] / (a.waarden["samenwonend"] + a.waarden["alleenstaand"])


def _leeftijdsaandelen(m: Marginalen, peildatum: date = date(2024, 1, 1)) -> dict[str, float]:
    """Age-band shares on `peildatum`, interpolated between the 2019 StatLine table and the
    end-2025 prognosis (press figures). Why: 2019 alone misses five years of ageing (65+ went
    from ~19% to ~21%); the prognosis alone is incomplete (no 20-40/40-65 split). A peildatum
    after 1 January 2026 keeps the prognosis (no extrapolation).
    """
    a19 = m.leeftijdsklassen_2019.waarden
    s19 = sum(a19.values())
    oud = {k: a19[b] / s19 for k, b in zip(LEEFTIJDSKLASSEN, ("jonger_dan_20", "20_tot_40", "40_tot_65", "65_tot_80",
                                                               "80_en_ouder"), strict=True)}
    p = m.leeftijdsklassen_prognose_eind_2025
    tot = p.waarden["totaal_inwoners"]
    jong, oud65 = p.waarden["jonger_dan_20"] / tot, p.waarden["65_en_ouder"] / tot
    oud80 = p.waarden["80_en_ouder"] / tot
    midden = (p.aandelen or {}).get("20_tot_65", 1 - jong - oud65)
    schaal = jong + midden + oud65  # the rounded press figures add up to 100.3%
    jong, midden, oud65, oud80 = jong / schaal, midden / schaal, oud65 / schaal, oud80 / schaal
    # The prognosis has no 20-40 / 40-65 split: keep the 2019 ratio inside 20-65.
    r = oud["20 tot 40"] / (oud["20 tot 40"] + oud["40 tot 65"])
    nieuw = {"0 tot 20": jong, "20 tot 40": midden * r, "40 tot 65": midden * (1 - r), "65 tot 80": oud65 - oud80,
             "80 en ouder": oud80}
    # 2019 read as mid-2019; "eind 2025" as 1 Jan 2026: 1 Jan 2024 lies 4.5 of 6.5 years along, 1 July 2025 6.
    # Counted in months (a day as a 31st of one), so whole months give exact fractions.
    maanden = (peildatum.year - 2019) * 12 + peildatum.month - 7 + (peildatum.day - 1) / 31
    t = min(max(maanden / 78, 0.0), 1.0)
    return {k: oud[k] + t * (nieuw[k] - oud[k]) for k in LEEFTIJDSKLASSEN}


def bron_tekst(m: Marginalen) -> str:
    """The attribution the licence asks for, for reports."""
    b: dict[str, Any] = m.bron
    return f"{b.get('naamsvermelding', 'Bron: CBS')} ({b.get('licentie', '')}), {b.get('url', '')}"

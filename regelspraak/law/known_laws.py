"""The laws we know by name: citation title and common abbreviations → BWB id.

The BWB ids were checked against a primary source: the `bwb-id` attributes of `extref`
elements in the BWB toestand XML of the Wzt, Awir and Participatiewet, the headers of the
harvested AOW/AKW texts, and the `bron` fields of `parameters-toeslagen.yaml` (regelingen).

>>> known_law("Wzt")
'BWBR0018451'
>>> known_law("  wet op de  zorgtoeslag ")
'BWBR0018451'
>>> law_title("BWBR0002368")
'Algemene Kinderbijslagwet'
>>> known_law("Wet op de toekomst") is None
True
"""

from __future__ import annotations

import re

# (BWB id, citation title, abbreviations). The title comes first: it is what `law_title` returns.
_WETTEN: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("BWBR0018451", "Wet op de zorgtoeslag", ("Wzt",)),
    ("BWBR0018472", "Algemene wet inkomensafhankelijke regelingen", ("Awir",)),
    ("BWBR0002221", "Algemene Ouderdomswet", ("AOW",)),
    ("BWBR0015703", "Participatiewet", ("PW", "Pw")),
    ("BWBR0002368", "Algemene Kinderbijslagwet", ("AKW",)),
    ("BWBR0018450", "Zorgverzekeringswet", ("Zvw",)),
    ("BWBR0011353", "Wet inkomstenbelasting 2001", ("Wet IB 2001", "Wet IB")),
    ("BWBR0005537", "Algemene wet bestuursrecht", ("Awb",)),
    ("BWBR0002638", "Wet minimumloon en minimumvakantiebijslag", ("WML", "Wml")),
    ("BWBR0049005", "Regeling standaardpremie 2024", ()),
    ("BWBR0050536", "Regeling standaardpremie 2025", ()),
    ("BWBR0035917", "Wet langdurige zorg", ("Wlz",)),
    ("BWBR0002320", "Algemene wet inzake rijksbelastingen", ("AWR", "Awr")),
    ("BWBR0004770", "Invorderingswet 1990", ("IW 1990",)),
    ("BWBR0002471", "Wet op de loonbelasting 1964", ("Wet LB 1964",)),
    ("BWBR0013060", "Wet structuur uitvoeringsorganisatie werk en inkomen", ("Wet SUWI", "SUWI")),
    ("BWBR0019057", "Wet werk en inkomen naar arbeidsvermogen", ("Wet WIA", "WIA")),
    ("BWBR0008657", "Wet arbeidsongeschiktheidsvoorziening jonggehandicapten", ("Wajong",)),
    ("BWBR0004045", "Werkloosheidswet", ("WW",)),
    ("BWBR0001888", "Ziektewet", ("ZW",)),
    ("BWBR0007795", "Algemene nabestaandenwet", ("Anw",)),
    ("BWBR0002524", "Wet op de arbeidsongeschiktheidsverzekering", ("WAO",)),
    ("BWBR0008656", "Wet arbeidsongeschiktheidsverzekering zelfstandigen", ("WAZ",)),
    ("BWBR0004044", "Wet inkomensvoorziening oudere en gedeeltelijk arbeidsongeschikte werkloze werknemers",
     ("IOAW",)),
    ("BWBR0004163", "Wet inkomensvoorziening oudere en gedeeltelijk arbeidsongeschikte gewezen zelfstandigen",
     ("IOAZ",)),
    ("BWBR0011453", "Wet studiefinanciering 2000", ("WSF 2000", "Wsf 2000")),
    ("BWBR0017017", "Wet kinderopvang", ("Wko",)),
    ("BWBR0035362", "Wet maatschappelijke ondersteuning 2015", ("Wmo 2015",)),
    ("BWBR0011823", "Vreemdelingenwet 2000", ("Vw 2000",)),
    ("BWBR0007333", "Algemene bijstandswet", ("Abw",)),
    ("BWBR0001854", "Wetboek van Strafrecht", ("Sr", "WvSr")),
    ("BWBR0001827", "Wetboek van Burgerlijke Rechtsvordering", ("Rv",)),
    ("BWBR0044770", "Wet inburgering 2021", ()),
)


def _sleutel(naam: str) -> str:
    # Case, spacing, a leading article and a trailing full stop do not change which law is meant.
    s = " ".join(naam.split()).casefold().rstrip(".,")
    return re.sub(r"^(?:de|het)\s+", "", s)


_OP_NAAM: dict[str, str] = {
    _sleutel(naam): bwb for bwb, titel, afk in _WETTEN for naam in (titel, *afk)
}
_TITEL: dict[str, str] = {bwb: titel for bwb, titel, _ in _WETTEN}


def known_law(naam: str) -> str | None:
    """The BWB id of a law named by citation title or abbreviation, or None."""
    return _OP_NAAM.get(_sleutel(naam))


def law_title(bwb: str) -> str | None:
    """The citation title of a known BWB id, or None."""
    return _TITEL.get(bwb)


def law_names() -> tuple[str, ...]:
    """Every known title and abbreviation, longest first (for matching in running text)."""
    namen = {naam for _, titel, afk in _WETTEN for naam in (titel, *afk)}
    return tuple(sorted(namen, key=lambda n: (-len(n), n)))

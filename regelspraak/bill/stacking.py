"""The combined marginal rates before and after a bill (issue 13): per template and income input,
the steepest stacked rate (RS421), the ranges above each threshold (RS406) and the household's
cliffs with their width (RS420) of both versions side by side, from the stacking analysis that
`vergelijk` runs on both. The findings comparison (bill/findings.py) says which finding is new or
worse; this says what the marginal rate of each household type was and becomes.

>>> tarieven([], [])
[]
"""

from __future__ import annotations

from typing import Any

from regelspraak.analyses.findings import Finding

_CODES = ("RS406", "RS420", "RS421")


def _sleutel(f: Finding) -> tuple[str, str, str]:
    d = f.details
    return str(d.get("sjabloon", "")), str(d.get("object", "")), str(d.get("invoer", ""))


def _kant(findings: list[Finding]) -> dict[tuple[str, str, str], dict[str, Any]]:
    out: dict[tuple[str, str, str], dict[str, Any]] = {}
    for f in findings:
        if f.code not in _CODES:
            continue
        kant = out.setdefault(_sleutel(f), {"hoogste": None, "bereiken": [], "kliffen": []})
        d = f.details
        if f.code == "RS421":
            kant["hoogste"] = {"tarief": d["tarief"], "van": d["van"], "tot": d["tot"],
                               "aandelen": {a["uitkomst"]: a["aandeel"] for a in d.get("aandelen", [])}}
        elif f.code == "RS406":
            kant["bereiken"].append({"drempel": d.get("drempel"), "tarief": d["tarief"], "van": d["van"],
                                     "tot": d["tot"]})
        else:
            kant["kliffen"].append({"van": d["van"], "verlies": d["verlies"],
                                    "gedomineerd_bereik": d.get("gedomineerd_bereik"),
                                    "uitkomsten": [v["uitkomst"] for v in d.get("veranderingen", [])]})
    return out


def tarieven(oud: list[Finding], nieuw: list[Finding]) -> list[dict[str, Any]]:
    """Per (template, object, income input) the stacking of the current model (`voor`) and of the
    bill (`na`), in the order the current model reports them (then the bill's new ones)."""
    voor, na = _kant(oud), _kant(nieuw)
    leeg: dict[str, Any] = {"hoogste": None, "bereiken": [], "kliffen": []}
    return [{"sjabloon": s, "object": o, "invoer": i, "voor": voor.get((s, o, i), leeg), "na": na.get((s, o, i), leeg)}
            for s, o, i in dict.fromkeys([*voor, *na])]

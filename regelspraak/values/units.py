"""Units: Eenheidsystemen, compound units and the exact unit algebra (taal.md §2 "Units").

Three layers:

- `EenheidDef`: one declared unit (`de zorgdag (mv: zorgdagen) zd = 8 zu`), with its
  conversion *family* (`basis`) and how many basis units one of it is (`factor`).
- `Eenheid`: a compound unit as a normalised, hashable value: sorted (key, exponent) pairs.
  Its own `maal`/`gedeeld` are pure exponent algebra; they never convert.
- `Eenheden`: the registry of one model (built-ins Tijd and Valuta plus the model's own
  systems). It parses unit texts, gives conversion factors, and multiplies/divides *with*
  cancellation of convertible units, returning the exact factor the type checker inserts.

The key of a unit is its symbol if it has one, else its abbreviation: `€` and `EUR` parse
to the same unit, which renders as `€`. `%` is not a unit here; the type layer owns it.

>>> r = Eenheden()
>>> str(r.parse("€/jr")), r.factor(r.parse("€/jr"), r.parse("€/mnd")), r.factor(r.parse("jr"), r.parse("dg"))
('€/jr', Fraction(1, 12), None)
>>> eenheid, factor = r.maal(r.parse("€/mnd"), r.parse("jr"))  # 100 €/mnd × 2 jr = 100·2·12 €
>>> str(eenheid), factor
('€', Fraction(12, 1))
>>> r.voeg_toe("Zorgtijd", [EenheidDeclaratie("zorguur", "zu", "zorguren"),
...                         EenheidDeclaratie("zorgdag", "zd", "zorgdagen", gelijk_aan=(Fraction(8), "zu"))])
[]
>>> r.factor(r.parse("zd"), r.parse("zu")), str(r.parse("zu/s²"))
(Fraction(8, 1), 'zu/s^2')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction


class EenheidFout(ValueError):
    """An unknown unit or an unreadable unit text; the message is Dutch (diagnostic RS107)."""


@dataclass(frozen=True, slots=True)
class EenheidDef:
    """One unit. `factor` = how many `basis` units one of this is (1 for the basis itself)."""

    naam: str
    meervoud: str
    afkorting: str
    symbool: str | None
    systeem: str
    basis: str  # afkorting of the basis unit of its conversion family
    factor: Fraction

    @property
    def sleutel(self) -> str:
        """The key under which this unit appears in an `Eenheid`: symbol, else abbreviation."""
        return self.symbool or self.afkorting


@dataclass(frozen=True, slots=True)
class EenheidDeclaratie:
    """One line of an Eenheidsysteem as the syntax layer reads it.

    `gelijk_aan=(Fraction(8), "zu")` is `= 8 zu`; `= 1/8 x` is `(Fraction(1, 8), "x")`.
    """

    naam: str
    afkorting: str
    meervoud: str | None = None
    symbool: str | None = None
    gelijk_aan: tuple[Fraction, str] | None = None


def _volgorde(sleutel: str) -> tuple[bool, str]:
    # Symbols (€, $) sort before words, so money reads first: `€·jr`, not `jr·€`.
    return (sleutel[:1].isalnum(), sleutel)


@dataclass(frozen=True, slots=True)
class Eenheid:
    """A compound unit: (key, exponent) pairs, sorted, keys unique, exponents nonzero.

    Normalised by construction (use `Eenheid.uit`), so `==` and `hash` are unit identity.
    """

    delen: tuple[tuple[str, int], ...] = ()

    def __post_init__(self) -> None:
        if list(self.delen) != sorted(self.delen, key=lambda d: _volgorde(d[0])) or any(
            e == 0 for _, e in self.delen
        ) or len({k for k, _ in self.delen}) != len(self.delen):
            raise ValueError(f"Eenheid niet genormaliseerd: {self.delen!r}; gebruik Eenheid.uit().")

    @classmethod
    def uit(cls, delen: Iterable[tuple[str, int]]) -> Eenheid:
        """Normalise: add exponents per key, drop zeros, sort."""
        som: dict[str, int] = {}
        for sleutel, exponent in delen:
            som[sleutel] = som.get(sleutel, 0) + exponent
        return cls(tuple(sorted(((k, e) for k, e in som.items() if e), key=lambda d: _volgorde(d[0]))))

    @classmethod
    def dimensieloos(cls) -> Eenheid:
        return cls()

    @property
    def is_dimensieloos(self) -> bool:
        return not self.delen

    @property
    def enkelvoudig(self) -> str | None:
        """The key if this is one plain unit (`jr`, not `jr^2` or `€/jr`), else None."""
        return self.delen[0][0] if len(self.delen) == 1 and self.delen[0][1] == 1 else None

    def maal(self, ander: Eenheid) -> Eenheid:
        return Eenheid.uit(self.delen + ander.delen)

    def gedeeld(self, ander: Eenheid) -> Eenheid:
        return self.maal(ander.macht(-1))

    def macht(self, n: int) -> Eenheid:
        return Eenheid.uit((k, e * n) for k, e in self.delen)

    @property
    def periode(self) -> str | None:
        """The period a total of this unit covers: `€/mnd` → 'per maand', `€/jr` → 'per jaar';
        None when the unit has no time unit below the line (`€`).

        >>> Eenheid.uit([("€", 1), ("mnd", -1)]).periode, Eenheid.uit([("€", 1)]).periode
        ('per maand', None)
        """
        tijd = [k for k, e in self.delen if e == -1 and k in _PERIODEN]
        return f"per {_PERIODEN[tijd[0]]}" if len(tijd) == 1 else None

    def __str__(self) -> str:
        """Canonical text: `€/mnd`, `m/s^2`, `€·jr`, `1/jr`; dimensionless is ``""``."""
        boven = [k if e == 1 else f"{k}^{e}" for k, e in self.delen if e > 0]
        onder = [k if e == -1 else f"{k}^{-e}" for k, e in self.delen if e < 0]
        return ("·".join(boven) or ("1" if onder else "")) + "".join("/" + o for o in onder)


_PERIODEN = {"jr": "jaar", "kw": "kwartaal", "mnd": "maand", "wk": "week", "dg": "dag"}


def maal(a: Eenheid, b: Eenheid) -> Eenheid:
    """Pure product: exponents add, no conversion (`€/mnd` × `jr` = `€·jr/mnd`)."""
    return a.maal(b)


def gedeeld(a: Eenheid, b: Eenheid) -> Eenheid:
    """Pure quotient: exponents subtract, no conversion."""
    return a.gedeeld(b)


def _d(
    naam: str, afk: str, mv: str, ref: tuple[int, str] | None = None, sym: str | None = None
) -> EenheidDeclaratie:
    return EenheidDeclaratie(naam, afk, mv, sym, None if ref is None else (Fraction(ref[0]), ref[1]))


# taal.md §2: Tijd has two families that never convert into each other (a month is not a
# fixed number of days): ms < s < minuut < u < dg < wk, and mnd < kw < jr.
TIJD = (
    _d("milliseconde", "ms", "milliseconden"), _d("seconde", "s", "seconden", (1000, "ms")),
    _d("minuut", "minuut", "minuten", (60, "s")), _d("uur", "u", "uren", (60, "minuut")),
    _d("dag", "dg", "dagen", (24, "u")), _d("week", "wk", "weken", (7, "dg")),
    _d("maand", "mnd", "maanden"), _d("kwartaal", "kw", "kwartalen", (3, "mnd")),
    _d("jaar", "jr", "jaren", (12, "mnd")),
)
# ISO 4217; each currency is its own family: exchange rates are data, not unit algebra.
VALUTA = (
    _d("euro", "EUR", "euro's", sym="€"), _d("Amerikaanse dollar", "USD", "Amerikaanse dollars", sym="$"),
    _d("Brits pond", "GBP", "Britse ponden", sym="£"), _d("Japanse yen", "JPY", "Japanse yen", sym="¥"),
    _d("Zwitserse frank", "CHF", "Zwitserse franken"),
)

_AFKORTING = re.compile(r"[^\s/.·^²³0-9][^\s/.·^²³]*")
_FACTOR = re.compile(r"\s*(?P<naam>[^\s/.·^²³]+)\s*(?:\^\s*(?P<exp>-?[0-9]{1,2})|(?P<sup>[²³]))?\s*")
_SUPERSCRIPT = {"²": 2, "³": 3}


def _los_op(
    systeem: str, eigen: dict[str, EenheidDeclaratie], fouten: list[str],
    bestaand: dict[str, tuple[str, Fraction]] | None = None,
) -> dict[str, tuple[str, Fraction]]:
    """Resolve `= N x` chains within one system to afkorting -> (basis afkorting, factor).

    Repeated passes until nothing changes: simple, and a system has a handful of units.
    What stays unresolved refers outside the system or in a circle: reported in `fouten`.
    """
    bekend = dict(bestaand or {})  # units the system already had (a restated built-in system)
    opgelost = {d.afkorting: (d.afkorting, Fraction(1)) for d in eigen.values() if d.gelijk_aan is None}
    open_ = [(d, d.gelijk_aan) for d in dict.fromkeys(eigen.values()) if d.gelijk_aan is not None]
    while open_:
        rest = []
        for d, (aantal, ref) in open_:
            doel = eigen.get(ref)
            if doel is not None and doel.afkorting in opgelost:
                basis, factor = opgelost[doel.afkorting]
                opgelost[d.afkorting] = (basis, aantal * factor)
            elif doel is None and ref in bekend:
                basis, factor = bekend[ref]
                opgelost[d.afkorting] = (basis, aantal * factor)
            else:
                rest.append((d, (aantal, ref)))
        if len(rest) == len(open_):
            for d, (_, ref) in rest:
                reden = "verwijst in een kring" if ref in eigen else "hoort niet bij dit eenheidsysteem"
                fouten.append(f"Eenheid '{d.naam}' = … {ref}: eenheid '{ref}' {reden} ('{systeem}').")
            break
        open_ = rest
    return opgelost


class Eenheden:
    """The units of one model: built-in Tijd and Valuta plus its Eenheidsystemen.

    Mutable only through `voeg_toe` while a model is being checked; create one per model.
    """

    def __init__(self) -> None:
        self._defs: dict[str, EenheidDef] = {}  # by key
        self._spelling: dict[str, str] = {}  # afkorting and symbool (exact) -> key
        self._namen: dict[str, str] = {}  # naam and meervoud (lower case) -> key
        self._systemen: dict[str, tuple[str, ...]] = {}
        self._ingebouwd: frozenset[str] = frozenset()
        for naam, decls in (("Tijd", TIJD), ("Valuta", VALUTA)):
            fouten = self.voeg_toe(naam, decls)
            assert not fouten, fouten  # the built-ins are consistent; a failure is our bug
        # The specification lets a model restate Valuta with the currencies it needs; Tijd is fixed.
        self._ingebouwd = frozenset({"Valuta"})

    @property
    def systemen(self) -> dict[str, tuple[EenheidDef, ...]]:
        return {s: tuple(self._defs[k] for k in keys) for s, keys in self._systemen.items()}

    def zoek(self, spelling: str) -> EenheidDef | None:
        """A unit by abbreviation or symbol (exact), else by name or plural (any case)."""
        sleutel = self._spelling.get(spelling) or self._namen.get(spelling.lower())
        return None if sleutel is None else self._defs[sleutel]

    def voeg_toe(self, systeem: str, declaraties: Sequence[EenheidDeclaratie]) -> list[str]:
        """Declare an Eenheidsysteem; returns Dutch error messages (empty list: all fine).

        `= N x` may refer to any unit of the same system, in any order (the spec's "smallest
        first" is convention, and `= 1/8 x` only makes sense referring to a later unit).
        Valid units are added even if others fail, so one typo gives one diagnostic
        instead of an "onbekende eenheid" at every use.
        """
        bestaand: dict[str, tuple[str, Fraction]] = {}
        if systeem in self._systemen:
            if systeem not in self._ingebouwd:
                return [f"Eenheidsysteem '{systeem}' is al gedeclareerd."]
            # A model may restate the built-in Valuta with more currencies: what it already
            # has is skipped, new units join the system and may refer to its units.
            oud = {self._defs[k].afkorting: self._defs[k] for k in self._systemen[systeem]}
            bestaand = {a: (e.basis, e.factor) for a, e in oud.items()}
            declaraties = [d for d in declaraties if d.afkorting not in oud
                           and not (d.symbool and self._spelling.get(d.symbool) in self._systemen[systeem])]
        fouten: list[str] = []
        eigen: dict[str, EenheidDeclaratie] = {}
        for d in declaraties:
            spellingen = [d.afkorting] + ([d.symbool] if d.symbool else [])
            if not all(_AFKORTING.fullmatch(s) for s in spellingen):
                tekst = "/".join(spellingen)
                fouten.append(f"Ongeldige afkorting of symbool voor eenheid '{d.naam}': '{tekst}'.")
            elif any(s in self._spelling or s in eigen for s in spellingen):
                fouten.append(f"Eenheid '{'/'.join(spellingen)}' ({d.naam}) is al gedeclareerd.")
            elif d.gelijk_aan is not None and d.gelijk_aan[0] <= 0:
                fouten.append(f"Eenheid '{d.naam}': de omrekenfactor moet groter dan 0 zijn.")
            else:
                for s in spellingen:
                    eigen[s] = d
        opgelost = _los_op(systeem, eigen, fouten, bestaand)
        sleutels = list(self._systemen.get(systeem, ()))
        for d in dict.fromkeys(eigen.values()):
            if d.afkorting not in opgelost:
                continue
            basis, factor = opgelost[d.afkorting]
            e = EenheidDef(d.naam, d.meervoud or d.naam, d.afkorting, d.symbool, systeem, basis, factor)
            self._defs[e.sleutel] = e
            sleutels.append(e.sleutel)
            for spelling in (d.afkorting, d.symbool):
                if spelling:
                    self._spelling[spelling] = e.sleutel
            for n in (e.naam, e.meervoud):
                self._namen.setdefault(n.lower(), e.sleutel)  # abbreviations win over names
        self._systemen[systeem] = tuple(sleutels)
        return fouten

    def parse(self, tekst: str) -> Eenheid:
        """`€`, `EUR`, `€/mnd`, `km/u`, `m/s²`, `m/s^2`, `kg·m`, `1/jr`; `/` is left-associative."""
        if len(tekst) > 100:
            raise EenheidFout(f"Eenheid '{tekst[:20]}…' is te lang.")
        if tekst.strip() in ("", "1"):
            return Eenheid()
        delen: list[tuple[str, int]] = []
        stukken = re.split(r"([/.·])", tekst)  # factor, operator, factor, …
        for i in range(0, len(stukken), 2):
            m = _FACTOR.fullmatch(stukken[i])
            if m is None:
                raise EenheidFout(f"Onleesbare eenheid '{tekst}'.")
            exponent = _SUPERSCRIPT[m["sup"]] if m["sup"] else int(m["exp"] or 1)
            if exponent == 0:
                raise EenheidFout(f"Onleesbare eenheid '{tekst}': exponent 0.")
            if i == 0 and m["naam"] == "1":  # `1/jr`
                continue
            e = self.zoek(m["naam"])
            if e is None:
                raise EenheidFout(f"Onbekende eenheid '{m['naam']}' in '{tekst}'.")
            delen.append((e.sleutel, -exponent if i and stukken[i - 1] == "/" else exponent))
        return Eenheid.uit(delen)

    def _def(self, sleutel: str) -> EenheidDef:
        e = self._defs.get(sleutel)
        if e is None:
            raise EenheidFout(f"Onbekende eenheid '{sleutel}'.")
        return e

    def _naar_basis(self, e: Eenheid) -> tuple[Eenheid, Fraction]:
        """The unit in basis units of each family, and the factor: 1 e = factor basis-units."""
        factor = Fraction(1)
        for sleutel, exponent in e.delen:
            factor *= self._def(sleutel).factor ** exponent
        return Eenheid.uit((self._def(k).basis, n) for k, n in e.delen), factor

    def factor(self, van: Eenheid, naar: Eenheid) -> Fraction | None:
        """Value in `naar` = value in `van` × factor; None if not convertible (`jr`→`dg`)."""
        basis_van, f_van = self._naar_basis(van)
        basis_naar, f_naar = self._naar_basis(naar)
        return f_van / f_naar if basis_van == basis_naar else None

    def converteerbaar(self, a: Eenheid, b: Eenheid) -> bool:
        """Whether `plus`, `min` and comparisons may combine values in `a` and `b`."""
        return self.factor(a, b) is not None

    def normaliseer(self, delen: Sequence[tuple[str, int]]) -> tuple[Eenheid, Fraction]:
        """Merge units of one family into the first of them that occurs in `delen`.

        Returns (unit, factor) with value-in-unit = value-in-`delen` × factor. Units whose
        exponents then sum to 0 cancel: `€`, `mnd^-1`, `jr` → (`€`, 12).
        """
        voorkeur: dict[str, str] = {}  # family basis -> chosen key
        factor = Fraction(1)
        nieuw: list[tuple[str, int]] = []
        for sleutel, exponent in delen:
            d = self._def(sleutel)
            doel = self._def(voorkeur.setdefault(d.basis, sleutel))
            factor *= (d.factor / doel.factor) ** exponent  # 1 d = d.factor/doel.factor doel
            nieuw.append((doel.sleutel, exponent))
        return Eenheid.uit(nieuw), factor

    def maal(self, a: Eenheid, b: Eenheid) -> tuple[Eenheid, Fraction]:
        """`A maal B` with cancellation: result value = value_a × value_b × factor.

        Units of the same family are expressed in the one that occurs first in `a`, then
        `b` (so `€/mnd maal jr` gives `€` with factor 12, `€/jr maal mnd` gives `€` with
        factor 1/12). The type checker inserts the factor; the engines stay unit-free.
        """
        return self.normaliseer(a.delen + b.delen)

    def gedeeld(self, a: Eenheid, b: Eenheid) -> tuple[Eenheid, Fraction]:
        """`A gedeeld door B`: result value = value_a / value_b × factor."""
        return self.normaliseer(a.delen + b.macht(-1).delen)

"""pydantic's validation errors as Dutch diagnostics at the field's line: the one translation for
every input file (case files, parameters, scenarios, mappings, wet.yaml, analyse.yaml, the CBS
marginals). Never pydantic's English: a type without a translation says "ongeldige waarde".

>>> import tempfile, pathlib
>>> from pydantic import BaseModel, ConfigDict, ValidationError
>>> from regelspraak.inputs import yaml_source
>>> class X(BaseModel):
...     model_config = ConfigDict(extra="forbid")
...     naam: str
>>> p = pathlib.Path(tempfile.mkdtemp()) / "x.yaml"
>>> _ = p.write_text("naam: [1]\\nextra: 2\\n", "utf-8")
>>> src = yaml_source.read(p)
>>> try:
...     X.model_validate(src.data)
... except ValidationError as e:
...     print([(d.bericht, d.herkomst.span.regel) for d in diagnostieken(src, e)])
[("Verwacht tekst (veld 'naam')", 1), ("Onbekend veld (veld 'extra')", 2)]
"""

from __future__ import annotations

from pydantic import ValidationError

from regelspraak.diagnostics import Diagnostic
from regelspraak.inputs import yaml_source

# pydantic error types (or their prefixes) in Dutch; the input files are written by people.
MELDINGEN = {
    "missing": "verplicht veld ontbreekt",
    "extra_forbidden": "onbekend veld",
    "model_type": "verwacht velden met een waarde (naam: waarde)",
    "model_attributes_type": "verwacht velden met een waarde (naam: waarde)",
    "dict_type": "verwacht velden met een waarde (naam: waarde)",
    "list_type": "verwacht een lijst",
    "string_type": "verwacht tekst",
    "string_too_long": "tekst is te lang",
    "date": "verwacht een datum",
    "int": "verwacht een geheel getal",
    "float": "verwacht een getal",
    "decimal": "verwacht een getal",
    "bool": "verwacht waar of onwaar",
    "literal_error": "deze waarde is hier niet toegestaan",
    "enum": "deze waarde is hier niet toegestaan",
    "greater_than": "waarde is te klein",
    "less_than": "waarde is te groot",
    "too_short": "te weinig elementen",
    "too_long": "te veel elementen",
}
MAX_MELDINGEN = 20


def melding(err_type: str, msg: str) -> str:
    """The Dutch text for one pydantic error (lower case, no full stop)."""
    if err_type in ("value_error", "assertion_error"):  # our own validators speak Dutch already
        return msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return MELDINGEN.get(err_type) or next(
        (m for prefix, m in MELDINGEN.items() if err_type.startswith(prefix)), f"ongeldige waarde ({err_type})")


def _veld(src: yaml_source.Source, loc: tuple[str | int, ...], ontbreekt: bool) -> yaml_source.Pad:
    """The field path as written in the file: pydantic inserts the names of union alternatives
    and validators ('rekendatum.str', 'attributen.a.Bron.waarde'), which are no fields."""
    uit: list[str | int] = []
    for i, x in enumerate(loc):
        laatste = i == len(loc) - 1
        if (*uit, x) in src.lines or (laatste and ontbreekt):
            uit.append(x)
    return tuple(uit)


def diagnostieken(src: yaml_source.Source, e: ValidationError, code: str = "RS901") -> list[Diagnostic]:
    """One Dutch diagnostic per field (at most MAX_MELDINGEN). For a union field pydantic reports
    each alternative; when one alternative got past the type check (the author wrote its shape),
    only its errors are kept, otherwise the expected types are joined: 'verwacht tekst of een datum'."""
    per_veld: dict[yaml_source.Pad, list[tuple[str, str]]] = {}
    for err in e.errors():
        veld = _veld(src, tuple(err["loc"]), err["type"] == "missing")
        per_veld.setdefault(veld, []).append((err["type"], melding(err["type"], str(err["msg"]))))
    out: list[Diagnostic] = []
    for veld, fouten in list(per_veld.items())[:MAX_MELDINGEN]:
        inhoud = [m for t, m in fouten if not t.endswith("_type") and t not in ("date_parsing", "int_parsing")]
        berichten = list(dict.fromkeys(inhoud or [m for _, m in fouten]))
        tekst = _of(berichten)
        out.append(src.fout(veld, tekst if tekst.endswith(".") else tekst + ".", code))
    return out


def _of(berichten: list[str]) -> str:
    """'verwacht tekst', 'verwacht een datum' -> 'Verwacht tekst of een datum'."""
    eerste, *rest = berichten
    tekst = " of ".join([eerste, *(b.removeprefix("verwacht ") for b in rest)])
    return tekst[0].upper() + tekst[1:]

"""`regelspraak populatie`: generate a calibrated synthetic population and write it as Parquet.

    regelspraak populatie --model wetten/zorgtoeslag --mapping simulaties/zorgtoeslag-mapping.yaml \\
        --personen 1000000 --seed 1 --uit populaties/zt-1m [--oversample inkomen=39719 ...]

Prints how far each generated marginal is from its CBS target (RS705 when outside tolerance).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape
from rich.table import Table

from regelspraak.bestandsfout import waarom
from regelspraak.cli.app import OK, Formaat, app, print_json, stderr, stdout, stop_onbruikbaar
from regelspraak.cli.loading import load_or_stop
from regelspraak.cli.opties import geheel, getal
from regelspraak.cli.voortgang import voortgang
from regelspraak.diagnostics import Diagnostic, DiagnosticError, Ernst
from regelspraak.report import diagnostics as render
from regelspraak.values.leesbaar import aantal, afwijking, rond, seconden
from regelspraak.values.notation import parse_datum

if TYPE_CHECKING:
    from regelspraak.simulate.controle import Margecontrole
    from regelspraak.simulate.mapping import Koppeling
    from regelspraak.simulate.synthetic import Drempel


def _fout(bericht: str) -> Diagnostic:
    return Diagnostic("RS902", Ernst.FOUT, bericht, None)


def _drempels(teksten: list[str], koppeling: Koppeling) -> list[Drempel]:
    """Parse --oversample values; a model attribute name is translated through the mapping
    (`toetsingsinkomen=39719` oversamples the generated `inkomen`)."""
    from regelspraak.simulate.synthetic import parse_drempel

    out = []
    for tekst in teksten:
        naam, gelijk, rest = tekst.partition("=")
        if gelijk and naam.strip().lower() not in ("inkomen", "vermogen", "leeftijd"):
            eigen = koppeling.eigenschap_van(naam)
            if eigen is not None:
                # the generated toetsingsinkomen is inkomen plus a box-3 voordeel: oversample on inkomen
                tekst = f"{'inkomen' if eigen == 'toetsingsinkomen' else eigen}={rest}"
        out.append(parse_drempel(tekst))
    return out


@app.command("populatie")
def populatie(
    model_pad: Path = typer.Option(..., "--model", help="Model: map of .rgs-bestand."),  # noqa: B008
    mapping: Path = typer.Option(..., "--mapping", help="Mappingbestand (YAML): model ← gegenereerde kenmerken."),  # noqa: B008
    personen: int = typer.Option(..., "--personen", parser=geheel, help="Aantal personen (1 tot 20.000.000)."),
    seed: int = typer.Option(..., "--seed", parser=geheel,
                             help="Seed: zelfde seed en invoer geven byte-gelijke bestanden."),
    uit: Path = typer.Option(  # noqa: B008
        ..., "--uit", help="Populatiemap om te schrijven (een eerdere populatiemap van regelspraak wordt vervangen)."),
    oversample: list[str] = typer.Option(  # noqa: B008
        [], "--oversample",
        help="Overbemonster rond een drempel: inkomen=39719, vermogen=141896±5000, leeftijd=18 (herhaalbaar; "
             "ook attribuutnamen uit de mapping, zoals toetsingsinkomen=39719)."),
    factor: int = typer.Option(10, "--factor", parser=geheel,
                               help="Hoeveel keer dichter rond de drempels (met --oversample)."),
    peildatum: str = typer.Option("2024-01-01", "--peildatum", help="Datum waarop de leeftijden gelden."),
    tolerantie: float = typer.Option(0.05, "--tolerantie", parser=lambda t: float(getal(t)), show_default=False,
                                     help="Relatieve afwijking per marge waarboven RS705 volgt (standaard 0,05)."),
    formaat: Formaat = typer.Option(Formaat.tekst, "--formaat", help="tekst of json"),  # noqa: B008
    gepartitioneerd: bool = typer.Option(
        False, "--gepartitioneerd",
        help="Een map per objecttype met een bestand per partitie (voor simuleer op een Dask-cluster)."),
) -> None:
    """Genereer een synthetische populatie, gekalibreerd op CBS-marges, als Parquet-map."""
    # Imported here, not at the top: numpy and pyarrow should not slow down every other command.
    from regelspraak.report.atomic import controleer_map
    from regelspraak.simulate.controle import controleer_marges, marge_diagnostieken
    from regelspraak.simulate.mapping import lees_mapping, pas_toe
    from regelspraak.simulate.population_write import schrijf_populatie
    from regelspraak.simulate.synthetic import genereer

    _files, model, _ = load_or_stop(model_pad, formaat)
    try:
        controleer_map(uit, "populatie")  # refuse before generating, not after it
        koppeling = lees_mapping(mapping, model)
    except DiagnosticError as e:
        stop_onbruikbaar(e.diagnostics, formaat)
    try:
        drempels = _drempels(oversample, koppeling)
        datum = parse_datum(peildatum)
    except ValueError as e:
        stop_onbruikbaar([_fout(str(e))], formaat)
    if not 1 <= personen <= 20_000_000:
        stop_onbruikbaar([_fout(f"--personen moet tussen 1 en 20.000.000 liggen, niet {personen}.")], formaat)
    if not 0 <= seed < 2**63:
        stop_onbruikbaar([_fout(f"--seed moet een geheel getal van 0 tot 2^63 zijn, niet {seed}.")], formaat)
    if factor < 1 or factor > 100:
        stop_onbruikbaar([_fout(f"--factor moet tussen 1 en 100 liggen, niet {factor}.")], formaat)
    if not 0 < tolerantie < 1:
        stop_onbruikbaar([_fout(f"--tolerantie moet tussen 0 en 1 liggen, niet {tolerantie}.")], formaat)

    with voortgang("Populatie maken", totaal=3) as v:
        t0 = time.perf_counter()
        v.stap(0, f"{aantal(personen)} personen genereren")
        try:
            gen = genereer(personen, seed, peildatum=datum, drempels=drempels, factor=factor)
        except ValueError as e:
            stop_onbruikbaar([_fout(str(e))], formaat)
        t_gen = time.perf_counter() - t0
        v.stap(1, "marges controleren tegen CBS")
        # The check first: afterwards only what the mapping uses needs to stay in memory.
        controles = controleer_marges(gen)
        waarschuwingen = marge_diagnostieken(controles, tolerantie)
        t_controle = time.perf_counter() - t0 - t_gen
        samenvatting: dict[str, Any] = {
            "map": str(uit),
            "seed": seed,
            "peildatum": datum.isoformat(),
            "personen": len(gen.personen),
            "basis_personen": personen,
            "huishoudens": len(gen.huishoudens),
            "toeslageenheden": len(gen.toeslageenheden),
            "drempels": [str(d) for d in drempels],
            "factor": gen.factor,
            "bron": gen.kalibratie.bron if gen.kalibratie is not None else "Bron: CBS",
        }
        v.stap(1, f"populatie schrijven naar {uit}")
        t1 = time.perf_counter()
        try:
            pop = pas_toe(koppeling, gen, model)
            kal = gen.kalibratie
            del gen  # the characteristics the mapping does not use (several 100 MB at 18 M persons)
            if gepartitioneerd:
                from regelspraak.simulate.population_write import schrijf_gepartitioneerd
                from regelspraak.simulate.synthetic import aantal_delen

                # Each partition again from its own seed (the same households): the whole was
                # needed for the marginal check, a file per partition is written from its part.
                schrijf_gepartitioneerd(
                    ((f"deel-{b:05d}.parquet", pas_toe(koppeling, genereer(
                        personen, seed, peildatum=datum, drempels=drempels, factor=factor, kalibratie=kal,
                        delen=range(b, b + 1)),
                        model)) for b in range(aantal_delen(personen))), model, uit)
            else:
                schrijf_populatie(pop, model, uit)
        except DiagnosticError as e:
            stop_onbruikbaar(e.diagnostics, formaat)
        except OSError as e:
            stop_onbruikbaar([Diagnostic("RS901", Ernst.FOUT, f"Kan '{uit}' niet schrijven: {waarom(e)}.")], formaat)
        v.stap(1)
    samenvatting["objecttypen"] = {model.objecttypen[k].naam: len(t) for k, t in pop.tabellen.items()}
    samenvatting["feittypen"] = {model.feittypen[k].naam: len(r.rijen[0]) for k, r in pop.relaties.items()}
    samenvatting["seconden"] = {"genereren": round(t_gen, 2), "marges": round(t_controle, 2),
                                "schrijven": round(time.perf_counter() - t1, 2)}
    if formaat is Formaat.json:
        print_json({**samenvatting, "marges": [_als_json(c) for c in controles],
                    "diagnostieken": [render.as_json(d) for d in waarschuwingen]})
    else:
        _print_tekst(samenvatting, controles, tolerantie)
        if waarschuwingen:
            render.print_console(waarschuwingen, stderr())
    raise typer.Exit(OK)


def _als_json(c: Margecontrole) -> dict[str, Any]:
    return {"marge": c.marge, "categorie": c.categorie, "eenheid": c.eenheid, "doel": round(c.doel, 1),
            "gegenereerd": round(c.gegenereerd, 1), "afwijking": round(c.afwijking, 5),
            "standaardfout": round(c.standaardfout, 1)}


def _getal(x: float) -> str:
    return rond(x)


def _print_tekst(s: dict[str, Any], controles: list[Margecontrole], tolerantie: float) -> None:
    out = stdout()
    extra = escape(f" (waarvan {aantal(s['personen'] - s['basis_personen'])} overbemonsterd rond "
                   f"{', '.join(s['drempels'])}, factor {s['factor']})") if s["drempels"] else ""
    out.print(f"Populatie geschreven naar [bold]{escape(s['map'])}[/]: {_getal(s['personen'])} personen{extra}, "
              f"{_getal(s['huishoudens'])} huishoudens, {_getal(s['toeslageenheden'])} toeslageenheden "
              f"(seed {s['seed']}, peildatum {s['peildatum']}).")
    for naam, n in s["objecttypen"].items():
        out.print(f"  {escape(naam)}: {_getal(n)} objecten")
    for naam, n in s["feittypen"].items():
        out.print(f"  {escape(naam)}: {_getal(n)} feiten")
    sec = s["seconden"]
    out.print(f"Genereren {seconden(sec['genereren'])}, marges {seconden(sec['marges'])}, "
              f"schrijven {seconden(sec['schrijven'])}.")
    tabel = Table(title="Marges: doel (CBS, gewogen landelijk) tegen gegenereerd", title_justify="left")
    for kop, uitlijning in (("marge", "left"), ("categorie", "left"), ("doel", "right"), ("gegenereerd", "right"),
                            ("afwijking", "right")):
        tabel.add_column(kop, justify=uitlijning)  # type: ignore[arg-type]
    vorige = ""
    for c in controles:
        buiten = c.buiten(tolerantie)
        afw = afwijking(c.afwijking)
        tabel.add_row(escape(c.marge) if c.marge != vorige else "", escape(c.categorie), _getal(c.doel),
                      _getal(c.gegenereerd),
                      f"[yellow]{afw}[/]" if buiten else afw)
        vorige = c.marge
    out.print(tabel)
    out.print(f"{escape(s['bron'])}. Aannames waar CBS geen gegevens geeft: docs/populatie.md.")


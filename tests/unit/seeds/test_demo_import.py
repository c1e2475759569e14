"""The committed demo (seeds/demo) through the real importer and the engine: what the app loads."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from data_layer.engine import run
from data_layer.importer import import_mcr
from data_layer.queries import load_mcr
from tests.unit.seeds.conftest import SEEDS_DEMO, read_rows

# DOMAIN.md §4 alert types that depend only on the MCR (the mesa ones need sessions/acuerdos).
ALERTAS_MCR = {
    "indicador_rojo",
    "indicador_amarillo",
    "alerta_temprana",
    "reporte_faltante",
    "reporte_tardio",
    "dato_atipico",
    "revisar_programacion",
    "meta_sin_programacion",
    "cadena_rota",
}


def test_demo_imports_without_errors_and_fires_every_mcr_alert(sqlite_engine: Engine) -> None:
    """seeds/demo imports cleanly as demo data, and as of 2026-T3 (cut 2026-11-23) it shows a
    realistic mix in which every MCR alert type fires."""
    resultado = import_mcr(sqlite_engine, SEEDS_DEMO, es_demo=True)
    assert resultado.ok, [str(e) for e in resultado.errores[:5]]
    for hoja in ("metas", "indicadores", "programacion", "avances"):
        assert resultado.cambios[hoja]["insertados"] == len(read_rows(SEEDS_DEMO, hoja)), hoja

    with Session(sqlite_engine) as session:
        mcr = load_mcr(session)
    res = run(mcr, "2026-T3", dt.date(2026, 11, 23))

    assert set(res.alertas["tipo"]) >= ALERTAS_MCR
    cadena = set(res.alertas.loc[res.alertas["tipo"] == "cadena_rota", "entidad"])
    assert cadena == {"MP-05", "MS-MACRO-04", "MI-ENAG-03"}
    assert (res.alertas["tipo"] == "meta_sin_programacion").sum() == 3

    semaforo = res.indicadores["semaforo"].value_counts(normalize=True)
    assert semaforo["verde"] > 0.55
    assert 0.10 <= semaforo["amarillo"] <= 0.25
    assert 0.07 <= semaforo["rojo"] <= 0.16
    assert 0.01 <= semaforo["sin_dato"] <= 0.08

    presidencial = res.metas.loc[res.metas["nivel"] == "presidencial", "semaforo"].value_counts()
    assert presidencial["verde"] > presidencial["amarillo"] > presidencial["rojo"] > 0

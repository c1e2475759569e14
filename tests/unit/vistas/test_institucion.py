"""The institution page's views (``data_layer.vistas.institucion``): its indicators, yearly
evaluation and reporting record, on tiny hand-made MCRs (the shared one is ``test_niveles``')."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from data_layer.engine import run
from data_layer.engine.frames import typed_frame
from data_layer.vistas import institucion as vi
from data_layer.vistas.filtros import FiltroParcial
from tests.unit.engine.builders import CORTE, PERIODO, build_mcr, indicador
from tests.unit.vistas.test_niveles import REGLAS, mcr_niveles


@pytest.fixture(scope="module")
def mcr():
    """The shared MCR of ``test_niveles``."""
    return mcr_niveles()


def test_tabla_indicadores_of_an_institution(mcr):
    """SESAL reports I1 (rojo, 50 of 100) and I2 (verde): rojo first, with goal, target, value."""
    res = run(mcr, PERIODO, CORTE, REGLAS)
    propios = vi.indicadores_de_institucion(mcr, "SESAL")
    assert sorted(propios) == ["I1", "I2"]
    tabla = vi.tabla_indicadores(res.indicadores.loc[propios], mcr)
    assert tabla["codigo"].tolist() == ["I1", "I2"]
    primera = tabla.iloc[0]
    assert primera["meta_codigo"] == "MI-SESAL-1" and primera["periodo"] == "2024-T3"
    assert (primera["meta"], primera["valor"], primera["avance_pct"]) == (100.0, 50.0, 50.0)
    assert primera["nombre"] == "Indicador I1" and primera["semaforo"] == "rojo"
    # Every avance carries the formula that produced it, ending in the engine's number.
    assert primera["formula"] == "50.0 ÷ 100.0 = 50.0 %"
    assert primera["formula"] in primera["explicacion"]
    assert "linea_base" in tabla.columns


def mcr_reportes():
    """SESAL's quarterly I1 (2024-T1..T4, T4 target 0), semestral I2 (2024-S1, S2); IHSS's I9."""
    indicadores = [
        indicador("I1", "M1", institucion="SESAL"),
        indicador("I2", "M1", frecuencia="semestral", institucion="SESAL"),
        indicador("I9", "M2", institucion="IHSS"),
    ]
    programacion = [
        ("I1", "2024-T1", 10),
        ("I1", "2024-T2", 10),
        ("I1", "2024-T3", 10),
        ("I1", "2024-T4", 0),  # ascendente flujo with target 0: not programmed, nothing owed
        ("I1", "2025-T1", 10),  # after the evaluated quarter: not owed yet
        ("I2", "2024-S1", 5),
        ("I2", "2024-S2", 5),
        ("I9", "2024-T1", 10),
    ]
    avances = [
        ("I1", "2024-T1", 10, "2024-04-15"),  # on the due date: on time
        ("I1", "2024-T2", 10, "2024-07-20"),  # due 2024-07-15: 5 days late
        ("I2", "2024-S1", 5, "2024-07-10"),
        ("I2", "2024-S2", 5, "2025-01-20"),  # after the cut date: not known yet
        ("I9", "2024-T1", 10, "2024-06-01"),
    ]
    return build_mcr(indicadores, programacion, avances)


def test_reportes_institucion_classifies_every_owed_report():
    """As of 2024-T4 at 2025-01-10: I1 T1 on time, T2 5 days late, T3 missing since 2024-10-15
    (87 days), T4 not owed (target 0); I2 S1 on time, S2 due 2025-01-15 and not due yet even
    though a value arrives later (pendiente). IHSS's indicator is not SESAL's."""
    corte = dt.date(2025, 1, 10)
    reportes = vi.reportes_institucion(mcr_reportes(), "SESAL", "2024-T4", corte, 15)
    vistos = reportes[["indicador", "periodo", "estado", "dias_atraso"]].to_numpy().tolist()
    assert vistos == [
        ["I1", "2024-T1", "a_tiempo", 0],
        ["I1", "2024-T2", "tardio", 5],
        ["I2", "2024-S1", "a_tiempo", 0],
        ["I1", "2024-T3", "faltante", 87],
        ["I2", "2024-S2", "pendiente", 0],
    ]
    fila = reportes.iloc[1]
    assert fila["vencimiento"] == pd.Timestamp("2024-07-15")
    assert fila["fecha_reporte"] == pd.Timestamp("2024-07-20")
    assert pd.isna(reportes.iloc[3]["fecha_reporte"])
    assert reportes["meta_codigo"].unique().tolist() == ["M1"]


def test_a_report_sent_and_not_validated_is_not_missing():
    """DOMAIN.md §8: I1's 2024-T3, sent on 2024-10-20 and not validated yet, is a late report
    (timeliness from its first receipt), not a missing one — as the engine's alerts say."""
    mcr = mcr_reportes()
    recibido = typed_frame(
        pd.DataFrame(
            {
                "indicador": ["I1"],
                "periodo": ["2024-T3"],
                "recibido_en": [pd.Timestamp("2024-10-20")],
            }
        ),
        "recepciones",
    )
    mcr = replace(mcr, recepciones=recibido)
    reportes = vi.reportes_institucion(mcr, "SESAL", "2024-T4", dt.date(2025, 1, 10), 15)
    [fila] = reportes.loc[reportes["periodo"] == "2024-T3"].to_dict("records")
    assert (fila["estado"], fila["dias_atraso"]) == ("tardio", 5)
    assert fila["fecha_reporte"] == pd.Timestamp("2024-10-20")


def test_reportes_institucion_follows_the_evaluated_quarter():
    """As of 2024-T1 only the first quarter is owed (the semester is not over)."""
    reportes = vi.reportes_institucion(mcr_reportes(), "SESAL", "2024-T1", dt.date(2025, 1, 10), 15)
    assert reportes[["indicador", "periodo"]].to_numpy().tolist() == [["I1", "2024-T1"]]
    assert vi.reportes_institucion(
        mcr_reportes(), "NADIE", "2024-T4", dt.date(2025, 1, 10), 15
    ).empty


def test_conteo_reportes_per_period_in_calendar_order():
    """Quarters before the semester ending with them; each period's totals per state."""
    corte = dt.date(2025, 1, 10)
    conteo = vi.conteo_reportes(
        vi.reportes_institucion(mcr_reportes(), "SESAL", "2024-T4", corte, 15)
    )
    assert conteo["periodo"].tolist() == ["2024-T1", "2024-T2", "2024-S1", "2024-T3", "2024-S2"]
    assert conteo[["total", "a_tiempo", "tardio", "faltante", "pendiente"]].to_numpy().tolist() == [
        [1, 1, 0, 0, 0],
        [1, 0, 1, 0, 0],
        [1, 1, 0, 0, 0],
        [1, 0, 0, 1, 0],
        [1, 0, 0, 0, 1],
    ]
    assert conteo["vencimiento"].iloc[2] == pd.Timestamp("2024-07-15")
    assert vi.conteo_reportes(
        vi.reportes_institucion(mcr_reportes(), "X", "2024-T4", corte, 15)
    ).empty


def test_anios_con_datos_stop_at_the_evaluated_year():
    """Years with reported values (2024 in the fixture; 2025 has none), up to the period's year."""
    m = mcr_reportes()
    assert vi.anios_con_datos(m, "2024-T4") == [2024]
    assert vi.anios_con_datos(m, "2023-T4") == []


def test_evaluacion_de_institucion_keeps_evaluated_years_with_the_mean_of_all():
    """SESAL evaluated in 2023 (70 %, medio) and 2024 (85 %, alto), not in 2022 (no avance); the
    mean of 2024 is (85 + 65) / 2 = 75 %, institutions without avance left out."""

    filas = [
        pd.DataFrame(
            {
                "anio": [2022, 2022],
                "avance": [np.nan, 50.0],
                "banda": [None, "bajo"],
                "n_metas": [0, 2],
            },
            index=pd.Index(["SESAL", "IHSS"], name="sigla"),
        ),
        pd.DataFrame(
            {"anio": [2023], "avance": [70.0], "banda": ["medio"], "n_metas": [3]},
            index=pd.Index(["SESAL"], name="sigla"),
        ),
        pd.DataFrame(
            {
                "anio": [2024, 2024, 2024],
                "avance": [85.0, 65.0, np.nan],
                "banda": ["alto", "medio", None],
                "n_metas": [4, 1, 0],
            },
            index=pd.Index(["SESAL", "IHSS", "OTRA"], name="sigla"),
        ),
    ]
    tabla = vi.evaluacion_de_institucion(filas, "SESAL")
    assert tabla["anio"].tolist() == [2023, 2024]
    assert tabla["avance"].tolist() == [70.0, 85.0]
    assert tabla["banda"].tolist() == ["medio", "alto"]
    assert tabla["promedio"].tolist() == pytest.approx([70.0, 75.0])
    assert tabla["n_instituciones"].tolist() == [1, 2]
    assert vi.evaluacion_de_institucion(filas, "NADIE").empty


def test_sectores_de_institucion_main_sector_first_then_by_code(mcr):
    """OTRA takes part in SAL and EDU and leads GOB's mesa: GOB first (its main sector), then EDU
    and SAL by code, each with its name; a sector the MCR does not list keeps its code; an
    institution in no mesa has no sector."""
    participa = pd.DataFrame(
        {
            "institucion": ["OTRA", "OTRA", "OTRA", "OTRA"],
            "sector": ["SAL", "GOB", "EDU", "ZZZ"],
            "principal": [False, True, False, False],
        }
    )
    m = replace(mcr, institucion_sectores=typed_frame(participa, "institucion_sectores"))
    assert vi.sectores_de_institucion(m, "OTRA") == [
        ("GOB", "Gobernabilidad"),
        ("EDU", "Educación"),
        ("SAL", "Salud"),
        ("ZZZ", "ZZZ"),
    ]
    assert vi.sectores_de_institucion(mcr, "SESAL") == [("SAL", "Salud")]
    assert vi.sectores_de_institucion(mcr, "NADIE") == []


def test_vista_institucion_header_keeps_every_state_and_grids_follow_the_filters(mcr):
    """SESAL as of 2024-T3: its two goals roll up to (50 + 3·90) / 4 = 80 %. With estado=rojo the
    header still counts both goals, while the goal grid keeps MI-SESAL-1 and the indicator grid
    I1 only; a sector it has no goal in (EDU) leaves the header and both grids empty."""
    res = run(mcr, PERIODO, CORTE, REGLAS)
    todo = vi.vista_institucion(res, mcr, "SESAL", FiltroParcial(), REGLAS)
    assert todo.resumen.avance == pytest.approx(80.0) and todo.resumen.n_metas == 2
    assert todo.metas["codigo"].tolist() == ["MI-SESAL-1", "MI-SESAL-2"]
    assert todo.indicadores["codigo"].tolist() == ["I1", "I2"]

    rojo = vi.vista_institucion(res, mcr, "SESAL", FiltroParcial(estado="rojo"), REGLAS)
    assert rojo.resumen.avance == pytest.approx(80.0) and rojo.resumen.n_metas == 2
    assert rojo.metas["codigo"].tolist() == ["MI-SESAL-1"]
    assert rojo.indicadores["codigo"].tolist() == ["I1"]

    otro = vi.vista_institucion(res, mcr, "SESAL", FiltroParcial(sector="EDU"), REGLAS)
    assert otro.resumen.n_metas == 0
    assert otro.metas.empty and otro.indicadores.empty


def test_registro_reportes_lists_only_the_late_and_missing_reports():
    """SESAL as of 2024-T4 at 2025-01-10: the counts per period are :func:`conteo_reportes`'s;
    the list holds I1's late 2024-T2 and missing 2024-T3 reports, in due-date order (the on-time
    and not-yet-due ones are only counted)."""
    corte = dt.date(2025, 1, 10)
    registro = vi.registro_reportes(mcr_reportes(), "SESAL", "2024-T4", corte, 15)
    esperado = vi.conteo_reportes(
        vi.reportes_institucion(mcr_reportes(), "SESAL", "2024-T4", corte, 15)
    )
    pd.testing.assert_frame_equal(registro.conteo, esperado)
    assert registro.atrasos[["indicador", "periodo", "estado"]].to_numpy().tolist() == [
        ["I1", "2024-T2", "tardio"],
        ["I1", "2024-T3", "faltante"],
    ]

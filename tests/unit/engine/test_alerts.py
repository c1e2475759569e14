"""MCR alerts (DOMAIN.md §4): each type fires on a minimal case and stays quiet on a clean one."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from data_layer.engine import SEVERIDADES, generar_alertas, run
from data_layer.engine.alerts import CAMPOS_MENSAJE, con_mensajes, sort_alertas
from data_layer.engine.frames import MCR, Reglas
from tests.unit.engine.builders import build_mcr, indicador, meta

TRIMESTRES_2024 = ["2024-T1", "2024-T2", "2024-T3", "2024-T4"]


def alertas(mcr: MCR, periodo="2024-T3", corte=dt.date(2024, 12, 31), reglas=None):
    """The alerts of a full engine run, every message written (as an export writes them)."""
    return con_mensajes(run(mcr, periodo, corte, reglas).alertas)


def de_tipo(df: pd.DataFrame, tipo: str) -> pd.DataFrame:
    """Alerts of one type."""
    return df[df["tipo"] == tipo]


def una_cadena_sana(indicadores, programacion, avances) -> MCR:
    """A clean value chain P ← S ← M1 around the given indicators (all of goal M1)."""
    return build_mcr(
        indicadores,
        programacion,
        avances,
        metas=[
            meta("P", "presidencial", eje="E1"),
            meta("S", "sectorial", sector="SAL"),
            meta("M1", "institucional", institucion="SESAL"),
        ],
        contribuciones=[("M1", "S"), ("S", "P")],
    )


def serie(valores, periodos=TRIMESTRES_2024, fecha="2024-10-10", **kwargs) -> MCR:
    """One indicator with target 100 in every period and the given values (None = missing)."""
    prog = [("I1", p, 100.0) for p in periodos]
    av = [("I1", p, v, fecha) for p, v in zip(periodos, valores, strict=False) if v is not None]
    return una_cadena_sana([indicador("I1", **kwargs)], prog, av)


def test_clean_mcr_has_no_alert():
    """A chain fully reported on time, on track, with a plausible trend raises nothing."""
    mcr = una_cadena_sana(
        [indicador("I1")],
        [("I1", p, 100.0) for p in TRIMESTRES_2024],
        [
            ("I1", "2024-T1", 90.0, "2024-04-10"),
            ("I1", "2024-T2", 92.0, "2024-07-10"),
            ("I1", "2024-T3", 95.0, "2024-10-10"),
        ],
    )
    assert alertas(mcr).empty


def test_alert_frame_contract():
    """Columns, link to the drill-down and severity of indicador_rojo."""
    mcr = serie([None, None, 40.0])
    df = alertas(mcr, corte=dt.date(2024, 10, 15))
    assert list(df.columns) == [
        "tipo",
        "severidad",
        "entidad_tipo",
        "entidad",
        "mensaje",
        "enlace",
        "periodo",
    ]
    rojo = de_tipo(df, "indicador_rojo").iloc[0]
    assert rojo["severidad"] == "alta" and SEVERIDADES["indicador_rojo"] == "alta"
    assert rojo["entidad_tipo"] == "indicador" and rojo["entidad"] == "I1"
    assert rojo["enlace"] == "/indicadores/I1"
    assert rojo["periodo"] == "2024-T3"
    assert "40.0 %" in rojo["mensaje"] and "rojo" in rojo["mensaje"]


def test_indicador_amarillo_and_not_for_verde():
    """indicador_amarillo (media) for an amarillo indicator; a verde one raises neither."""
    df = alertas(serie([None, None, 70.0]), corte=dt.date(2024, 10, 15))
    a = de_tipo(df, "indicador_amarillo")
    assert len(a) == 1 and a.iloc[0]["severidad"] == "media"
    assert de_tipo(df, "indicador_rojo").empty
    df = alertas(serie([None, None, 90.0]), corte=dt.date(2024, 10, 15))
    assert de_tipo(df, "indicador_amarillo").empty and de_tipo(df, "indicador_rojo").empty


def test_alerta_temprana_by_forecast():
    """alerta_temprana: improbable → media, en_riesgo → baja, probable → none; the message
    names the method."""
    prog = [("I1", p, m) for p, m in zip(TRIMESTRES_2024, (10, 20, 30, 40), strict=True)]
    prog += [("I2", p, m) for p, m in zip(TRIMESTRES_2024, (10, 20, 30, 40), strict=True)]
    prog += [("I3", p, m) for p, m in zip(TRIMESTRES_2024, (10, 20, 30, 40), strict=True)]
    av = []
    for cod, valores in {"I1": (10, 10, 10), "I2": (7, 14, 21), "I3": (10, 20, 30)}.items():
        pares = zip(TRIMESTRES_2024, valores, strict=False)
        av += [(cod, p, float(v), "2024-10-01") for p, v in pares]
    ind = [indicador(c, tipo="stock") for c in ("I1", "I2", "I3")]
    df = de_tipo(alertas(una_cadena_sana(ind, prog, av)), "alerta_temprana")
    assert dict(zip(df["entidad"], df["severidad"], strict=True)) == {
        "I1": "media",
        "I2": "baja",
    }
    assert "mínimos cuadrados" in df.iloc[0]["mensaje"]
    assert "improbable" in df.set_index("entidad").loc["I1", "mensaje"]


def test_reporte_faltante_lists_every_overdue_period():
    """One alert listing each programmed, overdue, unreported period up to the resolved one."""
    prog = [("I1", p, 100.0) for p in ["2023-T4", *TRIMESTRES_2024]]
    av = [("I1", "2024-T2", 90.0, "2024-07-10")]
    mcr = una_cadena_sana([indicador("I1")], prog, av)
    df = de_tipo(alertas(mcr, corte=dt.date(2024, 10, 20)), "reporte_faltante")
    assert len(df) == 1
    r = df.iloc[0]
    assert r["severidad"] == "media" and r["periodo"] == "2024-T3"
    assert "faltan 3 reportes vencidos: 2023-T4, 2024-T1, 2024-T3." in r["mensaje"]


def test_reporte_faltante_respects_due_date_and_zero_targets():
    """Not yet due (cut on the due date) or nothing programmed (target 0): no alert; a single
    missing report is worded in singular."""
    prog = [("I1", "2024-T2", 0.0), ("I1", "2024-T3", 100.0)]
    mcr = una_cadena_sana([indicador("I1")], prog, [])
    assert de_tipo(alertas(mcr, corte=dt.date(2024, 10, 15)), "reporte_faltante").empty
    df = de_tipo(alertas(mcr, corte=dt.date(2024, 10, 16)), "reporte_faltante")
    assert "falta 1 reporte vencido: 2024-T3." in df.iloc[0]["mensaje"]


def test_reporte_faltante_counts_a_value_reported_after_the_cut_as_missing():
    """A value known only after the cut date does not exist yet: still missing."""
    mcr = una_cadena_sana(
        [indicador("I1")], [("I1", "2024-T3", 1.0)], [("I1", "2024-T3", 1.0, "2024-11-01")]
    )
    assert len(de_tipo(alertas(mcr, corte=dt.date(2024, 10, 20)), "reporte_faltante")) == 1
    assert de_tipo(alertas(mcr, corte=dt.date(2024, 11, 1)), "reporte_faltante").empty


def test_reporte_tardio_lists_days_late_of_the_evaluated_year():
    """reporte_tardio (baja): the evaluated year's late reports with their days late; a late
    report of the previous year and on-time reports are not listed."""
    prog = [("I1", p, 100.0) for p in ["2023-T4", *TRIMESTRES_2024]]
    av = [
        ("I1", "2023-T4", 90.0, "2024-03-01"),
        ("I1", "2024-T1", 90.0, "2024-04-20"),
        ("I1", "2024-T2", 90.0, "2024-07-15"),
        ("I1", "2024-T3", 90.0, "2024-10-16"),
    ]
    mcr = una_cadena_sana([indicador("I1")], prog, av)
    df = de_tipo(alertas(mcr), "reporte_tardio")
    assert len(df) == 1 and df.iloc[0]["severidad"] == "baja"
    msg = df.iloc[0]["mensaje"]
    assert "2024-T1 (5 días de atraso), 2024-T3 (1 día de atraso)." in msg
    assert "2023-T4" not in msg and "2024-T2" not in msg


def test_dato_atipico_robust_z_score():
    """A jump far from the usual change (|z| > 3.5) is flagged on the period where it lands."""
    periodos = ["2023-T1", "2023-T2", "2023-T3", "2023-T4", "2024-T1", "2024-T2"]
    # changes 1, 2, 1, 2, 24: median 2, MAD 1 → z(24) = 0.6745 × 22 = 14.8
    mcr = serie([10.0, 11.0, 13.0, 14.0, 16.0, 40.0], periodos=periodos, fecha="2024-07-10")
    df = de_tipo(alertas(mcr, periodo="2024-T2"), "dato_atipico")
    assert list(df["periodo"]) == ["2024-T2"]
    assert df.iloc[0]["severidad"] == "media"
    # Whole values (counts) print without ".0".
    assert "de 16 a 40" in df.iloc[0]["mensaje"] and "14.8" in df.iloc[0]["mensaje"]


def test_dato_atipico_quiet_cases():
    """No alert for a regular series, with too few changes, or with MAD = 0."""
    periodos = ["2023-T1", "2023-T2", "2023-T3", "2023-T4", "2024-T1", "2024-T2"]
    regular = serie([10.0, 11.0, 13.0, 14.0, 16.0, 17.0], periodos=periodos, fecha="2024-07-10")
    pocos = serie([10.0, 11.0, 13.0, 40.0], periodos=periodos[2:], fecha="2024-07-10")
    mad_cero = serie([10.0, 11.0, 12.0, 13.0, 14.0, 40.0], periodos=periodos, fecha="2024-07-10")
    for mcr in (regular, pocos, mad_cero):
        assert de_tipo(alertas(mcr, periodo="2024-T2"), "dato_atipico").empty


def test_dato_atipico_impossible_percentage():
    """A percentage unit (contains "%" or starts with "porcentaje") outside [0, 100] is flagged;
    the same value in another unit is not."""
    for unidad, valor, hay in [
        ("Porcentaje de cobertura", 105.0, True),
        ("% de hogares", -1.0, True),
        ("% de hogares", 100.0, False),
        ("número de personas", 105.0, False),
    ]:
        df = de_tipo(alertas(serie([None, None, valor], unidad=unidad)), "dato_atipico")
        assert len(df) == int(hay), unidad
        if hay:
            assert "imposible para un porcentaje" in df.iloc[0]["mensaje"]


def test_revisar_programacion_above_120_after_rounding():
    """P > 120 after rounding raises revisar_programacion (baja) and stays verde; 120.4 → 120
    does not."""
    df = alertas(serie([None, None, 120.5]))
    r = de_tipo(df, "revisar_programacion")
    assert len(r) == 1 and r.iloc[0]["severidad"] == "baja"
    assert de_tipo(df, "indicador_rojo").empty
    assert de_tipo(alertas(serie([None, None, 120.4])), "revisar_programacion").empty
    # a stricter per-indicator threshold does not hide the informational alert
    df = alertas(serie([None, None, 125.0], umbral_verde=130.0))
    assert len(de_tipo(df, "revisar_programacion")) == 1


def test_descendente_message_says_lower_is_better():
    """A red descendente indicator's message says that lower is better."""
    df = alertas(serie([None, None, 250.0], sentido="descendente"))
    assert "menor es mejor" in de_tipo(df, "indicador_rojo").iloc[0]["mensaje"]


def test_meta_sin_programacion():
    """A goal whose indicators have no target in the evaluated year, or a goal with neither
    indicators nor contributors, raises meta_sin_programacion (media)."""
    mcr = build_mcr(
        [indicador("I1", "M1"), indicador("I2", "M2")],
        [("I1", "2023-T4", 1.0), ("I2", "2024-T1", 1.0)],
        [],
        metas=[meta("M1"), meta("M2"), meta("M3"), meta("S", "sectorial")],
        contribuciones=[("M2", "S")],
    )
    df = de_tipo(alertas(mcr), "meta_sin_programacion")
    assert list(df["entidad"]) == ["M1", "M3"]
    assert (df["severidad"] == "media").all() and (df["entidad_tipo"] == "meta").all()
    assert df.iloc[0]["enlace"] == "/metas/M1"
    assert "2024" in df.iloc[0]["mensaje"]
    assert "ni metas que contribuyan" in df.iloc[1]["mensaje"]


def test_cadena_rota():
    """Sectorial goal without institucional contributors, institucional goal contributing to
    no sectorial goal, presidencial goal without sectorial contributors."""
    mcr = build_mcr(
        metas=[
            meta("P1", "presidencial"),
            meta("P2", "presidencial"),
            meta("S1", "sectorial"),
            meta("S2", "sectorial"),
            meta("I1", "institucional"),
            meta("I2", "institucional"),
        ],
        contribuciones=[("I1", "S1"), ("S1", "P1"), ("S2", "P1"), ("I2", "P2")],
    )
    df = de_tipo(alertas(mcr), "cadena_rota")
    assert sorted(df["entidad"]) == ["I2", "P2", "S2"]
    por = df.set_index("entidad")["mensaje"]
    assert "no tiene metas institucionales" in por["S2"]
    assert "no contribuye a ninguna meta sectorial" in por["I2"]
    assert "no tiene metas sectoriales" in por["P2"]


def test_alerts_sorted_by_severity_then_tipo_then_entidad():
    """alta first, then media, then baja; within a severity by tipo then entidad."""
    ind = [indicador(c) for c in ("B", "A", "C")]
    prog = [(c, "2024-T3", 100.0) for c in ("A", "B", "C")]
    av = [
        ("B", "2024-T3", 40.0, "2024-10-01"),
        ("A", "2024-T3", 30.0, "2024-10-01"),
        ("C", "2024-T3", 130.0, "2024-10-20"),
    ]
    df = alertas(una_cadena_sana(ind, prog, av))
    rango = df["severidad"].map({"alta": 0, "media": 1, "baja": 2})
    assert rango.is_monotonic_increasing
    assert list(df["tipo"])[:2] == ["indicador_rojo", "indicador_rojo"]
    assert list(df["entidad"])[:2] == ["A", "B"]
    bajas = df[df["severidad"] == "baja"]
    assert list(bajas["tipo"]) == sorted(bajas["tipo"])


def test_message_numbers_use_point_decimal_and_comma_thousands():
    """Numbers in messages read 1,234.5 (Honduras)."""
    mcr = una_cadena_sana(
        [indicador("I1")], [("I1", "2024-T3", 4000.0)], [("I1", "2024-T3", 1234.5, "2024-10-01")]
    )
    msg = de_tipo(alertas(mcr), "indicador_rojo").iloc[0]["mensaje"]
    # A whole target (a count) prints without ".0"; a value with decimals keeps one.
    assert "1,234.5" in msg and "meta de 4,000)" in msg and "30.9 %" in msg


@pytest.mark.parametrize("reglas", [Reglas(), Reglas(atipico_z=1.0, atipico_min_cambios=1)])
def test_empty_mcr_gives_empty_frames(reglas):
    """An empty MCR (and one with goals only) returns empty frames with the right columns."""
    res = run(MCR(), "2024-T3", dt.date(2024, 12, 31), reglas)
    assert res.indicadores.empty and res.metas.empty
    assert res.proyecciones.empty and res.alertas.empty
    assert "semaforo" in res.indicadores.columns and "avance" in res.metas.columns
    assert "pronostico" in res.proyecciones.columns and "mensaje" in res.alertas.columns
    solo_metas = build_mcr(metas=[meta("M1")])
    res = run(solo_metas, "2024-T3", dt.date(2024, 12, 31), reglas)
    assert res.indicadores.empty
    assert res.metas.loc["M1", "semaforo"] == "no_programado"
    assert set(res.alertas["tipo"]) == {"meta_sin_programacion", "cadena_rota"}


def test_generar_alertas_matches_run():
    """The public step function gives the same alerts as run() for the same inputs."""
    mcr = serie([None, 50.0, 70.0, 130.0], fecha="2024-10-20")
    res = run(mcr, "2024-T3", dt.date(2024, 12, 31))
    df = generar_alertas(
        mcr, res.indicadores, res.metas, res.proyecciones, "2024-T3", dt.date(2024, 12, 31)
    )
    pd.testing.assert_frame_equal(df, con_mensajes(res.alertas))
    assert {"indicador_amarillo", "reporte_faltante", "reporte_tardio"} <= set(df["tipo"])


def test_semaforo_alert_names_the_baseline_it_is_measured_from():
    """A stock with a baseline reading 64.8 against 83.6 is at 26.6 %: the alert says it is
    measured from the baseline 58, so the number does not look like an error."""
    mcr = una_cadena_sana(
        [indicador("I1", tipo="stock", linea_base=58.0)],
        [("I1", "2024-T3", 83.6)],
        [("I1", "2024-T3", 64.8, "2024-10-01")],
    )
    msg = de_tipo(alertas(mcr), "indicador_rojo").iloc[0]["mensaje"]
    assert "avance de 26.6 %" in msg and "valor 64.8 frente a una meta de 83.6" in msg
    assert "medido desde la línea base 58: (valor − línea base) ÷ (meta − línea base)" in msg


def test_an_indicator_with_its_own_thresholds_says_so_in_its_alert() -> None:
    """A 72.1 % in rojo is no mistake when the indicator's own thresholds are verde from 90 and
    amarillo from 75: the alert says so; an indicator on the rules' thresholds says nothing."""
    from data_layer.engine.alerts import alert_semaforo
    from data_layer.engine.frames import Reglas

    indicadores = pd.DataFrame(
        {
            "semaforo": ["rojo", "rojo"],
            "periodo": ["2025", "2025"],
            "avance_pct": [72.1, 40.0],
            "valor": [173.0, 40.0],
            "meta": [240.0, 100.0],
            "linea_base": [float("nan"), float("nan")],
            "tipo": ["stock", "stock"],
            "sentido": ["ascendente", "ascendente"],
            "umbral_verde": [90.0, 81.0],
            "umbral_amarillo": [75.0, 61.0],
        },
        index=pd.Index(["PROPIO", "COMUN"], name="codigo"),
    )
    mensajes = con_mensajes(alert_semaforo(indicadores, Reglas())).set_index("entidad")["mensaje"]
    assert mensajes["PROPIO"].endswith(
        "; umbrales propios de este indicador: verde desde 90 %, amarillo desde 75 %)."
    )
    assert "umbrales" not in mensajes["COMUN"]


def test_run_leaves_messages_to_be_written_for_the_rows_shown():
    """run() gives each alert its structured fields and no message yet (issue #15: messages are
    written only for the rows shown or exported); con_mensajes writes them for any subset, the
    same text as for the whole frame, and keeps messages already written (the mesas' alerts)."""
    mcr = serie([None, 50.0, 70.0, 130.0], fecha="2024-10-20")
    crudas = run(mcr, "2024-T3", dt.date(2024, 12, 31)).alertas
    assert crudas["mensaje"].isna().all() and set(CAMPOS_MENSAJE) <= set(crudas.columns)
    todas = con_mensajes(crudas)
    una = con_mensajes(crudas.iloc[[1]])
    assert list(una.columns) == list(todas.columns) and una.index.tolist() == [1]
    assert una["mensaje"].iloc[0] == todas["mensaje"].iloc[1]
    ajena = crudas.iloc[[0]].assign(mensaje="escrito antes")
    assert con_mensajes(ajena)["mensaje"].iloc[0] == "escrito antes"


def _orden_de_referencia(alertas: pd.DataFrame) -> pd.DataFrame:
    """One stable sort of severity rank, tipo, entidad and periodo as texts."""
    rango = alertas["severidad"].map({"alta": 0, "media": 1, "baja": 2})
    return (
        alertas.assign(_r=rango)
        .sort_values(["_r", "tipo", "entidad", "periodo"], kind="stable")
        .drop(columns="_r")
        .reset_index(drop=True)
    )


@pytest.mark.parametrize("caso", ["en_orden", "bloques_desordenados", "sin_entidad"])
def test_sort_alertas_equals_one_text_sort(caso: str) -> None:
    """Rows already listed by entidad within each type, a type whose goals come in another
    order (with ties kept in their order), an unknown severity and a row without entidad all
    end exactly as one stable text sort of severity, tipo, entidad and periodo puts them."""
    filas = [
        ("dato_atipico", "media", "I2", "2024-T1"),
        ("dato_atipico", "media", "I2", "2024-T3"),
        ("dato_atipico", "media", "I3", "2023-T4"),
        ("indicador_rojo", "alta", "I1", "2024-T3"),
        ("indicador_rojo", "alta", "I4", "2024-T3"),
        ("cadena_rota", "media", "MS-2", "2024-T3"),
        ("cadena_rota", "media", "MI-1", "2024-T3"),
        ("cadena_rota", "media", "MI-1", "2024-T3"),
        ("alerta_temprana", "baja", "I1", "2024-T3"),
        ("alerta_temprana", "media", "I2", "2024-T3"),
        ("otra", "desconocida", "I9", "2024-T3"),
    ]
    if caso == "en_orden":
        filas = [f for f in filas if f[0] != "cadena_rota"]
    if caso == "sin_entidad":
        filas.append(("dato_atipico", "media", None, "2024-T2"))
    alertas = pd.DataFrame(filas, columns=["tipo", "severidad", "entidad", "periodo"]).astype("str")
    alertas["fila"] = np.arange(len(alertas))  # tells tied rows apart
    pd.testing.assert_frame_equal(sort_alertas(alertas), _orden_de_referencia(alertas))

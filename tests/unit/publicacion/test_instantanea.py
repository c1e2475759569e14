"""The content of a published snapshot (issue #14, DOMAIN.md §11): built from a tiny hand-made
MCR, its numbers are the engine's (counts per state, eje and sector roll-ups rounded half up to
one decimal, DIGER's evaluation of institutions for the closed years), it reads validated data
only, it holds aggregates and nothing else, and its text and huella are stable."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest

from data_layer.engine import evaluacion_institucional, run
from data_layer.engine.frames import ESTADOS, Reglas
from data_layer.publicacion import instantanea
from tests.unit.engine.builders import build_mcr, indicador, meta

PERIODO = "2026-T4"
CORTE = dt.date(2027, 2, 1)  # every report of 2026-T4 (due 15/01/2027) is overdue
REPORTE = "2027-01-10"
REGLAS = Reglas()

#: goal → (level, eje, sector, institution, goal weight, P of its one indicator or None).
METAS = {
    "MP1": ("presidencial", "E2-SOC", None, None, None, 70.0),
    "MP2": ("presidencial", "E2-SOC", None, None, None, 70.5),
    "MP3": ("presidencial", "E1", None, None, None, None),  # overdue, no value: sin_dato
    "MS1": ("sectorial", None, "SAL", None, None, 62.0),
    "MS2": ("sectorial", None, "SAL", None, None, 62.5),
    "MS3": ("sectorial", None, "EDU", None, 3.0, 90.0),
    "MS4": ("sectorial", None, "EDU", None, None, 40.0),
    "MS5": ("sectorial", None, "GOB", None, None, "no_programado"),
    "MI1": ("institucional", None, "SAL", "SESAL", None, 95.0),
    "MI2": ("institucional", None, "SAL", "SESAL", 2.0, 45.0),
    "MI3": ("institucional", None, "EDU", "SEDUC", None, 85.0),
    "MI4": ("institucional", None, "GOB", "SGJD", None, 30.0),
    "MI5": ("institucional", None, "EDU", "SEDUC", None, 64.0),
}


def _ind(codigo_meta: str) -> str:
    return f"IND-{codigo_meta}"


def mcr_pequena(recepciones=(), versiones=(), avances_extra=()):
    """Three ejes (E2-SOC under E2), three sectors, three institutions and the goals of
    :data:`METAS`, each with one quarterly flujo indicator of target 100 in 2026-T4 (so its P
    is its value)."""
    indicadores, programacion, avances, metas = [], [], [], []
    for codigo, (nivel, eje, sector, inst, peso, p) in METAS.items():
        metas.append(meta(codigo, nivel, eje=eje, sector=sector, institucion=inst, peso=peso))
        indicadores.append(indicador(_ind(codigo), codigo, institucion=inst or "SESAL"))
        if p != "no_programado":
            programacion.append((_ind(codigo), PERIODO, 100.0))
        if isinstance(p, float):
            avances.append((_ind(codigo), PERIODO, p, REPORTE))
    return build_mcr(
        indicadores,
        programacion,
        [*avances, *avances_extra],
        metas,
        contribuciones=[("MS1", "MP1"), ("MI1", "MS1")],
        ejes=[("E1", "Eje uno", None), ("E2", "Eje dos", None), ("E2-SOC", "Social", "E2")],
        sectores=[("SAL", "Salud"), ("EDU", "Educación"), ("GOB", "Gobernabilidad")],
        sector_ejes=[("SAL", "E2-SOC"), ("EDU", "E2-SOC"), ("GOB", "E1")],
        instituciones=[
            ("SESAL", "Secretaría de Salud"),
            ("SEDUC", "Secretaría de Educación"),
            ("SGJD", "Secretaría de Gobernación"),
        ],
        recepciones=recepciones,
        versiones=versiones,
    )


def medio_arriba(valor: float) -> float:
    """One decimal, halves up, on the shortest decimal text of the float (written here
    independently of data_layer.formato)."""
    return float(Decimal(repr(float(valor))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def media_ponderada(metas: pd.DataFrame) -> float | None:
    """DOMAIN.md §3's roll-up: the goals' avance weighted by goal peso, sin_dato left out."""
    usables = metas.loc[(metas["semaforo"] != "sin_dato") & metas["avance"].notna()]
    if usables.empty:
        return None
    peso = usables["peso"].fillna(1.0)
    return float((usables["avance"] * peso).sum() / peso.sum())


@pytest.fixture(scope="module")
def documento() -> dict:
    return instantanea.construir(mcr_pequena(), PERIODO, CORTE, REGLAS)


@pytest.fixture(scope="module")
def motor():
    return run(mcr_pequena(), PERIODO, CORTE, REGLAS)


def test_national_counts_per_state_are_the_engines(documento, motor) -> None:
    """Each level's counts per state are the engine's goal states (every state present, zeros
    included), and ``nacional`` is the presidential level."""
    assert [f["nivel"] for f in documento["niveles"]] == list(instantanea.NIVELES)
    for fila in documento["niveles"]:
        metas = motor.metas.loc[motor.metas["nivel"] == fila["nivel"]]
        esperado = Counter(metas["semaforo"].astype(str))
        assert fila["conteos"] == {e: esperado.get(e, 0) for e in ESTADOS}, fila["nivel"]
        assert fila["n_metas"] == len(metas)
    assert documento["nacional"] == documento["niveles"][0]
    assert documento["nacional"]["conteos"]["sin_dato"] == 1  # MP3
    assert documento["niveles"][1]["conteos"]["no_programado"] == 1  # MS5


def test_sector_and_eje_avance_is_the_engine_roll_up_rounded_half_up(documento, motor) -> None:
    """A sector's avance is the weighted mean of its sectoral goals' engine avance, an eje's the
    mean of its presidential goals', rounded half up to one decimal (62.25 → 62.3, which
    Python's round() would make 62.2)."""
    metas = motor.metas
    sectores = {f["codigo"]: f for f in documento["sectores"]}
    assert set(sectores) == {"SAL", "EDU", "GOB"}
    for codigo, fila in sectores.items():
        propias = metas.loc[(metas["nivel"] == "sectorial") & (metas["sector"] == codigo)]
        media = media_ponderada(propias)
        assert fila["avance"] == (None if media is None else medio_arriba(media)), codigo
        assert fila["n_metas"] == len(propias)
    assert (sectores["SAL"]["avance"], sectores["EDU"]["avance"]) == (62.3, 77.5)
    assert sectores["GOB"]["avance"] is None
    assert sectores["SAL"]["ejes"] == ["E2-SOC"]

    ejes = {f["codigo"]: f for f in documento["ejes"]}
    assert set(ejes) == {"E1", "E2-SOC"}  # the groups of the overview: ejes without dimensions
    for codigo, fila in ejes.items():
        propias = metas.loc[(metas["nivel"] == "presidencial") & (metas["eje"] == codigo)]
        media = media_ponderada(propias)
        assert fila["avance"] == (None if media is None else medio_arriba(media)), codigo
    assert (ejes["E2-SOC"]["avance"], ejes["E1"]["avance"]) == (70.3, None)


def test_presidential_goals_carry_their_engine_avance_and_state(documento, motor) -> None:
    """Every presidential goal is listed with the engine's avance (rounded half up) and state."""
    filas = {f["codigo"]: f for f in documento["metas_presidenciales"]}
    presidenciales = motor.metas.loc[motor.metas["nivel"] == "presidencial"]
    assert set(filas) == set(presidenciales.index)
    for codigo, m in presidenciales.iterrows():
        avance = None if pd.isna(m["avance"]) else medio_arriba(m["avance"])
        assert (filas[codigo]["avance"], filas[codigo]["semaforo"]) == (avance, m["semaforo"])
    assert filas["MP2"]["avance"] == 70.5 and filas["MP3"]["semaforo"] == "sin_dato"


def test_institutional_evaluation_bands_and_average(documento) -> None:
    """The evaluation of 2026 (closed by 2026-T4): every institution with an avance, its band;
    the band counts add up to n_instituciones and the average is the mean of the institutions'
    avance (each the weighted mean of its institutional goals), rounded half up."""
    [evaluacion] = documento["evaluacion_institucional"]
    motor = evaluacion_institucional(mcr_pequena(), 2026, CORTE, REGLAS)
    evaluadas = motor.loc[motor["avance"].notna()]
    assert evaluacion["anio"] == 2026
    assert evaluacion["n_instituciones"] == len(evaluadas) == 3
    assert sum(evaluacion["bandas"].values()) == evaluacion["n_instituciones"]
    assert evaluacion["promedio"] == medio_arriba(evaluadas["avance"].mean())
    filas = {f["sigla"]: f for f in evaluacion["instituciones"]}
    for sigla, fila in evaluadas.iterrows():
        assert (filas[sigla]["avance"], filas[sigla]["banda"]) == (
            medio_arriba(fila["avance"]),
            fila["banda"],
        )
    # SESAL (95 + 2 × 45) / 3 = 61.67 medio; SEDUC (85 + 64) / 2 = 74.5 medio; SGJD 30 bajo.
    assert {s: f["avance"] for s, f in filas.items()} == {
        "SESAL": 61.7,
        "SEDUC": 74.5,
        "SGJD": 30.0,
    }
    assert evaluacion["bandas"] == {"bajo": 1, "medio": 2, "alto": 0}
    assert evaluacion["promedio"] == medio_arriba((185 / 3 + 74.5 + 30) / 3)


def _anios(programados: list[tuple[str, str]], periodo: str) -> list[int]:
    """anios_cerrados of an MCR with an institutional and a presidential goal, each with one
    indicator programmed in the given ``(nivel, periodo)``."""
    metas = [meta("MI", "institucional", institucion="SESAL"), meta("MP", "presidencial", eje="E1")]
    indicadores = [indicador("IND-MI", "MI"), indicador("IND-MP", "MP", frecuencia="anual")]
    codigo = {"institucional": "IND-MI", "presidencial": "IND-MP"}
    mcr = build_mcr(indicadores, [(codigo[n], p, 10.0) for n, p in programados], metas=metas)
    return instantanea.anios_cerrados(mcr, periodo)


def test_closed_years_are_those_whose_fourth_quarter_is_published() -> None:
    """A publication of 2026-T3 carries the evaluation of the programmed years up to 2025; one
    of 2026-T4 also 2026; a year with institutional targets only after the quarter is left out,
    and so is a year where only a presidential goal has a target (it would publish an
    evaluation of no institution)."""
    programados = [
        ("institucional", "2024-T2"),
        ("institucional", "2025-T4"),
        ("institucional", "2026-T1"),
        ("institucional", "2027-T1"),
        ("presidencial", "2023"),
    ]
    assert _anios(programados, "2026-T3") == [2024, 2025]
    assert _anios(programados, "2026-T4") == [2024, 2025, 2026]
    assert _anios(programados, "2024-T1") == []
    assert _anios(programados, "2024-T4") == [2024]


def test_only_validated_data_enters_the_snapshot() -> None:
    """The receipt of a report waiting for validation (a sent or returned version) and a value
    validated after the cut date change nothing, not even MP3's state (the engine would call a
    received report «pendiente»)."""
    base = instantanea.canonico(instantanea.construir(mcr_pequena(), PERIODO, CORTE, REGLAS))
    recibido = mcr_pequena(
        recepciones=[(_ind("MP3"), PERIODO, REPORTE)],
        versiones=[(_ind("MP3"), PERIODO, 1, REPORTE, None, None)],
    )
    assert instantanea.canonico(instantanea.construir(recibido, PERIODO, CORTE, REGLAS)) == base
    tardio = mcr_pequena(avances_extra=[(_ind("MP3"), PERIODO, 90.0, REPORTE, "2027-02-02")])
    assert instantanea.canonico(instantanea.construir(tardio, PERIODO, CORTE, REGLAS)) == base
    a_tiempo = mcr_pequena(avances_extra=[(_ind("MP3"), PERIODO, 90.0, REPORTE, "2027-02-01")])
    assert instantanea.canonico(instantanea.construir(a_tiempo, PERIODO, CORTE, REGLAS)) != base


#: The document's layout: adding a field (above all an indicator-level one) must fail here.
CLAVES = {
    "formato", "periodo", "fecha_corte", "reglas", "nacional", "niveles", "ejes", "sectores",
    "metas_presidenciales", "evaluacion_institucional",
}  # fmt: skip
CLAVES_REGLAS = {
    "umbral_verde", "umbral_amarillo", "cobertura_minima", "banda_medio", "banda_alto",
    "plazo_reporte_dias",
}  # fmt: skip
CLAVES_NIVEL = {"nivel", "avance", "semaforo", "n_metas", "conteos"}
CLAVES_EJE = {"codigo", "nombre", "avance", "semaforo", "n_metas", "conteos"}
CLAVES_SECTOR = CLAVES_EJE | {"ejes"}
CLAVES_PRESIDENCIAL = {
    "codigo", "descripcion", "eje", "eje_nombre", "avance", "avance_directo",
    "avance_contribuyentes", "cobertura", "semaforo",
}  # fmt: skip
CLAVES_EVALUACION = {"anio", "n_instituciones", "promedio", "bandas", "instituciones"}
CLAVES_INSTITUCION = {"sigla", "nombre", "avance", "banda", "n_metas"}


def test_the_document_holds_aggregates_only(documento) -> None:
    """The exact keys of the document and of each of its rows: no indicator, no value, no
    institutional goal. No indicator code or name and no institutional or sectoral goal code
    appears anywhere in its text."""
    assert set(documento) == CLAVES
    assert set(documento["reglas"]) == CLAVES_REGLAS
    assert set(documento["nacional"]) == CLAVES_NIVEL
    for fila in documento["niveles"]:
        assert set(fila) == CLAVES_NIVEL and set(fila["conteos"]) == set(ESTADOS)
    for fila in documento["ejes"]:
        assert set(fila) == CLAVES_EJE and set(fila["conteos"]) == set(ESTADOS)
    for fila in documento["sectores"]:
        assert set(fila) == CLAVES_SECTOR and set(fila["conteos"]) == set(ESTADOS)
    for fila in documento["metas_presidenciales"]:
        assert set(fila) == CLAVES_PRESIDENCIAL
    for evaluacion in documento["evaluacion_institucional"]:
        assert set(evaluacion) == CLAVES_EVALUACION
        assert set(evaluacion["bandas"]) == {"bajo", "medio", "alto"}
        for fila in evaluacion["instituciones"]:
            assert set(fila) == CLAVES_INSTITUCION
    texto = instantanea.canonico(documento)
    assert "IND-" not in texto and "Indicador" not in texto
    for codigo, (nivel, *_resto) in METAS.items():
        if nivel != "presidencial":
            assert f'"{codigo}"' not in texto, codigo


def test_canonical_text_is_stable_and_the_huella_is_its_sha256(documento) -> None:
    """The same MCR gives the same bytes (built twice, or with the keys in another order); the
    text is strict JSON that reads back as the document (no NaN); the huella is the SHA-256 of
    its UTF-8 bytes; another cut date gives another huella."""
    texto = instantanea.canonico(documento)
    otra = instantanea.construir(mcr_pequena(), PERIODO, CORTE, REGLAS)
    assert instantanea.canonico(otra) == texto
    al_reves = dict(reversed(list(documento.items())))
    assert instantanea.canonico(al_reves) == texto
    assert json.loads(texto, parse_constant=lambda c: pytest.fail(f"{c} en el JSON")) == documento
    assert instantanea.huella(documento) == hashlib.sha256(texto.encode("utf-8")).hexdigest()
    assert "Educación" in texto  # non-ASCII kept as is
    despues = instantanea.construir(mcr_pequena(), PERIODO, CORTE + dt.timedelta(days=1), REGLAS)
    assert instantanea.huella(despues) != instantanea.huella(documento)

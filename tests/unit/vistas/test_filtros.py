"""The URL filters applied to goals, indicators and alerts (data_layer.vistas.filtros)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from dashboard.filtros import Filtros
from data_layer.engine.frames import MCR, typed_frame
from data_layer.vistas.filtros import filtrar_alertas, filtrar_indicadores, filtrar_metas
from tests.unit.engine.builders import build_mcr, indicador, meta


def mcr_pequena() -> MCR:
    """E1; E2 with E2-ECO and E2-SOC. Sectors SAL (E2-SOC), EDU (E2-SOC), MLP (E2-ECO and
    E2-SOC). Goals: MP-1 (E1), MP-2 (E2-SOC), MS-SAL, MS-MLP, MI-SESAL (SAL, SESAL) and MI-SEDUC
    (institution SEDUC, no sector: main sector EDU). One indicator per goal, ``I-`` + the goal's
    suffix. Themes: I-SAL Género; I-SEDUC Género and Transparencia; I-P1 Transparencia."""
    metas = [
        meta("MP-1", "presidencial", eje="E1"),
        meta("MP-2", "presidencial", eje="E2-SOC"),
        meta("MS-SAL", "sectorial", sector="SAL"),
        meta("MS-MLP", "sectorial", sector="MLP"),
        meta("MI-SESAL", "institucional", sector="SAL", institucion="SESAL"),
        meta("MI-SEDUC", "institucional", institucion="SEDUC"),
    ]
    indicadores = [
        indicador("I-P1", "MP-1"),
        indicador("I-P2", "MP-2"),
        indicador("I-SAL", "MS-SAL"),
        indicador("I-MLP", "MS-MLP"),
        indicador("I-SESAL", "MI-SESAL"),
        indicador("I-SEDUC", "MI-SEDUC"),
    ]
    mcr = build_mcr(
        indicadores=indicadores,
        metas=metas,
        ejes=[
            ("E1", "Derechos", None),
            ("E2", "Crecimiento", None),
            ("E2-ECO", "Económico", "E2"),
            ("E2-SOC", "Social", "E2"),
        ],
        sectores=[("SAL", "Salud"), ("EDU", "Educación"), ("MLP", "Mercado Laboral")],
        sector_ejes=[("SAL", "E2-SOC"), ("EDU", "E2-SOC"), ("MLP", "E2-SOC"), ("MLP", "E2-ECO")],
        instituciones=[("SESAL", "Secretaría de Salud"), ("SEDUC", "Secretaría de Educación")],
        programacion=[("I-P1", "2024-T1", 100.0), ("I-SAL", "2024-S1", 100.0)],
    )
    temas = pd.DataFrame(
        {
            "indicador": ["I-SAL", "I-SEDUC", "I-SEDUC", "I-P1"],
            "tema": ["Género", "Género", "Transparencia", "Transparencia"],
        }
    )
    sectores_inst = pd.DataFrame(
        {
            "institucion": ["SESAL", "SEDUC", "SEDUC"],
            "sector": ["SAL", "MLP", "EDU"],
            "principal": [True, False, True],
        }
    )
    return replace(
        mcr,
        indicador_temas=typed_frame(temas, "indicador_temas"),
        institucion_sectores=typed_frame(sectores_inst, "institucion_sectores"),
    )


METAS = ["MP-1", "MP-2", "MS-SAL", "MS-MLP", "MI-SESAL", "MI-SEDUC"]
SEMAFOROS = ["rojo", "verde", "rojo", "amarillo", "verde", "sin_dato"]


def _metas() -> pd.DataFrame:
    """Goals as the engine indexes them (by code), with a hand-chosen semáforo each."""
    return pd.DataFrame({"semaforo": SEMAFOROS}, index=pd.Index(METAS, name="codigo"))


def _codigos_metas(f: Filtros) -> list[str]:
    return filtrar_metas(_metas(), mcr_pequena(), f).index.tolist()


def test_no_filter_keeps_every_goal_in_order():
    """Without filters nothing is dropped and the order is kept."""
    assert _codigos_metas(Filtros()) == METAS


@pytest.mark.parametrize(
    ("eje", "esperadas"),
    [
        ("E1", ["MP-1"]),
        # E2 holds its dimensions' goals: MP-2 (E2-SOC), the goals of SAL and MLP through their
        # sectors' ejes; MI-SEDUC has neither eje nor sector, so no eje holds it.
        ("E2", ["MP-2", "MS-SAL", "MS-MLP", "MI-SESAL"]),
        ("E2-ECO", ["MS-MLP"]),
        ("E2-SOC", ["MP-2", "MS-SAL", "MS-MLP", "MI-SESAL"]),
        ("E9", []),
    ],
)
def test_eje_uses_the_engines_membership(eje, esperadas):
    """A goal is in an eje through its own eje, its sector's ejes, or a dimension of it;
    an unknown eje gives an empty result."""
    assert _codigos_metas(Filtros(eje=eje)) == esperadas


def test_sector_tema_and_estado_combine():
    """Sector is the goal's own; tema needs one of its indicators tagged; estado is the goal's
    semáforo; several filters must all hold."""
    assert _codigos_metas(Filtros(sector="SAL")) == ["MS-SAL", "MI-SESAL"]
    assert _codigos_metas(Filtros(tema="Género")) == ["MS-SAL", "MI-SEDUC"]
    assert _codigos_metas(Filtros(estado="rojo")) == ["MP-1", "MS-SAL"]
    assert _codigos_metas(Filtros(eje="E2", tema="Género")) == ["MS-SAL"]
    assert _codigos_metas(Filtros(eje="E2", estado="rojo")) == ["MS-SAL"]
    assert _codigos_metas(Filtros(sector="XXX")) == []
    assert _codigos_metas(Filtros(tema="Inexistente")) == []


def test_metas_frame_with_a_codigo_column():
    """A view frame that carries the code in a ``codigo`` column is filtered the same way."""
    frame = _metas().reset_index()
    out = filtrar_metas(frame, mcr_pequena(), Filtros(eje="E2-ECO"))
    assert out["codigo"].tolist() == ["MS-MLP"]


def test_estado_without_semaforo_is_an_error_not_a_silent_pass():
    """Filtering by state a frame that has no state must not return everything unfiltered."""
    with pytest.raises(ValueError, match="semaforo"):
        filtrar_metas(pd.DataFrame(index=pd.Index(METAS)), mcr_pequena(), Filtros(estado="rojo"))


def test_indicators_take_place_from_their_goal_and_theme_from_themselves():
    """I-MLP is in E2-ECO through MS-MLP; Género tags I-SAL and I-SEDUC; estado is the
    indicator's own."""
    indicadores = pd.DataFrame(
        {"semaforo": ["rojo", "verde", "verde", "rojo", "amarillo", "verde"]},
        index=pd.Index(["I-P1", "I-P2", "I-SAL", "I-MLP", "I-SESAL", "I-SEDUC"], name="codigo"),
    )
    mcr = mcr_pequena()

    def codigos(f: Filtros) -> list[str]:
        return filtrar_indicadores(indicadores, mcr, f).index.tolist()

    assert codigos(Filtros(eje="E2-ECO")) == ["I-MLP"]
    assert codigos(Filtros(tema="Género")) == ["I-SAL", "I-SEDUC"]
    assert codigos(Filtros(sector="SAL", tema="Género")) == ["I-SAL"]
    assert codigos(Filtros(estado="rojo")) == ["I-P1", "I-MLP"]
    assert codigos(Filtros(eje="E2", estado="verde")) == ["I-P2", "I-SAL"]
    assert codigos(Filtros(eje="E7")) == []


def test_alerts_follow_their_entity():
    """An alert about an indicator follows the indicator, one about a goal follows the goal,
    one about another kind of entity only shows without place or theme filters."""
    alertas = pd.DataFrame(
        {
            "tipo": ["indicador_rojo", "cadena_rota", "cadena_rota", "mesa_sin_plan", "x"],
            "entidad_tipo": ["indicador", "meta", "meta", "mesa", "indicador"],
            "entidad": ["I-SAL", "MS-MLP", "MP-1", "SAL", "I-P1"],
        }
    )
    mcr = mcr_pequena()

    def entidades(f: Filtros, frame: pd.DataFrame = alertas) -> list[str]:
        return filtrar_alertas(frame, mcr, f)["entidad"].tolist()

    assert entidades(Filtros()) == ["I-SAL", "MS-MLP", "MP-1", "SAL", "I-P1"]
    assert entidades(Filtros(eje="E2")) == ["I-SAL", "MS-MLP"]
    assert entidades(Filtros(tema="Transparencia")) == ["MP-1", "I-P1"]
    assert entidades(Filtros(sector="SAL")) == ["I-SAL"]
    # Without a semaforo column the estado filter does not apply to alerts...
    assert len(entidades(Filtros(estado="rojo"))) == 5
    # ...with the entity's semaforo (an enriched frame) it does.
    enriquecidas = alertas.assign(semaforo=["rojo", "amarillo", "rojo", None, "verde"])
    assert entidades(Filtros(estado="rojo"), enriquecidas) == ["I-SAL", "MP-1"]
    assert entidades(Filtros(eje="E1", estado="rojo"), enriquecidas) == ["MP-1"]

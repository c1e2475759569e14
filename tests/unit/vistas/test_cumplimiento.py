"""Compliance by institution (issue #12) on a small hand-made MCR, and the overview's grouping of
duplicate alerts.

The MCR, evaluated at 2024-T3 with a cut date of 20/10/2024 (a 15-day deadline: T1 due 15/04,
T2 due 15/07, S1 due 15/07, T3 due 15/10; T4 not yet due):

- SESAL (sector SAL), «S1» quarterly: 2023-T4 missing (outside the window), T1 validated on time,
  T2 received late (20/07), T3 missing; «S2» quarterly: T1 and T2 missing, T3 received on time
  (10/10) and returned (12/10).
- HOSP (sector SAL), «H1» quarterly: T1 validated late (20/04), T2 received late (30/07) and
  returned (01/08), T3 received late (18/10); «H2» semestral: 2024-S1 missing.
- SEDUC (sector EDU), «E1» quarterly: T1, T2 and T3 missing; «E2» a 0 target of an ascendente
  flujo indicator in T3 (nothing programmed: not expected).

Counted by hand (window 2024-T1 … 2024-T3):

| institution | expected | missing | late | returned |
|---|---|---|---|---|
| SESAL | 6 | 3 (S1-T3, S2-T1, S2-T2) | 1 (S1-T2) | 1 (S2-T3) |
| SEDUC | 3 | 3 (E1-T1, T2, T3) | 0 | 0 |
| HOSP | 4 | 1 (H2-S1) | 3 (H1-T1, T2, T3) | 1 (H1-T2) |
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.models import Rol
from data_layer.reportes.calidad import estado_reportes
from data_layer.vistas import cumplimiento as vc
from data_layer.vistas.alertas import agrupar_por_entidad, alertas_destacadas
from tests.unit.engine.builders import build_mcr, indicador, meta

CORTE = dt.date(2024, 10, 20)
PERIODO = "2024-T3"
TRIMESTRES = ("2023-T4", "2024-T1", "2024-T2", "2024-T3", "2024-T4")


def _mcr():
    indicadores = [
        indicador("S1", "MS", institucion="SESAL"),
        indicador("S2", "MS", institucion="SESAL"),
        indicador("H1", "MH", institucion="HOSP"),
        indicador("H2", "MH", institucion="HOSP", frecuencia="semestral"),
        indicador("E1", "ME", institucion="SEDUC"),
        indicador("E2", "ME", institucion="SEDUC"),
    ]
    programacion = [(c, t, 10.0) for c in ("S1", "S2", "H1", "E1") for t in TRIMESTRES]
    programacion += [("H2", "2024-S1", 10.0), ("H2", "2024-S2", 10.0), ("E2", "2024-T3", 0.0)]
    return build_mcr(
        indicadores,
        programacion,
        avances=[("S1", "2024-T1", 9.0, "2024-04-10"), ("H1", "2024-T1", 9.0, "2024-04-20")],
        recepciones=[
            ("S1", "2024-T2", "2024-07-20"),
            ("S2", "2024-T3", "2024-10-10"),
            ("H1", "2024-T2", "2024-07-30"),
            ("H1", "2024-T3", "2024-10-18"),
        ],
        versiones=[
            ("S2", "2024-T3", 1, "2024-10-10", None, "2024-10-12"),
            ("H1", "2024-T2", 1, "2024-07-30", None, "2024-08-01"),
        ],
        metas=[
            meta("MS", sector="SAL", institucion="SESAL"),
            meta("MH", sector="SAL", institucion="HOSP"),
            meta("ME", sector="EDU", institucion="SEDUC"),
        ],
        ejes=[("E1", "Eje uno", None), ("E2", "Eje dos", None)],
        sectores=[("SAL", "Salud"), ("EDU", "Educación")],
        sector_ejes=[("SAL", "E1"), ("EDU", "E2")],
        instituciones=[
            ("SESAL", "Secretaría de Salud"),
            ("HOSP", "Hospital Escuela"),
            ("SEDUC", "Secretaría de Educación"),
        ],
    )


@pytest.fixture(scope="module")
def mcr():
    return _mcr()


@pytest.fixture(scope="module")
def estado(mcr):
    return estado_reportes(mcr, CORTE, 15)


def _conteos(c: vc.Cumplimiento) -> dict[str, list[int]]:
    tabla = c.ranking.set_index("institucion")
    return {
        sigla: tabla.loc[sigla, ["esperados", "faltantes", "tardios", "devueltos"]].tolist()
        for sigla in tabla.index
    }


def test_ranking_matches_the_hand_count(mcr, estado) -> None:
    """Missing, late and returned reports per institution in 2024-T1 … 2024-T3 are the module
    docstring's hand count: 2023-T4 (outside the year), T4 (not due) and a 0 target of an
    ascendente flujo indicator are not counted."""
    c = vc.cumplimiento(estado, mcr, PERIODO)
    assert (c.desde, c.hasta) == ("2024-T1", "2024-T3")
    assert _conteos(c) == {
        "SESAL": [6, 3, 1, 1],
        "SEDUC": [3, 3, 0, 0],
        "HOSP": [4, 1, 3, 1],
    }
    assert c.total == {"esperados": 13, "faltantes": 7, "tardios": 4, "devueltos": 2}
    fila = c.ranking.set_index("institucion").loc["HOSP"]
    assert fila["nombre"] == "Hospital Escuela"


def test_ranking_orders_missing_then_late_then_returned(mcr, estado) -> None:
    """SESAL and SEDUC tie on 3 missing reports; SESAL's late report puts it first; HOSP, with
    the most late reports but only 1 missing, comes last."""
    c = vc.cumplimiento(estado, mcr, PERIODO)
    assert list(c.ranking["institucion"]) == ["SESAL", "SEDUC", "HOSP"]


def test_earlier_quarter_narrows_the_window(mcr, estado) -> None:
    """Evaluated at 2024-T1, only the T1 reports count: SESAL S2-T1 missing; HOSP H1-T1 late;
    SEDUC E1-T1 missing."""
    c = vc.cumplimiento(estado, mcr, "2024-T1")
    assert _conteos(c) == {"SESAL": [2, 1, 0, 0], "SEDUC": [1, 1, 0, 0], "HOSP": [1, 0, 1, 0]}


def test_sector_and_eje_filters(mcr, estado) -> None:
    """Filtered to Salud (or to its eje E1) only SESAL and HOSP remain, with the same counts;
    Educación holds only SEDUC."""
    salud = vc.cumplimiento(estado, mcr, PERIODO, sector="SAL")
    assert _conteos(salud) == {"SESAL": [6, 3, 1, 1], "HOSP": [4, 1, 3, 1]}
    assert _conteos(vc.cumplimiento(estado, mcr, PERIODO, eje="E1")) == _conteos(salud)
    assert list(vc.cumplimiento(estado, mcr, PERIODO, sector="EDU").ranking["institucion"]) == [
        "SEDUC"
    ]


def test_window_needs_a_quarter() -> None:
    """A semester or a year is not an evaluated quarter."""
    assert vc.ventana("2025-T3") == ("2025-T1", "2025-T3")
    with pytest.raises(ValueError):
        vc.ventana("2025-S1")


def test_scope_by_role(mcr, estado) -> None:
    """A Salud minister or coordinator reads every sector, as on the MCR's other pages (Educación
    when asking for it); a UPGRET sees their own institution only; the analyst sees all three."""
    ministro = Alcance("m", Rol.ministro, sectores=frozenset({"SAL"}))
    coord = Alcance("c", Rol.coordinador_mesa, sectores=frozenset({"SAL"}))
    upgret = Alcance("u", Rol.upgret, instituciones=frozenset({"HOSP"}))
    analista = Alcance("a", Rol.analista)

    def ve(alcance, **filtro):
        c = vc.cumplimiento(
            estado,
            mcr,
            PERIODO,
            sectores_visibles=permisos.sectores_cumplimiento(alcance),
            instituciones_visibles=permisos.instituciones_cumplimiento(alcance),
            **filtro,
        )
        return set(c.ranking["institucion"])

    assert ve(ministro) == ve(coord) == {"SESAL", "HOSP", "SEDUC"}
    assert ve(ministro, sector="EDU") == {"SEDUC"}
    assert ve(upgret) == {"HOSP"}
    assert ve(analista) == {"SESAL", "HOSP", "SEDUC"}
    assert ve(None) == set()


def test_missing_reports_column_of_the_sector_grid(mcr, estado) -> None:
    """The sector grid's «Reportes faltantes» takes the ranking's missing count per sigla, 0 for
    a member without missing reports; a UPGRET sees only their own institution's count, and a
    minister of another sector none."""
    grilla = pd.DataFrame({"codigo": ["HOSP", "SESAL", "OTRA"]})

    def columna(**visibles):
        c = vc.cumplimiento(estado, mcr, PERIODO, sector="SAL", **visibles)
        return vc.faltantes_por_institucion(grilla, c)["reportes_faltantes"]

    assert columna().tolist() == [1, 3, 0]
    propios = columna(instituciones_visibles=frozenset({"SESAL"}))
    assert propios.isna().tolist() == [True, False, True] and propios[1] == 3
    assert columna(sectores_visibles=frozenset({"EDU"})).isna().all()
    assert columna(sectores_visibles=frozenset({"SAL"})).tolist() == [1, 3, 0]


def _alerta(tipo, severidad, entidad, periodo, entidad_tipo="indicador"):
    return {
        "tipo": tipo,
        "severidad": severidad,
        "entidad_tipo": entidad_tipo,
        "entidad": entidad,
        "mensaje": f"{tipo} {entidad}",
        "enlace": f"/indicadores/{entidad}",
        "periodo": periodo,
    }


def test_duplicate_alerts_about_one_indicator_are_grouped() -> None:
    """Three alerts about I1 become one row (its most severe one) saying «2 more» and naming
    them with their periods; I2's single alert stays alone; alerts with no entity are never
    merged; the top ``n`` counts indicators, not alerts."""
    alertas = pd.DataFrame(
        [
            _alerta("reporte_faltante", "media", "I1", "2024-T1"),
            _alerta("indicador_rojo", "alta", "I1", "2024-T3"),
            _alerta("indicador_amarillo", "media", "I2", "2024-T3"),
            _alerta("dato_atipico", "baja", "I1", "2024-T3"),
            _alerta("mesa_sin_plan", "media", None, None, entidad_tipo="mesa"),
            _alerta("mesa_sin_plan", "media", None, None, entidad_tipo="mesa"),
        ]
    )
    grupos = agrupar_por_entidad(alertas)
    assert len(grupos) == 4
    i1 = grupos[grupos["entidad"] == "I1"].iloc[0]
    assert i1["tipo"] == "indicador_rojo"
    assert i1["otras"] == 2
    assert i1["otras_texto"] == "Reporte faltante (2024-T1), Dato atípico (2024-T3)"
    assert i1["tipos"] == ("indicador_rojo", "reporte_faltante", "dato_atipico")
    i2 = grupos[grupos["entidad"] == "I2"].iloc[0]
    assert i2["otras"] == 0 and pd.isna(i2["otras_texto"])
    assert list(alertas_destacadas(alertas, 2)["entidad"]) == ["I1", "I2"]


def test_permission_rule_per_role() -> None:
    """Whose reports each role sees in the ranking: DIGER and the Presidency everything; a
    minister and a coordinator their sectors; a UPGRET its institutions; nobody logged in,
    nothing."""
    assert permisos.sectores_cumplimiento(None) == frozenset()
    assert permisos.instituciones_cumplimiento(None) == frozenset()
    for rol in (Rol.analista, Rol.admin, Rol.presidencia, Rol.ministro, Rol.coordinador_mesa):
        a = Alcance("x", rol, sectores=frozenset({"SAL"}))
        assert permisos.sectores_cumplimiento(a) is None
        assert permisos.instituciones_cumplimiento(a) is None
    upgret = Alcance("x", Rol.upgret, instituciones=frozenset({"SESAL"}))
    assert permisos.sectores_cumplimiento(upgret) is None
    assert permisos.instituciones_cumplimiento(upgret) == {"SESAL"}

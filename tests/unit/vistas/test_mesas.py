"""The mesa views (``data_layer.vistas.mesas``) on two tiny hand-built mesas, SAL and EDU.

Cut date 01/07/2026. SAL: coordinators of SESAL; members SESAL político, four SESAL técnicos (one
over the limit of 3) and one IHSS técnico; an approved 2026 plan with four activities (two
completed, one pending, one cancelled → 2 / 3 = 66.7 % done); acuerdos 1 (pendiente, due
15/06/2026 → vencido 16 days), 2 (cumplido), 3 (pendiente, due 31/12/2026), 4 (agreed in a session
of 15/08/2026, after the cut: does not exist yet). EDU: coordinators of SEDUC, no plan, no members.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields, replace

import pandas as pd
import pytest

from data_layer.auth import Alcance
from data_layer.mesas import consultas
from data_layer.mesas.frames import COLUMNAS, FramesMesas
from data_layer.models import Rol
from data_layer.vistas import mesas as vm

CORTE = dt.date(2026, 7, 1)
T = pd.Timestamp


def frame(nombre: str, filas: list[tuple]) -> pd.DataFrame:
    """A typed mesa frame, as :func:`consultas.load_mesas` returns it."""
    return consultas._typed(pd.DataFrame.from_records(filas, columns=list(COLUMNAS[nombre])))


def mesas_de_prueba() -> FramesMesas:
    """The two mesas of the module docstring."""
    vacios = {f.name: frame(f.name, []) for f in fields(FramesMesas)}
    tecnico = "Técnico"
    return replace(
        FramesMesas(**vacios),
        mesas=frame(
            "mesas",
            [
                (
                    1,
                    "EDU",
                    "Educación",
                    "Ana",
                    "Ministra",
                    "SEDUC",
                    "Luis",
                    "Vice",
                    "SEDUC",
                    "Eva",
                    T("2024-01-10"),
                    None,
                    None,
                ),
                (
                    2,
                    "SAL",
                    "Salud",
                    "Rosa",
                    "Ministra",
                    "SESAL",
                    "Juan",
                    "Vice",
                    "SESAL",
                    "Eva",
                    T("2024-01-10"),
                    "ministra.salud",
                    "coord.salud",
                ),
            ],
        ),
        miembros=frame(
            "miembros",
            [
                (
                    1,
                    "SAL",
                    "SESAL",
                    "Rosa",
                    "Ministra",
                    None,
                    None,
                    "politico",
                    False,
                    T("2024-01-10"),
                    True,
                    None,
                ),
                (
                    2,
                    "SAL",
                    "SESAL",
                    "T1",
                    tecnico,
                    None,
                    None,
                    "tecnico",
                    True,
                    T("2024-01-10"),
                    True,
                    None,
                ),
                (
                    3,
                    "SAL",
                    "SESAL",
                    "T2",
                    tecnico,
                    None,
                    None,
                    "tecnico",
                    False,
                    T("2024-01-10"),
                    True,
                    None,
                ),
                (
                    4,
                    "SAL",
                    "SESAL",
                    "T3",
                    tecnico,
                    None,
                    None,
                    "tecnico",
                    False,
                    T("2024-01-10"),
                    True,
                    None,
                ),
                (
                    5,
                    "SAL",
                    "SESAL",
                    "T4",
                    tecnico,
                    None,
                    None,
                    "tecnico",
                    False,
                    T("2025-01-10"),
                    True,
                    None,
                ),
                (
                    6,
                    "SAL",
                    "IHSS",
                    "T5",
                    tecnico,
                    None,
                    None,
                    "tecnico",
                    False,
                    T("2025-01-10"),
                    True,
                    None,
                ),
            ],
        ),
        planes=frame("planes", [(1, "SAL", 2026, "aprobado", T("2026-01-20"), "Rosa")]),
        actividades=frame(
            "actividades",
            [
                (1, 1, "SAL", 2026, 1, "A1", None, None, None, None, "completada"),
                (2, 1, "SAL", 2026, 2, "A2", None, None, None, None, "completada"),
                (3, 1, "SAL", 2026, 3, "A3", None, None, None, None, "pendiente"),
                (4, 1, "SAL", 2026, 4, "A4", None, None, None, None, "cancelada"),
            ],
        ),
        acuerdos=frame(
            "acuerdos",
            [
                (
                    1,
                    "SAL",
                    10,
                    T("2026-05-15 09:00"),
                    None,
                    3,
                    "Acuerdo uno",
                    "SESAL",
                    "Juan",
                    T("2026-06-15"),
                    "pendiente",
                    None,
                ),
                (
                    2,
                    "SAL",
                    10,
                    T("2026-05-15 09:00"),
                    None,
                    3,
                    "Acuerdo dos",
                    "IHSS",
                    "Pedro",
                    T("2026-06-01"),
                    "cumplido",
                    "Hecho",
                ),
                (
                    3,
                    "SAL",
                    10,
                    T("2026-05-15 09:00"),
                    None,
                    3,
                    "Acuerdo tres",
                    "SESAL",
                    "Juan",
                    T("2026-12-31"),
                    "pendiente",
                    None,
                ),
                (
                    4,
                    "SAL",
                    11,
                    T("2026-08-15 09:00"),
                    None,
                    4,
                    "Acuerdo cuatro",
                    "SESAL",
                    "Juan",
                    T("2026-09-30"),
                    "pendiente",
                    None,
                ),
            ],
        ),
        acuerdo_metas=frame("acuerdo_metas", [(1, "MS-1"), (3, "MS-1"), (4, "MS-1")]),
        acuerdo_indicadores=frame("acuerdo_indicadores", [(1, "MS-1-I1"), (2, "MS-1-I1")]),
        estrategias=frame(
            "estrategias",
            [(1, "SAL", "Estrategia uno", None, None, None, None, None, "en_ejecucion")],
        ),
        estrategia_metas=frame("estrategia_metas", [(1, "MS-1")]),
    )


ANALISTA = Alcance("a", Rol.analista)
COORD_EDU = Alcance("c", Rol.coordinador_mesa, sectores=frozenset({"EDU"}))


def test_accesos_por_rol() -> None:
    """A coordinator sees their mesa in detail and the others in summary; an upgret user sees
    in summary only the mesas their institution belongs to; everyone else sees everything."""
    f = mesas_de_prueba()
    assert vm.accesos(f, None) == {"EDU": "detalle", "SAL": "detalle"}
    assert vm.accesos(f, ANALISTA) == {"EDU": "detalle", "SAL": "detalle"}
    assert vm.accesos(f, COORD_EDU) == {"EDU": "detalle", "SAL": "resumen"}
    ihss = Alcance("u", Rol.upgret, instituciones=frozenset({"IHSS"}))
    assert vm.accesos(f, ihss) == {"EDU": "ninguno", "SAL": "resumen"}
    seduc = Alcance("u", Rol.upgret, instituciones=frozenset({"SEDUC"}))
    assert vm.accesos(f, seduc) == {"EDU": "resumen", "SAL": "ninguno"}


def test_tablero_acuerdos_estados_y_orden() -> None:
    """The board lists the acuerdos existing at the cut date, the overdue one first with its
    days, and filters by status at the cut date (not the stored one)."""
    f = mesas_de_prueba()
    t = vm.tablero_acuerdos(f, CORTE, "SAL")
    assert t["id"].tolist() == [1, 3, 2]
    assert t["estado"].tolist() == ["vencido", "pendiente", "cumplido"]
    assert t["estado_etiqueta"].tolist() == ["✖ Vencido", "◷ Pendiente", "✔ Cumplido"]
    assert t["dias_vencido"].tolist() == [16, 0, 0]
    assert t["metas"].tolist() == [["MS-1"], ["MS-1"], []]
    assert t["indicadores"].tolist() == [["MS-1-I1"], [], ["MS-1-I1"]]
    assert vm.tablero_acuerdos(f, CORTE, "SAL", "vencido")["id"].tolist() == [1]
    assert vm.tablero_acuerdos(f, CORTE, "SAL", "en_proceso").empty
    assert vm.conteo_acuerdos(t) == {
        "vencido": 1,
        "pendiente": 1,
        "en_proceso": 0,
        "cumplido": 1,
        "cancelado": 0,
    }


def test_tabla_mesas_banderas_y_resumen() -> None:
    """SAL is flagged for the fifth SESAL técnico (4 > 3), EDU for having no plan; a
    coordinator of EDU gets SAL without its coordinators' names."""
    f = mesas_de_prueba()
    t = vm.tabla_mesas(f, CORTE).set_index("sector")
    assert t.loc["SAL", "banderas"] == ["exceso_miembros"]
    assert t.loc["SAL", "banderas_texto"] == "⚠ Exceso de miembros"
    assert t.loc["EDU", "banderas"] == ["sin_plan"]
    assert t.loc["SAL", "acuerdos_vencidos"] == 1
    assert t.loc["SAL", "acuerdos_pendientes"] == 1
    assert t.loc["SAL", "plan_texto"] == "Aprobado"
    parcial = vm.tabla_mesas(f, CORTE, COORD_EDU).set_index("sector")
    assert parcial.loc["SAL", "acceso"] == "resumen"
    assert pd.isna(parcial.loc["SAL", "coordinador_politico"])
    assert parcial.loc["EDU", "coordinador_politico"] == "Ana"
    ihss = Alcance("u", Rol.upgret, instituciones=frozenset({"IHSS"}))
    assert vm.tabla_mesas(f, CORTE, ihss)["sector"].tolist() == ["SAL"]


def test_miembros_y_plan() -> None:
    """Members come político first, the SESAL técnicos marked over the limit (IHSS not); the
    plan's progress leaves the cancelled activity out: 2 completed of 3."""
    f = mesas_de_prueba()
    m = vm.miembros_mesa(f, CORTE, "SAL")
    assert m["nombre"].tolist() == ["Rosa", "T5", "T1", "T2", "T3", "T4"]
    assert m["excede"].tolist() == [False, False, True, True, True, True]
    plan = vm.plan_mesa(f, CORTE, "SAL")
    assert plan.estado == "aprobado"
    assert plan.conteo == {"pendiente": 1, "en_proceso": 0, "completada": 2, "cancelada": 1}
    assert plan.avance_pct == pytest.approx(200 / 3)
    assert vm.plan_mesa(f, CORTE, "EDU").estado == "sin_plan"
    assert vm.plan_mesa(f, CORTE, "EDU").avance_pct is None


def test_acciones_metas_criticas() -> None:
    """The sector's red goal with its strategy, its yellow goal without one (listed so the gap
    shows), its green goal left out; red first."""
    f = mesas_de_prueba()
    metas = pd.DataFrame(
        {"sector": ["SAL", "SAL", "SAL", "EDU"], "semaforo": ["amarillo", "rojo", "verde", "rojo"]},
        index=pd.Index(["MS-2", "MS-1", "MS-3", "ME-1"], name="codigo"),
    )
    t = vm.acciones_metas_criticas(f, CORTE, metas, "SAL")
    assert t["meta"].tolist() == ["MS-1", "MS-2"]
    assert t["tipo"].tolist()[0] == "estrategia"
    assert t["descripcion"].tolist()[0] == "Estrategia uno"
    assert pd.isna(t["tipo"].tolist()[1])


def test_ficha_and_equipo_de_apoyo_of_one_mesa() -> None:
    """A mesa's own row by sector (None for an unknown sector) with its designated accounts; its
    equipo de apoyo lists that mesa's active people first, then those who left (with the date),
    never another mesa's."""
    f = replace(
        mesas_de_prueba(),
        equipo_apoyo=frame(
            "equipo_apoyo",
            [
                (1, "SAL", "Marta", "Relatoría", "SESAL", None, True, "upgret.sesal", None),
                (2, "SAL", "Pedro", "Logística", "SESAL", None, False, None, T("2026-03-01")),
                (3, "EDU", "Irma", "Logística", "SEDUC", None, True, None, None),
            ],
        ),
    )
    ficha = vm.ficha_mesa(f, "SAL")
    assert ficha is not None and ficha["sector_nombre"] == "Salud"
    assert vm.ficha_mesa(f, "NADA") is None
    assert ficha["tecnico_usuario"] == "coord.salud"
    apoyo = vm.apoyo_mesa(f, "SAL")
    assert apoyo["nombre"].tolist() == ["Marta", "Pedro"]
    assert apoyo["activo"].tolist() == [True, False]
    assert apoyo["usuario"].tolist()[0] == "upgret.sesal"
    assert apoyo["baja_en"].tolist()[1] == T("2026-03-01")


def test_groups_closed_marked_with_their_reports_and_the_assigned_analysts() -> None:
    """A mesa's groups come open first with the closing date of the closed ones; each group's
    reports carry the session's date and note, latest session first, and never another mesa's;
    the assigned analysts are the mesa's own, named with their account."""
    f = replace(
        mesas_de_prueba(),
        mesa_analistas=frame(
            "mesa_analistas",
            [("SAL", "analista", "Ana Analista"), ("EDU", "analista2", "Otro")],
        ),
        grupos=frame(
            "grupos",
            [
                (1, "SAL", "Cerrado", "Tema A", None, T("2024-03-01"), False, T("2025-06-30")),
                (2, "SAL", "Abierto", "Tema B", 1, T("2024-03-01"), True, None),
                (3, "EDU", "Otro", "Tema C", None, T("2024-03-01"), True, None),
            ],
        ),
        informes_grupo=frame(
            "informes_grupo",
            [
                (1, 2, 10, T("2025-02-01 09:00"), "Primer informe"),
                (2, 2, 11, T("2025-05-01 09:00"), "Segundo informe"),
                (3, 3, 12, T("2025-05-01 09:00"), "De Educación"),
            ],
        ),
    )
    grupos = vm.grupos_mesa(f, "SAL")
    assert grupos["nombre"].tolist() == ["Abierto", "Cerrado"]
    assert grupos["cerrado_en"].tolist()[1] == T("2025-06-30")
    informes = vm.informes_grupos_mesa(f, "SAL")
    assert informes["nota"].tolist() == ["Segundo informe", "Primer informe"]
    assert set(informes["grupo"]) == {"Abierto"}
    assert vm.analistas_mesa(f, "SAL") == ["Ana Analista (analista)"]

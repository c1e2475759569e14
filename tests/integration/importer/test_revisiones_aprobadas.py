"""Targets set by an approved target revision (DOMAIN.md §9) against the MCR import (SQLite and
PostgreSQL).

The rule: a target whose current value comes from an approved revision proposal is protected.
The workbook may carry the approved value (no change) or a value the target held before the
approval (an older workbook: the approved target is kept and the import says «conservada:
revisión aprobada el dd/mm/aaaa por <usuario>»); any third value is an error of the file, since
approved targets change only through a new revision proposal. Targets never revised by a
proposal are revised by the import as before.

In ``tests/fixtures/mcr_valida`` ``MS-SAL-01-I1`` (Salud, semestral, stock ascendente) has
targets 75 (2024-S1, row 4 of ``programacion``) and 78 (2024-S2, row 5) and a value 74 for
2024-S1; here the minister approves 76 and 80 on 10/05/2024, when neither period had ended.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from data_layer import queries
from data_layer.cli import main
from data_layer.db import session_scope
from data_layer.engine import run
from data_layer.importer import import_mcr, vista_previa_mcr
from data_layer.models import Auditoria, Indicador, Programacion, RevisionProgramacion
from data_layer.vistas import importar as vm
from tests.integration.importer.helpers import (
    FIXTURE,
    aprobar_revision,
    copy_fixture,
    csv_folder_to_xlsx,
    dump,
    located,
)

APROBADAS = {"2024-S1": 76.0, "2024-S2": 80.0}
CONSERVADA = "conservada: revisión aprobada el 10/05/2024 por ministro.salud"
ORIGINALES = {"2024-S1": (75.0, 76.0), "2024-S2": (78.0, 80.0)}


@pytest.fixture
def aprobada(engine) -> int:
    """The valid fixture imported, then 76 and 80 approved for MS-SAL-01-I1 (the proposal id)."""
    assert import_mcr(engine, FIXTURE).ok
    return aprobar_revision(engine, "MS-SAL-01-I1", APROBADAS)


def _metas(engine, codigo: str = "MS-SAL-01-I1") -> dict[str, tuple[float, float]]:
    """``{periodo: (meta_original, meta)}`` of an indicator."""
    with session_scope(engine) as s:
        filas = s.execute(
            select(Programacion.periodo, Programacion.meta_original, Programacion.meta)
            .join(Indicador)
            .where(Indicador.codigo == codigo)
        )
        return {p: (o, m) for p, o, m in filas}


def _evaluacion(engine):
    """The engine's row of MS-SAL-01-I1 for 2024-S1, cut after its value was reported."""
    with session_scope(engine) as s:
        return run(queries.load_mcr(s), "2024-S1", dt.date(2024, 9, 1)).indicadores.loc[
            "MS-SAL-01-I1"
        ]


def _libro(tmp_path, nombre: str, ediciones: dict[str, list[tuple[str, str]]] | None = None):
    """The fixture (edited) as a workbook, as an analyst would upload it."""
    carpeta = copy_fixture(tmp_path / nombre, ediciones)
    return csv_folder_to_xlsx(carpeta, tmp_path / f"{nombre}.xlsx")


def test_reimporting_the_original_workbook_keeps_the_approved_targets(
    engine, aprobada, tmp_path, monkeypatch, capsys
) -> None:
    """Re-importing the workbook of before the approval writes nothing: the approved targets
    stay current, the original ones stay original, the engine's avance is still measured
    against the approved target, and both targets are reported as «conservada» (by the
    command line too), neither as a revision nor as an error."""
    antes = dump(engine)
    evaluacion = _evaluacion(engine)
    assert evaluacion["meta"] == pytest.approx(76.0)

    resultado = import_mcr(engine, _libro(tmp_path, "original"), usuario="analista")

    assert resultado.ok and not resultado.errores
    assert (resultado.revisiones, resultado.importacion_id) == (0, None)
    assert resultado.conservadas == [
        f"MS-SAL-01-I1 · 2024-S1: {CONSERVADA}",
        f"MS-SAL-01-I1 · 2024-S2: {CONSERVADA}",
    ]
    assert resultado.cambios["programacion"] == {
        "insertados": 0,
        "actualizados": 0,
        "sin_cambios": 7,
    }
    assert "metas conservadas por una revisión aprobada: 2" in resultado.resumen()
    assert dump(engine) == antes
    assert _metas(engine) == ORIGINALES
    despues = _evaluacion(engine)
    assert despues["meta"] == pytest.approx(76.0)
    assert despues["meta_original"] == pytest.approx(75.0)
    assert despues["avance_pct"] == pytest.approx(evaluacion["avance_pct"])

    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    assert main(["import", "mcr", str(FIXTURE), "--dry-run"]) == 0
    salida = capsys.readouterr().out
    assert "metas conservadas por una revisión aprobada: 2" in salida
    assert f"MS-SAL-01-I1 · 2024-S2: {CONSERVADA}" in salida
    assert dump(engine) == antes


def test_dry_run_lists_conserved_targets_and_the_approved_value_is_unchanged(
    engine, aprobada, tmp_path
) -> None:
    """The detailed dry run (web upload) lists, in the ``programacion`` sheet, a target that the
    workbook carries with its pre-approval value as «conservada: revisión aprobada el dd/mm/aaaa
    por <usuario>» with the file's and the kept value; a target the workbook carries with the
    approved value is simply unchanged; neither is a change, so there is nothing to apply."""
    libro = _libro(
        tmp_path,
        "s1_al_dia",
        {"programacion": [("MS-SAL-01-I1,2024-S1,75", "MS-SAL-01-I1,2024-S1,76")]},
    )
    antes = dump(engine)

    vista = vista_previa_mcr(engine, libro)

    assert vista.ok and not vista.hubo_cambios and dump(engine) == antes
    assert (vista.revisiones, vista.conservadas) == (0, 1)
    programacion = {h["hoja"]: h for h in vista.hojas}["programacion"]
    assert (programacion["actualizados"], programacion["sin_cambios"]) == (0, 8)
    assert programacion["cambiados"] == []
    assert programacion["conservadas"] == [
        {"clave": "MS-SAL-01-I1 · 2024-S2", "archivo": 78.0, "vigente": 80.0, "mensaje": CONSERVADA}
    ]
    assert programacion["total_conservadas"] == 1
    json_vista = vista.to_json()
    assert json_vista["conservadas"] == 1 and json_vista["hubo_cambios"] is False
    # As the page shows it.
    assert vm.filas_conservadas(programacion) == [
        {"clave": "MS-SAL-01-I1 · 2024-S2", "archivo": "78", "vigente": "80", "mensaje": CONSERVADA}
    ]
    assert vm.texto_detalle(programacion) == (
        "Programación: 8 sin cambios, 1 conservadas por una revisión aprobada"
    )
    assert not vm.puede_aplicar({"etapa": "lista", "vista_previa": json_vista})


def test_a_third_value_for_an_approved_target_is_refused_all_or_nothing(
    engine, aprobada, tmp_path
) -> None:
    """A workbook carrying a value for an approved target that is neither the approved one nor
    one it had before is an error at its sheet, row and column, saying that approved targets
    change only through a new revision proposal; the whole file is refused (its valid unrevised
    change included) and nothing is written, in the import and in the dry run alike."""
    libro = _libro(
        tmp_path,
        "tercer_valor",
        {
            "programacion": [
                ("MS-SAL-01-I1,2024-S2,78", "MS-SAL-01-I1,2024-S2,81"),
                ("MI-SESAL-01-I1,2024-T2,1200", "MI-SESAL-01-I1,2024-T2,1100"),
            ]
        },
    )
    antes = dump(engine)

    resultado = import_mcr(engine, libro, usuario="analista")

    assert not resultado.ok
    assert located(resultado.errores) == {("programacion", 5, "meta")}
    (error,) = resultado.errores
    assert "es 80 por la revisión aprobada el 10/05/2024 por ministro.salud" in error.mensaje
    assert "(antes: 78) y el archivo trae 81" in error.mensaje
    assert "solo cambian con una nueva propuesta de revisión de meta" in error.mensaje
    assert str(error).startswith("Hoja «programacion», fila 5, columna «meta»: ")
    assert dump(engine) == antes

    vista = vista_previa_mcr(engine, libro)
    assert not vista.ok and vista.hojas == []
    assert [(e.hoja, e.fila, e.columna) for e in vista.errores] == [("programacion", 5, "meta")]


def test_unrevised_targets_still_change_and_are_audited_as_before(
    engine, aprobada, tmp_path
) -> None:
    """In the same older workbook, a target never revised by a proposal is revised by the
    import as before (current target, history row without a proposal, audit record), while the
    approved ones are kept; the import's audit record names the kept targets."""
    libro = _libro(
        tmp_path,
        "con_cambio",
        {"programacion": [("MI-SESAL-01-I1,2024-T2,1200", "MI-SESAL-01-I1,2024-T2,1100")]},
    )

    resultado = import_mcr(engine, libro, usuario="analista")

    assert resultado.ok and resultado.importacion_id is not None
    assert resultado.revisiones == 1 and len(resultado.conservadas) == 2
    assert _metas(engine, "MI-SESAL-01-I1")["2024-T2"] == (1200.0, 1100.0)
    assert _metas(engine) == ORIGINALES
    with session_scope(engine) as s:
        historia = s.execute(
            select(
                Indicador.codigo,
                Programacion.periodo,
                RevisionProgramacion.meta_anterior,
                RevisionProgramacion.meta_nueva,
                RevisionProgramacion.propuesta_id,
            )
            .join(Programacion, RevisionProgramacion.programacion_id == Programacion.id)
            .join(Indicador)
            .order_by(RevisionProgramacion.id)
        ).all()
        auditoria = s.execute(
            select(Auditoria.accion, Auditoria.entidad, Auditoria.detalle)
            .where(Auditoria.accion.in_(["programacion_revisada", "importacion_mcr"]))
            .where(Auditoria.usuario == "analista")
            .order_by(Auditoria.id)
        ).all()
    assert [tuple(h) for h in historia] == [
        ("MS-SAL-01-I1", "2024-S1", 75.0, 76.0, aprobada),
        ("MS-SAL-01-I1", "2024-S2", 78.0, 80.0, aprobada),
        ("MI-SESAL-01-I1", "2024-T2", 1200.0, 1100.0, None),
    ]
    assert [(a, e) for a, e, _ in auditoria] == [
        ("programacion_revisada", "indicador:MI-SESAL-01-I1"),
        ("importacion_mcr", f"importacion:{resultado.importacion_id}"),
    ]
    detalle = json.loads(auditoria[1][2])
    assert detalle["revisiones"] == 1
    assert detalle["conservadas"] == [
        f"MS-SAL-01-I1 · 2024-S1: {CONSERVADA}",
        f"MS-SAL-01-I1 · 2024-S2: {CONSERVADA}",
    ]


def test_every_value_held_before_the_approval_counts_as_older(engine, tmp_path) -> None:
    """A target revised by an import (75 → 77) and then by an approval (→ 76): a workbook with
    the original 75 or with the imported 77 is older than the approval and is kept; the approved
    76 is unchanged; and once a later import is the last change of a target (a target revised
    before this rule existed), the target is no longer protected."""
    assert import_mcr(engine, FIXTURE).ok
    revisado = _libro(
        tmp_path,
        "revisado",
        {"programacion": [("MS-SAL-01-I1,2024-S1,75", "MS-SAL-01-I1,2024-S1,77")]},
    )
    assert import_mcr(engine, revisado).revisiones == 1
    aprobar_revision(engine, "MS-SAL-01-I1", {"2024-S1": 76.0})
    antes = dump(engine)

    for libro in (_libro(tmp_path, "original"), revisado):
        resultado = import_mcr(engine, libro)
        assert resultado.ok and resultado.importacion_id is None, resultado.errores
        assert resultado.conservadas == [f"MS-SAL-01-I1 · 2024-S1: {CONSERVADA}"]
    assert dump(engine) == antes
    assert _metas(engine)["2024-S1"] == (75.0, 76.0)

    tercero = _libro(
        tmp_path,
        "tercero",
        {"programacion": [("MS-SAL-01-I1,2024-S1,75", "MS-SAL-01-I1,2024-S1,74")]},
    )
    (error,) = import_mcr(engine, tercero).errores
    assert (error.fila, error.columna) == (4, "meta") and "(antes: 75, 77)" in error.mensaje

    # An import revision written after the approval (as before this rule) ends the protection.
    with session_scope(engine) as s:
        prog = s.scalars(
            select(Programacion)
            .join(Indicador)
            .where(Indicador.codigo == "MS-SAL-01-I1", Programacion.periodo == "2024-S1")
        ).one()
        s.add(RevisionProgramacion(programacion_id=prog.id, meta_anterior=76.0, meta_nueva=79.0))
        prog.meta = 79.0
    assert import_mcr(engine, tercero).revisiones == 1
    assert _metas(engine)["2024-S1"] == (75.0, 74.0)

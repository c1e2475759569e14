"""Imports are audited (issue #4): one record per import that changes data, one per updated row or
revised target with its old → new values, written in the import's transaction (SQLite and
PostgreSQL). Expected records are read off ``tests/fixtures/mcr_valida`` and the edits below.
"""

from __future__ import annotations

import getpass
import json

import pytest
from sqlalchemy import Engine, select

from data_layer.cli import main
from data_layer.db import session_scope
from data_layer.importer import escritura, import_mcr
from data_layer.models import Auditoria
from tests.integration.importer.helpers import FIXTURE, copy_fixture, dump

#: Edits of the fixture: one updated institution, goal, indicator and avance, one revised target,
#: and one new avance (an insert: counted, not audited row by row).
EDICIONES = {
    "instituciones": [
        (
            "SEDESOL,Secretaría de Desarrollo Social,MLPS;SAL",
            "SEDESOL,Secretaría de Desarrollo Social,MLPS",
        )
    ],
    "metas": [("MS-EDU-01;MS-SAL-01,", "MS-EDU-01,")],
    "indicadores": [
        ("Razón de mortalidad materna,impacto", "Razón de mortalidad materna (RMM),impacto"),
        ("Género;Derechos Humanos", "Género"),
    ],
    "programacion": [("MI-SESAL-01-I1,2024-T2,1200", "MI-SESAL-01-I1,2024-T2,1100")],
    "avances": [
        ("MI-SEDUC-01-I1,2024-T1,10,2024-04-05,", "MI-SEDUC-01-I1,2024-T1,11,2024-04-06,Corregido"),
        ("", "MI-SEDUC-01-I1,2024-T2,12,2024-07-05,"),
    ],
}


def registros(engine: Engine) -> list[tuple[str | None, str, str | None, dict | None]]:
    """Every audit record in writing order: (usuario, accion, entidad, detalle as a dict)."""
    with session_scope(engine) as s:
        filas = s.execute(
            select(
                Auditoria.usuario, Auditoria.accion, Auditoria.entidad, Auditoria.detalle
            ).order_by(Auditoria.id)
        ).all()
    return [(u, a, e, json.loads(d) if d else None) for u, a, e, d in filas]


def test_first_import_writes_one_summary_record(engine) -> None:
    """Importing into an empty database (inserts only) writes exactly one ``importacion_mcr``
    record: who, which file, its fingerprint and the counts; no record per inserted row."""
    resultado = import_mcr(engine, FIXTURE, usuario="analista")
    assert resultado.ok
    ((usuario, accion, entidad, detalle),) = registros(engine)
    assert (usuario, accion, entidad) == (
        "analista",
        "importacion_mcr",
        f"importacion:{resultado.importacion_id}",
    )
    assert detalle["archivo"] == "mcr_valida"
    assert len(detalle["huella"]) == 64
    assert detalle["demo"] is False
    assert detalle["cambios"]["indicadores"] == {
        "insertados": 5,
        "actualizados": 0,
        "sin_cambios": 0,
    }
    assert detalle["cambios"]["avances"]["insertados"] == 4
    assert (detalle["revisiones"], detalle["registros_detallados"]) == (0, 0)


def test_updates_are_audited_with_old_and_new_values(engine, tmp_path) -> None:
    """Re-importing an edited file writes one record per updated row and per revised target
    (old → new, in the file's terms), then the import's record; the new avance only counts."""
    primero = import_mcr(engine, FIXTURE, usuario="analista")
    carpeta = copy_fixture(tmp_path / "mcr_corregida", EDICIONES)
    resultado = import_mcr(engine, carpeta, usuario="cli:diger")
    assert resultado.ok and resultado.revisiones == 1
    n = resultado.importacion_id
    assert n == primero.importacion_id + 1

    nuevos = registros(engine)[1:]
    assert nuevos == [
        (
            "cli:diger",
            "institucion_actualizada",
            "institucion:SEDESOL",
            {"importacion": n, "sectores": [["MLPS", "SAL"], ["MLPS"]]},
        ),
        (
            "cli:diger",
            "meta_actualizada",
            "meta:MI-SEDUC-01",
            {"importacion": n, "contribuye_a": [["MS-EDU-01", "MS-SAL-01"], ["MS-EDU-01"]]},
        ),
        (
            "cli:diger",
            "indicador_actualizado",
            "indicador:MP-01-I1",
            {
                "importacion": n,
                "nombre": ["Razón de mortalidad materna", "Razón de mortalidad materna (RMM)"],
                "temas_transversales": [["Derechos Humanos", "Género"], ["Género"]],
            },
        ),
        (
            "cli:diger",
            "programacion_revisada",
            "indicador:MI-SESAL-01-I1",
            {"importacion": n, "periodo": "2024-T2", "meta": [1200.0, 1100.0]},
        ),
        (
            "cli:diger",
            "avance_actualizado",
            "indicador:MI-SEDUC-01-I1",
            {
                "importacion": n,
                "periodo": "2024-T1",
                "valor": [10.0, 11.0],
                "fecha_reporte": ["2024-04-05", "2024-04-06"],
                "comentario": [None, "Corregido"],
            },
        ),
        (
            "cli:diger",
            "importacion_mcr",
            f"importacion:{n}",
            {
                "archivo": "mcr_corregida",
                "huella": nuevos[-1][3]["huella"],
                "demo": False,
                "cambios": {
                    "instituciones": {"insertados": 0, "actualizados": 1, "sin_cambios": 3},
                    "metas": {"insertados": 0, "actualizados": 1, "sin_cambios": 6},
                    "indicadores": {"insertados": 0, "actualizados": 1, "sin_cambios": 4},
                    "programacion": {"insertados": 0, "actualizados": 1, "sin_cambios": 8},
                    "avances": {"insertados": 1, "actualizados": 1, "sin_cambios": 3},
                },
                "revisiones": 1,
                "registros_detallados": 5,
            },
        ),
    ]


def test_reimporting_or_dry_run_writes_no_audit_record(engine, tmp_path) -> None:
    """The same file imported again, a dry run of a changed file, and a rejected file add no
    audit record."""
    import_mcr(engine, FIXTURE, usuario="analista")
    antes = registros(engine)
    assert import_mcr(engine, FIXTURE, usuario="analista").importacion_id is None
    carpeta = copy_fixture(tmp_path / "mcr", EDICIONES)
    assert import_mcr(engine, carpeta, dry_run=True, usuario="analista").revisiones == 1
    mala = copy_fixture(
        tmp_path / "mala", {"programacion": [("MI-SESAL-01-I1,2024-T2,1200", "X-1,2024-T2,1")]}
    )
    assert not import_mcr(engine, mala, usuario="analista").ok
    assert registros(engine) == antes


def test_audit_and_data_are_one_transaction(engine, tmp_path, monkeypatch) -> None:
    """If writing the audit trail fails midway, the import's data changes are rolled back too:
    the database is exactly as before (all-or-nothing)."""
    import_mcr(engine, FIXTURE, usuario="analista")
    antes = dump(engine)
    real = escritura.registrar
    llamadas = []

    def falla_al_tercero(*args, **kwargs):
        llamadas.append(args[1])
        if len(llamadas) == 3:
            raise RuntimeError("fallo simulado al escribir la auditoría")
        return real(*args, **kwargs)

    monkeypatch.setattr(escritura, "registrar", falla_al_tercero)
    carpeta = copy_fixture(tmp_path / "mcr", EDICIONES)
    with pytest.raises(RuntimeError, match="fallo simulado"):
        import_mcr(engine, carpeta, usuario="analista")
    assert len(llamadas) == 3
    assert dump(engine) == antes


def test_cli_import_is_audited_as_the_os_user(engine, monkeypatch, capsys) -> None:
    """``sigpret import mcr`` records the import as ``cli:<os user>``."""
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    assert main(["import", "mcr", str(FIXTURE)]) == 0
    ((usuario, accion, _entidad, _detalle),) = registros(engine)
    assert (usuario, accion) == (f"cli:{getpass.getuser()}", "importacion_mcr")

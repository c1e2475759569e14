"""The detailed dry run (issue #10, web import) and the import checked against it, on SQLite and
PostgreSQL: per sheet the new codes, the changed rows with old → new, the unchanged count; the
apply of the previewed file; the refusal when the data or the file changed since the preview.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from data_layer.db import session_factory
from data_layer.importer import DatosCambiados, import_mcr, vista_previa_mcr
from data_layer.models import Auditoria
from tests.integration.importer.helpers import FIXTURE, copy_fixture, csv_folder_to_xlsx, dump

#: One new eje, one renamed indicator with one theme less, one revised target, one changed value
#: and one new value.
EDICIONES = {
    "ejes": [("", "E4,Paz y Seguridad Ciudadana,")],
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


def _hojas(vista) -> dict[str, dict]:
    return {h["hoja"]: h for h in vista.hojas}


def _cambios(hoja: dict) -> dict[str, dict[str, tuple]]:
    return {
        c["clave"]: {x["columna"]: (x["antes"], x["despues"]) for x in c["cambios"]}
        for c in hoja["cambiados"]
    }


@pytest.fixture
def editado(engine, tmp_path):
    """The valid fixture imported, and an edited copy of it as a workbook."""
    assert import_mcr(engine, FIXTURE).ok
    carpeta = copy_fixture(tmp_path / "editada", EDICIONES)
    return csv_folder_to_xlsx(carpeta, tmp_path / "editada.xlsx")


def test_preview_lists_new_codes_changed_rows_old_to_new_and_unchanged_counts(
    engine, editado
) -> None:
    """Each sheet of the preview names what would be inserted, shows old → new of each changed
    column of each changed row, and counts the rows left as they are; nothing is written."""
    antes = dump(engine)
    vista = vista_previa_mcr(engine, editado)

    assert vista.ok and vista.hubo_cambios and dump(engine) == antes
    hojas = _hojas(vista)
    assert hojas["ejes"]["nuevos"] == ["E4"]
    assert (hojas["ejes"]["insertados"], hojas["ejes"]["sin_cambios"]) == (1, 3)
    assert _cambios(hojas["indicadores"]) == {
        "MP-01-I1": {
            "nombre": ("Razón de mortalidad materna", "Razón de mortalidad materna (RMM)"),
            "temas_transversales": (["Derechos Humanos", "Género"], ["Género"]),
        }
    }
    assert hojas["indicadores"]["actualizados"] == 1
    assert hojas["indicadores"]["sin_cambios"] == 4
    assert _cambios(hojas["programacion"]) == {"MI-SESAL-01-I1 · 2024-T2": {"meta": (1200, 1100)}}
    assert hojas["programacion"]["sin_cambios"] == 8
    assert vista.revisiones == 1
    assert hojas["avances"]["nuevos"] == ["MI-SEDUC-01-I1 · 2024-T2"]
    assert _cambios(hojas["avances"]) == {
        "MI-SEDUC-01-I1 · 2024-T1": {
            "valor": (10, 11),
            "fecha_reporte": ("2024-04-05", "2024-04-06"),
            "comentario": (None, "Corregido"),
        }
    }
    assert hojas["avances"]["sin_cambios"] == 3
    assert hojas["metas"]["insertados"] == hojas["metas"]["actualizados"] == 0
    # The JSON a job stores round-trips.
    assert json.loads(json.dumps(vista.to_json()))["hojas"] == vista.hojas


def test_preview_of_a_bad_file_lists_every_error_located(engine, tmp_path) -> None:
    """A bad file previews as its errors, with sheet, row and column, like the command line."""
    carpeta = copy_fixture(
        tmp_path / "mala",
        {"avances": [("MP-01-I1,2024,72.3", "MP-01-I1,2024,muchos")]},
    )
    vista = vista_previa_mcr(engine, csv_folder_to_xlsx(carpeta, tmp_path / "mala.xlsx"))
    assert not vista.ok and vista.hojas == []
    assert [(e.hoja, e.fila, e.columna) for e in vista.errores] == [("avances", 2, "valor")]
    assert vista.to_json()["errores"][0]["mensaje"] == vista.errores[0].mensaje


def test_applying_the_previewed_file_writes_and_audits_as_the_web_user(engine, editado) -> None:
    """The file applied with the preview's version and hash is imported and audited under the
    web user's name."""
    vista = vista_previa_mcr(engine, editado)
    resultado = import_mcr(
        engine,
        editado,
        usuario="analista",
        version_esperada=vista.version,
        huella_esperada=vista.huella,
    )
    assert resultado.ok and resultado.importacion_id
    assert vista_previa_mcr(engine, editado).hubo_cambios is False
    with session_factory(engine)() as s:
        acciones = s.scalars(select(Auditoria.accion).where(Auditoria.usuario == "analista")).all()
    assert "importacion_mcr" in acciones and "avance_actualizado" in acciones


def test_apply_refused_when_data_changed_since_the_preview(engine, editado, tmp_path) -> None:
    """Another import after the preview moves the data version: applying the preview is refused
    in Spanish and writes nothing."""
    vista = vista_previa_mcr(engine, editado)
    otra = copy_fixture(
        tmp_path / "otra", {"ejes": [("", "E3,Equidad de Género,")]}, hojas={"ejes"}
    )
    assert import_mcr(engine, otra).importacion_id
    antes = dump(engine)
    with pytest.raises(DatosCambiados, match="vista previa"):
        import_mcr(engine, editado, usuario="analista", version_esperada=vista.version)
    assert dump(engine) == antes


def test_apply_refused_when_the_file_is_not_the_previewed_one(engine, editado) -> None:
    """A different file than the one previewed (another hash) is refused before reading the
    database."""
    vista = vista_previa_mcr(engine, editado)
    antes = dump(engine)
    with pytest.raises(DatosCambiados):
        import_mcr(engine, editado, version_esperada=vista.version, huella_esperada="0" * 64)
    assert dump(engine) == antes

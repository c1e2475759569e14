"""The web import of the MCR (``/importar``, issue #10) through its service and its page callback,
on SQLite and PostgreSQL: the dry run and apply as background jobs, the refusal of an apply after
the data changed, and the refusal of every other role, forged callbacks included.
"""

from __future__ import annotations

import base64
import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from dash._callback_context import context_value
from dash._utils import AttributeDict
from sqlalchemy import func, select

from dashboard import create_app
from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.db import get_engine, session_factory
from data_layer.errores import ErrorDeDatos
from data_layer.importer import import_mcr, web
from data_layer.models import Importacion, Rol, TareaImportacion
from tests.conftest import sesion_de_prueba
from tests.integration.importer.helpers import (
    FIXTURE,
    aprobar_revision,
    copy_fixture,
    csv_folder_to_xlsx,
    dump,
)

ANALISTA = Alcance(usuario="analista", rol=Rol.analista)
OTRO_ANALISTA = Alcance(usuario="analista2", rol=Rol.analista)
UPGRET = Alcance(usuario="upgret.sesal", rol=Rol.upgret, instituciones=frozenset({"SESAL"}))
CONSERVADA = "conservada: revisión aprobada el 10/05/2024 por ministro.salud"


@pytest.fixture
def url(engine, tmp_path, monkeypatch) -> str:
    """The database (the valid fixture imported) as a URL; uploads go to a private folder."""
    assert import_mcr(engine, FIXTURE).ok
    monkeypatch.setattr(web, "CARPETA", tmp_path / "subidas")
    return engine.url.render_as_string(hide_password=False)


@pytest.fixture
def libro(tmp_path) -> bytes:
    """The fixture with one value changed, as workbook bytes."""
    carpeta = copy_fixture(
        tmp_path / "editada", {"avances": [("MP-01-I1,2024,72.3", "MP-01-I1,2024,71.9")]}
    )
    return csv_folder_to_xlsx(carpeta, tmp_path / "editada.xlsx").read_bytes()


def esperar(actor: Alcance, url: str, token: str) -> dict:
    """Poll the job as the page does until it ends (at most 60 s)."""
    limite = time.monotonic() + 60
    while True:
        tarea = web.consultar(actor, url, token)
        assert tarea is not None
        if not tarea["en_curso"]:
            return tarea
        assert time.monotonic() < limite, tarea
        time.sleep(0.05)


def _tareas(url: str) -> int:
    with session_factory(get_engine(url))() as s:
        return s.scalar(select(func.count()).select_from(TareaImportacion)) or 0


def test_preview_then_apply_in_the_background(url, libro, engine) -> None:
    """The dry run shows the one changed value (old → new) and changes nothing; «Aplicar» then
    imports the same stored file under the web user and moves the data version."""
    token = web.iniciar_vista_previa(ANALISTA, url, "MCR 2025.xlsx", libro)
    tarea = esperar(ANALISTA, url, token)
    assert tarea["etapa"] == "lista" and tarea["archivo"] == "MCR 2025.xlsx"
    avances = {h["hoja"]: h for h in tarea["vista_previa"]["hojas"]}["avances"]
    assert avances["cambiados"] == [
        {
            "clave": "MP-01-I1 · 2024",
            "cambios": [{"columna": "valor", "antes": 72.3, "despues": 71.9}],
        }
    ]
    with session_factory(engine)() as s:
        version = s.scalar(select(func.max(Importacion.id)))

    web.aplicar(ANALISTA, url, token)
    tarea = esperar(ANALISTA, url, token)
    assert tarea["etapa"] == "aplicada", tarea["mensaje"]
    assert "avances: 1 con cambios" in tarea["mensaje"]
    assert tarea["importacion_id"] > version
    assert not (web.CARPETA / token).exists()
    with pytest.raises(ErrorDeDatos, match="ya se aplicó"):
        web.aplicar(ANALISTA, url, token)


def test_apply_refused_when_data_changed_after_the_preview(url, libro, engine, tmp_path) -> None:
    """An import committed between the preview and «Aplicar» makes the apply refuse, in Spanish,
    asking for a new preview; nothing of the file is written."""
    token = web.iniciar_vista_previa(ANALISTA, url, "mcr.xlsx", libro)
    assert esperar(ANALISTA, url, token)["etapa"] == "lista"
    otra = copy_fixture(tmp_path / "otra", {"ejes": [("", "E4,Paz y Seguridad,")]}, hojas={"ejes"})
    assert import_mcr(engine, otra).importacion_id
    antes = dump(engine)

    web.aplicar(ANALISTA, url, token)
    tarea = esperar(ANALISTA, url, token)
    assert tarea["etapa"] == "rechazada"
    assert "vista previa otra vez" in tarea["mensaje"]
    assert {k: v for k, v in dump(engine).items() if k != "tarea_importacion"} == {
        k: v for k, v in antes.items() if k != "tarea_importacion"
    }


def test_other_roles_are_refused_by_the_service(url, libro) -> None:
    """A upgret user can neither upload, see nor apply an analyst's preview; an analyst cannot
    see or apply another analyst's either."""
    with pytest.raises(ErrorDeDatos, match="Solo los analistas"):
        web.iniciar_vista_previa(UPGRET, url, "mcr.xlsx", libro)
    assert _tareas(url) == 0 and not web.CARPETA.exists()

    token = web.iniciar_vista_previa(ANALISTA, url, "mcr.xlsx", libro)
    assert esperar(ANALISTA, url, token)["etapa"] == "lista"
    for actor in (UPGRET, None):
        with pytest.raises(ErrorDeDatos, match="Solo los analistas"):
            web.aplicar(actor, url, token)
        with pytest.raises(ErrorDeDatos, match="Solo los analistas"):
            web.consultar(actor, url, token)
    assert web.consultar(OTRO_ANALISTA, url, token) is None
    with pytest.raises(ErrorDeDatos, match="no existe"):
        web.aplicar(OTRO_ANALISTA, url, token)
    assert web.consultar(ANALISTA, url, token)["etapa"] == "lista"


def test_a_bad_file_gets_its_errors_and_no_apply(url, tmp_path) -> None:
    """A workbook with a bad cell previews as its located errors, and cannot be applied."""
    carpeta = copy_fixture(
        tmp_path / "mala", {"avances": [("MP-01-I1,2024,72.3", "MP-01-I1,2024,x")]}
    )
    contenido = csv_folder_to_xlsx(carpeta, tmp_path / "mala.xlsx").read_bytes()
    token = web.iniciar_vista_previa(ANALISTA, url, "mala.xlsx", contenido)
    tarea = esperar(ANALISTA, url, token)
    assert tarea["etapa"] == "con_errores"
    error = tarea["vista_previa"]["errores"][0]
    assert (error["hoja"], error["fila"], error["columna"]) == ("avances", 2, "valor")
    with pytest.raises(ErrorDeDatos, match="no se puede aplicar"):
        web.aplicar(ANALISTA, url, token)


@contextmanager
def _disparar(componente: str, valor: object) -> Iterator[None]:
    """The callback context Dash sets when ``componente`` changed (for calling a callback as a
    plain function); restored afterwards."""
    marca = context_value.set(
        AttributeDict(
            triggered_inputs=[{"prop_id": f"{componente}.data", "value": valor}],
            inputs_list=[],
            states_list=[],
            outputs_list=[],
        )
    )
    try:
        yield
    finally:
        context_value.reset(marca)


def test_forged_callbacks_of_a_upgret_user_are_refused(url, libro) -> None:
    """The page's callback, forged by a upgret user (an upload, or «Aplicar» with an analyst's
    token), gets the refusal and starts nothing; the layout holds only the message."""
    app = create_app(url)
    from dashboard.pages import importar

    subida = {
        "nombre": "mcr.xlsx",
        "contenido": "data:application/octet-stream;base64," + base64.b64encode(libro).decode(),
    }
    with sesion_de_prueba(app, "/importar", rol="upgret", instituciones=["SESAL"]):
        assert permisos.SIN_PERMISO_IMPORTAR in str(importar.layout())
        with _disparar(importar.SUBIDA, subida):
            salida = importar.actualizar(subida, None, None, None)
    assert permisos.SIN_PERMISO_IMPORTAR in str(salida["aviso"])
    assert salida["resultado"] is None and _tareas(url) == 0

    token = web.iniciar_vista_previa(ANALISTA, url, "mcr.xlsx", libro)
    assert esperar(ANALISTA, url, token)["etapa"] == "lista"
    with sesion_de_prueba(app, "/importar", rol="upgret", instituciones=["SESAL"]):
        with _disparar(importar.APLICAR, 1):
            salida = importar.actualizar(None, None, 1, token)
    assert permisos.SIN_PERMISO_IMPORTAR in str(salida["aviso"])
    assert web.consultar(ANALISTA, url, token)["etapa"] == "lista"


def test_the_page_callback_starts_the_preview_for_an_analyst(url, libro) -> None:
    """An analyst's upload through the page's callback starts the dry run and polls it to the
    preview, with the «Aplicar cambios» button shown."""
    app = create_app(url)
    from dashboard.pages import importar

    subida = {
        "nombre": "mcr.xlsx",
        "contenido": "data:application/octet-stream;base64," + base64.b64encode(libro).decode(),
    }
    with sesion_de_prueba(app, "/importar", rol="analista"):
        with _disparar(importar.SUBIDA, subida):
            salida = importar.actualizar(subida, None, None, None)
    token = salida["token"]
    assert isinstance(token, str) and salida["intervalo"] is False
    esperar(Alcance(usuario="prueba", rol=Rol.analista), url, token)
    with sesion_de_prueba(app, "/importar", rol="analista"):
        with _disparar(importar.INTERVALO, 1):
            salida = importar.actualizar(None, 1, None, token)
    assert salida["intervalo"] is True
    assert "d-none" not in salida["aplicar"]
    assert "MP-01-I1 · 2024" in str(salida["resultado"])


def test_uploaded_file_kept_under_a_random_token_with_its_hash(url, libro) -> None:
    """The upload is kept server-side under an unguessable token, with its sha256 in the job."""
    token = web.subir(ANALISTA, url, "../../etc/mcr.xlsx", libro)
    assert len(token) >= 30
    guardado = Path(web.CARPETA / token / "mcr.xlsx")
    assert guardado.read_bytes() == libro
    with session_factory(get_engine(url))() as s:
        tarea = s.get(TareaImportacion, token)
    assert tarea is not None and tarea.huella == hashlib.sha256(libro).hexdigest()


def test_preview_of_an_older_workbook_keeps_approved_targets_as_conservada(
    url, engine, tmp_path
) -> None:
    """After the minister approves new targets for MS-SAL-01-I1, the preview of the workbook of
    before the approval (through the page's callback) lists both targets in «Programación» as
    «conservada: revisión aprobada el dd/mm/aaaa por <usuario>», shows no change and offers no
    «Aplicar cambios»; applying it anyway is refused and nothing is written."""
    aprobar_revision(engine, "MS-SAL-01-I1", {"2024-S1": 76.0, "2024-S2": 80.0})
    libro = csv_folder_to_xlsx(copy_fixture(tmp_path / "anterior"), tmp_path / "anterior.xlsx")
    antes = dump(engine)
    app = create_app(url)
    from dashboard.pages import importar

    subida = {
        "nombre": "MCR 2024.xlsx",
        "contenido": "data:application/octet-stream;base64,"
        + base64.b64encode(libro.read_bytes()).decode(),
    }
    with sesion_de_prueba(app, "/importar", rol="analista"):
        with _disparar(importar.SUBIDA, subida):
            token = importar.actualizar(subida, None, None, None)["token"]
    tarea = esperar(Alcance(usuario="prueba", rol=Rol.analista), url, token)
    assert tarea["etapa"] == "lista" and "se conservan las aprobadas" in tarea["mensaje"]
    programacion = {h["hoja"]: h for h in tarea["vista_previa"]["hojas"]}["programacion"]
    assert programacion["cambiados"] == [] and programacion["actualizados"] == 0
    assert [(c["clave"], c["mensaje"]) for c in programacion["conservadas"]] == [
        ("MS-SAL-01-I1 · 2024-S1", CONSERVADA),
        ("MS-SAL-01-I1 · 2024-S2", CONSERVADA),
    ]
    with sesion_de_prueba(app, "/importar", rol="analista"):
        with _disparar(importar.INTERVALO, 1):
            salida = importar.actualizar(None, 1, None, token)
    pagina = str(salida["resultado"])
    assert CONSERVADA in pagina and "Metas conservadas por una revisión aprobada" in pagina
    assert "d-none" in salida["aplicar"]
    with pytest.raises(ErrorDeDatos):
        web.aplicar(Alcance(usuario="prueba", rol=Rol.analista), url, token)
    assert {k: v for k, v in dump(engine).items() if k != "tarea_importacion"} == {
        k: v for k, v in antes.items() if k != "tarea_importacion"
    }


def test_preview_refuses_a_third_value_for_an_approved_target(url, engine, tmp_path) -> None:
    """A workbook changing an approved target to a value it never had previews as one located
    error (sheet, row, column) saying it changes only through a new revision proposal; the
    file's other, valid change cannot be applied either."""
    aprobar_revision(engine, "MS-SAL-01-I1", {"2024-S1": 76.0, "2024-S2": 80.0})
    carpeta = copy_fixture(
        tmp_path / "tercer_valor",
        {
            "programacion": [("MS-SAL-01-I1,2024-S2,78", "MS-SAL-01-I1,2024-S2,81")],
            "avances": [("MP-01-I1,2024,72.3", "MP-01-I1,2024,71.9")],
        },
    )
    contenido = csv_folder_to_xlsx(carpeta, tmp_path / "tercer_valor.xlsx").read_bytes()
    token = web.iniciar_vista_previa(ANALISTA, url, "tercer_valor.xlsx", contenido)
    tarea = esperar(ANALISTA, url, token)
    assert tarea["etapa"] == "con_errores"
    (error,) = tarea["vista_previa"]["errores"]
    assert (error["hoja"], error["fila"], error["columna"]) == ("programacion", 5, "meta")
    assert "nueva propuesta de revisión de meta" in error["mensaje"]
    with pytest.raises(ErrorDeDatos, match="no se puede aplicar"):
        web.aplicar(ANALISTA, url, token)


def _esperar_tareas() -> None:
    """Wait for the background jobs' threads (the apply job warms the cache after its commit)."""
    for hilo in threading.enumerate():
        if hilo.name.startswith("sigpret-tarea-"):
            hilo.join(60)


def test_an_applied_import_warms_the_result_cache(url, libro) -> None:
    """After «Aplicar» commits, the job computes the overview of the new data version: the
    default quarter's engine result is in the app's result cache before anybody opens a page
    (nobody pays the cold overview, issue #15)."""
    from dashboard import data
    from data_layer.engine import Resultado

    app = create_app(url, {"CACHE_TYPE": "SimpleCache"})
    datos = app.server.extensions[data.EXTENSION]
    token = web.iniciar_vista_previa(ANALISTA, url, "MCR 2025.xlsx", libro)
    assert esperar(ANALISTA, url, token)["etapa"] == "lista"
    web.aplicar(ANALISTA, url, token)
    assert esperar(ANALISTA, url, token)["etapa"] == "aplicada"
    _esperar_tareas()
    with app.server.app_context():
        version = datos.version()
        periodo = data.periodo_efectivo(None)
        clave = datos.clave_resultado(periodo, data.hoy_honduras(), version)
    assert isinstance(datos.cache.get(clave), Resultado)


def test_a_failing_listener_does_not_fail_the_import(url, libro, caplog) -> None:
    """A listener that raises after an applied import is logged; the import stays applied."""

    def roto(_url: str) -> None:
        raise RuntimeError("prueba")

    quitar = web.al_aplicar(roto)
    try:
        token = web.iniciar_vista_previa(ANALISTA, url, "MCR 2025.xlsx", libro)
        assert esperar(ANALISTA, url, token)["etapa"] == "lista"
        web.aplicar(ANALISTA, url, token)
        _esperar_tareas()
        assert esperar(ANALISTA, url, token)["etapa"] == "aplicada"
    finally:
        quitar()
    assert "Tras la importación web" in caplog.text

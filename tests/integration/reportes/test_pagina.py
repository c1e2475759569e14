"""The callbacks of «Mis reportes» (``/reportes``) called as plain functions, on SQLite and
PostgreSQL: save a draft, send, send all complete drafts, a returned value shows its observación,
a stale draft is detected, and forged requests (another institution's indicator, an analyst
writing) are refused with nothing written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from dash._callback_context import context_value
from dash._utils import AttributeDict
from sqlalchemy import select

from dashboard import create_app, data
from data_layer import envios, permisos
from data_layer.db import session_factory
from data_layer.engine.frames import Reglas
from data_layer.models import Avance, EstadoVersion, Indicador
from data_layer.reportes import servicio
from data_layer.vistas import reportes as vm
from tests.conftest import sesion_de_prueba

from .conftest import ANALISTA, momento
from .conftest import UPGRET_SESAL as UPGRET

CONTROLES = "MI-SESAL-01-I1"
HOY = momento(2024, 7, 10)


@pytest.fixture
def app(mcr, monkeypatch):
    """The app on the fixture MCR, on 10/07/2024 (2024-T2 ended, due 15/07/2024)."""
    monkeypatch.setattr(data, "hoy_honduras", lambda: HOY.date())
    monkeypatch.setattr(servicio, "ahoracomo_utc", lambda: HOY.astimezone(dt.UTC))
    aplicacion = create_app(mcr.url.render_as_string(hide_password=False))
    aplicacion.engine_de_prueba = mcr
    return aplicacion


@contextmanager
def _disparar(prop_id: str, valor: object = 1) -> Iterator[None]:
    """The callback context Dash sets when ``prop_id`` changed."""
    marca = context_value.set(
        AttributeDict(
            triggered_inputs=[{"prop_id": prop_id, "value": valor}],
            inputs_list=[],
            states_list=[],
            outputs_list=[],
        )
    )
    try:
        yield
    finally:
        context_value.reset(marca)


def _pagina():
    from dashboard.pages import reportes

    return reportes


def _formulario(
    app,
    boton: str,
    *,
    valor="1100",
    explicacion="",
    indicador=CONTROLES,
    periodo="2024-T2",
    bloqueo=None,
    token=None,
    rol="upgret",
    instituciones=("SESAL",),
    params=None,
    archivo=None,
    archivo_nombre=None,
):
    p = _pagina()
    with sesion_de_prueba(app, "/reportes", rol=rol, instituciones=instituciones):
        with _disparar(f"{boton}.n_clicks"):
            return p.formulario(
                clic=None,
                seleccionadas=None,
                _guardar=1,
                _enviar=1,
                valor=valor,
                explicacion=explicacion,
                enlace="",
                evidencia_id=None,
                seleccion={"indicador": indicador, "periodo": periodo, "bloqueo": bloqueo},
                token=token or envios.nuevo_token(),
                refresco=0,
                params=params,
                archivo=archivo,
                archivo_nombre=archivo_nombre,
            )


def _abrir(app, clave: str, rol="upgret", instituciones=("SESAL",), params=None):
    p = _pagina()
    with sesion_de_prueba(app, "/reportes", rol=rol, instituciones=instituciones):
        with _disparar(f"{p.GRID}.cellClicked", {"rowId": clave}):
            return p.formulario(
                {"rowId": clave}, None, None, None, None, None, None, None, None, None, 0, params
            )


def _versiones(db, codigo=CONTROLES, periodo="2024-T2") -> list[Avance]:
    with session_factory(db)() as s:
        return list(
            s.scalars(
                select(Avance)
                .join(Indicador, Indicador.id == Avance.indicador_id)
                .where(Indicador.codigo == codigo, Avance.periodo == periodo)
                .order_by(Avance.numero)
            )
        )


def test_save_draft_then_send(app) -> None:
    """«Guardar borrador» keeps a draft (with its lock for the next save); «Enviar» sends it: the
    form shows «enviado», the grid is asked to refresh, the value is stamped as received."""
    salida = _formulario(app, _pagina().GUARDAR)
    assert "Borrador guardado" in str(salida["alerta"])
    assert salida["seleccion"]["bloqueo"] == 1 and salida["refresco"] == 1
    [v] = _versiones(app.engine_de_prueba)
    assert v.estado is EstadoVersion.borrador and v.valor == 1100

    salida = _formulario(app, _pagina().ENVIAR, bloqueo=1)
    assert "Enviado" in str(salida["alerta"])
    assert "Enviado (por validar)" in str(salida["encabezado"])
    [v] = _versiones(app.engine_de_prueba)
    assert v.estado is EstadoVersion.enviado and v.recibido_en is not None


def test_double_click_writes_once(app) -> None:
    """The same form render sent twice (double click) writes one version."""
    token = envios.nuevo_token()
    _formulario(app, _pagina().ENVIAR, token=token)
    segunda = _formulario(app, _pagina().ENVIAR, token=token)
    assert "ya se envió" in str(segunda["alerta"])
    assert len(_versiones(app.engine_de_prueba)) == 1


def test_send_refused_without_explanation_keeps_typed_values(app) -> None:
    """A red value sent without an explanation is refused in Spanish; nothing is written and the
    typed values stay in the form."""
    salida = _formulario(app, _pagina().ENVIAR, valor="100")
    assert "Explique la variación" in str(salida["alerta"])
    assert salida["valor"] is _no_update() and salida["explicacion"] is _no_update()
    assert _versiones(app.engine_de_prueba) == []


def _data_url(tipo: str, contenido: bytes) -> str:
    import base64

    return f"data:{tipo};base64,{base64.b64encode(contenido).decode()}"


def _pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Acta de respaldo del valor reportado")
    return bytes(pdf.output())


def test_evidence_file_is_stored_with_the_draft_and_kept_on_the_next_save(
    app, tmp_path, monkeypatch
) -> None:
    """A PDF chosen in the form is checked, stored and linked to the draft in the same save; the
    next save without a new file keeps it (the form carries the draft's evidence back)."""
    monkeypatch.setenv("SIGPRET_EVIDENCIAS", str(tmp_path / "evidencias"))
    salida = _formulario(
        app,
        _pagina().GUARDAR,
        archivo=_data_url("application/pdf", _pdf()),
        archivo_nombre="respaldo.pdf",
    )
    assert "Borrador guardado" in str(salida["alerta"]), salida["alerta"]
    [v] = _versiones(app.engine_de_prueba)
    assert v.evidencia_id is not None
    assert salida["evidencia_id"] == v.evidencia_id and salida["archivo"] is None
    assert "respaldo.pdf" in str(salida["archivo_actual"])
    assert "/evidencias/" in str(salida["archivo_actual"])

    p = _pagina()
    with sesion_de_prueba(app, "/reportes", rol="upgret", instituciones=("SESAL",)):
        with _disparar(f"{p.GUARDAR}.n_clicks"):
            p.formulario(
                clic=None,
                seleccionadas=None,
                _guardar=1,
                _enviar=None,
                valor="1200",
                explicacion="",
                enlace="",
                evidencia_id=salida["evidencia_id"],
                seleccion=salida["seleccion"],
                token=envios.nuevo_token(),
                refresco=1,
                params=None,
            )
    [v2] = _versiones(app.engine_de_prueba)
    assert v2.valor == 1200 and v2.evidencia_id == v.evidencia_id


def test_malicious_evidence_file_is_refused_and_nothing_is_saved(
    app, tmp_path, monkeypatch
) -> None:
    """An HTML page renamed .pdf is refused in Spanish: no version, no stored file, the typed
    value stays in the form."""
    carpeta = tmp_path / "evidencias"
    monkeypatch.setenv("SIGPRET_EVIDENCIAS", str(carpeta))
    salida = _formulario(
        app,
        _pagina().GUARDAR,
        archivo=_data_url("application/pdf", b"<html><script>alert(1)</script></html>"),
        archivo_nombre="respaldo.pdf",
    )
    assert "no se admite" in str(salida["alerta"])
    assert salida["valor"] is _no_update()
    assert _versiones(app.engine_de_prueba) == []
    assert not carpeta.exists() or not [f for f in carpeta.rglob("*") if f.is_file()]


def _no_update():
    from dash import no_update

    return no_update


def test_send_all_complete_drafts_lists_those_left_out(app, mcr) -> None:
    """«Enviar todos los completos» sends the complete draft and says how many went."""
    _formulario(app, _pagina().GUARDAR, valor="1100")
    p = _pagina()
    with sesion_de_prueba(app, "/reportes", rol="upgret", instituciones=["SESAL"]):
        with _disparar(f"{p.TODOS}.n_clicks"):
            alerta, _token, refresco = p.enviar_todos(1, envios.nuevo_token(), 0)
    assert "Se enviaron 1 borradores" in str(alerta) and refresco == 1
    assert _versiones(mcr)[-1].estado is EstadoVersion.enviado


def test_send_all_leaves_incomplete_drafts_with_the_reason(app, mcr) -> None:
    """A draft that needs an explanation stays a draft, listed with the reason."""
    _formulario(app, _pagina().GUARDAR, valor="100")
    p = _pagina()
    with sesion_de_prueba(app, "/reportes", rol="upgret", instituciones=["SESAL"]):
        with _disparar(f"{p.TODOS}.n_clicks"):
            alerta, _token, _r = p.enviar_todos(1, envios.nuevo_token(), 0)
    texto = str(alerta)
    assert "No se envió ningún borrador" in texto and CONTROLES in texto and "Explique" in texto
    assert _versiones(mcr)[-1].estado is EstadoVersion.borrador


def test_returned_version_shows_the_observacion(app, mcr) -> None:
    """A version the DIGER returned opens with the analyst's observación, prominently, and its
    value ready to correct."""
    _formulario(app, _pagina().ENVIAR)
    [v] = _versiones(mcr)
    with session_factory(mcr, escritura=True)() as s, s.begin():
        servicio.devolver(
            s, actor=ANALISTA, version_id=v.id, observacion="Falta la región 3.", ahora=HOY
        )
    salida = _abrir(app, f"{CONTROLES}|2024-T2")
    assert salida["form"] is True
    assert "Falta la región 3." in str(salida["encabezado"])
    assert "reportes-observacion" in str(salida["encabezado"])
    assert salida["valor"] == "1100" and salida["escritura"] == ""


def test_stale_draft_is_detected_and_typed_values_kept(app, mcr) -> None:
    """A form opened on a draft that someone else saved since is told so, with the value saved
    now; what the user typed stays and nothing is written."""
    _formulario(app, _pagina().GUARDAR, valor="1000")
    _formulario(app, _pagina().GUARDAR, valor="1050", bloqueo=1)  # the colleague's save
    salida = _formulario(app, _pagina().GUARDAR, valor="1100", bloqueo=1)
    texto = str(salida["alerta"])
    assert "cambió desde que abrió" in texto and "1,050" in texto
    assert salida["valor"] is _no_update()
    [v] = _versiones(mcr)
    assert v.valor == 1050


def test_two_colleagues_starting_the_same_report_do_not_overwrite_each_other(app, mcr) -> None:
    """Two people open the same row with no draft yet (bloqueo 0); the first saves a draft, the
    second save is told the draft changed, and the first one's value stays."""
    abierta = _abrir(app, f"{CONTROLES}|2024-T2")
    assert abierta["seleccion"]["bloqueo"] == 0
    _formulario(app, _pagina().GUARDAR, valor="1000", bloqueo=0)
    salida = _formulario(app, _pagina().GUARDAR, valor="1100", bloqueo=0)
    assert "cambió desde que abrió" in str(salida["alerta"])
    [v] = _versiones(mcr)
    assert v.valor == 1000


def test_an_analyst_does_not_see_the_institutions_draft(app, mcr) -> None:
    """A draft is its institution's only: an analyst looking at SESAL's reports sees the period
    as still to report, not the draft's value."""
    _formulario(app, _pagina().GUARDAR, valor="1000")
    with session_factory(mcr)() as s:
        propia = vm.fila(s, UPGRET, CONTROLES, "2024-T2", HOY.date(), Reglas())
        ajena = vm.fila(s, ANALISTA, CONTROLES, "2024-T2", HOY.date(), Reglas(), pedida="SESAL")
    assert propia["estado"] == "borrador" and propia["valor"] == 1000
    assert ajena["estado"] != "borrador" and ajena["valor"] is None


def test_forged_indicator_of_another_institution_is_refused(app, mcr) -> None:
    """A forged request of upgret.sesal with SEDUC's indicator writes nothing and gets the
    refusal; opening it is refused too."""
    salida = _formulario(app, _pagina().ENVIAR, indicador="MI-SEDUC-01-I1", valor="12")
    assert permisos.SIN_PERMISO_REPORTAR in str(salida["alerta"])
    assert _versiones(mcr, "MI-SEDUC-01-I1") == []
    abierta = _abrir(app, "MI-SEDUC-01-I1|2024-T2")
    assert permisos.SIN_PERMISO_REPORTAR in str(abierta["alerta"])
    assert abierta["form"] is _no_update()


def test_analyst_reads_but_cannot_write_through_the_page(app, mcr) -> None:
    """An analyst sees SESAL's reports (read-only form), and a forged save or «Enviar todos» of
    theirs is refused with nothing written."""
    params = {"institucion": "SESAL"}
    abierta = _abrir(app, f"{CONTROLES}|2024-T2", rol="analista", instituciones=(), params=params)
    assert abierta["escritura"] == "d-none" and "Solo lectura" in str(abierta["encabezado"])
    salida = _formulario(app, _pagina().ENVIAR, rol="analista", instituciones=(), params=params)
    assert permisos.SIN_PERMISO_REPORTAR in str(salida["alerta"])
    p = _pagina()
    with sesion_de_prueba(app, "/reportes", rol="analista"):
        with _disparar(f"{p.TODOS}.n_clicks"):
            alerta, _t, _r = p.enviar_todos(1, envios.nuevo_token(), 0)
    assert permisos.SIN_PERMISO_REPORTAR in str(alerta)
    assert _versiones(mcr) == []


def test_page_refuses_other_roles(app) -> None:
    """A coordinator gets only the refusal (layout and data callback)."""
    p = _pagina()
    with sesion_de_prueba(app, "/reportes", rol="coordinador_mesa", sectores=["SAL"]):
        assert permisos.SIN_PERMISO_MIS_REPORTES in str(p.layout())
        salida = p.cargar({"institucion": None}, 0)
    assert salida["filas"] == [] and permisos.SIN_PERMISO_MIS_REPORTES in str(salida["mensaje"])


def _solicitar(app, seleccion, valor, motivo, explicacion="Dato corregido en la fuente."):
    p = _pagina()
    with sesion_de_prueba(app, "/reportes", rol="upgret", instituciones=("SESAL",)):
        with _disparar(f"{p.SOLICITAR}.n_clicks"):
            return p.formulario(
                clic=None,
                seleccionadas=None,
                _guardar=None,
                _enviar=None,
                valor=valor,
                explicacion=explicacion,
                enlace="",
                evidencia_id=None,
                seleccion=seleccion,
                token=envios.nuevo_token(),
                refresco=0,
                params=None,
                _solicitar=1,
                motivo_correccion=motivo,
            )


def test_validated_value_is_corrected_only_through_a_solicitud(app) -> None:
    """A validated row opens with the «Solicitar corrección» part (not Guardar/Enviar); without
    a reason it is refused and nothing is written; with one, a sent version waits for the
    DIGER while the validated value stays validated."""
    clave = f"{CONTROLES}|2024-T1"
    abierta = _abrir(app, clave)
    assert abierta["correccion"] == "" and abierta["botones"] == "d-none"
    assert abierta["escritura"] == ""
    antes = _versiones(app.engine_de_prueba, periodo="2024-T1")
    assert [v.estado for v in antes] == [EstadoVersion.validado]

    salida = _solicitar(app, abierta["seleccion"], "1000", "  ")
    assert "motivo" in str(salida["alerta"])
    assert len(_versiones(app.engine_de_prueba, periodo="2024-T1")) == 1

    salida = _solicitar(app, abierta["seleccion"], "1000", "Error de digitación en la región 2.")
    assert "Solicitud de corrección enviada" in str(salida["alerta"]), salida["alerta"]
    validada, pedida = _versiones(app.engine_de_prueba, periodo="2024-T1")
    assert validada.estado is EstadoVersion.validado
    assert pedida.estado is EstadoVersion.enviado and pedida.motivo.startswith("Error de")


def test_another_institution_cannot_request_a_correction(app) -> None:
    """A forged solicitud for another institution's validated value is refused, nothing written."""
    p = _pagina()
    with sesion_de_prueba(app, "/reportes", rol="upgret", instituciones=("SEDUC",)):
        with _disparar(f"{p.SOLICITAR}.n_clicks"):
            salida = p.formulario(
                clic=None,
                seleccionadas=None,
                _guardar=None,
                _enviar=None,
                valor="1000",
                explicacion="x",
                enlace="",
                evidencia_id=None,
                seleccion={"indicador": CONTROLES, "periodo": "2024-T1", "bloqueo": None},
                token=envios.nuevo_token(),
                refresco=0,
                params=None,
                _solicitar=1,
                motivo_correccion="Forzado",
            )
    assert "Solicitud de corrección enviada" not in str(salida["alerta"])
    assert len(_versiones(app.engine_de_prueba, periodo="2024-T1")) == 1

"""A planning unit's upload of its ``avances`` sheet (issue #10), on SQLite and PostgreSQL: every
value sent, or none with every error located (sheet, row, column); another institution's rows are
errors; the page's callback lists the errors."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from sqlalchemy import select

from dashboard import create_app, data
from data_layer import envios
from data_layer.db import session_factory
from data_layer.models import Avance, EstadoVersion, Indicador
from data_layer.reportes import planilla, servicio
from data_layer.reportes.servicio import ErrorReporte
from tests.conftest import sesion_de_prueba

from .conftest import ANALISTA, UPGRET_SESAL, momento

HOY = momento(2024, 7, 10)
ENCABEZADO = "indicador,periodo,valor,fecha_reporte,comentario\n"


def _subir(db, contenido: str, actor=UPGRET_SESAL, nombre="avances.csv"):
    with session_factory(db, escritura=True)() as s, s.begin():
        return [
            (v.indicador.codigo, v.periodo, v.estado)
            for v in planilla.subir_avances(
                s, actor=actor, nombre=nombre, contenido=contenido.encode(), ahora=HOY
            )
        ]


def _versiones(db) -> list[tuple[str, str, float, EstadoVersion]]:
    with session_factory(db)() as s:
        return [
            (c, v.periodo, v.valor, v.estado)
            for v, c in s.execute(
                select(Avance, Indicador.codigo)
                .join(Indicador, Indicador.id == Avance.indicador_id)
                .where(Avance.origen != "importacion")
            )
        ]


def test_a_valid_sheet_sends_every_value(mcr) -> None:
    """Each row becomes an ``enviado`` version of the user's indicator, the comment its
    explanation; fecha_reporte is ignored (the system stamps the receipt)."""
    enviados = _subir(mcr, ENCABEZADO + "MI-SESAL-01-I1,2024-T2,1100,1999-01-01,Dato del SIIS\n")
    assert enviados == [("MI-SESAL-01-I1", "2024-T2", EstadoVersion.enviado)]
    with session_factory(mcr)() as s:
        v = s.scalars(select(Avance).where(Avance.periodo == "2024-T2")).one()
    assert (v.valor, v.explicacion, v.enviado_por) == (1100, "Dato del SIIS", "upgret.sesal")
    assert v.fecha_reporte == dt.date(2024, 7, 10)


def test_errors_reject_the_whole_sheet_each_located(mcr) -> None:
    """A bad cell, another institution's indicator and a wrong period are all reported with
    sheet, row and column; the good row is not written either."""
    contenido = ENCABEZADO + (
        "MI-SESAL-01-I1,2024-T2,1100,,\n"  # row 2: good
        "MI-SESAL-01-I1,2024-T1,x,,\n"  # row 3: not a number
        "MI-SEDUC-01-I1,2024-T2,12,,\n"  # row 4: another institution
        "MS-SAL-01-I1,2024-T2,50,,\n"  # row 5: quarterly period of a semestral indicator
    )
    with pytest.raises(planilla.ErrorPlanilla) as info:
        _subir(mcr, contenido)
    ubicados = {(e.hoja, e.fila, e.columna) for e in info.value.errores}
    assert ubicados == {
        ("avances", 3, "valor"),
        ("avances", 4, "indicador"),
        ("avances", 5, "periodo"),
    }, info.value.errores
    assert "no es de su institución" in str(info.value.errores)
    assert _versiones(mcr) == []
    # Once the cell errors are fixed, the service's refusals are located too: a negative count,
    # and a period already validated.
    with pytest.raises(planilla.ErrorPlanilla) as info:
        _subir(mcr, ENCABEZADO + "MI-SESAL-01-I1,2024-T2,-5,,\nMS-SAL-01-I1,2024-S1,70,,\n")
    negativo, validado = info.value.errores
    assert (negativo.fila, negativo.columna) == (2, "valor") and "negativos" in negativo.mensaje
    assert (validado.fila, validado.columna) == (3, "periodo") and "validado" in validado.mensaje
    assert _versiones(mcr) == []


def test_roles_that_do_not_report_are_refused(mcr) -> None:
    """An analyst cannot send a sheet (they validate, they do not report)."""
    with pytest.raises(ErrorReporte, match="UPGRET"):
        _subir(mcr, ENCABEZADO + "MI-SESAL-01-I1,2024-T2,1100,,\n", actor=ANALISTA)


def test_wrong_file_type_is_refused_in_spanish(mcr) -> None:
    """A file that is neither .xlsx nor .csv gets one Spanish error, nothing written."""
    with pytest.raises(planilla.ErrorPlanilla) as info:
        _subir(mcr, "hola", nombre="avances.txt")
    assert ".xlsx" in info.value.errores[0].mensaje


def test_page_callback_lists_every_error(mcr, monkeypatch) -> None:
    """The page's upload shows every error with sheet, row and column, and writes nothing;
    a valid sheet then says how many values were sent."""
    monkeypatch.setattr(data, "hoy_honduras", lambda: HOY.date())
    monkeypatch.setattr(servicio, "ahoracomo_utc", lambda: HOY.astimezone(dt.UTC))
    app = create_app(mcr.url.render_as_string(hide_password=False))
    from dashboard.pages import reportes

    def subir(texto: str):
        contenido = "data:text/csv;base64," + base64.b64encode(texto.encode()).decode()
        with sesion_de_prueba(app, "/reportes", rol="upgret", instituciones=["SESAL"]):
            return reportes.subir_planilla(contenido, "avances.csv", envios.nuevo_token(), 0)

    cuerpo, _t, refresco, _c = subir(ENCABEZADO + "MI-SEDUC-01-I1,2024-T2,12,,\n")
    texto = str(cuerpo)
    assert "no se guardó ningún valor" in texto and "reportes-planilla-errores" in texto
    assert "MI-SEDUC-01-I1" in texto and refresco is reportes.no_update
    cuerpo, _t, refresco, _c = subir(ENCABEZADO + "MI-SESAL-01-I1,2024-T2,1100,,\n")
    assert "se enviaron 1 valores" in str(cuerpo) and refresco == 1


def test_hostile_sheets_are_refused_within_bounds(mcr, tmp_path) -> None:
    """The planning units' upload reads like the importer (issue #15): a sheet declaring
    ``XFD1048576`` is refused from its dimension, a zip bomb from the ZIP directory, 100,000 bad
    rows list 200 errors and a last «… y N errores más» line (the reader stopped early), and an
    empty ``avances`` sheet has its own message; nothing is written."""
    from data_layer.importer import topes
    from data_layer.importer.lectura import AVANCES_VACIA
    from tests.integration.importer import hostiles

    casos = {
        "dim.xlsx": (hostiles.dimension_gigante(tmp_path / "dim.xlsx").read_bytes(), "XFD1048576"),
        "bomba.xlsx": (
            hostiles.bomba_zip(tmp_path / "bomba.xlsx", megas=20).read_bytes(),
            "bomba zip",
        ),
        "vacia.csv": (ENCABEZADO.encode(), AVANCES_VACIA),
        "vacia.xlsx": (
            hostiles.libro(tmp_path / "v.xlsx", {"avances": [ENCABEZADO.split(",")]}).read_bytes(),
            AVANCES_VACIA,
        ),
    }
    for nombre, (contenido, esperado) in casos.items():
        with session_factory(mcr, escritura=True)() as s, s.begin():
            with pytest.raises(planilla.ErrorPlanilla) as info:
                planilla.subir_avances(
                    s, actor=UPGRET_SESAL, nombre=nombre, contenido=contenido, ahora=HOY
                )
        assert len(info.value.errores) == 1 and esperado in info.value.errores[0].mensaje, nombre

    malas = ENCABEZADO + "".join(f"MI-SESAL-01-I1,2024-T9,x{i},,\n" for i in range(100_000))
    with pytest.raises(planilla.ErrorPlanilla) as info:
        _subir(mcr, malas)
    errores = info.value.errores
    assert len(errores) == topes.MAX_ERRORES_LISTADOS + 1
    assert errores[-1].mensaje.startswith("… y ") and "se dejó de revisar" in errores[-1].mensaje
    assert f"{topes.MAX_ERRORES_REVISADOS:,}" in str(info.value)
    assert _versiones(mcr) == []

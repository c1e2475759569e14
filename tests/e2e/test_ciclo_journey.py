"""The whole reporting cycle in a real browser (issue #10, DOMAIN.md §8).

upgret.sesal reports two values of one quarter on «Mis reportes»: one flagged by the checks at
entry (above 120 % of its target), sent with an explanation and a PDF; the other on target.
The analyst returns the flagged one with an observación and validates the other on
«Validación»; upgret.sesal sees the observación, corrects the value and sends it again; the
analyst validates it. The official figures (the engine at today's cut date, which the overview
shows) change only when a value is validated.
"""

from __future__ import annotations

import datetime as dt
import math
import shutil
import time
from pathlib import Path

import pytest
from fpdf import FPDF
from selenium.webdriver.common.keys import Keys
from sqlalchemy import select

from dashboard import create_app
from data_layer import periods, queries
from data_layer.auth import Alcance
from data_layer.db import make_engine, session_factory
from data_layer.engine import run
from data_layer.engine.frames import Reglas
from data_layer.models import Avance, EstadoVersion, Indicador, Rol
from data_layer.reportes import servicio
from data_layer.vistas import reportes as vm
from tests.e2e.conftest import entrar, salir

pytestmark = [pytest.mark.e2e, pytest.mark.usuario(None)]

UPGRET = Alcance(usuario="upgret.sesal", rol=Rol.upgret, instituciones=frozenset({"SESAL"}))
ANALISTA = Alcance(usuario="analista", rol=Rol.analista)
FILA_COLA = ".validacion-grid .ag-center-cols-container .ag-row[row-id='{id}']"


def _elegibles(filas: list[dict]) -> list[dict]:
    """Rows open to report (or closed: the test reopens their period) with a positive target."""
    return [
        f
        for f in filas
        if f["estado"] in vm.EDITABLES | {"cerrado"}
        and isinstance(f.get("meta"), int | float)
        and not math.isnan(f["meta"])
        and f["meta"] > 0
        and not f.get("requiere_evidencia")
    ]


def _par(filas: list[dict]) -> tuple[str, dict, dict]:
    """A period with two rows to report, the first not a percentage (it will exceed its
    target by 60 %, which a percentage near 100 cannot)."""
    por_periodo: dict[str, list[dict]] = {}
    for f in _elegibles(filas):
        por_periodo.setdefault(f["periodo"], []).append(f)
    for periodo, fs in por_periodo.items():
        altos = [f for f in fs if "%" not in (f.get("unidad") or "")]
        if len(fs) >= 2 and altos:
            otro = next(f for f in fs if f is not altos[0])
            return periodo, altos[0], otro
    raise AssertionError(f"La demo no tiene dos reportes abiertos de SESAL: {por_periodo}")


@pytest.fixture
def ciclo(demo_database_url: str, tmp_path: Path) -> dict:
    """A private copy of the demo with two SESAL rows of one period open to report (the
    period reopened by an analyst if it is closed), and a PDF to attach."""
    destino = tmp_path / "sigpret.db"
    shutil.copyfile(demo_database_url.split("///", 1)[1], destino)
    url = f"sqlite:///{destino}"
    engine = make_engine(url)
    hoy = periods.hoy_honduras()
    with session_factory(engine)() as s:
        filas = vm.mis_reportes(s, UPGRET, hoy, Reglas()).filas
    periodo, alto, normal = _par(filas)
    if "cerrado" in {alto["estado"], normal["estado"]}:
        with session_factory(engine, escritura=True)() as s, s.begin():
            servicio.reabrir(
                s,
                actor=ANALISTA,
                institucion="SESAL",
                periodo=periodo,
                motivo="Prueba del ciclo completo",
                vence_en=hoy + dt.timedelta(days=10),
            )
    engine.dispose()
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Informe de respaldo del valor reportado")
    ruta_pdf = tmp_path / "respaldo.pdf"
    pdf.output(str(ruta_pdf))
    return {"url": url, "periodo": periodo, "alto": alto, "normal": normal, "pdf": ruta_pdf}


def _oficial(url: str, codigo: str, periodo: str) -> float | None:
    """The official value of ``codigo`` for ``periodo`` at today's cut date (what the
    overview, the alerts and the reports count)."""
    engine = make_engine(url)
    with session_factory(engine)() as s:
        mcr = queries.load_mcr(s)
    engine.dispose()
    resultado = run(mcr, periodo, periods.hoy_honduras())
    valor = resultado.indicadores.loc[codigo, "valor"]
    return None if valor is None or math.isnan(valor) else float(valor)


def _versiones(url: str, codigo: str, periodo: str) -> list[Avance]:
    engine = make_engine(url)
    with session_factory(engine)() as s:
        filas = list(
            s.scalars(
                select(Avance)
                .join(Indicador, Indicador.id == Avance.indicador_id)
                .where(Indicador.codigo == codigo, Avance.periodo == periodo)
                .order_by(Avance.numero)
            )
        )
    engine.dispose()
    return filas


def _abierta(url: str, codigo: str, periodo: str) -> Avance:
    return _versiones(url, codigo, periodo)[-1]


def _clic(dash_duo, selector: str) -> None:
    dash_duo.driver.execute_script("arguments[0].click();", dash_duo.find_element(selector))


def _ir(dash_duo, ruta: str) -> None:
    dash_duo.driver.get(dash_duo.server.url.rstrip("/") + ruta)


def _salir(dash_duo) -> None:
    """Drop the session cookie (the next login starts a new server-side session)."""
    salir(dash_duo)


def _escribir(dash_duo, selector: str, texto: str) -> None:
    """Replace a field's text as a person does (select all, type): React sees every key."""
    for _ in range(3):
        campo = dash_duo.find_element(selector)
        campo.send_keys(Keys.CONTROL, "a")
        campo.send_keys(Keys.DELETE)
        campo.send_keys(texto)
        time.sleep(0.5)  # a late answer of the form's callback would show here
        if dash_duo.find_element(selector).get_attribute("value") == texto:
            return
    raise AssertionError(f"{selector} no conserva «{texto}»")


def _reportar(dash_duo, fila: dict, valor: float, explicacion: str, pdf: Path | None) -> None:
    """On «Mis reportes»: open the row, type the value (and explanation, file), send."""
    _ir(dash_duo, "/reportes")
    clave = f"{fila['indicador']}|{fila['periodo']}"
    celda = dash_duo.wait_for_element(
        f'.ag-row[row-id="{clave}"] .ag-cell[col-id="indicador"]', timeout=20
    )
    dash_duo.driver.execute_script("arguments[0].click();", celda)
    dash_duo.wait_for_contains_text("#reportes-form-clave", fila["indicador"], timeout=15)
    _escribir(dash_duo, "#reportes-valor", f"{valor:.10g}")
    if explicacion:
        _escribir(dash_duo, "#reportes-explicacion", explicacion)
    if pdf is not None:
        dash_duo.find_element("#reportes-evidencia input[type=file]").send_keys(str(pdf))
        dash_duo.wait_for_contains_text("#reportes-evidencia-actual", pdf.name, timeout=10)
    dash_duo.wait_for_text_to_equal("#reportes-motivo", "", timeout=15)
    _clic(dash_duo, "#reportes-enviar")
    dash_duo.wait_for_contains_text("#reportes-form-estado", "Enviado (por validar)", timeout=20)


def _revisar(dash_duo, version_id: int, observacion: str | None) -> None:
    """On «Validación»: open the version; return it with ``observacion``, or validate it."""
    _ir(dash_duo, "/validacion")
    celda = dash_duo.wait_for_element(
        FILA_COLA.format(id=version_id) + " .ag-cell[col-id='periodo']", timeout=20
    )
    dash_duo.driver.execute_script("arguments[0].click();", celda)
    dash_duo.wait_for_contains_text("#validacion-detalle", "Valor enviado", timeout=15)
    if observacion is None:
        _clic(dash_duo, "#validacion-validar")
        dash_duo.wait_for_contains_text("#validacion-mensaje", "Validado:", timeout=20)
    else:
        dash_duo.find_element("#validacion-observacion").send_keys(observacion)
        _clic(dash_duo, "#validacion-devolver")
        dash_duo.wait_for_contains_text("#validacion-mensaje", "Devuelto", timeout=20)


def _sin_errores(dash_duo) -> None:
    severos = [e for e in dash_duo.get_logs() or [] if e.get("level") == "SEVERE"]
    assert severos == []


def test_report_return_correct_and_validate(dash_duo, ciclo) -> None:
    """Report two values (one flagged, explained, with a PDF) → the analyst returns one and
    validates the other → the institution corrects and resends → the analyst validates; the
    official value moves only at each validation."""
    url, periodo = ciclo["url"], ciclo["periodo"]
    alto, normal = ciclo["alto"], ciclo["normal"]
    antes_alto = _oficial(url, alto["indicador"], periodo)
    antes_normal = _oficial(url, normal["indicador"], periodo)
    valor_alto = round(alto["meta"] * 1.6, 2)  # above 120 % of the target: flagged
    valor_normal = float(normal["meta"])
    dash_duo.start_server(create_app(url), navigate=False)

    # 1. The planning unit reports both values.
    entrar(dash_duo, "upgret.sesal")
    _reportar(
        dash_duo,
        alto,
        valor_alto,
        "Campaña extraordinaria de vacunación en el trimestre.",
        ciclo["pdf"],
    )
    _reportar(dash_duo, normal, valor_normal, "Dato del sistema de información.", None)
    enviado_alto = _abierta(url, alto["indicador"], periodo)
    enviado_normal = _abierta(url, normal["indicador"], periodo)
    assert enviado_alto.estado is EstadoVersion.enviado and enviado_alto.evidencia_id
    assert enviado_alto.explicacion.startswith("Campaña extraordinaria")
    assert enviado_normal.estado is EstadoVersion.enviado
    # Sent is not official.
    assert _oficial(url, alto["indicador"], periodo) == antes_alto
    assert _oficial(url, normal["indicador"], periodo) == antes_normal
    _sin_errores(dash_duo)
    _salir(dash_duo)

    # 2. The analyst returns the flagged one and validates the other.
    entrar(dash_duo, "analista")
    _revisar(dash_duo, enviado_alto.id, "El valor duplica la meta: revise la fuente regional.")
    _revisar(dash_duo, enviado_normal.id, None)
    assert _oficial(url, normal["indicador"], periodo) == pytest.approx(valor_normal)
    assert _oficial(url, alto["indicador"], periodo) == antes_alto
    _sin_errores(dash_duo)
    _salir(dash_duo)

    # 3. The institution sees the observación, corrects and sends again.
    entrar(dash_duo, "upgret.sesal")
    _ir(dash_duo, "/reportes")
    clave = f"{alto['indicador']}|{periodo}"
    celda = dash_duo.wait_for_element(
        f'.ag-row[row-id="{clave}"] .ag-cell[col-id="indicador"]', timeout=20
    )
    dash_duo.driver.execute_script("arguments[0].click();", celda)
    dash_duo.wait_for_contains_text("#reportes-form", "revise la fuente regional", timeout=15)
    corregido = float(alto["meta"])
    _reportar(dash_duo, alto, corregido, "Corregido con el dato regional consolidado.", None)
    reenviado = _abierta(url, alto["indicador"], periodo)
    assert reenviado.estado is EstadoVersion.enviado and reenviado.id != enviado_alto.id
    assert _oficial(url, alto["indicador"], periodo) == antes_alto
    _sin_errores(dash_duo)
    _salir(dash_duo)

    # 4. The analyst validates the correction: now it counts.
    entrar(dash_duo, "analista")
    _revisar(dash_duo, reenviado.id, None)
    assert _oficial(url, alto["indicador"], periodo) == pytest.approx(corregido)
    estados = [v.estado for v in _versiones(url, alto["indicador"], periodo)]
    assert EstadoVersion.devuelto in estados and estados[-1] is EstadoVersion.validado
    # The indicator page shows the history: the returned version with its observación.
    _ir(dash_duo, f"/indicadores/{alto['indicador']}")
    dash_duo.wait_for_contains_text("body", "revise la fuente regional", timeout=20)
    _sin_errores(dash_duo)

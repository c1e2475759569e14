"""Roles in a real browser (issue #4): an UPGRET user sees only its institution (and the goals it
contributes to) and no audit page; an administrator reads the audit log and exports it."""

from __future__ import annotations

import csv
import io
import re

import pytest
from selenium.webdriver.common.by import By

from dashboard import create_app
from dashboard.data import hoy_honduras
from data_layer.engine import run
from data_layer.engine.frames import MCR, Reglas
from data_layer.periods import ultimo_trimestre_vencido
from tests.e2e.test_alertas import descargado
from tests.e2e.test_filtros import cargar_mcr, codigos_grid, elegir, esperar

pytestmark = pytest.mark.e2e

#: Every row of an exporting grid (all of them, not only the rendered ones), through AG Grid's API;
#: for a grid served in blocks (infinite row model), the rows of the blocks loaded so far.
LEER_FILAS = """
try {
  const api = dash_ag_grid.getApi(arguments[0]);
  const filas = [];
  if (api.getGridOption("rowModelType") === "infinite") {
    api.forEachNode((n) => { if (n.data) { filas.push(n.data); } });
  } else {
    api.forEachNodeAfterFilterAndSort((n) => filas.push(n.data));
  }
  return filas;
} catch (e) {
  return null;
}
"""


def filas_grid(dash_duo, nombre: str) -> list[dict] | None:
    """The rows of the grid ``id_grid(nombre)`` in the browser, or None before it exists."""
    return dash_duo.driver.execute_script(LEER_FILAS, {"type": "grid", "grid": nombre})


def filas_contadas(dash_duo, nombre: str) -> int | None:
    """How many rows the grid ``id_grid(nombre)`` says it has (for a grid served in blocks,
    the server's count), or None before it exists."""
    return dash_duo.driver.execute_script(
        "try { return dash_ag_grid.getApi(arguments[0]).getDisplayedRowCount(); }"
        " catch (e) { return null; }",
        {"type": "grid", "grid": nombre},
    )


def alcance_sesal(mcr: MCR) -> tuple[set[str], set[str]]:
    """By hand: SESAL's goals and the goals of indicators SESAL reports, plus every goal reached
    from them along contribuye_a; and the indicators of SESAL's goals or reported by SESAL."""
    metas, ind, enlaces = mcr.metas, mcr.indicadores, mcr.contribuciones
    propias = set(metas.loc[metas["institucion"] == "SESAL", "codigo"])
    responsable = ind["institucion_responsable"] == "SESAL"
    visibles = propias | set(ind.loc[responsable, "meta"])
    frontera = set(visibles)
    while frontera:
        frontera = set(enlaces.loc[enlaces["meta"].isin(frontera), "meta_destino"]) - visibles
        visibles |= frontera
    indicadores = set(ind.loc[ind["meta"].isin(propias) | responsable, "codigo"])
    return {str(c) for c in visibles}, {str(c) for c in indicadores}


def enlaces_navbar(dash_duo) -> list[str]:
    """The texts of the navbar's page links."""
    return [e.text for e in dash_duo.find_elements(".shell-navbar .nav-link")]


@pytest.mark.usuario("upgret.sesal")
def test_upgret_sees_only_its_institution(dash_duo, demo_database_url):
    """Logged in as SESAL's UPGRET: the overview lists exactly the presidential goals SESAL's
    goals contribute to; the alert centre lists only alerts of SESAL's goals and indicators and
    of the goals they feed (all of SESAL's own alerts among them); another sector's goal says "no
    tiene acceso"; the navbar has no "Auditoría" link and /auditoria shows only a refusal."""
    mcr = cargar_mcr(demo_database_url)
    metas_vis, ind_vis = alcance_sesal(mcr)
    nivel = mcr.metas.set_index("codigo")["nivel"].astype(str)
    presidenciales = {c for c in metas_vis if nivel[c] == "presidencial"}
    assert presidenciales and presidenciales != set(nivel.index[nivel == "presidencial"])
    assert "MS-EDU-01" not in metas_vis

    periodo = ultimo_trimestre_vencido(hoy_honduras(), Reglas().plazo_reporte_dias)
    alertas = run(mcr, periodo, hoy_honduras(), Reglas()).alertas
    propias = set(alertas.loc[alertas["entidad"].isin(ind_vis), "entidad"])
    ajenas = set(alertas["entidad"]) - metas_vis - ind_vis
    assert propias and ajenas, "the demo must have alerts inside and outside SESAL's scope"

    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.wait_for_element(".resumen-grid .ag-row", timeout=20)
    esperar(dash_duo, lambda: codigos_grid(dash_duo) == presidenciales, "overview: SESAL's goals")
    assert "Auditoría" not in enlaces_navbar(dash_duo)
    assert "Alertas" in " ".join(enlaces_navbar(dash_duo))

    dash_duo.driver.get(dash_duo.server_url + "/alertas")
    dash_duo.wait_for_element("#alertas-conteo-alta", timeout=20)
    esperar(dash_duo, lambda: filas_grid(dash_duo, "alertas-lista"), "alerts listed")
    mostradas = {f["entidad"] for f in filas_grid(dash_duo, "alertas-lista")}
    assert mostradas <= metas_vis | ind_vis, mostradas - metas_vis - ind_vis
    assert propias <= mostradas

    dash_duo.driver.get(dash_duo.server_url + "/metas/MS-EDU-01")
    dash_duo.wait_for_contains_text("#meta-no-existe", "no tiene acceso", timeout=20)
    assert "MS-EDU-01-I1" not in dash_duo.find_element("#react-entry-point").text

    dash_duo.driver.get(dash_duo.server_url + "/auditoria")
    dash_duo.wait_for_text_to_equal(
        "#auditoria-sin-permiso", "No tiene permiso para ver la auditoría.", timeout=20
    )
    assert not dash_duo.find_elements(".auditoria-grid")
    assert [e for e in dash_duo.get_logs() if e.get("level") == "SEVERE"] == []


@pytest.mark.usuario("admin")
def test_admin_reads_and_exports_the_audit_log(dash_duo, demo_database_url, descargas):
    """Logged in as admin: the navbar links to "Auditoría"; the page lists the log newest first
    with the admin's own login on top (dd/mm/aaaa hh:mm, Spanish action, address); filtering by
    user and action leaves only those records; the CSV export holds them with Spanish headers."""
    dash_duo.start_server(create_app(demo_database_url))
    dash_duo.wait_for_element(".shell-navbar", timeout=20)
    assert "Auditoría" in enlaces_navbar(dash_duo)
    dash_duo.driver.find_element(By.LINK_TEXT, "Auditoría").click()
    dash_duo.wait_for_element(".auditoria-grid", timeout=20)
    esperar(dash_duo, lambda: filas_grid(dash_duo, "auditoria-registros"), "records listed")
    filas = filas_grid(dash_duo, "auditoria-registros")
    momentos = [f["momento"] for f in filas]
    assert momentos == sorted(momentos, reverse=True)
    entradas = [f for f in filas if f["accion"] == "login"]
    assert entradas[0]["usuario"] == "admin"
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", entradas[0]["momento_texto"])
    primera = dash_duo.find_element(".auditoria-grid .ag-center-cols-container .ag-row")
    celda = primera.find_element(By.CSS_SELECTOR, '[col-id="accion"]').text
    assert celda == "Inicio de sesión"
    dash_duo.wait_for_contains_text("#auditoria-nota", "2,000")

    elegir(dash_duo, ".auditoria-usuario", "admin")
    elegir(dash_duo, ".auditoria-accion", "Inicio de sesión")

    def solo_logins_de_admin() -> bool:
        filas = filas_grid(dash_duo, "auditoria-registros") or []
        return bool(filas) and all((f["usuario"], f["accion"]) == ("admin", "login") for f in filas)

    esperar(dash_duo, solo_logins_de_admin, "only admin's logins")
    n = len(filas_grid(dash_duo, "auditoria-registros"))

    dash_duo.find_element(".exportar-csv").click()
    archivo = descargado(descargas, "sigpret-auditoria*_*.csv")
    tabla = list(csv.reader(io.StringIO(archivo.read_bytes().decode("utf-8-sig"))))
    assert tabla[0] == ["Fecha y hora", "Usuario", "Acción", "Entidad", "Detalle", "Dirección"]
    assert len(tabla) == n + 1
    assert {(f[1], f[2]) for f in tabla[1:]} == {("admin", "Inicio de sesión")}
    assert all(re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", f[0]) for f in tabla[1:])
    assert [e for e in dash_duo.get_logs() if e.get("level") == "SEVERE"] == []

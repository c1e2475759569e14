"""Issue #11's journey in a real browser: the technical level proposes, DIGER gives its opinion and
the political level approves from «Pendientes de mi decisión».

On a private copy of the demo with a new sector (Deporte y Juventud, DEP) that has no mesa, one
sectorial goal and one quarterly indicator with validated values and targets for periods that
have not ended (all dated from today, so the journey holds on any day): the analyst installs the
mesa designating the minister of the sector and a mesa coordinator; the coordinator creates this
year's plan de trabajo, adds an activity and sends it, then proposes a target revision from the
indicator page with the projection prefilled; a second DIGER analyst gives the methodological
opinion (DOMAIN.md §9); the minister finds both on /pendientes and approves each through
«Revisar y decidir»; the indicator page shows the new current targets (the original ones kept)
and the revision with proposer, opinion, approver and date; the coordinator generates the
informe de avance of the sector and the PDF holds the sector page's avance.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from dashboard import create_app
from dashboard.filtros import Filtros
from dashboard.formatting import format_fecha
from data_layer import auth, formato, informes
from data_layer.config import Settings
from data_layer.db import make_engine, session_factory
from data_layer.engine.frames import Reglas
from data_layer.engine.proyeccion_metas import ProyeccionMeta, proyectar_meta
from data_layer.informes.pdf import estado_texto
from data_layer.mesas import registros
from data_layer.mesas.models import PlanTrabajo
from data_layer.models import (
    Avance,
    EstadoVersion,
    Indicador,
    Institucion,
    Meta,
    OrigenVersion,
    Programacion,
    Sector,
)
from data_layer.periods import Periodo, hoy_honduras, parse
from data_layer.queries import load_mcr
from data_layer.revisiones.models import PropuestaMeta
from data_layer.vistas import grupos
from tests.e2e.conftest import cambiar_de_usuario
from tests.e2e.test_filtros import esperar
from tests.e2e.test_mesa_journey import elegir, poner, pulsar
from tests.e2e.test_mesas import sin_severos
from tests.e2e.test_roles import filas_grid
from tests.pdf_texto import normalizado, texto_pdf

pytestmark = pytest.mark.e2e

CLAVE = "Deporte-Seguro-2026"
SECTOR, META, CODIGO = "DEP", "MS-DEP-01", "MS-DEP-01-I1"
MINISTRA, COORD, OPINA = "ministra.deporte", "coord.deporte", "analista2"
ACTIVIDAD = "Censo de escuelas deportivas municipales"

#: The bytes of a download fetched with the browser's own session cookie, as base64 (or the
#: HTTP status when it is not 200).
DESCARGAR = """
var listo = arguments[arguments.length - 1];
fetch(arguments[0], {credentials: "same-origin"}).then(function (r) {
  if (r.status !== 200) { listo(r.status); return; }
  r.arrayBuffer().then(function (b) {
    var bytes = new Uint8Array(b), texto = "";
    for (var i = 0; i < bytes.length; i++) { texto += String.fromCharCode(bytes[i]); }
    listo(btoa(texto));
  });
});
"""


def _trimestres(hoy: dt.date) -> list[Periodo]:
    """From the first quarter two years ago to the last one of next year."""
    return [parse(f"{a}-T{t}") for a in range(hoy.year - 2, hoy.year + 2) for t in range(1, 5)]


@pytest.fixture
def deporte(demo_database_url: str, tmp_path: Path):
    """A fresh app on a private copy of the demo with sector DEP (rectora CONDEPOR, no mesa),
    goal MS-DEP-01 and its quarterly indicator MS-DEP-01-I1 (targets rising from 50 %, validated
    values below them for every quarter ended a month ago), the minister ``ministra.deporte``
    and the mesa coordinator ``coord.deporte``; documents go to a folder of this test.

    Returns ``(app, url)``.
    """
    destino = tmp_path / "deporte.db"
    shutil.copyfile(demo_database_url.split("///", 1)[1], destino)
    url = f"sqlite:///{destino}"
    hoy = hoy_honduras()
    engine = make_engine(url)
    with session_factory(engine, escritura=True)() as s, s.begin():
        condepor = s.scalars(select(Institucion).where(Institucion.sigla == "CONDEPOR")).one()
        sector = Sector(codigo=SECTOR, nombre="Deporte y Juventud", rectora=condepor)
        meta = Meta(
            codigo=META,
            nivel="sectorial",
            descripcion="Aumentar la participación juvenil en programas deportivos",
            sector=sector,
        )
        indicador = Indicador(
            codigo=CODIGO,
            meta=meta,
            nombre="Jóvenes inscritos en programas deportivos municipales",
            eslabon="resultado",
            unidad="%",
            sentido="ascendente",
            tipo="stock",
            frecuencia="trimestral",
            fuente="Registro de CONDEPOR",
            institucion_responsable=condepor,
        )
        for i, p in enumerate(_trimestres(hoy)):
            objetivo = 50.0 + 2.5 * i
            indicador.programacion.append(
                Programacion(periodo=str(p), meta_original=objetivo, meta=objetivo)
            )
            if p.fin + dt.timedelta(days=30) < hoy:
                momento = dt.datetime.combine(p.fin + dt.timedelta(days=20), dt.time(15), dt.UTC)
                indicador.avances.append(
                    Avance(
                        periodo=str(p),
                        valor=round(48.0 + 1.6 * i + (0.4 if i % 2 else -0.3), 1),
                        estado=EstadoVersion.validado,
                        origen=OrigenVersion.reporte,
                        fecha_reporte=p.fin + dt.timedelta(days=15),
                        recibido_en=momento,
                        validado_en=momento,
                        reportado_por="upgret.condepor",
                    )
                )
        s.add_all([sector, meta, indicador])
        s.flush()
        auth.crear_usuario(s, MINISTRA, "ministro", CLAVE, alcance=[SECTOR], nombre="Yadira Gómez")
        auth.crear_usuario(s, COORD, "coordinador_mesa", CLAVE, nombre="Óscar Mejía")
    engine.dispose()
    ajustes = dataclasses.replace(Settings.from_env(), evidencias_dir=str(tmp_path / "ev"))
    return create_app(url, settings=ajustes), url


def _sugeridas(url: str, hoy: dt.date) -> dict[str, float]:
    """The projection's suggested value of each programmed period not ended on ``hoy``, from
    the indicator's validated values (as the page computes it)."""
    engine = make_engine(url)
    with Session(engine) as s:
        puntos = s.execute(
            select(Avance.periodo, Avance.valor)
            .join(Indicador)
            .where(Indicador.codigo == CODIGO, Avance.estado == EstadoVersion.validado)
        ).all()
    engine.dispose()
    p = proyectar_meta([(a, float(b)) for a, b in puntos], str(_trimestres(hoy)[-1]))
    assert isinstance(p, ProyeccionMeta), p
    return {str(t): p.sugerido(str(t)) or 0.0 for t in _trimestres(hoy) if t.fin >= hoy}


def _visible(dash_duo, selector: str, mensaje: str) -> None:
    esperar(dash_duo, lambda: dash_duo.find_element(selector).is_displayed(), mensaje, 30)


def _revisar_y_decidir(dash_duo, base: str, texto: str) -> None:
    """On /pendientes, follow the «Revisar y decidir» of the row that mentions ``texto``."""
    dash_duo.driver.get(f"{base}/pendientes")
    dash_duo.wait_for_contains_text("#pendientes-tabla", texto, timeout=30)
    fila = next(f for f in dash_duo.find_elements("#pendientes-tabla tbody tr") if texto in f.text)
    enlace = fila.find_element(By.CSS_SELECTOR, "a")
    assert enlace.text == "Revisar y decidir"
    dash_duo.driver.execute_script("arguments[0].click();", enlace)


def test_mesa_set_up_plan_and_target_revision_approved_from_pendientes(dash_duo, deporte) -> None:
    """Protects issue #11's whole chain across roles: a mesa installed from the web gives its
    coordinators their scope with no other step; the plan and the target revision (with the
    projection prefilled and DIGER's opinion) reach the designated minister's «Pendientes de mi
    decisión» and her approval there changes the indicator's current target only for periods
    that have not ended, with the history shown; the informe de avance prints the sector
    page's numbers. No severe console error on the pages on the way."""
    app, url = deporte
    hoy = hoy_honduras()
    sugeridas = _sugeridas(url, hoy)
    dash_duo.start_server(app)
    base = dash_duo.server.url.rstrip("/")

    # 1. The analyst installs the mesa with its two coordinators.
    dash_duo.driver.get(f"{base}/mesas")
    pulsar(dash_duo, f"#mesas-instalar-{SECTOR}")
    dash_duo.wait_for_element("#mesa-configurar-formulario:not([hidden])", timeout=30)
    dash_duo.wait_for_contains_text("#mesa-configurar-titulo", "Deporte", timeout=20)
    poner(dash_duo, "#mesa-configurar-fecha", hoy.strftime("%d/%m/%Y"))
    elegir(dash_duo, "#mesa-configurar-politico-usuario", f"Yadira Gómez ({MINISTRA})")
    elegir(dash_duo, "#mesa-configurar-tecnico-usuario", f"Óscar Mejía ({COORD})")
    poner(dash_duo, "#mesa-configurar-tecnico-cargo", "Gerente de Planificación")
    analista = dash_duo.driver.find_element(
        By.XPATH, "//label[contains(., '(analista)')]/preceding-sibling::input"
    )
    dash_duo.driver.execute_script("arguments[0].click();", analista)
    pulsar(dash_duo, "#mesa-configurar-enviar")
    dash_duo.wait_for_contains_text("#mesa-configurar-resultado", "quedó instalada", timeout=30)
    sin_severos(dash_duo)

    # 2. The technical coordinator drafts this year's plan, adds an activity and sends it.
    cambiar_de_usuario(dash_duo, COORD, CLAVE)
    dash_duo.driver.get(f"{base}/mesas/{SECTOR}/plan")
    dash_duo.wait_for_contains_text("#mesa-plan-contenido", "no tiene plan de trabajo", timeout=30)
    _visible(dash_duo, "#mesa-plan-crear", "el coordinador no ve «Crear el plan de este año»")
    pulsar(dash_duo, "#mesa-plan-crear")
    dash_duo.wait_for_contains_text("#mesa-plan-estado", "En borrador", timeout=30)
    poner(dash_duo, "#mesa-plan-actividad", ACTIVIDAD)
    poner(dash_duo, "#mesa-plan-resultado-esp", "Padrón de escuelas deportivas actualizado")
    esperar(
        dash_duo,
        lambda: len(dash_duo.find_elements("#mesa-plan-institucion option")) > 1,
        "no se cargaron las instituciones",
        30,
    )
    Select(dash_duo.find_element("#mesa-plan-institucion")).select_by_value("CONDEPOR")
    poner(dash_duo, "#mesa-plan-persona", "Óscar Mejía")
    poner(dash_duo, "#mesa-plan-inicio", dt.date(hoy.year, 1, 15).strftime("%d/%m/%Y"))
    poner(dash_duo, "#mesa-plan-fin", dt.date(hoy.year, 12, 15).strftime("%d/%m/%Y"))
    pulsar(dash_duo, "#mesa-plan-agregar")
    dash_duo.wait_for_contains_text("#mesa-plan-resultado", "Actividad N.º 1 agregada", timeout=30)
    dash_duo.wait_for_contains_text("#mesa-plan-actividades", ACTIVIDAD, timeout=30)
    pulsar(dash_duo, "#mesa-plan-enviar")
    dash_duo.wait_for_contains_text("#mesa-plan-estado", "Enviado", timeout=30)
    sin_severos(dash_duo)

    # 3. … and proposes a target revision with the projection's suggested values prefilled.
    dash_duo.driver.get(f"{base}/indicadores/{CODIGO}")
    _visible(dash_duo, "#revision-form-proponer", "el coordinador no ve «Proponer revisión»")
    esperar(dash_duo, lambda: dash_duo.find_elements(".campo-meta-propuesta"), "sin metas", 30)
    campos = dash_duo.find_elements(".campo-meta-propuesta")
    propuestas = {
        json.loads(c.get_attribute("id"))["periodo"]: float(c.get_attribute("value"))
        for c in campos
    }
    assert set(propuestas) == set(sugeridas)
    for periodo, valor in propuestas.items():
        assert valor == pytest.approx(sugeridas[periodo], abs=0.05), periodo
    dash_duo.find_element("#revision-justificacion").send_keys(
        "La inscripción crece más despacio que lo programado: se ajusta a la tendencia."
    )
    pulsar(dash_duo, "#revision-proponer")
    dash_duo.wait_for_contains_text("#revision-proponer-resultado", "enviada", timeout=30)
    dash_duo.wait_for_contains_text("#revision-lista", "Enviada, sin opinión", timeout=30)
    sin_severos(dash_duo)

    # 4. Another DIGER analyst gives the methodological opinion.
    cambiar_de_usuario(dash_duo, OPINA)
    dash_duo.driver.get(f"{base}/indicadores/{CODIGO}")
    _visible(dash_duo, "#revision-form-opinar", "la analista no ve el formulario de opinión")
    dash_duo.find_element("#revision-opinion-texto").send_keys(
        "Tendencia log-lineal bien ajustada; las metas quedan dentro del rango plausible."
    )
    pulsar(dash_duo, "#revision-opinar")
    dash_duo.wait_for_contains_text("#revision-opinar-resultado", "Opinión registrada", timeout=30)

    # 5. The minister approves both from «Pendientes de mi decisión».
    cambiar_de_usuario(dash_duo, MINISTRA, CLAVE)
    dash_duo.driver.get(f"{base}/pendientes")
    dash_duo.wait_for_contains_text("#pendientes-tabla", f"Plan de trabajo {hoy.year}", timeout=30)
    tabla = dash_duo.find_element("#pendientes-tabla").text
    assert "Revisión de meta" in tabla and CODIGO in tabla
    sin_severos(dash_duo)
    _revisar_y_decidir(dash_duo, base, f"Plan de trabajo {hoy.year}")
    _visible(dash_duo, "#mesa-plan-decidir", "la ministra no ve «Su decisión»")
    pulsar(dash_duo, "#mesa-plan-aprobar")
    dash_duo.wait_for_contains_text("#mesa-plan-estado", "Aprobado", timeout=30)

    _revisar_y_decidir(dash_duo, base, CODIGO)
    _visible(dash_duo, "#revision-form-decidir", "la ministra no ve la decisión de la revisión")
    dash_duo.find_element("#revision-decision-nota").send_keys("Aprobada en la mesa política.")
    pulsar(dash_duo, "#revision-aprobar")
    dash_duo.wait_for_contains_text("#revision-decidir-resultado", "aprobada", timeout=30)
    dash_duo.driver.get(f"{base}/pendientes")
    dash_duo.wait_for_element("#pendientes-vacio", timeout=30)

    # 6. The indicator page shows the new current targets and the revision's history.
    dash_duo.driver.get(f"{base}/indicadores/{CODIGO}")
    dash_duo.wait_for_contains_text("#revision-lista", "Aprobada", timeout=30)
    originales = {str(p): 50.0 + 2.5 * i for i, p in enumerate(_trimestres(hoy))}

    def filas() -> dict[str, dict]:
        return {str(f["periodo"]): f for f in filas_grid(dash_duo, "indicador-periodos") or []}

    esperar(dash_duo, lambda: set(propuestas) <= set(filas()), "sin filas de periodos", 30)
    por_periodo = filas()
    for periodo, original in originales.items():
        fila = por_periodo[periodo]
        nueva = propuestas.get(periodo, original)
        assert fila["meta_periodo"] == pytest.approx(nueva), periodo
        assert fila["meta_original_periodo"] == pytest.approx(original), periodo
    tarjeta = dash_duo.find_elements(".tarjeta-revision")[0].text
    dia = format_fecha(hoy)
    assert f"Propuesta · Óscar Mejía · {dia}" in tarjeta
    assert f"Opinión metodológica: Favorable · Segunda analista de la DIGER · {dia}" in tarjeta
    assert f"Decisión: Aprobada · Yadira Gómez · {dia}" in tarjeta
    assert "(aplicada)" in tarjeta
    sin_severos(dash_duo)
    engine = make_engine(url)
    with Session(engine) as s:
        propuesta = s.scalars(
            select(PropuestaMeta)
            .join(Indicador)
            .where(Indicador.codigo == CODIGO)
            .options(selectinload(PropuestaMeta.periodos))
        ).one()
        assert (propuesta.propuesta_por, propuesta.opinion_por, propuesta.decision_por) == (
            COORD,
            OPINA,
            MINISTRA,
        )
        assert {f.periodo: f.meta_propuesta for f in propuesta.periodos} == pytest.approx(
            propuestas
        )
        assert all(f.aplicada for f in propuesta.periodos)
        mesa = registros.mesa_de_sector(s, SECTOR)
        plan = s.scalars(select(PlanTrabajo).where(PlanTrabajo.mesa_id == mesa.id)).one()
        assert plan.estado.value == "aprobado"

    # 7. The coordinator generates the informe de avance: it holds the sector page's avance.
    cambiar_de_usuario(dash_duo, COORD, CLAVE)
    dash_duo.driver.get(f"{base}/sectores/{SECTOR}")
    dash_duo.wait_for_element("#sector-avance-numero", timeout=30)
    esperar(
        dash_duo,
        lambda: "%" in dash_duo.find_element("#sector-avance-numero").text,
        "el sector no muestra su avance",
        30,
    )
    avance_pagina = dash_duo.find_element("#sector-avance-numero").text.strip()
    sin_severos(dash_duo)
    dash_duo.driver.get(f"{base}/mesas/{SECTOR}/productos")
    esperar(
        dash_duo,
        lambda: bool(dash_duo.find_element("#mesa-productos-periodo").get_attribute("value")),
        "no hay trimestre para el informe",
        30,
    )
    periodo = dash_duo.find_element("#mesa-productos-periodo").get_attribute("value")
    pulsar(dash_duo, "#mesa-productos-generar")
    dash_duo.wait_for_contains_text(
        "#mesa-productos-resultado-informe", "guardado como versión", timeout=60
    )
    href = dash_duo.find_element("#mesa-productos-descargar-informe").get_attribute("href")
    descargado = dash_duo.driver.execute_async_script(DESCARGAR, href)
    assert isinstance(descargado, str), f"la descarga respondió {descargado}"
    contenido = base64.b64decode(descargado)
    assert contenido.startswith(b"%PDF")
    texto = normalizado(texto_pdf(contenido))
    sin_severos(dash_duo)

    with session_factory(engine)() as s:
        resultado = informes.evaluar(s, periodo, reglas=Reglas(), hoy=hoy)
        resumen = grupos.vista_grupo(
            resultado.metas, load_mcr(s), "sector", SECTOR, Filtros(), Reglas()
        ).resumen
    engine.dispose()
    avance = formato.format_porcentaje(resumen.avance)
    assert resumen.avance is not None and avance == avance_pagina
    assert f"Avance del sector: {avance} ({estado_texto(resumen.estado)})" in texto
    assert f"Metas sectoriales: {formato.format_entero(resumen.n_metas)}" in texto
    assert resumen.n_metas == 1

"""Each role's home (``data_layer.vistas.inicio``) and the permission rules that choose it.

The blocks are built from hand-made inputs: the small MCR of ``test_filtros`` (sectors SAL, EDU,
MLP), the two mesas of ``test_mesas`` (SAL with an approved plan and an overdue acuerdo, EDU with
nothing) plus three SAL sessions, a UPGRET's report rows and an analyst's review queue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields, replace

import pandas as pd
import pytest

from data_layer import permisos
from data_layer.auth import Alcance
from data_layer.models import Rol
from data_layer.pendientes import Pendiente
from data_layer.reportes.cola import EntradaCola
from data_layer.vistas import inicio as vi
from data_layer.vistas.calidad import VistaCalidad
from data_layer.vistas.mis_acuerdos import FilaAcuerdo, MisAcuerdos
from data_layer.vistas.niveles import ResumenGrupo
from data_layer.vistas.reportes import MisReportes
from data_layer.vistas.resumen import metas_del_sector_y_superiores
from tests.unit.vistas.test_filtros import mcr_pequena
from tests.unit.vistas.test_mesas import CORTE, frame, mesas_de_prueba

T = pd.Timestamp


def alcance(rol: str, sectores=(), instituciones=()) -> Alcance:
    """A user of ``rol`` with that scope."""
    return Alcance(
        usuario="u",
        rol=Rol(rol),
        sectores=frozenset(sectores),
        instituciones=frozenset(instituciones),
    )


# --- which home, about which sectors --------------------------------------------------------


@pytest.mark.parametrize(
    ("rol", "tipo"),
    [
        ("ministro", "politico"),
        ("presidencia", "politico"),
        ("coordinador_mesa", "mesa"),
        ("upgret", "institucion"),
        ("analista", "analista"),
        ("admin", "admin"),
    ],
)
def test_every_role_has_its_home(rol, tipo) -> None:
    """Each of the six roles lands on the home of its kind of work; nobody logged in, none."""
    assert permisos.tipo_inicio(alcance(rol)) == tipo
    assert permisos.tipo_inicio(None) is None


def test_focus_is_the_ministers_and_coordinators_sectors_only() -> None:
    """A minister's and a coordinator's home and alert badge are about their sectors; the
    national roles see everything (None); a coordinator without sectors and an anonymous
    request get nothing (fail closed)."""
    assert permisos.sectores_en_foco(alcance("ministro", ["SAL"])) == {"SAL"}
    assert permisos.sectores_en_foco(alcance("coordinador_mesa", ["SAL", "EDU"])) == {"SAL", "EDU"}
    assert permisos.sectores_en_foco(alcance("coordinador_mesa")) == frozenset()
    for rol in ("presidencia", "analista", "admin"):
        assert permisos.sectores_en_foco(alcance(rol)) is None
    assert permisos.sectores_en_foco(alcance("upgret", instituciones=["SESAL"])) is None
    assert permisos.sectores_en_foco(alcance("ministro")) is None
    assert permisos.sectores_en_foco(None) == frozenset()


def test_alert_link_opens_the_single_sector_of_the_scope() -> None:
    """The navbar's «Alertas» opens ``/alertas?sector=SAL`` for a Salud minister, the whole
    centre when the scope has no sector or several (the centre filters one at a time)."""
    assert vi.ruta_alertas({"SAL"}) == "/alertas?sector=SAL"
    assert vi.ruta_alertas({"SAL"}, severidad="alta") == "/alertas?sector=SAL&severidad=alta"
    assert vi.ruta_alertas(None) == "/alertas"
    assert vi.ruta_alertas({"SAL", "EDU"}, severidad="alta") == "/alertas?severidad=alta"


# --- alerts ---------------------------------------------------------------------------------


def _alertas() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "tipo": ["indicador_rojo", "indicador_rojo", "cadena_rota", "indicador_amarillo"],
            "severidad": ["alta", "alta", "alta", "media"],
            "entidad_tipo": ["indicador", "indicador", "meta", "indicador"],
            "entidad": ["I-SAL", "I-SEDUC", "MS-SAL", "I-SESAL"],
            "mensaje": ["rojo SAL", "rojo SEDUC", "cadena SAL", "amarillo SESAL"],
            "enlace": ["/indicadores/I-SAL", "/indicadores/I-SEDUC", "/metas/MS-SAL", "/x"],
            "periodo": ["2026-T3"] * 4,
        }
    )


def test_high_alerts_of_a_sector_are_those_the_alert_centre_filters() -> None:
    """The badge and the home count only ``alta`` alerts, and for a minister only those the
    alert centre shows under ``?sector=SAL``; the national roles count every high alert."""
    mcr = mcr_pequena()
    assert vi.alertas_altas(_alertas(), mcr, {"SAL"})["entidad"].tolist() == ["I-SAL", "MS-SAL"]
    assert vi.alertas_altas(_alertas(), mcr, None)["entidad"].tolist() == [
        "I-SAL",
        "I-SEDUC",
        "MS-SAL",
    ]
    assert vi.alertas_altas(_alertas(), mcr, frozenset()).empty


def test_alert_block_counts_and_links_to_the_scoped_centre() -> None:
    """The block says how many high alerts there are in the scope, lists each message linking
    to its entity, and links to the alert centre of that scope."""
    altas = vi.alertas_altas(_alertas(), mcr_pequena(), {"SAL"})
    b = vi.bloque_alertas(altas, href_todas="/alertas?sector=SAL", ambito="del sector Salud")
    assert b.resumen == "2 alertas altas del sector Salud."
    assert [i.href for i in b.items] == ["/indicadores/I-SAL", "/metas/MS-SAL"]
    assert b.enlace is not None and b.enlace.href == "/alertas?sector=SAL"
    assert b.urgente and b.corto == "2 alertas altas"
    vacio = vi.bloque_alertas(altas.iloc[0:0], href_todas="/alertas", ambito="en el país")
    assert not vacio.urgente and vacio.resumen == "No hay alertas altas en el país."


# --- ministers and presidencia --------------------------------------------------------------


def _resumen_sal() -> ResumenGrupo:
    conteos = {"rojo": 1, "amarillo": 1, "verde": 2, "sin_dato": 0, "pendiente": 0}
    return ResumenGrupo(
        avance=64.25,
        estado="amarillo",
        n_metas=4,
        conteos={**conteos, "no_programado": 0},
        por_nivel=pd.DataFrame(),
    )


def _metas_sal() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "codigo": ["MS-1", "MS-2", "MI-1", "MI-2"],
            "descripcion": ["Cobertura", "Mortalidad", "Vacunas", "Camas"],
            "nivel": ["sectorial", "sectorial", "institucional", "institucional"],
            "avance_directo": [35.0, 90.0, float("nan"), 70.0],
            "avance_contribuyentes": [float("nan"), float("nan"), 20.0, float("nan")],
            "semaforo": ["rojo", "verde", "rojo", "amarillo"],
        }
    )


def test_sector_block_gives_the_state_counts_and_the_red_goals_of_every_level() -> None:
    """A minister's sector block: the sector's avance and the counts per state of its sectoral
    goals (the tiles), then every red goal of the sector (sectoral and institutional), each
    with the avance that sets its state (a goal without indicators: its contributors')."""
    b = vi.bloque_sector("SAL", "Salud", _resumen_sal(), _metas_sal())
    assert b.titulo == "Sector Salud"
    assert b.conteos is not None and b.conteos["rojo"] == 1 and b.conteos["verde"] == 2
    assert b.avance == pytest.approx(64.25)
    assert b.resumen == (
        "Avance del sector: 64.3 %, sobre 4 metas sectoriales. "
        "2 metas del sector en rojo (todos los niveles)."
    )
    assert [i.href for i in b.items] == ["/metas/MS-1", "/metas/MI-1"]
    assert b.items[1].detalle == "Meta institucional · avance 20.0 %"
    assert b.enlace is not None and b.enlace.href == "/sectores/SAL"
    assert b.corto == "2 metas en rojo en Salud"


def test_decisions_block_lists_the_pending_proposals_with_their_page() -> None:
    """«Sus decisiones pendientes» counts the proposals waiting for the minister and links
    each one to the page where it is decided."""
    p = Pendiente(
        tipo="Plan de trabajo",
        titulo="Plan de trabajo 2027 de la mesa de Salud",
        sector="Salud",
        propuesto_por="Coordinación",
        desde=dt.date(2026, 11, 11),
        href="/mesas/SAL/plan?anio=2027",
    )
    b = vi.bloque_decisiones([p])
    assert b.resumen == "1 propuesta espera su decisión."
    assert b.items[0].href == "/mesas/SAL/plan?anio=2027"
    assert "desde el 11/11/2026" in b.items[0].detalle
    assert not vi.bloque_decisiones([]).urgente


def test_headline_names_what_needs_attention_in_a_few_words() -> None:
    """The home's first sentence joins the urgent blocks' short problems (what a minister reads
    in ten seconds); with nothing urgent it says everything is in order."""
    sector = vi.bloque_sector("SAL", "Salud", _resumen_sal(), _metas_sal())
    altas = vi.alertas_altas(_alertas(), mcr_pequena(), {"SAL"})
    alertas = vi.bloque_alertas(altas, href_todas="/alertas", ambito="del sector Salud")
    decisiones = vi.bloque_decisiones([])
    assert vi.titular([sector, alertas, decisiones]) == (
        "Requiere su atención: 2 metas en rojo en Salud y 2 alertas altas."
    )
    assert vi.titular([decisiones]).startswith("Todo en orden")


def test_overview_sector_filter_keeps_the_goals_the_sector_contributes_to() -> None:
    """``/?sector=SAL`` keeps Salud's goals and every goal they contribute to, up to the
    presidential ones; an unknown sector keeps none."""
    mcr = mcr_pequena()
    mcr = replace(
        mcr,
        contribuciones=pd.DataFrame(
            {
                "meta": ["MI-SESAL", "MS-SAL", "MS-MLP"],
                "meta_destino": ["MS-SAL", "MP-2", "MP-1"],
                "peso": [1.0, 1.0, 1.0],
            }
        ),
    )
    assert list(metas_del_sector_y_superiores(mcr, "SAL")) == ["MI-SESAL", "MP-2", "MS-SAL"]
    assert list(metas_del_sector_y_superiores(mcr, "NOEXISTE")) == []


# --- mesa coordinators ----------------------------------------------------------------------


def _mesas_con_sesiones():
    """The test_mesas mesas plus three SAL sessions: 15/05 (ayuda memoria distributed), 25/06
    (held 6 days before the cut, ayuda memoria not distributed yet) and 10/07 (convocada)."""
    frames = mesas_de_prueba()
    sesiones = frame(
        "sesiones",
        [
            (10, "SAL", "tecnico", T("2026-05-15 09:00"), "Sala A", T("2026-05-05"), None,
             "realizada", None, 3),
            (11, "SAL", "tecnico", T("2026-06-25 09:00"), "Sala B", T("2026-06-15"), None,
             "convocada", None, 2),
            (12, "SAL", "politico", T("2026-07-10 14:30"), "Casa Presidencial",
             T("2026-06-28"), None, "convocada", None, 4),
        ],
    )  # fmt: skip
    ayudas = frame(
        "ayudas_memoria",
        [(1, "SAL", 10, 3, T("2026-05-16"), T("2026-05-18"), None, None, "Rosa")],
    )
    return replace(frames, sesiones=sesiones, ayudas_memoria=ayudas)


def test_mesa_blocks_give_next_session_overdue_acuerdos_and_what_to_prepare() -> None:
    """For the Salud mesa: the next convoked session (date, hour, place, link to it), the
    overdue acuerdo (due 15/06, 16 days late), and the ayuda memoria of the 25/06 session to
    distribute (6 days, within the 7-day limit: not urgent). The approved plan asks nothing."""
    sesion, vencidos, preparar = vi.bloques_mesa(_mesas_con_sesiones(), CORTE, "SAL", "Salud")
    assert sesion.resumen == (
        "Sesión de nivel politico el 10/07/2026 a las 14:30, en Casa Presidencial."
    )
    assert sesion.items[0].href == "/mesas/SAL/sesiones/12"
    assert [i.texto for i in vencidos.items] == ["Acuerdo uno"]
    assert vencidos.items[0].href == "/mesas/SAL?acuerdo=1"
    assert "venció el 15/06/2026 (hace 16 días)" in vencidos.items[0].detalle
    assert [i.href for i in preparar.items] == ["/mesas/SAL/sesiones/11"]
    assert preparar.items[0].texto == "Distribuir la ayuda memoria de la sesión del 25/06/2026"
    assert not preparar.items[0].urgente


def test_a_mesa_without_sessions_or_plan_is_asked_to_convene_and_plan() -> None:
    """The Education mesa has no session and no plan: its home asks to convene the next session
    (once, in the session block) and to draft the plan de trabajo."""
    sesion, vencidos, preparar = vi.bloques_mesa(_mesas_con_sesiones(), CORTE, "EDU", "Educación")
    assert sesion.urgente and sesion.items[0].href == "/mesas/EDU/convocar"
    assert not vencidos.items and not vencidos.urgente
    assert [i.href for i in preparar.items] == ["/mesas/EDU/plan?anio=2026"]
    assert "no tiene plan de trabajo 2026" in preparar.items[0].texto


# --- planning units -------------------------------------------------------------------------


def _fila(indicador: str, estado: str, vence: str, atencion: bool) -> dict:
    return {
        "indicador": indicador,
        "nombre": f"Indicador {indicador}",
        "periodo": "2026-T3",
        "estado": estado,
        "estado_texto": estado,
        "plazo": "",
        "vencimiento": vence,
        "atencion": atencion,
    }


def test_institution_blocks_count_due_returned_and_late_reports_and_acuerdos() -> None:
    """A UPGRET's reports block says how many reports are due soon, returned and late, lists
    the ones to send or correct (never the sent or validated ones), and its acuerdos block puts
    the overdue acuerdo first."""
    hoy = dt.date(2026, 10, 20)
    reportes = MisReportes(
        instituciones=["SESAL"],
        filas=[
            _fila("I-1", "devuelto", "2026-10-15", True),
            _fila("I-2", "tardio", "2026-10-15", True),
            _fila("I-3", "por_reportar", "2026-10-30", False),
            _fila("I-4", "validado", "2026-10-15", False),
        ],
        conteos={"por_reportar": 2, "tardios": 1, "devueltos": 1},
        proximo_vencimiento=dt.date(2026, 10, 30),
        escribe=True,
    )

    def acuerdo(ident: int, estado: str, limite: dt.date) -> FilaAcuerdo:
        return FilaAcuerdo(
            id=ident,
            version=1,
            sector="SAL",
            mesa="Mesa Sectorial de Salud",
            sesion_fecha=dt.date(2026, 5, 1),
            sesion_nivel="tecnico",
            acta=3,
            texto=f"Acuerdo {ident}",
            institucion="SESAL",
            persona="Juan",
            fecha_limite=limite,
            estado=estado,
            # An overdue acuerdo is stored as pendiente; «vencido» is its state today.
            estado_guardado="pendiente" if estado == "vencido" else estado,
            estados_permitidos=(),
        )

    acuerdos = MisAcuerdos(
        instituciones=("SESAL",),
        acuerdos=[
            acuerdo(1, "pendiente", dt.date(2026, 12, 1)),
            acuerdo(2, "vencido", dt.date(2026, 9, 1)),
            acuerdo(3, "cumplido", dt.date(2026, 8, 1)),
        ],
        documentos=[],
    )
    rep, acu = vi.bloques_institucion(reportes, acuerdos, hoy)
    assert rep.resumen == (
        "1 reporte por vencer, 1 devuelto por la DIGER, 1 atrasado. "
        "Próximo vencimiento: 30/10/2026."
    )
    assert [i.texto.split(" · ")[0] for i in rep.items] == ["I-1", "I-2", "I-3"]
    assert rep.corto == "1 reporte devuelto y 1 reporte atrasado"
    cerrados = replace(reportes, conteos={**reportes.conteos, "cerrados": 2})
    con_cerrados = vi.bloques_institucion(cerrados, None, hoy)[0]
    assert con_cerrados.resumen.endswith(
        " 2 periodos cerraron sin reporte: para reportarlos, pida a la DIGER una reapertura."
    )
    assert con_cerrados.corto.endswith("y 2 periodos cerrados sin reporte")
    assert [i.texto for i in acu.items] == ["Acuerdo 2", "Acuerdo 1"]
    assert "venció el 01/09/2026" in acu.items[0].detalle
    assert acu.urgente


# --- analysts -------------------------------------------------------------------------------


def _entrada(version_id: int, recibido: dt.datetime, banderas: tuple[str, ...]) -> EntradaCola:
    valores = {f.name: None for f in fields(EntradaCola)}
    valores.update(
        version_id=version_id,
        numero=1,
        correccion=False,
        institucion="SESAL",
        indicador=f"I-{version_id}",
        periodo="2026-T3",
        recibido_en=recibido,
        banderas=banderas,
        avisos=(),
    )
    return EntradaCola(**valores)


def test_analyst_blocks_queue_oldest_first_and_flag_suspicious_values() -> None:
    """The analyst's queue lists the oldest sent value first; the data-quality block lists the
    values flagged atípico or gran variación, then the institutions with the worst reporting
    rates (linking to /calidad for that quarter)."""
    cola = [
        _entrada(2, dt.datetime(2026, 10, 5, 9), ("atipico",)),
        _entrada(1, dt.datetime(2026, 10, 1, 9), ("sin_evidencia",)),
        _entrada(3, dt.datetime(2026, 10, 9, 9), ()),
    ]
    instituciones = pd.DataFrame(
        {
            "institucion": ["SEDUC", "SESAL"],
            "nombre": ["Educación", "Salud"],
            "completitud": [50.0, 100.0],
            "puntualidad": [25.0, 100.0],
            "con_explicacion": [1, 0],
        }
    )
    calidad = VistaCalidad(
        periodo="2026-T3",
        periodos=["2026-T3"],
        sectores=[],
        sector=None,
        total={"completitud": 75.0, "puntualidad": 62.5},
        instituciones=instituciones,
        por_sector=pd.DataFrame(),
        tendencia=pd.DataFrame(),
    )
    validacion, cal = vi.bloques_analista(cola, calidad)
    assert validacion.resumen == (
        "3 valores esperan su revisión. El más antiguo se envió el 01/10/2026."
    )
    assert [i.texto.split(" · ")[0] for i in validacion.items] == ["I-1", "I-2", "I-3"]
    assert validacion.items[1].detalle.endswith("Atípico")
    assert [i.texto.split(" · ")[0] for i in cal.items] == ["I-2", "SEDUC", "SESAL"]
    assert cal.items[1].href == "/calidad?periodo=2026-T3" and cal.items[1].urgente
    assert not cal.items[2].urgente
    assert cal.resumen.startswith("1 valor atípico en la cola. 2026-T3: completitud 75.0 %")


def test_admin_block_offers_only_the_tools_the_user_may_use() -> None:
    """The administrator's block links to users, mail, import, audit and validation only when
    allowed."""
    todo = vi.bloque_admin(importar=True, auditoria=True, validar=True, usuarios=True, correo=True)
    assert [i.href for i in todo.items] == [
        "/usuarios",
        "/correo",
        "/importar",
        "/auditoria",
        "/validacion",
        "/mesas",
    ]
    assert [i.href for i in vi.bloque_admin(False, False, False).items] == ["/mesas"]

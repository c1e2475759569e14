"""«Mis reportes» (issue #10): the rows, states, order and summary a planning unit sees, and who
sees whose reports, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from data_layer.auth import Alcance
from data_layer.db import session_factory
from data_layer.engine.frames import Reglas
from data_layer.models import Rol
from data_layer.reportes import servicio
from data_layer.vistas import reportes as vm

from .conftest import ANALISTA, UPGRET_SEDUC, UPGRET_SESAL, momento

CONTROLES = "MI-SESAL-01-I1"  # quarterly, «controles», targets 2024-T1 (validated) and 2024-T2
COBERTURA = "MS-SAL-01-I1"  # semestral percentage, 2024-S1 validated, 2024-S2 programmed
REGLAS = Reglas()


def _vista(db, hoy: dt.date, actor: Alcance = UPGRET_SESAL, pedida: str | None = None):
    with session_factory(db)() as s:
        return vm.mis_reportes(s, actor, hoy, REGLAS, pedida)


def _por_clave(vista) -> dict[tuple[str, str], dict]:
    return {(f["indicador"], f["periodo"]): f for f in vista.filas}


def _escribir(db, funcion, **kwargs):
    with session_factory(db, escritura=True)() as s, s.begin():
        return funcion(s, **kwargs).id


def test_rows_ended_periods_and_the_one_in_progress(mcr) -> None:
    """Each own indicator × programmed period that has ended is a row with its deadline
    (dd/mm/aaaa), closing date, target and state; the period in progress is «próximo»; another
    institution's indicators are not rows."""
    vista = _vista(mcr, dt.date(2024, 7, 10))
    filas = _por_clave(vista)
    assert set(filas) == {
        (CONTROLES, "2024-T1"),
        (CONTROLES, "2024-T2"),
        (COBERTURA, "2024-S1"),
        (COBERTURA, "2024-S2"),
        ("MP-01-I1", "2024"),
    }
    t2 = filas[(CONTROLES, "2024-T2")]
    assert (t2["estado"], t2["vencimiento_texto"], t2["cierre_texto"]) == (
        "por_reportar",
        "15/07/2024",
        "14/08/2024",
    )
    assert t2["meta"] == 1200 and t2["unidad"] == "controles" and t2["plazo"] == "Vence en 5 días"
    assert filas[(CONTROLES, "2024-T1")]["estado"] == "validado"
    assert filas[(CONTROLES, "2024-T1")]["valor"] == 950
    assert filas[(COBERTURA, "2024-S2")]["estado"] == vm.PROXIMO
    assert vista.escribe and vista.instituciones == ["SESAL"]
    assert vista.conteos["por_reportar"] == 1 and vista.proximo_texto == "15/07/2024"


def test_states_follow_the_versions_and_the_calendar(mcr) -> None:
    """borrador → enviado → devuelto (with the analyst's observación) as the versions move; an
    unreported period past its deadline is tardío, and cerrado once closed."""
    assert _por_clave(_vista(mcr, dt.date(2024, 8, 1)))[(CONTROLES, "2024-T2")]["estado"] == (
        "tardio"
    )
    cerrada = _vista(mcr, dt.date(2024, 8, 20))
    assert _por_clave(cerrada)[(CONTROLES, "2024-T2")]["estado"] == "cerrado"
    # The summary counts what closed without a report (it needs a reapertura).
    assert cerrada.conteos["cerrados"] == sum(1 for f in cerrada.filas if f["estado"] == "cerrado")
    assert cerrada.conteos["cerrados"] >= 1
    ident = _escribir(
        mcr,
        servicio.guardar,
        actor=UPGRET_SESAL,
        indicador=CONTROLES,
        periodo="2024-T2",
        valor=1100,
        ahora=momento(2024, 7, 10),
    )
    assert _por_clave(_vista(mcr, dt.date(2024, 7, 10)))[(CONTROLES, "2024-T2")]["estado"] == (
        "borrador"
    )
    _escribir(
        mcr, servicio.enviar, actor=UPGRET_SESAL, version_id=ident, ahora=momento(2024, 7, 11)
    )
    vista = _vista(mcr, dt.date(2024, 7, 11))
    assert _por_clave(vista)[(CONTROLES, "2024-T2")]["estado"] == "enviado"
    assert vista.conteos["enviados"] == 1
    _escribir(
        mcr,
        servicio.devolver,
        actor=ANALISTA,
        version_id=ident,
        observacion="Falta la región 3.",
        ahora=momento(2024, 7, 12),
    )
    vista = _vista(mcr, dt.date(2024, 7, 12))
    fila = _por_clave(vista)[(CONTROLES, "2024-T2")]
    assert (fila["estado"], fila["observacion"], fila["valor"]) == (
        "devuelto",
        "Falta la región 3.",
        1100,
    )
    assert vista.filas[0] is fila, "a returned report comes first"
    assert vista.conteos["devueltos"] == 1


def test_order_puts_what_needs_action_first(mcr) -> None:
    """Late reports come before validated ones and the period in progress."""
    filas = _vista(mcr, dt.date(2024, 8, 1)).filas
    estados = [f["estado"] for f in filas]
    assert estados.index("tardio") < estados.index(vm.PROXIMO) < estados.index("validado")
    assert filas[0]["atencion"]


def test_who_sees_whose_reports(mcr) -> None:
    """A upgret sees only its institution (another one asked in the URL is ignored); an analyst
    sees the one institution asked for, read-only; other roles are refused."""
    hoy = dt.date(2024, 7, 10)
    seduc = _vista(mcr, hoy, UPGRET_SEDUC, pedida="SESAL")
    assert {f["institucion"] for f in seduc.filas} == {"SEDUC"}
    analista = _vista(mcr, hoy, ANALISTA, pedida="SESAL")
    assert {f["institucion"] for f in analista.filas} == {"SESAL"} and not analista.escribe
    assert _vista(mcr, hoy, ANALISTA).filas == []
    assert _vista(mcr, hoy, ANALISTA, pedida="NO-EXISTE").filas == []
    coordinador = Alcance(usuario="c", rol=Rol.coordinador_mesa, sectores=frozenset({"SAL"}))
    assert _vista(mcr, hoy, coordinador) is None
    with session_factory(mcr)() as s:
        assert vm.fila(s, UPGRET_SEDUC, CONTROLES, "2024-T2", hoy, REGLAS) is None
        propia = vm.fila(s, UPGRET_SESAL, CONTROLES, "2024-T2", hoy, REGLAS)
    assert propia is not None and propia["editable"]


def test_checks_before_sending(mcr) -> None:
    """The form's checks say, before sending, what the service refuses (a percentage above 100)
    and what needs an explanation (a red value)."""
    hoy = dt.date(2024, 7, 10)
    with session_factory(mcr)() as s:
        imposible = vm.revisar_valor(s, COBERTURA, "2024-S1", "%", "130", REGLAS, hoy)
        rojo = vm.revisar_valor(s, CONTROLES, "2024-T2", "controles", "100", REGLAS, hoy)
        texto = vm.revisar_valor(s, CONTROLES, "2024-T2", "controles", "mucho", REGLAS, hoy)
    assert imposible.error == "Un porcentaje debe estar entre 0 y 100."
    assert rojo.requiere_explicacion and "rojo" in " ".join(rojo.avisos)
    assert texto.error and "no es un número" in texto.error
    bloqueo = vm.motivo_bloqueo_envio(
        rojo, valor="100", explicacion="", evidencia=False, requiere_evidencia=False
    )
    assert bloqueo and "Explique" in bloqueo
    assert (
        vm.motivo_bloqueo_envio(
            rojo, valor="100", explicacion="Paro.", evidencia=False, requiere_evidencia=False
        )
        is None
    )

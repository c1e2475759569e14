"""The reporting cycle's writes (DOMAIN.md §8, issue #10) on SQLite and PostgreSQL: each state
transition and who may make it, closing and reopening, the checks at entry, cut-date
reproducibility after a correction, timeliness from the first receipt, concurrent validation."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from data_layer import engine as motor
from data_layer import periods, queries
from data_layer.auth import Alcance
from data_layer.db import session_factory
from data_layer.models import Auditoria, Avance, EstadoVersion, Rol
from data_layer.reportes import servicio
from data_layer.reportes.servicio import ErrorReporte, VersionYaRevisada
from tests.integration.concurrencia import a_la_vez

from .conftest import ANALISTA, ANALISTA_2, UPGRET_SEDUC, UPGRET_SESAL, momento

#: SEDUC's quarterly «aulas construidas» (flujo, target 12.5 in 2024-T2, due 2024-07-15).
AULAS = "MI-SEDUC-01-I1"
EN_PLAZO = momento(2024, 7, 10)


def _versiones(db, codigo: str = AULAS, periodo: str = "2024-T2") -> list[Avance]:
    with session_factory(db)() as s:
        return list(
            s.scalars(
                select(Avance)
                .join(Avance.indicador)
                .where(Avance.periodo == periodo, Avance.indicador.has(codigo=codigo))
                .order_by(Avance.numero)
            )
        )


def _escribir(db, funcion, **kwargs):
    with session_factory(db, escritura=True)() as s, s.begin():
        return funcion(s, **kwargs).id


def _reportar(db, valor=12, ahora=EN_PLAZO, enviar=True, actor=UPGRET_SEDUC, **kwargs) -> int:
    return _escribir(
        db,
        servicio.guardar,
        actor=actor,
        indicador=AULAS,
        periodo="2024-T2",
        valor=valor,
        enviar=enviar,
        ahora=ahora,
        **kwargs,
    )


def test_full_cycle_draft_send_return_resend_validate(mcr) -> None:
    """borrador → enviado → devuelto (observación) → a new version enviado → validado: every
    step stamps who and when, the returned version stays as it was, each step is audited."""
    borrador = _reportar(mcr, valor=11, enviar=False)
    [v] = _versiones(mcr)
    assert (v.estado, v.recibido_en, v.creado_por) == (EstadoVersion.borrador, None, "upgret.seduc")
    assert _escribir(mcr, servicio.enviar, actor=UPGRET_SEDUC, version_id=borrador, ahora=EN_PLAZO)
    _escribir(
        mcr,
        servicio.devolver,
        actor=ANALISTA,
        version_id=borrador,
        observacion="Falta el dato de la región 3.",
        ahora=momento(2024, 7, 12),
    )
    segunda = _reportar(mcr, valor=12, ahora=momento(2024, 7, 13))
    _escribir(mcr, servicio.validar, actor=ANALISTA, version_id=segunda, ahora=momento(2024, 7, 14))
    primera, ultima = _versiones(mcr)
    assert (primera.estado, primera.valor, primera.observacion) == (
        EstadoVersion.devuelto,
        11,
        "Falta el dato de la región 3.",
    )
    assert primera.recibido_en is not None and primera.revisado_por == ANALISTA.usuario
    assert (ultima.numero, ultima.estado, ultima.valor) == (2, EstadoVersion.validado, 12)
    assert (ultima.enviado_por, ultima.revisado_por) == ("upgret.seduc", ANALISTA.usuario)
    with session_factory(mcr)() as s:
        acciones = s.scalars(
            select(Auditoria.accion).where(Auditoria.entidad == f"indicador:{AULAS}")
        ).all()
    assert {"valor_borrador_guardado", "valor_enviado", "valor_devuelto", "valor_validado"} <= set(
        acciones
    )


def test_only_the_institution_reports_and_only_analysts_review(mcr) -> None:
    """Another institution's UPGRET, an analyst and a minister cannot report SEDUC's values
    (unknown and foreign indicators are refused alike); a UPGRET user cannot validate or
    return; nothing is written by a refused call."""
    for intruso in (
        UPGRET_SESAL,
        ANALISTA,
        Alcance(usuario="ministro.edu", rol=Rol.ministro, sectores=frozenset({"EDU"})),
    ):
        with pytest.raises(ErrorReporte, match="Solo la unidad de planificación"):
            _reportar(mcr, actor=intruso)
    with pytest.raises(ErrorReporte, match="Solo la unidad de planificación"):
        _escribir(
            mcr,
            servicio.guardar,
            actor=UPGRET_SEDUC,
            indicador="NO-EXISTE",
            periodo="2024-T2",
            valor=1,
            ahora=EN_PLAZO,
        )
    assert _versiones(mcr) == []
    enviada = _reportar(mcr)
    for intruso in (UPGRET_SEDUC, UPGRET_SESAL):
        with pytest.raises(ErrorReporte, match="Solo los analistas"):
            _escribir(mcr, servicio.validar, actor=intruso, version_id=enviada, ahora=EN_PLAZO)
        with pytest.raises(ErrorReporte, match="Solo los analistas"):
            _escribir(mcr, servicio.devolver, actor=intruso, version_id=enviada, observacion="x")
    assert [v.estado for v in _versiones(mcr)] == [EstadoVersion.enviado]


def test_nobody_validates_a_value_they_sent(mcr) -> None:
    """A version sent by a user (here the system's admin, who may report) cannot be validated
    or returned by that same user."""
    admin = Alcance(usuario="admin", rol=Rol.admin)
    enviada = _reportar(mcr, actor=admin)
    with pytest.raises(ErrorReporte, match="Nadie valida"):
        _escribir(mcr, servicio.validar, actor=admin, version_id=enviada)
    _escribir(mcr, servicio.validar, actor=ANALISTA, version_id=enviada, ahora=EN_PLAZO)


def test_return_requires_an_observacion(mcr) -> None:
    """Returning without an observación is refused and the version stays sent."""
    enviada = _reportar(mcr)
    with pytest.raises(ErrorReporte, match="observación"):
        _escribir(mcr, servicio.devolver, actor=ANALISTA, version_id=enviada, observacion="  ")
    assert _versiones(mcr)[0].estado is EstadoVersion.enviado


def test_sent_and_validated_values_are_locked(mcr) -> None:
    """While a version waits for review nothing else is reported for the period; once validated
    only a solicitud de corrección changes it."""
    enviada = _reportar(mcr)
    with pytest.raises(ErrorReporte, match="espera la revisión"):
        _reportar(mcr, valor=13)
    _escribir(mcr, servicio.validar, actor=ANALISTA, version_id=enviada, ahora=EN_PLAZO)
    with pytest.raises(ErrorReporte, match="solicite una corrección"):
        _reportar(mcr, valor=13)


def test_draft_edit_detects_a_concurrent_save(mcr) -> None:
    """A draft saved with the lock it was loaded with is updated in place (the lock moves); a
    save with an older lock is refused and leaves the colleague's value."""
    _reportar(mcr, valor=10, enviar=False)
    [v] = _versiones(mcr)
    _reportar(mcr, valor=11, enviar=False, bloqueo=v.bloqueo)
    with pytest.raises(ErrorReporte, match="cambió desde que abrió"):
        _reportar(mcr, valor=12, enviar=False, bloqueo=v.bloqueo)
    [v] = _versiones(mcr)
    assert (v.valor, v.bloqueo, v.estado) == (11, 2, EstadoVersion.borrador)


def test_checks_at_entry(mcr) -> None:
    """A negative count and a percentage above 100 are refused; a red value is sent only with
    an explanation of the variance; evidence links must be https://."""
    with pytest.raises(ErrorReporte, match="no admite valores negativos"):
        _reportar(mcr, valor=-1)
    with pytest.raises(ErrorReporte, match="entre 0 y 100"):
        _escribir(
            mcr,
            servicio.guardar,
            actor=UPGRET_SESAL,
            indicador="MS-SAL-01-I1",
            periodo="2024-S2",
            valor=130,
            ahora=momento(2025, 1, 5),
        )
    # 2 of 12.5 classrooms: rojo → the explanation is required to send.
    with pytest.raises(ErrorReporte, match="Explique la variación"):
        _reportar(mcr, valor=2)
    with pytest.raises(ErrorReporte, match="https://"):
        _reportar(mcr, valor=12, evidencia_url="javascript:alert(1)")
    assert _versiones(mcr) == []
    _reportar(mcr, valor=2, explicacion="Lluvias retrasaron la obra en dos departamentos.")
    assert _versiones(mcr)[0].estado is EstadoVersion.enviado


def test_a_period_not_ended_or_not_programmed_cannot_be_reported(mcr) -> None:
    """A period still running and a period without a target are refused in Spanish."""
    with pytest.raises(ErrorReporte, match="termina el 30/06/2024"):
        _reportar(mcr, ahora=momento(2024, 6, 15))
    with pytest.raises(ErrorReporte, match="no tiene meta programada"):
        _escribir(
            mcr,
            servicio.guardar,
            actor=UPGRET_SEDUC,
            indicador=AULAS,
            periodo="2024-T3",
            valor=1,
            ahora=momento(2024, 10, 20),
        )


def test_closing_and_reopening(mcr) -> None:
    """30 days after the deadline a period closes for first reports; an analyst's reapertura
    (reason, expiry) lets the institution report until the expiry, not after."""
    tarde = momento(2024, 8, 20)  # deadline 15/07, closed after 14/08
    with pytest.raises(ErrorReporte, match="cerró para primeros reportes el 14/08/2024"):
        _reportar(mcr, ahora=tarde)
    with pytest.raises(ErrorReporte, match="Solo los analistas"):
        _escribir(
            mcr,
            servicio.reabrir,
            actor=UPGRET_SEDUC,
            institucion="SEDUC",
            periodo="2024-T2",
            motivo="x",
            vence_en=dt.date(2024, 8, 30),
            ahora=tarde,
        )
    with pytest.raises(ErrorReporte, match="motivo"):
        _escribir(
            mcr,
            servicio.reabrir,
            actor=ANALISTA,
            institucion="SEDUC",
            periodo="2024-T2",
            motivo="",
            vence_en=dt.date(2024, 8, 30),
            ahora=tarde,
        )
    _escribir(
        mcr,
        servicio.reabrir,
        actor=ANALISTA,
        institucion="SEDUC",
        periodo="2024-T2",
        motivo="Cambio de sistema de registro en SEDUC.",
        vence_en=dt.date(2024, 8, 30),
        ahora=tarde,
    )
    # The same reapertura again changes nothing and is refused; a later expiry extends it.
    with pytest.raises(ErrorReporte, match="ya está reabierto para SEDUC hasta el 30/08/2024"):
        _escribir(
            mcr,
            servicio.reabrir,
            actor=ANALISTA,
            institucion="SEDUC",
            periodo="2024-T2",
            motivo="Otra vez.",
            vence_en=dt.date(2024, 8, 25),
            ahora=tarde,
        )
    with pytest.raises(ErrorReporte, match="cerró"):
        _reportar(mcr, ahora=momento(2024, 9, 2))
    assert _reportar(mcr, ahora=tarde)


def test_correction_replaces_the_validated_value_only_once_validated(mcr) -> None:
    """A solicitud de corrección (new value + reason) is a sent version; the validated value
    keeps counting until an analyst validates the correction, which then replaces it."""
    enviada = _reportar(mcr, valor=12)
    _escribir(mcr, servicio.validar, actor=ANALISTA, version_id=enviada, ahora=EN_PLAZO)
    with pytest.raises(ErrorReporte, match="motivo"):
        _escribir(
            mcr,
            servicio.solicitar_correccion,
            actor=UPGRET_SEDUC,
            indicador=AULAS,
            periodo="2024-T2",
            valor=12.5,
            motivo="",
            ahora=momento(2024, 9, 1),
        )
    correccion = _escribir(
        mcr,
        servicio.solicitar_correccion,
        actor=UPGRET_SEDUC,
        indicador=AULAS,
        periodo="2024-T2",
        valor=12.5,
        motivo="Se contó media aula de Olancho.",
        ahora=momento(2024, 9, 1),
    )
    assert [v.estado for v in _versiones(mcr)] == [EstadoVersion.validado, EstadoVersion.enviado]
    _escribir(
        mcr, servicio.validar, actor=ANALISTA, version_id=correccion, ahora=momento(2024, 9, 3)
    )
    antigua, nueva = _versiones(mcr)
    assert (antigua.estado, nueva.estado, nueva.reemplaza_id) == (
        EstadoVersion.reemplazado,
        EstadoVersion.validado,
        antigua.id,
    )


def test_after_a_returned_correction_a_plain_report_cannot_replace_the_validated_value(mcr) -> None:
    """A returned solicitud de corrección does not reopen the period to plain reports: a new
    value still needs a solicitud (with its reason); the validated value stays."""
    enviada = _reportar(mcr, valor=12)
    _escribir(mcr, servicio.validar, actor=ANALISTA, version_id=enviada, ahora=EN_PLAZO)
    correccion = _escribir(
        mcr,
        servicio.solicitar_correccion,
        actor=UPGRET_SEDUC,
        indicador=AULAS,
        periodo="2024-T2",
        valor=12.5,
        motivo="Se contó media aula de Olancho.",
        ahora=momento(2024, 8, 1),
    )
    _escribir(
        mcr,
        servicio.devolver,
        actor=ANALISTA,
        version_id=correccion,
        observacion="Adjunte el acta de recepción.",
        ahora=momento(2024, 8, 2),
    )
    with pytest.raises(ErrorReporte, match="ya está validado"):
        _reportar(mcr, valor=13, ahora=momento(2024, 8, 3))
    estados = [v.estado for v in _versiones(mcr)]
    assert estados == [EstadoVersion.validado, EstadoVersion.devuelto]


def _valor_al(db, corte: dt.date, codigo: str = AULAS, periodo: str = "2024-T2") -> float:
    with session_factory(db)() as s:
        mcr = queries.load_mcr(s)
    resultado = motor.run(mcr, periodo, corte)
    return float(resultado.indicadores.loc[codigo, "valor_periodo"])


def test_cut_date_reproduces_what_was_known_after_a_correction(mcr) -> None:
    """Official figures use the latest version validated by the cut date: before validation
    nothing counts («por validar»), then the first value, and after the correction's validation
    the corrected one, while a cut date in between still shows the first value."""
    enviada = _reportar(mcr, valor=12)
    assert _valor_al(mcr, dt.date(2024, 7, 11)) != _valor_al(mcr, dt.date(2024, 7, 11))  # NaN
    _escribir(mcr, servicio.validar, actor=ANALISTA, version_id=enviada, ahora=momento(2024, 7, 12))
    correccion = _escribir(
        mcr,
        servicio.solicitar_correccion,
        actor=UPGRET_SEDUC,
        indicador=AULAS,
        periodo="2024-T2",
        valor=9,
        motivo="Tres aulas no se terminaron.",
        ahora=momento(2024, 9, 1),
    )
    _escribir(
        mcr, servicio.validar, actor=ANALISTA_2, version_id=correccion, ahora=momento(2024, 9, 5)
    )
    assert _valor_al(mcr, dt.date(2024, 7, 11)) != _valor_al(mcr, dt.date(2024, 7, 11))
    assert _valor_al(mcr, dt.date(2024, 7, 12)) == 12
    assert _valor_al(mcr, dt.date(2024, 9, 4)) == 12
    assert _valor_al(mcr, dt.date(2024, 9, 5)) == 9


def test_timeliness_counts_from_the_first_receipt(mcr) -> None:
    """A report sent on time and validated after the deadline is on time (not tardío, not
    missing); returned and sent again late, it is still on time: the first receipt counts."""
    primera = _reportar(mcr, valor=11, ahora=momento(2024, 7, 14))
    with session_factory(mcr)() as s:
        mcr_ = queries.load_mcr(s)
    ind = motor.run(mcr_, "2024-T2", dt.date(2024, 7, 20)).indicadores.loc[AULAS]
    assert ind["semaforo"] == "pendiente" and not ind["tardio"]
    _escribir(
        mcr,
        servicio.devolver,
        actor=ANALISTA,
        version_id=primera,
        observacion="Revise el dato.",
        ahora=momento(2024, 7, 20),
    )
    segunda = _reportar(mcr, valor=12, ahora=momento(2024, 7, 25))
    _escribir(mcr, servicio.validar, actor=ANALISTA, version_id=segunda, ahora=momento(2024, 7, 26))
    with session_factory(mcr)() as s:
        resultado = motor.run(queries.load_mcr(s), "2024-T2", dt.date(2024, 8, 1))
    assert not resultado.indicadores.loc[AULAS, "tardio"]
    tipos = set(resultado.alertas.loc[resultado.alertas["entidad"] == AULAS, "tipo"])
    assert not {"reporte_tardio", "reporte_faltante"} & tipos


def test_a_late_first_receipt_is_late(mcr) -> None:
    """A first report received after the deadline is tardío, even before validation."""
    _reportar(mcr, valor=12, ahora=momento(2024, 7, 20))
    with session_factory(mcr)() as s:
        resultado = motor.run(queries.load_mcr(s), "2024-T2", dt.date(2024, 7, 25))
    assert resultado.indicadores.loc[AULAS, "tardio"]
    assert "reporte_tardio" in set(
        resultado.alertas.loc[resultado.alertas["entidad"] == AULAS, "tipo"]
    )


def test_send_all_complete_drafts(mcr) -> None:
    """«Enviar todos» sends every complete draft of the user's institution and leaves the ones
    that need an explanation, saying why."""
    _reportar(mcr, valor=12, enviar=False)
    _escribir(
        mcr,
        servicio.guardar,
        actor=UPGRET_SESAL,
        indicador="MI-SESAL-01-I1",
        periodo="2024-T2",
        valor=10,
        enviar=False,
        ahora=EN_PLAZO,
    )
    with session_factory(mcr, escritura=True)() as s, s.begin():
        enviadas, omitidas = servicio.enviar_completos(s, actor=UPGRET_SEDUC, ahora=EN_PLAZO)
        assert [(v.indicador.codigo, v.periodo) for v in enviadas] == [(AULAS, "2024-T2")]
        assert omitidas == []
    with session_factory(mcr, escritura=True)() as s, s.begin():
        enviadas, omitidas = servicio.enviar_completos(s, actor=UPGRET_SESAL, ahora=EN_PLAZO)
        # 10 controls against a target of 2,200 accumulated: rojo, needs an explanation.
        assert enviadas == []
        assert [o.indicador for o in omitidas] == ["MI-SESAL-01-I1"]
        assert "Explique la variación" in omitidas[0].motivo


def test_validate_several_leaves_flagged_ones(mcr) -> None:
    """Bulk validation validates unflagged versions and leaves flagged ones (here: without
    evidence) for one-by-one review."""
    con = _reportar(mcr, valor=12, evidencia_url="https://seduc.gob.hn/informe-t2.pdf")
    sin = _escribir(
        mcr,
        servicio.guardar,
        actor=UPGRET_SESAL,
        indicador="MS-SAL-01-I1",
        periodo="2024-S2",
        valor=77,
        enviar=True,
        ahora=momento(2025, 1, 5),
    )
    with session_factory(mcr, escritura=True)() as s, s.begin():
        validadas, omitidas = servicio.validar_varios(
            s, actor=ANALISTA, version_ids=[con, sin], ahora=momento(2025, 1, 6)
        )
        assert [v.id for v in validadas] == [con]
        assert [o.version_id for o in omitidas] == [sin]
        assert "sin evidencia" in omitidas[0].motivo


def test_two_analysts_validating_the_same_version_one_wins(mcr) -> None:
    """Two analysts validate (and return) the same version at the same moment: exactly one is
    recorded, the other is told who did it; one audit record, nothing lost."""
    enviada = _reportar(mcr, valor=12)

    def validar(s):
        return servicio.validar(s, actor=ANALISTA, version_id=enviada, ahora=EN_PLAZO).estado

    def devolver(s):
        return servicio.devolver(
            s, actor=ANALISTA_2, version_id=enviada, observacion="Revise.", ahora=EN_PLAZO
        ).estado

    resultados = a_la_vez(mcr, [validar, devolver])
    ganadores = [r for r in resultados if isinstance(r, EstadoVersion)]
    avisados = [r for r in resultados if isinstance(r, VersionYaRevisada)]
    assert len(ganadores) == 1 and len(avisados) == 1, resultados
    assert "ya fue" in str(avisados[0])
    [v] = _versiones(mcr)
    assert v.estado is ganadores[0]
    with session_factory(mcr)() as s:
        revisiones = s.scalar(
            select(func.count())
            .select_from(Auditoria)
            .where(Auditoria.accion.in_(["valor_validado", "valor_devuelto"]))
        )
    assert revisiones == 1


def test_migrated_and_imported_values_are_validated_first_versions(mcr) -> None:
    """Imported values are validated first versions received and validated on their report
    date (Honduras), so figures are those of the file."""
    [v] = _versiones(mcr, AULAS, "2024-T1")
    assert (v.numero, v.estado, v.valor) == (1, EstadoVersion.validado, 10)
    assert periods.hora_honduras(v.recibido_en).date() == dt.date(2024, 4, 5)
    assert periods.hora_honduras(v.validado_en).date() == dt.date(2024, 4, 5)


def test_a_honduras_time_ahora_reads_back_as_the_same_instant(mcr) -> None:
    """An aware non-UTC ``ahora`` (Honduras time, UTC−6) is stored as the instant it names, not
    as its wall time: the version reads back equal to it on both databases, and its report date
    is the Honduras day (an evening send late on the 14th is not the 15th)."""
    tarde = dt.datetime(2024, 7, 14, 21, 30, tzinfo=periods.ZONA_HONDURAS)  # 03:30 UTC on the 15th
    _reportar(mcr, valor=12, ahora=tarde)
    [v] = _versiones(mcr)
    assert v.recibido_en is not None
    assert periods.como_utc(v.recibido_en) == tarde
    assert periods.como_utc(v.creado_en) == tarde
    assert v.fecha_reporte == dt.date(2024, 7, 14)

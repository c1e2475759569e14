"""The DIGER review queue (``data_layer.reportes.cola``, issue #10) on SQLite and PostgreSQL: what
it holds (only sent versions, corrections marked), what the engine says of each value (target,
previous value, resulting avance and state), the flags, the filters, who may read it, and the
reaperturas it lists."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from data_layer.db import session_factory
from data_layer.reportes import cola, controles, servicio
from data_layer.reportes.servicio import ErrorReporte

from .conftest import ANALISTA, UPGRET_SEDUC, UPGRET_SESAL, momento

AULAS = "MI-SEDUC-01-I1"  # SEDUC, quarterly flujo: 2024-T1 = 10 validated, 2024-T2 target 12.5
CONTROLES = "MI-SESAL-01-I1"  # SESAL, quarterly acumulado: 950 of 1000, 2024-T2 target 1200
PARTOS = "MS-SAL-01-I1"  # SESAL, semestral %: 2024-S1 = 74 validated
HOY = dt.date(2024, 7, 25)


def _escribir(db, funcion, **kwargs) -> int:
    with session_factory(db, escritura=True)() as s, s.begin():
        return funcion(s, **kwargs).id


@pytest.fixture
def enviados(mcr) -> dict[str, int]:
    """Three sent versions: SEDUC's aulas on time with evidence (no flag), SESAL's controles
    late, far above target and without evidence, and SESAL's correction of a validated value."""
    return {
        "aulas": _escribir(
            mcr,
            servicio.guardar,
            actor=UPGRET_SEDUC,
            indicador=AULAS,
            periodo="2024-T2",
            valor=12,
            evidencia_url="https://seduc.gob.hn/aulas-t2.pdf",
            enviar=True,
            ahora=momento(2024, 7, 10),
        ),
        "controles": _escribir(
            mcr,
            servicio.guardar,
            actor=UPGRET_SESAL,
            indicador=CONTROLES,
            periodo="2024-T2",
            valor=3000,
            explicacion="Campaña nacional de control prenatal.",
            enviar=True,
            ahora=momento(2024, 7, 20),
        ),
        "correccion": _escribir(
            mcr,
            servicio.solicitar_correccion,
            actor=UPGRET_SESAL,
            indicador=PARTOS,
            periodo="2024-S1",
            valor=76,
            motivo="Faltaban los partos de la región 5.",
            evidencia_url="https://salud.gob.hn/partos.xlsx",
            ahora=momento(2024, 7, 21),
        ),
    }


def _cola(db, actor=ANALISTA) -> list[cola.EntradaCola]:
    with session_factory(db)() as s:
        return cola.consultar_cola(s, actor, hoy=HOY)


def test_queue_holds_every_sent_version_with_the_engine_figures(mcr, enviados) -> None:
    """Each sent version is in the queue, oldest receipt first, with its institution, sector,
    indicator, unit, target, previous value and the avance and state it would get if validated
    (flujo: 12 / 12.5; acumulado: (950 + 3000) / (1000 + 1200))."""
    entradas = {e.version_id: e for e in _cola(mcr)}
    assert list(entradas) == [enviados["aulas"], enviados["controles"], enviados["correccion"]]

    aulas = entradas[enviados["aulas"]]
    assert (aulas.institucion, aulas.sector, aulas.indicador, aulas.unidad, aulas.periodo) == (
        "SEDUC",
        "EDU",
        AULAS,
        "aulas",
        "2024-T2",
    )
    assert (aulas.valor, aulas.meta, aulas.valor_anterior) == (12, 12.5, 10)
    assert aulas.avance_pct == pytest.approx(96.0) and aulas.semaforo == "verde"
    assert aulas.enviado_por == "upgret.seduc" and aulas.recibido_en is not None
    assert aulas.evidencia_url == "https://seduc.gob.hn/aulas-t2.pdf"
    assert not aulas.correccion and math.isnan(aulas.valor_validado)

    controles_ = entradas[enviados["controles"]]
    assert controles_.avance_pct == pytest.approx((950 + 3000) / 2200 * 100)
    assert controles_.explicacion == "Campaña nacional de control prenatal."
    assert controles_.sector == "SAL"


def test_a_correction_is_marked_with_its_reason_and_the_value_it_replaces(mcr, enviados) -> None:
    """A solicitud de corrección is in the queue as such, with its motivo, the validated value
    it would replace and the avance the corrected value would give."""
    [c] = [e for e in _cola(mcr) if e.version_id == enviados["correccion"]]
    assert c.correccion and c.motivo == "Faltaban los partos de la región 5."
    assert (c.valor, c.valor_validado, c.meta) == (76, 74, 75)
    assert c.avance_pct == pytest.approx((76 - 70) / (75 - 70) * 100)  # stock with a baseline


def test_flags_atypical_missing_evidence_late_large_change(mcr, enviados) -> None:
    """Flags follow ``controles.banderas``: the late, far-above-target value without evidence is
    «sin evidencia», «tardío» and «gran variación»; the on-time value with evidence, none."""
    entradas = {e.version_id: e for e in _cola(mcr)}
    assert entradas[enviados["aulas"]].banderas == ()
    assert entradas[enviados["controles"]].banderas == (
        "sin_evidencia",
        "tardio",
        "gran_variacion",
    )
    assert entradas[enviados["controles"]].avisos  # it needed an explanation to be sent
    assert set(entradas[enviados["controles"]].banderas) <= set(controles.BANDERAS)


def test_only_sent_versions_are_in_the_queue(mcr, enviados) -> None:
    """Validated, returned and draft versions are not waiting for review: only ``enviado``."""
    _escribir(mcr, servicio.validar, actor=ANALISTA, version_id=enviados["aulas"])
    _escribir(
        mcr,
        servicio.devolver,
        actor=ANALISTA,
        version_id=enviados["controles"],
        observacion="Revise el acumulado.",
    )
    _escribir(
        mcr,
        servicio.guardar,
        actor=UPGRET_SESAL,
        indicador=CONTROLES,
        periodo="2024-T2",
        valor=1300,
        ahora=momento(2024, 7, 22),
    )  # a draft of the corrected value, not sent
    assert [e.version_id for e in _cola(mcr)] == [enviados["correccion"]]


def test_filters_by_institution_sector_period_flag_and_type(mcr, enviados) -> None:
    """Each filter narrows the queue; «sin banderas» keeps what bulk validation would take; an
    unknown value matches nothing."""
    todas = _cola(mcr)

    def ids(**f) -> list[int]:
        return [e.version_id for e in cola.filtrar(todas, cola.FiltrosCola(**f))]

    assert ids(institucion="SEDUC") == [enviados["aulas"]]
    assert ids(sector="SAL") == [enviados["controles"], enviados["correccion"]]
    assert ids(periodo="2024-S1") == [enviados["correccion"]]
    assert ids(bandera="tardio") == [enviados["controles"]]
    # A correction is always reviewed one by one: not among those validated in bulk.
    assert ids(bandera=cola.SIN_BANDERAS) == [enviados["aulas"]]
    assert ids(tipo="correccion") == [enviados["correccion"]]
    assert ids(institucion="SESAL", periodo="2024-T2") == [enviados["controles"]]
    assert ids(institucion="NOEXISTE") == []
    assert len(ids()) == 3


def test_one_engine_pass_for_the_whole_queue(mcr, enviados, monkeypatch) -> None:
    """The checks of every queued value run in one batched engine evaluation, not per row."""
    llamadas = []
    original = controles.revisar_mcr

    def contar(*args, **kwargs):
        llamadas.append(len(args[1]))
        return original(*args, **kwargs)

    monkeypatch.setattr(controles, "revisar_mcr", contar)
    assert len(_cola(mcr)) == 3
    assert llamadas == [3]


def test_bulk_validation_takes_exactly_the_unflagged_entries(mcr, enviados) -> None:
    """What the queue shows as «sin banderas» is what ``validar_varios`` validates; the flagged
    one and the correction are left out with the reason."""
    todas = _cola(mcr)
    sin = {e.version_id for e in todas if not e.con_banderas}
    with session_factory(mcr, escritura=True)() as s, s.begin():
        validadas, omitidas = servicio.validar_varios(
            s, actor=ANALISTA, version_ids=[e.version_id for e in todas]
        )
        hechas = {v.id for v in validadas}
    assert hechas == sin
    motivos = {o.version_id: o.motivo for o in omitidas}
    assert set(motivos) == {enviados["controles"], enviados["correccion"]}
    assert "valídela una por una" in motivos[enviados["controles"]]
    assert "solicitud de corrección" in motivos[enviados["correccion"]]


def test_only_analysts_read_the_queue(mcr, enviados) -> None:
    """A UPGRET user (or nobody) is refused the queue and sees no pending count."""
    for actor in (UPGRET_SESAL, None):
        with pytest.raises(ErrorReporte, match="Solo los analistas"):
            _cola(mcr, actor)
        with session_factory(mcr)() as s:
            assert cola.contar_pendientes(s, actor) == 0
            with pytest.raises(ErrorReporte, match="Solo los analistas"):
                cola.reaperturas_vigentes(s, actor, hoy=HOY)
    with session_factory(mcr)() as s:
        assert cola.contar_pendientes(s, ANALISTA) == 3


def test_empty_queue(mcr) -> None:
    """With nothing sent, the queue is empty (no engine run needed)."""
    assert _cola(mcr) == []


def test_reaperturas_in_force_and_closed_periods(mcr) -> None:
    """A reapertura is listed until it expires; the closed periods are those past their
    closing day (deadline + 30 days), latest first."""
    _escribir(
        mcr,
        servicio.reabrir,
        actor=ANALISTA,
        institucion="SESAL",
        periodo="2024-T1",
        motivo="Cambio de director de la UPGRET.",
        vence_en=dt.date(2024, 8, 10),
        ahora=momento(2024, 7, 25),
    )
    with session_factory(mcr)() as s:
        [r] = cola.reaperturas_vigentes(s, ANALISTA, hoy=HOY)
        assert (r.institucion, r.periodo, r.vence_en, r.creada_por) == (
            "SESAL",
            "2024-T1",
            dt.date(2024, 8, 10),
            "analista.uno",
        )
        assert cola.reaperturas_vigentes(s, ANALISTA, hoy=dt.date(2024, 8, 11)) == []
        assert cola.periodos_cerrados(s, hoy=HOY) == ["2024-T1"]
        assert cola.periodos_cerrados(s, hoy=dt.date(2025, 6, 1)) == [
            "2024-S2",
            "2024",
            "2024-T2",
            "2024-S1",
            "2024-T1",
        ]


def test_a_resent_value_shows_the_returned_version_and_its_observacion(mcr) -> None:
    """After a return, the resent version's detail says which version was returned, its value
    and the analyst's observación (the analyst checks the correction answers it)."""
    primera = _escribir(
        mcr,
        servicio.guardar,
        actor=UPGRET_SEDUC,
        indicador=AULAS,
        periodo="2024-T2",
        valor=12,
        enviar=True,
        ahora=momento(2024, 7, 10),
    )
    _escribir(
        mcr,
        servicio.devolver,
        actor=ANALISTA,
        version_id=primera,
        observacion="Falta el acta de Olancho.",
        ahora=momento(2024, 7, 11),
    )
    _escribir(
        mcr,
        servicio.guardar,
        actor=UPGRET_SEDUC,
        indicador=AULAS,
        periodo="2024-T2",
        valor=11,
        explicacion="Sin el aula de Olancho, que no se recibió.",
        enviar=True,
        ahora=momento(2024, 7, 12),
    )
    [entrada] = [e for e in _cola(mcr) if e.indicador == AULAS]
    assert entrada.devuelta is not None
    numero, valor, observacion, _cuando = entrada.devuelta
    assert (numero, valor, observacion) == (1, 12.0, "Falta el acta de Olancho.")
    from data_layer.vistas import validacion as vm

    campos = dict(vm.detalle(entrada, HOY))
    assert "Falta el acta de Olancho." in campos["Versión devuelta antes"]
    assert campos["Versión devuelta antes"].startswith("v1: 12")

"""The demo shows the whole reporting cycle (issue #10, «the demo shows the whole cycle»): values
sent and waiting (flagged), returned, corrected, a solicitud de corrección waiting, a reapertura,
a draft, and most values validated with the MCR's figures."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from data_layer import periods, queries
from data_layer.db import make_engine, session_factory
from data_layer.demo import DEMO_DIR, USUARIOS_DEMO
from data_layer.engine import run
from data_layer.engine.frames import Reglas
from data_layer.models import Avance, EstadoVersion, Indicador, OrigenVersion, Reapertura
from data_layer.reportes import controles
from data_layer.reportes import demo as ciclo
from data_layer.reportes.reglas import vencimiento


@pytest.fixture(scope="module")
def demo(demo_database_url):
    """The demo database (loaded as `sigpret seed demo` does) and its 2026-T3 versions by
    indicator, in number order."""
    engine = make_engine(demo_database_url)
    with session_factory(engine)() as s:
        filas = s.execute(
            select(Indicador.codigo, Avance)
            .join(Indicador, Indicador.id == Avance.indicador_id)
            .where(Avance.periodo == ciclo.PERIODO)
            .order_by(Indicador.codigo, Avance.numero)
        ).all()
        reaperturas = [(r.institucion.sigla, r.periodo) for r in s.scalars(select(Reapertura))]
        mcr = queries.load_mcr(s)
    versiones: dict[str, list[Avance]] = {}
    for codigo, version in filas:
        versiones.setdefault(codigo, []).append(version)
    yield engine, versiones, reaperturas, mcr
    engine.dispose()


def _estados(versiones: list[Avance]) -> list[EstadoVersion]:
    return [v.estado for v in versiones]


def test_the_demo_has_each_situation_of_the_cycle(demo) -> None:
    """For 2026-T3 the demo holds: values sent and waiting (one atípico, one late and without
    evidence, others of SEDUC and SEDESOL), returned and not sent again, returned then resent,
    a validated value replaced by a validated correction (reemplazado), a solicitud de
    corrección waiting beside its validated value, a reapertura used by a late report, and a
    draft; every step by a named demo user."""
    engine, v, reaperturas, _ = demo
    enviado, devuelto, validado, reemplazado, borrador = (
        EstadoVersion.enviado,
        EstadoVersion.devuelto,
        EstadoVersion.validado,
        EstadoVersion.reemplazado,
        EstadoVersion.borrador,
    )
    assert _estados(v["MS-SAL-03-I2"]) == [enviado]
    assert _estados(v["MI-SESAL-04-I1"]) == [enviado]
    assert _estados(v["MI-SESAL-02-I2"]) == [devuelto, enviado]
    assert _estados(v["MI-SESAL-03-I3"]) == [devuelto]
    assert _estados(v["MI-SEDUC-04-I2"]) == [devuelto]
    assert _estados(v["MI-SESAL-02-I1"]) == [reemplazado, validado]
    assert _estados(v["MI-SESAL-05-I2"]) == [devuelto, validado]
    assert _estados(v["MS-SAL-01-I1"]) == [validado, enviado]
    assert v["MS-SAL-01-I1"][1].origen is OrigenVersion.correccion and v["MS-SAL-01-I1"][1].motivo
    assert v["MI-SESAL-02-I1"][1].origen is OrigenVersion.correccion
    assert _estados(v["MI-SESAL-01-I1"]) == [borrador]
    assert _estados(v["MI-SEDUC-02-I3"]) == [enviado]
    assert _estados(v["MI-SEDESOL-02-I3"]) == [enviado]
    assert all(x.observacion for c in ("MI-SESAL-03-I3", "MI-SEDUC-04-I2") for x in v[c])

    # The flags of the review queue on the waiting values.
    reglas = Reglas()
    with session_factory(engine)() as s:
        [atipico, tardio] = controles.revisar(
            s,
            [
                controles.Candidato("MS-SAL-03-I2", ciclo.PERIODO, v["MS-SAL-03-I2"][0].valor),
                controles.Candidato("MI-SESAL-04-I1", ciclo.PERIODO, 622),
            ],
            reglas,
            dt.date(2026, 11, 23),
        )
    assert atipico.atipico and v["MS-SAL-03-I2"][0].explicacion
    tarde = v["MI-SESAL-04-I1"][0]
    assert "sin_evidencia" in controles.banderas(tardio, con_evidencia=False, tardio=True)
    assert not (tarde.evidencia_url or tarde.evidencia_id)
    assert periods.hora_honduras(tarde.recibido_en).date() > vencimiento(ciclo.PERIODO, reglas)

    # The reapertura, and the late report it let in (validated).
    assert reaperturas == [("SEDESOL", ciclo.PERIODO)]
    [reabierto] = v["MI-SEDESOL-04-I1"]
    assert reabierto.estado is validado
    assert periods.hora_honduras(reabierto.recibido_en).date() > dt.date(2026, 11, 14)

    # Nobody validated what they sent; two analysts reviewed; nothing after the demo's day.
    propias = [
        x
        for versiones in v.values()
        for x in versiones
        if x.enviado_por and x.origen is not OrigenVersion.importacion
    ]
    assert all(x.revisado_por != x.enviado_por for x in propias)
    assert {x.revisado_por for x in propias if x.revisado_por} == {"analista", "analista2"}
    assert {x.enviado_por for x in propias} == {"upgret.sesal", "upgret.seduc", "upgret.sedesol"}
    usuarios = {u[0] for u in USUARIOS_DEMO}
    assert {x.revisado_por for x in propias if x.revisado_por} <= usuarios
    assert max(periods.hora_honduras(x.recibido_en).date() for x in propias) <= dt.date(
        2026, 11, 23
    )


def test_most_values_are_validated_with_the_mcr_figures(demo, tmp_path) -> None:
    """Every value reported through the cycle except the few on purpose is validated with the
    value and report date of the demo MCR, so official figures stay meaningful: at the demo's
    cut date the engine sees those values exactly as the seeds hold them."""
    _, v, _, mcr = demo
    retenidos = ciclo.retener(DEMO_DIR, tmp_path / "demo")
    assert len(retenidos) > 30
    corrientes = [c for c in retenidos if c not in ciclo.ESPECIALES]
    assert len(corrientes) >= 2 * len(ciclo.ESPECIALES) - 1
    for codigo in corrientes:
        [version] = v[codigo]
        valor, dia = retenidos[codigo]
        assert (version.estado, version.valor, version.fecha_reporte) == (
            EstadoVersion.validado,
            valor,
            dia,
        ), codigo
    # The corrected and the resent ones end on the MCR's value too.
    for codigo in ("MI-SESAL-02-I1", "MI-SESAL-05-I2", "MS-SAL-01-I1", "MI-SEDESOL-04-I1"):
        oficial = next(x for x in v[codigo] if x.estado is EstadoVersion.validado)
        assert oficial.valor == retenidos[codigo][0], codigo

    res = run(mcr, ciclo.PERIODO, dt.date(2026, 11, 23))
    for codigo in corrientes:
        assert res.indicadores.loc[codigo, "valor_periodo"] == retenidos[codigo][0], codigo
    # A value waiting for validation does not count.
    assert res.indicadores.loc["MS-SAL-03-I2", "valor_periodo"] != 2950

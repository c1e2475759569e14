"""The versions of an indicator's values as its page shows them (data_layer.vistas.versiones)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from data_layer import periods
from data_layer.auth import Alcance
from data_layer.models import EstadoVersion, Rol
from data_layer.queries import query_versiones_indicador
from data_layer.vistas.versiones import pendientes, valor_en_grafico, versiones_por_periodo

MINISTRO = Alcance(usuario="ministro.salud", rol=Rol.ministro, sectores=frozenset({"SAL"}))
ANALISTA = Alcance(usuario="analista", rol=Rol.analista)
UPGRET = Alcance(usuario="upgret.sesal", rol=Rol.upgret, instituciones=frozenset({"SESAL"}))
OTRA_UPGRET = Alcance(usuario="upgret.seduc", rol=Rol.upgret, instituciones=frozenset({"SEDUC"}))


def _utc(mes: int, dia: int, hora: int) -> dt.datetime:
    """A stored time as SQLite returns it: naive UTC."""
    return dt.datetime(2026, mes, dia, hora)


def _fila(periodo: str, numero: int, estado: str, valor: float, **campos) -> dict:
    fila = {c.name: None for c in query_versiones_indicador("X").selected_columns}
    fila.update(
        periodo=periodo,
        numero=numero,
        estado=estado,
        origen=campos.pop("origen", "reporte"),
        valor=valor,
    )
    fila.update(campos)
    return fila


def _historia() -> pd.DataFrame:
    """2026-T2 imported; 2026-T3: a typing slip validated then replaced by a validated
    correction, then a solicitud de corrección waiting; 2026-T4 returned and a draft."""
    filas = [
        _fila(
            "2026-T3",
            1,
            "reemplazado",
            98.7,
            enviado_por="upgret.sesal",
            recibido_en=_utc(10, 6, 14),
            revisado_por="analista",
            validado_en=_utc(10, 8, 17),
            reemplazado_en=_utc(10, 22, 22),
        ),
        _fila(
            "2026-T3",
            3,
            "enviado",
            87.1,
            origen="correccion",
            enviado_por="upgret.sesal",
            recibido_en=_utc(11, 17, 17),
            motivo="Reportes tardíos al SIIS.",
        ),
        _fila(
            "2026-T2",
            1,
            "validado",
            87.4,
            origen="importacion",
            recibido_en=_utc(7, 13, 6),
            validado_en=_utc(7, 13, 6),
            comentario="Fuente SIIS",
        ),
        _fila(
            "2026-T3",
            2,
            "validado",
            89.7,
            origen="correccion",
            enviado_por="upgret.sesal",
            recibido_en=_utc(10, 20, 15),
            revisado_por="analista2",
            validado_en=_utc(10, 22, 22),
            motivo="Error de digitación.",
            evidencia_url="https://example.org/e.pdf",
            evidencia_clave="a" * 64,
            evidencia_nombre="informe.pdf",
        ),
        _fila(
            "2026-T4",
            1,
            "devuelto",
            5.0,
            enviado_por="upgret.sesal",
            recibido_en=_utc(1, 5, 15),
            revisado_por="analista2",
            devuelto_en=_utc(1, 7, 15),
            observacion="Revise la escala.",
            explicacion="Baja ejecución.",
        ),
        _fila("2026-T4", 2, "borrador", 50.0),
    ]
    return pd.DataFrame(filas)


def test_versions_are_grouped_by_period_latest_first_in_number_order() -> None:
    """Periods come latest first; within a period, versions by number whatever the row order;
    states, origins, who and when (in Honduras time) are those of each version."""
    historia = versiones_por_periodo(_historia(), UPGRET, "SESAL")
    assert [p.periodo for p in historia] == ["2026-T4", "2026-T3", "2026-T2"]
    t3 = historia[1]
    assert [v.numero for v in t3.versiones] == [1, 2, 3]
    assert [v.estado for v in t3.versiones] == [
        EstadoVersion.reemplazado,
        EstadoVersion.validado,
        EstadoVersion.enviado,
    ]
    assert [v.estado_texto for v in t3.versiones] == [
        "Reemplazado",
        "Validado (oficial)",
        "Por validar",
    ]
    primera, segunda, tercera = t3.versiones
    assert primera.enviado_por == "upgret.sesal"
    assert primera.recibido_en == dt.datetime(2026, 10, 6, 8, tzinfo=periods.ZONA_HONDURAS)
    assert (primera.revisado_por, primera.revisado_en.hour) == ("analista", 11)
    assert primera.reemplazado_en is not None
    assert (segunda.origen_texto, segunda.motivo) == (
        "Solicitud de corrección",
        "Error de digitación.",
    )
    assert (segunda.evidencia_clave, segunda.evidencia_nombre) == ("a" * 64, "informe.pdf")
    assert segunda.evidencia_url == "https://example.org/e.pdf"
    assert (tercera.revisado_por, tercera.revisado_en) == (None, None)
    devuelta = historia[0].versiones[0]
    assert (devuelta.revisado_por, devuelta.observacion, devuelta.explicacion) == (
        "analista2",
        "Revise la escala.",
        "Baja ejecución.",
    )
    assert devuelta.revisado_en == dt.datetime(2026, 1, 7, 9, tzinfo=periods.ZONA_HONDURAS)
    assert historia[2].versiones[0].comentario == "Fuente SIIS"


def test_the_official_value_is_the_validated_one_and_the_sent_one_is_por_validar() -> None:
    """Each period names its official version (validated) and the one waiting for validation
    (sent), which is never the official one; a returned period has neither."""
    historia = versiones_por_periodo(_historia(), ANALISTA, "SESAL")
    t4, t3, t2 = historia
    assert t3.oficial is not None and t3.oficial.valor == 89.7
    assert t3.pendiente is not None and t3.pendiente.valor == 87.1
    assert t3.pendiente.por_validar and not t3.pendiente.oficial
    assert (t2.oficial.valor, t2.pendiente) == (87.4, None)
    assert (t4.oficial, t4.pendiente) == (None, None)
    assert {p: v.valor for p, v in pendientes(historia).items()} == {"2026-T3": 87.1}
    assert t3.con_historia and t4.con_historia and not t2.con_historia


def test_drafts_are_shown_only_to_the_reporting_institution() -> None:
    """A draft is not a report: the minister, the analyst and another institution's UPGRET do
    not see it; the indicator's own UPGRET does."""
    for alcance in (MINISTRO, ANALISTA, OTRA_UPGRET, None):
        t4 = versiones_por_periodo(_historia(), alcance, "SESAL")[0]
        assert [v.estado for v in t4.versiones] == [EstadoVersion.devuelto], alcance
    t4 = versiones_por_periodo(_historia(), UPGRET, "SESAL")[0]
    assert [v.estado for v in t4.versiones] == [EstadoVersion.devuelto, EstadoVersion.borrador]


def test_a_period_with_only_a_hidden_draft_is_not_listed() -> None:
    """A period whose only version is a draft the user may not see does not appear at all."""
    solo_borrador = pd.DataFrame([_fila("2026-T3", 1, "borrador", 5.0)])
    assert versiones_por_periodo(solo_borrador, MINISTRO, "SESAL") == []
    assert versiones_por_periodo(pd.DataFrame(), MINISTRO, "SESAL") == []


def test_pending_marker_position_on_the_chart() -> None:
    """The «por validar» marker sits at the value itself, or for an acumulado indicator at the
    validated values of the earlier periods of its target window plus it."""
    serie = pd.DataFrame(
        {
            "periodo": ["2025-T4", "2026-T1", "2026-T2", "2026-T3"],
            "meta_periodo": [float("nan"), 10.0, 10.0, 10.0],
            "valor_periodo": [100.0, 8.0, 9.0, float("nan")],
        }
    )
    assert valor_en_grafico(serie, "2026-T3", 7.0, acumulado=False) == 7.0
    assert valor_en_grafico(serie, "2026-T3", 7.0, acumulado=True) == 24.0

"""Publishing and withdrawing a quarter through ``data_layer.publicacion.servicio`` (issue #14),
on SQLite and PostgreSQL: the same figures are never published twice, a preview of other
figures or data that moved since the preparation publish nothing, only DIGER's analysts (and
the administrators) may act, only a quarter already due and programmed is published, a
withdrawal needs a reason and brings back the earlier edition; every act is audited."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from data_layer import permisos, queries
from data_layer.db import session_factory
from data_layer.errores import CampoDemasiadoLargo
from data_layer.publicacion import consultas
from data_layer.publicacion.servicio import (
    ConflictoPublicacion,
    ErrorPublicacion,
    trimestres_publicables,
)
from data_layer.reportes import servicio as reportes
from tests.integration.revisiones.conftest import ADMIN, COORD, MINISTRO, PRESIDENCIA, UPGRET

from .conftest import (
    ANALISTA_2,
    AULAS,
    HOY,
    REGLAS,
    TRIMESTRE,
    UPGRET_SEDUC,
    auditoria,
    escribir,
    filas,
    momento,
    n_publicaciones,
    preparar,
    publicar,
    publicar_trimestre,
    reportar,
    retirar,
    validar,
)

#: Everyone who may not publish: every role but analista and admin, and nobody logged in.
SIN_PERMISO = [UPGRET, MINISTRO, COORD, PRESIDENCIA, None]


def _dos_ediciones(db):
    """Edition 1 of 2024-T2 with SEDUC's 12 aulas, edition 2 after a correction to 9."""
    validar(db, reportar(db, AULAS, 12, momento(2024, 7, 10)), momento(2024, 7, 12))
    ed1 = publicar(db, preparar(db), ahora=momento(2024, 8, 1, 9))
    correccion = escribir(
        db,
        reportes.solicitar_correccion,
        actor=UPGRET_SEDUC,
        indicador=AULAS,
        periodo=TRIMESTRE,
        valor=9,
        motivo="Tres aulas no se terminaron.",
        ahora=momento(2024, 8, 5),
    )
    validar(db, correccion, momento(2024, 8, 6), actor=ANALISTA_2)
    ed2 = publicar(db, preparar(db, hoy=dt.date(2024, 8, 10)), ahora=momento(2024, 8, 10, 9))
    return ed1, ed2


# --- publishing once ------------------------------------------------------------------------


def test_publishing_the_same_figures_twice_is_refused(mcr) -> None:
    """A double click or a retry: the second publication of the same figures is refused in
    Spanish («ya está publicado con estas mismas cifras», naming the edition) and only one row
    and one audit record exist."""
    primera = publicar_trimestre(mcr)
    assert (primera.periodo, primera.edicion, primera.publicada_por) == (
        TRIMESTRE,
        1,
        "analista.uno",
    )
    with pytest.raises(
        ErrorPublicacion, match=r"2024-T2 ya está publicado con estas mismas cifras \(edición 1"
    ):
        publicar_trimestre(mcr, actor=ANALISTA_2)
    assert n_publicaciones(mcr) == 1
    assert [a.accion for a in auditoria(mcr)] == ["publicacion_publicada"]


def test_the_same_figures_on_a_later_day_are_not_a_new_edition(mcr) -> None:
    """Publishing unchanged figures a day later (only the cut date differs) is refused: a new
    edition is for figures that changed."""
    publicar_trimestre(mcr)
    with pytest.raises(ErrorPublicacion, match="ya está publicado con estas mismas cifras"):
        publicar_trimestre(mcr, hoy=dt.date(2024, 8, 2), actor=ANALISTA_2)
    assert n_publicaciones(mcr) == 1


def test_publishing_records_who_when_and_audits_the_huella(mcr) -> None:
    """The edition stores who published it, when, its cut date and huella; the audit row
    ``publicacion_publicada`` names the edition and carries the huella."""
    preparada = preparar(mcr)
    pub = publicar(mcr, preparada, ahora=momento(2024, 8, 1, 9))
    [fila] = filas(mcr)
    assert (fila.publicada_por, fila.fecha_corte, fila.huella) == (
        "analista.uno",
        HOY,
        preparada.huella,
    )
    with session_factory(mcr)() as s:
        # Read back as the same instant on both databases (SQLite keeps no time zone).
        assert consultas.buscar(s, TRIMESTRE).publicada_en == momento(2024, 8, 1, 9)
    [registro] = auditoria(mcr)
    detalle = json.loads(registro.detalle)
    assert (registro.accion, registro.usuario, registro.entidad) == (
        "publicacion_publicada",
        "analista.uno",
        f"publicacion:{TRIMESTRE}/1",
    )
    assert detalle == {
        "periodo": TRIMESTRE,
        "edicion": 1,
        "fecha_corte": "2024-08-01",
        "huella": preparada.huella,
        "reemplaza_edicion": None,
    }
    assert pub.id == fila.id


@pytest.mark.parametrize("vista", [None, "", "0" * 64, "huella-de-otra-vista-previa"])
def test_a_preview_of_other_figures_publishes_nothing(mcr, vista) -> None:
    """``publicar`` with a huella other than the preparation's (the analyst looked at other
    figures, or at none) raises ConflictoPublicacion: no row, no audit."""
    with pytest.raises(ConflictoPublicacion, match="Los datos cambiaron desde la vista previa"):
        publicar(mcr, preparar(mcr), huella_vista=vista)
    assert n_publicaciones(mcr) == 0
    assert auditoria(mcr) == []


def test_data_validated_between_preview_and_publication_publishes_nothing(mcr) -> None:
    """A value validated after the preparation moves the data version: publishing that
    preparation raises ConflictoPublicacion, even with the matching huella; nothing is written
    or audited. A new preparation then publishes."""
    enviada = reportar(mcr, AULAS, 12, momento(2024, 7, 10))
    preparada = preparar(mcr)
    validar(mcr, enviada, momento(2024, 7, 12))
    with pytest.raises(ConflictoPublicacion, match="no se publicó nada"):
        publicar(mcr, preparada)
    assert n_publicaciones(mcr) == 0
    assert auditoria(mcr) == []
    assert publicar(mcr, preparar(mcr)).edicion == 1


# --- who may --------------------------------------------------------------------------------


@pytest.mark.parametrize("actor", SIN_PERMISO, ids=lambda a: a.rol.value if a else "anonimo")
def test_only_analysts_and_admins_publish_and_withdraw(mcr, actor) -> None:
    """Every role but analista and admin (and nobody logged in) is refused by preparar,
    publicar and retirar with ``permisos.SIN_PERMISO_PUBLICAR``; nothing is written or
    audited."""
    with pytest.raises(ErrorPublicacion) as error:
        preparar(mcr, actor=actor)
    assert str(error.value) == permisos.SIN_PERMISO_PUBLICAR

    preparada = preparar(mcr)
    with pytest.raises(ErrorPublicacion) as error:
        publicar(mcr, preparada, actor=actor)
    assert str(error.value) == permisos.SIN_PERMISO_PUBLICAR
    assert n_publicaciones(mcr) == 0 and auditoria(mcr) == []

    pub = publicar(mcr, preparada)
    with pytest.raises(ErrorPublicacion) as error:
        retirar(mcr, pub.id, "Cifras equivocadas.", actor=actor)
    assert str(error.value) == permisos.SIN_PERMISO_PUBLICAR
    [fila] = filas(mcr)
    assert (fila.retirada_en, fila.retirada_por, fila.motivo_retiro) == (None, None, None)
    assert [a.accion for a in auditoria(mcr)] == ["publicacion_publicada"]


def test_an_admin_publishes_and_withdraws(mcr) -> None:
    """The administrators may publish and withdraw too (as they may import)."""
    pub = publicar_trimestre(mcr, actor=ADMIN)
    assert retirar(mcr, pub.id, "Prueba de la administración.", actor=ADMIN).retirada_por == "admin"


# --- which quarter --------------------------------------------------------------------------


def test_only_a_quarter_is_published(mcr) -> None:
    """A year, a semester, a typo or nothing is refused with a Spanish message naming the
    expected form («2026-T3»), before anything is read."""
    for periodo in ["2026", "2026-S1", "abc", "", "   ", None, "2024-t2", "2024-T5", "2024-T02"]:
        with pytest.raises(
            ErrorPublicacion, match=r"no es un trimestre( válido)? \(p\. ej\. 2026-T3\)"
        ):
            preparar(mcr, periodo=periodo)
    assert preparar(mcr, periodo=f" {TRIMESTRE} ").periodo == TRIMESTRE


def test_a_quarter_not_yet_due_is_refused(mcr) -> None:
    """2024-T2's reports are due on 15/07/2024: the day before, it cannot be published (it
    would show «pendiente» everywhere); on the day it can."""
    with pytest.raises(ErrorPublicacion, match=r"Los reportes de 2024-T2 vencen el 15/07/2024"):
        preparar(mcr, hoy=dt.date(2024, 7, 14))
    assert preparar(mcr, hoy=dt.date(2024, 7, 15)).periodo == TRIMESTRE
    with pytest.raises(ErrorPublicacion, match="vencen el"):
        preparar(mcr, periodo="2026-T4", hoy=HOY)


def test_a_quarter_without_targets_is_refused(mcr) -> None:
    """A due quarter in which no indicator has a target (2024-T3 of the small MCR: its targets
    are quarterly in T1–T2, semestral and annual) is refused in Spanish."""
    with pytest.raises(
        ErrorPublicacion, match="Ningún indicador tiene metas programadas en 2024-T3"
    ):
        preparar(mcr, periodo="2024-T3", hoy=dt.date(2024, 11, 1))
    with session_factory(mcr)() as s:
        publicables = trimestres_publicables(queries.load_mcr(s), REGLAS, dt.date(2024, 11, 1))
    assert "2024-T3" not in publicables and TRIMESTRE in publicables


# --- withdrawing ----------------------------------------------------------------------------


@pytest.mark.parametrize("motivo", [None, "", "   \n\t"])
def test_withdrawing_needs_a_reason(mcr, motivo) -> None:
    """No reason (missing, empty, blank) refuses the withdrawal in Spanish; the edition stays
    published and nothing is audited."""
    pub = publicar_trimestre(mcr)
    with pytest.raises(ErrorPublicacion, match="Indique el motivo del retiro"):
        retirar(mcr, pub.id, motivo)
    assert filas(mcr)[0].retirada_en is None
    assert [a.accion for a in auditoria(mcr)] == ["publicacion_publicada"]


def test_a_reason_under_10_characters_is_refused(mcr) -> None:
    """A reason shorter than MIN_MOTIVO (after trimming) refuses the withdrawal in Spanish; 10
    characters are accepted."""
    pub = publicar_trimestre(mcr)
    with pytest.raises(ErrorPublicacion, match="muy corto: escriba al menos 10 caracteres"):
        retirar(mcr, pub.id, "  error   ")
    assert filas(mcr)[0].retirada_en is None
    assert retirar(mcr, pub.id, "x" * 10).motivo_retiro == "x" * 10


def test_a_reason_over_2000_characters_is_refused(mcr) -> None:
    """The reason is capped at 2,000 characters (CampoDemasiadoLargo); 2,000 are accepted."""
    pub = publicar_trimestre(mcr)
    with pytest.raises(CampoDemasiadoLargo):
        retirar(mcr, pub.id, "x" * 2001)
    assert filas(mcr)[0].retirada_en is None
    assert retirar(mcr, pub.id, "x" * 2000).motivo_retiro == "x" * 2000


def test_withdrawing_records_who_when_why_and_brings_back_the_earlier_edition(mcr) -> None:
    """Withdrawing edition 2 records who, when and why, audits ``publicacion_retirada`` with
    the reason and huella; a second withdrawal is refused; the quarter's current edition is
    edition 1 again; ``publicadas`` never lists the withdrawn edition, ``todas`` lists both
    with their state, ``buscar(periodo, 2)`` still finds it marked as withdrawn."""
    ed1, ed2 = _dos_ediciones(mcr)
    with session_factory(mcr)() as s:
        assert [(e.edicion, e.vigente) for e in consultas.publicadas(s)] == [(2, True)]

    retirada = retirar(
        mcr,
        ed2.id,
        "  Error de digitación en SEDUC.  ",
        actor=ANALISTA_2,
        ahora=momento(2024, 8, 11),
    )
    assert (retirada.retirada_por, retirada.motivo_retiro) == (
        "analista.dos",
        "Error de digitación en SEDUC.",
    )
    assert retirada.retirada_en == momento(2024, 8, 11)
    registro = auditoria(mcr)[-1]
    assert (registro.accion, registro.usuario, registro.entidad) == (
        "publicacion_retirada",
        "analista.dos",
        f"publicacion:{TRIMESTRE}/2",
    )
    assert json.loads(registro.detalle) == {
        "motivo": "Error de digitación en SEDUC.",
        "huella": ed2.huella,
    }

    with pytest.raises(
        ErrorPublicacion, match="La edición 2 de 2024-T2 ya fue retirada el 11/08/2024"
    ):
        retirar(mcr, ed2.id, "Otra vez, por si acaso.")
    with pytest.raises(ErrorPublicacion, match="Esa publicación no existe"):
        retirar(mcr, 999_999, "No existe.")
    assert [a.accion for a in auditoria(mcr)].count("publicacion_retirada") == 1

    with session_factory(mcr)() as s:
        assert consultas.vigente_de(s, TRIMESTRE).id == ed1.id
        assert consultas.buscar(s, TRIMESTRE).edicion == 1
        publicadas = consultas.publicadas(s)
        assert [(e.id, e.vigente, e.retirada_en) for e in publicadas] == [(ed1.id, True, None)]
        assert [e.edicion for e in consultas.ediciones_de(s, TRIMESTRE)] == [1]
        todas = {e.edicion: e for e in consultas.todas(s)}
        assert set(todas) == {1, 2}
        assert (todas[2].vigente, todas[2].retirada_por) == (False, "analista.dos")
        assert todas[2].motivo_retiro == "Error de digitación en SEDUC."
        assert todas[2].retirada_en == momento(2024, 8, 11) and todas[1].retirada_en is None
        assert todas[2].publicada_en == momento(2024, 8, 10, 9)
        assert todas[1].vigente is True
        assert consultas.buscar(s, TRIMESTRE, 2).retirada_en is not None


def test_withdrawing_every_edition_leaves_the_quarter_unpublished(mcr) -> None:
    """With both editions withdrawn the quarter has no current edition: ``publicadas`` and
    ``vigente_de`` return nothing, ``buscar`` without an edition returns None; publishing
    again makes edition 3 (the figures were withdrawn, not published)."""
    ed1, ed2 = _dos_ediciones(mcr)
    retirar(mcr, ed2.id, "Error de validación.")
    retirar(mcr, ed1.id, "Error también.")
    with session_factory(mcr)() as s:
        assert consultas.publicadas(s) == []
        assert consultas.vigente_de(s, TRIMESTRE) is None
        assert consultas.buscar(s, TRIMESTRE) is None
        assert consultas.ediciones_de(s, TRIMESTRE) == []
        assert len(consultas.todas(s)) == 2
    tercera = publicar(mcr, preparar(mcr, hoy=dt.date(2024, 8, 10)))
    assert tercera.edicion == 3
    assert json.loads(auditoria(mcr)[-1].detalle)["reemplaza_edicion"] is None

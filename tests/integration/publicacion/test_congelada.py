"""A published snapshot is frozen (issue #14, DOMAIN.md §11), on SQLite and PostgreSQL: later
corrections and imports leave the stored edition byte for byte as it was; only a new
publication (edition 2) shows them, and edition 1 stays readable. Only validated values count:
a draft, sent or returned version does not move a snapshot."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from data_layer.db import session_factory
from data_layer.importer import import_mcr
from data_layer.publicacion import consultas, instantanea
from data_layer.reportes import servicio as reportes
from tests.integration.reportes.conftest import FIXTURE

from .conftest import (
    ANALISTA_2,
    AULAS,
    CONTROLES,
    HOY,
    TRIMESTRE,
    UPGRET_SEDUC,
    escribir,
    filas,
    momento,
    nivel,
    preparar,
    publicar,
    reportar,
    validar,
)


def test_a_validated_correction_leaves_the_published_snapshot_intact(mcr) -> None:
    """2024-T2 is published with SEDUC's 12 aulas (96 % of 12.5). A correction to 9 is then
    requested and validated through the reporting services: the stored content and huella are
    byte-identical, ``consultas.contenido`` still gives 96.0; a new preparation gives other
    figures (72.0) and another huella; publishing it makes edition 2 the quarter's current one,
    while edition 1 stays readable through ``buscar(periodo, 1)`` with its old numbers."""
    validar(mcr, reportar(mcr, AULAS, 12, momento(2024, 7, 10)), momento(2024, 7, 12))
    primera = preparar(mcr)
    assert nivel(primera.contenido, "institucional")["avance"] == 96.0
    ed1 = publicar(mcr, primera)
    [guardada] = filas(mcr)
    contenido_1, huella_1 = guardada.contenido, guardada.huella
    assert (guardada.edicion, huella_1) == (1, primera.huella)
    assert contenido_1 == instantanea.canonico(primera.contenido)

    correccion = escribir(
        mcr,
        reportes.solicitar_correccion,
        actor=UPGRET_SEDUC,
        indicador=AULAS,
        periodo=TRIMESTRE,
        valor=9,
        motivo="Tres aulas no se terminaron.",
        ahora=momento(2024, 8, 5),
    )
    validar(mcr, correccion, momento(2024, 8, 6), actor=ANALISTA_2)

    [guardada] = filas(mcr)
    assert guardada.contenido.encode() == contenido_1.encode()
    assert guardada.huella == huella_1
    with session_factory(mcr)() as s:
        leida = consultas.contenido(s, ed1.id)
    assert leida == json.loads(contenido_1)
    assert nivel(leida, "institucional")["avance"] == 96.0

    segunda = preparar(mcr, hoy=dt.date(2024, 8, 10))
    assert segunda.huella != huella_1
    assert nivel(segunda.contenido, "institucional")["avance"] == 72.0
    ed2 = publicar(mcr, segunda)
    assert (ed2.periodo, ed2.edicion) == (TRIMESTRE, 2)
    with session_factory(mcr)() as s:
        assert consultas.vigente_de(s, TRIMESTRE).edicion == 2
        assert consultas.buscar(s, TRIMESTRE).edicion == 2
        antigua = consultas.buscar(s, TRIMESTRE, 1)
        assert (antigua.id, antigua.huella, antigua.retirada_en) == (ed1.id, huella_1, None)
        assert nivel(consultas.contenido(s, antigua.id), "institucional")["avance"] == 96.0
        assert nivel(consultas.contenido(s, ed2.id), "institucional")["avance"] == 72.0
        assert [e.edicion for e in consultas.ediciones_de(s, TRIMESTRE)] == [2, 1]
    assert [f.contenido for f in filas(mcr)][0] == contenido_1


def test_an_import_that_changes_a_value_leaves_the_published_snapshot_intact(mcr, tmp_path) -> None:
    """2024-T1 is published; re-importing the MCR with SESAL's 950 controles changed to 990 (a
    new version validated at the import) does not touch the stored edition; the next
    preparation has the new figures and another huella."""
    ed1 = publicar(mcr, preparar(mcr, "2024-T1", hoy=dt.date(2024, 5, 1)))
    [guardada] = filas(mcr)

    carpeta = tmp_path / "mcr"
    shutil.copytree(FIXTURE, carpeta)
    avances = Path(carpeta / "avances.csv")
    texto = avances.read_text(encoding="utf-8")
    assert f"{CONTROLES},2024-T1,950," in texto
    avances.write_text(texto.replace(f"{CONTROLES},2024-T1,950,", f"{CONTROLES},2024-T1,990,"))
    resultado = import_mcr(mcr, carpeta)
    assert resultado.ok, resultado.errores

    [despues] = filas(mcr)
    assert (despues.contenido, despues.huella) == (guardada.contenido, guardada.huella)
    with session_factory(mcr)() as s:
        assert consultas.contenido(s, ed1.id) == json.loads(guardada.contenido)
    # The import validated the new version today: today's figures differ from the published.
    nueva = preparar(mcr, "2024-T1", hoy=None)
    antes = preparar(mcr, "2024-T1", hoy=nueva.fecha_corte - dt.timedelta(days=1))
    assert nivel(antes.contenido, "institucional")["avance"] == 96.7  # (2 × 95 + 100) / 3
    assert nivel(nueva.contenido, "institucional")["avance"] == 99.3  # (2 × 99 + 100) / 3
    assert nueva.huella != guardada.huella
    assert nivel(json.loads(guardada.contenido), "institucional")["avance"] == 96.7


def test_only_validated_values_move_the_snapshot(mcr) -> None:
    """A draft, a sent value and a returned one do not change the quarter's snapshot (same
    huella at the same cut date); the same value once validated does."""
    inicial = preparar(mcr).huella

    borrador = reportar(mcr, AULAS, 12, momento(2024, 7, 10), enviar=False)
    assert preparar(mcr).huella == inicial, "un borrador cambió la instantánea"

    enviado = reportar(mcr, CONTROLES, 1150, momento(2024, 7, 10))
    assert preparar(mcr).huella == inicial, "un valor enviado cambió la instantánea"

    escribir(
        mcr,
        reportes.devolver,
        actor=ANALISTA_2,
        version_id=enviado,
        observacion="Falta el dato de la región 3.",
        ahora=momento(2024, 7, 11),
    )
    assert preparar(mcr).huella == inicial, "un valor devuelto cambió la instantánea"

    escribir(
        mcr, reportes.enviar, actor=UPGRET_SEDUC, version_id=borrador, ahora=momento(2024, 7, 12)
    )
    assert preparar(mcr).huella == inicial, "un valor enviado cambió la instantánea"
    validar(mcr, borrador, momento(2024, 7, 13))
    assert preparar(mcr).huella != inicial, "un valor validado no cambió la instantánea"
    assert HOY > dt.date(2024, 7, 13)  # the validation is before the cut date

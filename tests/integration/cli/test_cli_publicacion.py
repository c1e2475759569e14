"""``sigpret publicacion listar|publicar|retirar`` (issue #14): the portal's editions from the
command line, as a named user, through the same service as the /publicacion page, on SQLite and
PostgreSQL (the importer's small valid MCR: 2024-T2 is a quarter long due)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from data_layer import auth
from data_layer.cli import main
from data_layer.db import session_factory
from data_layer.engine.frames import Reglas
from data_layer.models import Auditoria, Rol
from data_layer.publicacion import servicio
from data_layer.publicacion.models import Publicacion
from tests.integration.reportes.conftest import mcr  # noqa: F401 - the fixture is used by name

CLAVE = "Una-Clave-Larga-2026"


@pytest.fixture
def cli(mcr, monkeypatch):  # noqa: F811 - the fixture above
    """The CLI on the test's database, with an analyst, a UPGRET and a disabled analyst."""
    monkeypatch.setenv("DATABASE_URL", mcr.url.render_as_string(hide_password=False))
    with session_factory(mcr, escritura=True)() as s, s.begin():
        auth.crear_usuario(s, "ana.diger", "analista", CLAVE, actor="prueba")
        auth.crear_usuario(s, "upgret.sesal", "upgret", CLAVE, alcance=["SESAL"], actor="prueba")
        auth.crear_usuario(s, "ana.baja", "analista", CLAVE, actor="prueba")
    with session_factory(mcr, escritura=True)() as s, s.begin():
        auth.deshabilitar(s, "ana.baja", actor="prueba")
    return mcr


def _filas(db) -> list[Publicacion]:
    with session_factory(db)() as s:
        return list(s.scalars(select(Publicacion).order_by(Publicacion.id)))


def _auditoria(db) -> list[tuple[str, str]]:
    with session_factory(db)() as s:
        return [
            (a.accion, a.usuario)
            for a in s.scalars(
                select(Auditoria)
                .where(Auditoria.accion.like("publicacion_%"))
                .order_by(Auditoria.id)
            )
        ]


def test_an_analyst_lists_publishes_and_withdraws(cli, capsys) -> None:
    """Listing, publishing 2024-T2 without a preview and withdrawing it with a reason work as
    the named analyst, who is the one audited; the list shows the edition and its withdrawal."""
    assert main(["publicacion", "listar", "--usuario", "ana.diger"]) == 0
    salida = capsys.readouterr().out
    assert "Todavía no se ha publicado ningún trimestre." in salida and "2024-T2" in salida
    codigo = main(
        ["publicacion", "publicar", "2024-T2", "--sin-vista-previa", "--usuario", "ana.diger"]
    )
    assert codigo == 0
    assert "2024-T2 publicado en el portal: edición 1" in capsys.readouterr().out
    [pub] = _filas(cli)
    assert (pub.periodo, pub.edicion, pub.publicada_por) == ("2024-T2", 1, "ana.diger")
    codigo = main(
        [
            "publicacion",
            "retirar",
            str(pub.id),
            "--motivo",
            "Cifras de SEDUC por revisar",
            "--usuario",
            "ana.diger",
        ]
    )
    assert codigo == 0
    assert "Edición 1 de 2024-T2 retirada del portal" in capsys.readouterr().out
    assert main(["publicacion", "listar", "--usuario", "ana.diger"]) == 0
    assert "por ana.diger: Cifras de SEDUC por revisar" in capsys.readouterr().out
    assert _filas(cli)[0].motivo_retiro == "Cifras de SEDUC por revisar"
    assert _auditoria(cli) == [
        ("publicacion_publicada", "ana.diger"),
        ("publicacion_retirada", "ana.diger"),
    ]


def test_publishing_with_a_huella_needs_the_previews_figures(cli, capsys) -> None:
    """``--huella`` of other figures publishes nothing (the service's «los datos cambiaron»),
    a too-short one is refused, and the preview's first 12 characters publish."""
    with session_factory(cli)() as s:
        huella = servicio.preparar(
            s, "2024-T2", actor=auth.Alcance("x", Rol.analista), reglas=Reglas()
        ).huella
    base = ["publicacion", "publicar", "2024-T2", "--usuario", "ana.diger", "--huella"]
    assert main([*base, "0" * 12]) == 2
    assert "Los datos cambiaron desde la vista previa" in capsys.readouterr().err
    assert main([*base, huella[:6]]) == 2
    assert "al menos los 12 primeros caracteres" in capsys.readouterr().err
    assert _filas(cli) == [] and _auditoria(cli) == []
    assert main([*base, huella[:12]]) == 0
    assert [f.huella for f in _filas(cli)] == [huella]


@pytest.mark.parametrize(
    ("usuario", "error"),
    [
        ("upgret.sesal", "Solo los analistas de la DIGER"),
        ("ana.baja", "está deshabilitado"),
        ("nadie", "No existe el usuario «nadie»"),
    ],
)
def test_who_may_not_publish_is_refused_and_nothing_is_written(cli, capsys, usuario, error) -> None:
    """A UPGRET, a disabled analyst or an unknown name can neither list, publish nor withdraw:
    the refusal is printed in Spanish (exit 2) and nothing is written."""
    assert (
        main(["publicacion", "publicar", "2024-T2", "--sin-vista-previa", "--usuario", "ana.diger"])
        == 0
    )
    capsys.readouterr()
    ident = str(_filas(cli)[0].id)
    for args in (
        ["listar"],
        ["publicar", "2024-T1", "--sin-vista-previa"],
        ["retirar", ident, "--motivo", "Cifras de SEDUC por revisar"],
    ):
        assert main(["publicacion", *args, "--usuario", usuario]) == 2, args
        assert error in capsys.readouterr().err, args
    assert [(f.periodo, f.retirada_en) for f in _filas(cli)] == [("2024-T2", None)]
    assert _auditoria(cli) == [("publicacion_publicada", "ana.diger")]


def test_a_short_reason_withdraws_nothing(cli, capsys) -> None:
    """A reason under 10 characters is refused in Spanish; the edition stays published."""
    assert (
        main(["publicacion", "publicar", "2024-T2", "--sin-vista-previa", "--usuario", "ana.diger"])
        == 0
    )
    ident = str(_filas(cli)[0].id)
    codigo = main(["publicacion", "retirar", ident, "--motivo", "error", "--usuario", "ana.diger"])
    assert codigo == 2
    assert "El motivo del retiro es muy corto" in capsys.readouterr().err
    assert _filas(cli)[0].retirada_en is None

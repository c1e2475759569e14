"""Designated users run a mesa (issue #11): the scope follows from the designation, no other step.

On SQLite and PostgreSQL: a ``coordinador_mesa`` designated technical coordinator writes in that
mesa from the next login (and stops when replaced); a ``ministro`` of the sector is the political
coordinator who approves; analysts write only in the mesas assigned to them; wrong roles are
refused in Spanish and every designation is audited.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from data_layer import auth, permisos
from data_layer.db import session_factory
from data_layer.mesas import servicio
from data_layer.mesas.servicio import ErrorMesa
from data_layer.models import Auditoria

from .conftest import SISTEMA

CLAVE = "Clave-Segura-2026"


@pytest.fixture
def usuarios(db):
    """A minister of Salud, one of Educación, two mesa coordinators without sectors, two
    analysts and a UPGRET user."""
    with session_factory(db)() as s, s.begin():
        for nombre, rol, alcance in [
            ("ministra.sal", "ministro", ("SAL",)),
            ("ministro.edu", "ministro", ("EDU",)),
            ("coord.uno", "coordinador_mesa", ()),
            ("coord.dos", "coordinador_mesa", ()),
            ("analista.uno", "analista", ()),
            ("analista.dos", "analista", ()),
            ("upg.sesal", "upgret", ("SESAL",)),
        ]:
            auth.crear_usuario(s, nombre, rol, CLAVE, alcance=alcance, nombre=nombre.title())
    return db


def _detalle(detalle):
    """The audit detail as a dict (stored as JSON text)."""
    return json.loads(detalle) if isinstance(detalle, str) else detalle


def _alcance(engine, usuario: str) -> auth.Alcance:
    with session_factory(engine)() as s:
        u = auth.buscar(s, usuario)
        assert u is not None
        return auth.alcance_de(u)


def _designar(engine, nivel: str, usuario: str | None, nombre: str = "") -> None:
    with session_factory(engine)() as s, s.begin():
        servicio.designar_coordinador(
            s,
            "SAL",
            nivel,
            servicio.Coordinador(nombre, "Coordinación", "SESAL", usuario=usuario),
            actor=SISTEMA,
        )


def test_the_designated_technical_coordinator_writes_in_the_mesa_and_stops_when_replaced(
    usuarios,
) -> None:
    """A coordinator user with no sector is given the Salud mesa by the designation itself; when
    another is designated, the first loses it at once."""
    assert not permisos.puede_escribir_mesa(_alcance(usuarios, "coord.uno"), "SAL")
    _designar(usuarios, "tecnico", "coord.uno")
    uno = _alcance(usuarios, "coord.uno")
    assert uno.sectores == {"SAL"}
    assert permisos.puede_escribir_mesa(uno, "SAL")
    assert not permisos.puede_escribir_mesa(uno, "EDU")
    _designar(usuarios, "tecnico", "coord.dos")
    assert not permisos.puede_escribir_mesa(_alcance(usuarios, "coord.uno"), "SAL")
    assert permisos.puede_escribir_mesa(_alcance(usuarios, "coord.dos"), "SAL")


def test_a_designated_user_gives_the_mesa_its_name_when_none_is_typed(usuarios) -> None:
    """Designating an account with a blank name records the account's name."""
    _designar(usuarios, "politico", "ministra.sal")
    with session_factory(usuarios)() as s:
        mesa = servicio.integrantes._mesa_a_administrar(s, "SAL")
        assert mesa.coordinador_politico_nombre == "Ministra.Sal"
        assert mesa.coordinador_politico_usuario is not None
        assert mesa.coordinador_politico_usuario.usuario == "ministra.sal"


def test_only_the_designated_political_coordinator_approves(usuarios) -> None:
    """The approval rule names one person: the Salud minister designated, not another minister,
    not the technical coordinator, not an analyst."""
    _designar(usuarios, "politico", "ministra.sal")
    _designar(usuarios, "tecnico", "coord.uno")
    assert permisos.puede_aprobar_en_mesa(_alcance(usuarios, "ministra.sal"), "ministra.sal")
    for otro in ("ministro.edu", "coord.uno", "analista.uno"):
        assert not permisos.puede_aprobar_en_mesa(_alcance(usuarios, otro), "ministra.sal")
    assert not permisos.puede_aprobar_en_mesa(_alcance(usuarios, "ministra.sal"), None)


@pytest.mark.parametrize(
    ("nivel", "usuario", "mensaje"),
    [
        ("politico", "ministro.edu", "rol ministro del sector SAL"),
        ("politico", "coord.uno", "rol ministro del sector SAL"),
        ("tecnico", "ministra.sal", "rol coordinador de mesa"),
        ("tecnico", "upg.sesal", "rol coordinador de mesa"),
        ("tecnico", "nadie", "no es un usuario activo"),
    ],
)
def test_a_user_who_may_not_hold_the_designation_is_refused(
    usuarios, nivel, usuario, mensaje
) -> None:
    """A minister of another sector, a coordinator as political coordinator, a minister or a
    UPGRET user as technical coordinator, an unknown user: refused in Spanish, nothing audited."""
    with session_factory(usuarios)() as s:
        antes = len(list(s.scalars(select(Auditoria))))
    with pytest.raises(ErrorMesa, match=mensaje):
        _designar(usuarios, nivel, usuario, "Alguien")
    with session_factory(usuarios)() as s:
        assert len(list(s.scalars(select(Auditoria)))) == antes


def test_analysts_write_only_in_their_assigned_mesas_and_the_change_is_audited(usuarios) -> None:
    """Assigning analysts replaces the list: the one left out stops writing in the mesa; the
    audit keeps before and after; assigning the same list again is refused as a no-op; a
    non-analyst is refused."""
    with session_factory(usuarios)() as s, s.begin():
        servicio.asignar_analistas(s, "SAL", ["analista.uno", "analista.dos"], actor=SISTEMA)
    assert permisos.puede_escribir_mesa(_alcance(usuarios, "analista.dos"), "SAL")
    assert not permisos.puede_escribir_mesa(_alcance(usuarios, "analista.dos"), "EDU")
    with session_factory(usuarios)() as s, s.begin():
        servicio.asignar_analistas(s, "SAL", ["analista.uno"], actor=SISTEMA)
    assert not permisos.puede_escribir_mesa(_alcance(usuarios, "analista.dos"), "SAL")
    assert permisos.puede_escribir_mesa(_alcance(usuarios, "analista.uno"), "SAL")
    with session_factory(usuarios)() as s:
        filas = list(s.scalars(select(Auditoria).where(Auditoria.accion == "analistas_asignados")))
    assert _detalle(filas[-1].detalle) == {
        "analistas": [["analista.dos", "analista.uno"], ["analista.uno"]]
    }
    with pytest.raises(ErrorMesa, match="no hay cambios"):
        with session_factory(usuarios)() as s, s.begin():
            servicio.asignar_analistas(s, "SAL", ["analista.uno"], actor=SISTEMA)
    with pytest.raises(ErrorMesa, match="no es analista"):
        with session_factory(usuarios)() as s, s.begin():
            servicio.asignar_analistas(s, "SAL", ["coord.uno"], actor=SISTEMA)

"""Setting a mesa up from one form (issue #11): install it, or change its coordinators and
analysts, refusing a form loaded before someone else's change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from data_layer.auth import Alcance
from data_layer.mesas import registros
from data_layer.mesas.models import Mesa, NivelMesa
from data_layer.mesas.servicio.comun import (
    ConflictoEdicion,
    Coordinador,
    ErrorMesa,
    _autorizar_administrar,
)
from data_layer.mesas.servicio.integrantes import (
    asignar_analistas,
    crear_mesa,
    designar_coordinador,
)


def designaciones(mesa: Mesa | None) -> dict[str, Any] | None:
    """What the setup form shows of a mesa (and sends back as what it loaded): each level's
    ``[usuario, nombre, cargo, institución]`` and the analysts; None without a mesa."""
    if mesa is None:
        return None

    def nivel(prefijo: str, institucion: str) -> list[str | None]:
        usuario = getattr(mesa, f"{prefijo}_usuario")
        return [
            usuario.usuario if usuario else None,
            getattr(mesa, f"{prefijo}_nombre"),
            getattr(mesa, f"{prefijo}_cargo"),
            institucion,
        ]

    return {
        "politico": nivel("coordinador_politico", mesa.institucion_politico.sigla),
        "tecnico": nivel("coordinador_tecnico", mesa.institucion_tecnico.sigla),
        "analistas": sorted(u.usuario for u in mesa.analistas),
    }


def configurar_mesa(
    session: Session,
    sector: str,
    *,
    politico: Coordinador,
    tecnico: Coordinador,
    analistas: Sequence[str],
    instalada_en: dt.date | None = None,
    cargado: dict[str, Any] | None = None,
    actor: Alcance,
) -> str:
    """Install the mesa of ``sector``, or apply what changed of its coordinators and analysts.

    Each change goes through :func:`crear_mesa`, :func:`designar_coordinador` or
    :func:`asignar_analistas` (audited there). ``cargado`` is what the form loaded
    (:func:`designaciones`; None for a mesa not installed yet): when the mesa changed since,
    nothing is written.

    Returns:
        A Spanish sentence saying what was done.

    Raises:
        ErrorMesa: the actor may not administer mesas, a rule of the services, nothing changes.
        ConflictoEdicion: someone installed or changed the mesa after the form loaded it.
    """
    _autorizar_administrar(actor)
    mesa = registros.mesa_de_sector(session, sector)
    if mesa is not None:
        session.refresh(mesa, with_for_update=True)
    actual = designaciones(mesa)
    if actual != cargado:
        raise ConflictoEdicion(
            "Otra persona cambió la configuración de esta mesa después de que usted abrió el "
            "formulario. Recargue la página para ver lo guardado. No se guardó nada.",
            actual or {},
        )
    if mesa is None:
        crear_mesa(
            session,
            sector,
            coordinador_politico=politico,
            coordinador_tecnico=tecnico,
            analistas=analistas,
            instalada_en=instalada_en,
            actor=actor,
        )
        return "La mesa quedó instalada con sus coordinadores y analistas."
    assert actual is not None
    hechos = []
    for nivel, c in ((NivelMesa.politico, politico), (NivelMesa.tecnico, tecnico)):
        usuario, nombre, cargo, institucion = actual[nivel.value]
        if (
            (c.usuario or None) != usuario
            or c.cargo.strip() != cargo
            or c.institucion != institucion
            or (c.nombre.strip() and c.nombre.strip() != nombre)
        ):
            designar_coordinador(session, sector, nivel, c, actor=actor)
            hechos.append(f"coordinador {'político' if nivel == NivelMesa.politico else 'técnico'}")
    if sorted(dict.fromkeys(a for a in analistas if a)) != actual["analistas"]:
        asignar_analistas(session, sector, analistas, actor=actor)
        hechos.append("analistas")
    if not hechos:
        raise ErrorMesa("No hay cambios que guardar.")
    return "Se guardaron los cambios: " + ", ".join(hechos) + "."

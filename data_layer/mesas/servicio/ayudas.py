"""Ayudas memoria of a session: acta number, attendance, edits, distribution, corrections.

A draft is edited against the version the form loaded (a save on an older version is refused
with the current content, :class:`~data_layer.mesas.servicio.comun.ConflictoEdicion`); the
distribution freezes what the document printed (:func:`data_layer.mesas.contenido.congelar`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from data_layer.auth import Alcance, registrar
from data_layer.config import Settings
from data_layer.correo import mesas as correo_mesas
from data_layer.mesas import contenido, reglas
from data_layer.mesas.models import (
    Asistencia,
    AyudaMemoria,
    EstadoSesion,
    MiembroMesa,
    SesionMesa,
)
from data_layer.mesas.servicio.comun import (
    ConflictoEdicion,
    ErrorMesa,
    _autorizar_mesa,
    _entidad,
    _fecha,
    _fecha_sesion,
    _hasta_hoy,
    _hoy,
    _obtener,
    _requerido,
)
from data_layer.mesas.servicio.integrantes import _miembros_elegibles

#: Attempts to take the next acta number when another writer takes it first.
_INTENTOS_NUMERO = 3


def _asistencia(
    session: Session, sesion: SesionMesa, presentes: Iterable[int]
) -> tuple[list[Asistencia], list[int]]:
    """Attendance rows: every eligible member of the session's level, plus any other present."""
    ids = list(dict.fromkeys(presentes))
    if not ids:
        raise ErrorMesa("La ayuda memoria debe registrar al menos un participante presente.")
    fecha = _fecha_sesion(sesion)
    elegibles = _miembros_elegibles(session, sesion.mesa, ids, fecha)
    del_nivel = session.scalars(
        select(MiembroMesa).where(
            MiembroMesa.mesa_id == sesion.mesa_id,
            MiembroMesa.nivel == sesion.nivel,
            MiembroMesa.acreditado_en <= fecha,
            (MiembroMesa.baja_en.is_(None)) | (MiembroMesa.baja_en > fecha),
        )
    )
    filas = {m.id: Asistencia(miembro_id=m.id, presente=m.id in elegibles) for m in del_nivel}
    for i in ids:
        filas[i] = Asistencia(miembro_id=i, presente=True)
    return [filas[k] for k in sorted(filas)], sorted(ids)


def _numerar(session: Session, ayuda: AyudaMemoria) -> None:
    """Give ``ayuda`` the next acta number of its mesa and insert it.

    The unique constraint (mesa, numero) is the guard: if another writer took the number between
    reading the maximum and inserting, the insert fails inside a savepoint and is retried.
    """
    for _ in range(_INTENTOS_NUMERO):
        ayuda.numero = (
            session.scalar(
                select(func.max(AyudaMemoria.numero)).where(AyudaMemoria.mesa_id == ayuda.mesa_id)
            )
            or 0
        ) + 1
        try:
            with session.begin_nested():
                session.add(ayuda)
                session.flush()
            return
        except IntegrityError as exc:
            if "corrige_a" in str(exc.orig):
                raise ErrorMesa("Esa ayuda memoria ya tiene una corrección registrada.") from None
    raise ErrorMesa("No se pudo asignar el número de acta; intente de nuevo.")


def registrar_ayuda_memoria(
    session: Session,
    sesion_id: int,
    *,
    elaborada_en: dt.date,
    desarrollo: str,
    presentes: Iterable[int],
    actor: Alcance,
    hoy: dt.date | None = None,
) -> AyudaMemoria:
    """Record the minutes of a session: next acta number of the mesa, attendance, development.

    Attendance comes only from the mesa's members accredited and active on the session date. The
    agenda is the session's; agreements are added with :func:`registrar_acuerdo` until the minutes
    are distributed.

    Raises:
        ErrorMesa: the actor may not write in the mesa, cancelled session, a session that has not
            taken place yet (after ``hoy``, default today in Honduras), minutes already recorded,
            a participant who is not an accredited active member, written before the session or
            after ``hoy``.
    """
    # Locked: two first registrations of the same minutes wait for each other (PostgreSQL).
    sesion: SesionMesa = _obtener(session, SesionMesa, sesion_id, "la sesión", bloquear=True)
    _autorizar_mesa(session, actor, sesion.mesa_id)
    if sesion.estado == EstadoSesion.cancelada:
        raise ErrorMesa("La sesión fue cancelada: no lleva ayuda memoria.")
    if _fecha_sesion(sesion) > _hoy(hoy):
        raise ErrorMesa(
            f"La sesión es el {_fecha(_fecha_sesion(sesion))}: su ayuda memoria se registra "
            "cuando se haya realizado."
        )
    existente = session.scalars(
        select(AyudaMemoria).where(
            AyudaMemoria.sesion_id == sesion.id, AyudaMemoria.corrige_a_id.is_(None)
        )
    ).first()
    if existente is not None:
        raise ErrorMesa(
            f"La sesión ya tiene su ayuda memoria (acta {existente.numero}): edítela mientras no "
            "se distribuya, o registre una corrección si ya fue distribuida."
        )
    if elaborada_en < _fecha_sesion(sesion):
        raise ErrorMesa("La ayuda memoria no puede elaborarse antes de la sesión.")
    _hasta_hoy(elaborada_en, "fecha de elaboración", hoy)
    filas, ids = _asistencia(session, sesion, presentes)
    ayuda = AyudaMemoria(
        mesa_id=sesion.mesa_id,
        sesion_id=sesion.id,
        elaborada_en=elaborada_en,
        desarrollo=_requerido(desarrollo, "desarrollo de la sesión"),
        registrada_por=actor.usuario,
        asistencia=filas,
    )
    _numerar(session, ayuda)
    sesion.estado = EstadoSesion.realizada
    registrar(
        session,
        "ayuda_memoria_registrada",
        usuario=actor.usuario,
        entidad=_entidad(sesion.mesa, "ayuda_memoria", ayuda.id),
        detalle={
            "nuevo": {
                "numero": ayuda.numero,
                "sesion": sesion.id,
                "elaborada_en": elaborada_en,
                "presentes": ids,
            },
            "sesion_estado": ["convocada", "realizada"],
        },
    )
    return ayuda


def _exigir_borrador(ayuda: AyudaMemoria) -> None:
    if ayuda.distribuida_en is not None:
        raise ErrorMesa(
            f"El acta {ayuda.numero} se distribuyó el {_fecha(ayuda.distribuida_en)}: es "
            "definitiva y no se puede modificar. Registre una corrección (una nueva ayuda memoria "
            "que la referencia)."
        )


def _presentes(ayuda: AyudaMemoria) -> list[int]:
    return sorted(a.miembro_id for a in ayuda.asistencia if a.presente)


def contenido_actual(ayuda: AyudaMemoria) -> dict[str, object]:
    """What a draft holds now (shown to a user whose save was refused as a conflict)."""
    return {
        "version": ayuda.version,
        "desarrollo": ayuda.desarrollo,
        "presentes": _presentes(ayuda),
    }


def editar_ayuda_memoria(
    session: Session,
    ayuda_id: int,
    *,
    desarrollo: str | None = None,
    presentes: Iterable[int] | None = None,
    version: int | None = None,
    actor: Alcance,
) -> AyudaMemoria:
    """Edit minutes that have not been distributed yet (refused once distributed: final).

    Args:
        session: the caller's session (it commits).
        ayuda_id: the minutes.
        desarrollo: the new development notes (None: unchanged).
        presentes: the members present (None: unchanged).
        version: the version the form loaded; a save on any other version is refused, so two
            people editing the same draft never overwrite each other silently. None (the CLI,
            the demo loader): not checked.
        actor: who edits.

    Raises:
        ConflictoEdicion: someone saved a later version; carries the current content.
        ErrorMesa: the actor may not write in the mesa, the minutes are final, a blank
            development, a participant who is not an accredited active member.
    """
    ayuda: AyudaMemoria = _obtener(
        session, AyudaMemoria, ayuda_id, "la ayuda memoria", bloquear=True
    )
    _autorizar_mesa(session, actor, ayuda.mesa_id)
    _exigir_borrador(ayuda)
    if version is not None and version != ayuda.version:
        raise ConflictoEdicion(
            f"Otra persona guardó cambios en el acta N.º {ayuda.numero} mientras usted la "
            "editaba: no se guardó lo suyo, para no borrar lo de ella. El formulario muestra "
            "ahora el texto vigente y, debajo, el que usted escribió: combínelos y vuelva a "
            "guardar.",
            contenido_actual(ayuda),
        )
    cambios: dict[str, list] = {}
    if desarrollo is not None:
        nuevo = _requerido(desarrollo, "desarrollo de la sesión")
        if nuevo != ayuda.desarrollo:
            cambios["desarrollo"] = [ayuda.desarrollo, nuevo]
            ayuda.desarrollo = nuevo
    if presentes is not None:
        filas, ids = _asistencia(session, ayuda.sesion, presentes)
        anteriores = _presentes(ayuda)
        if ids != anteriores:
            ayuda.asistencia.clear()
            session.flush()
            ayuda.asistencia.extend(filas)
            cambios["presentes"] = [anteriores, ids]
    if cambios:
        cambios["version"] = [ayuda.version, ayuda.version + 1]
        ayuda.version += 1
        session.flush()
        registrar(
            session,
            "ayuda_memoria_editada",
            usuario=actor.usuario,
            entidad=_entidad(ayuda.sesion.mesa, "ayuda_memoria", ayuda.id),
            detalle=cambios,
        )
    return ayuda


def distribuir_ayuda_memoria(
    session: Session,
    ayuda_id: int,
    *,
    distribuida_en: dt.date,
    actor: Alcance,
    hoy: dt.date | None = None,
) -> AyudaMemoria:
    """Send the minutes to every participant (e-mail, queued here); from then on they are final.

    Distributing later than 7 days after the session is recorded as it happened and raises
    ``ayuda_memoria_tardia``. The document is frozen: what it prints that could move later
    (attendance names and cargos, each acuerdo's status on ``distribuida_en`` and its result, the
    follow-up notes) is stored with it, and every later download prints that copy.

    Raises:
        ErrorMesa: the actor may not write in the mesa, already distributed, distributed before
            being written or after ``hoy`` (default: today in Honduras).
    """
    # Locked: an acuerdo added or an edit saved at the same moment waits (and is then refused).
    ayuda: AyudaMemoria = _obtener(
        session, AyudaMemoria, ayuda_id, "la ayuda memoria", bloquear=True
    )
    _autorizar_mesa(session, actor, ayuda.mesa_id)
    _exigir_borrador(ayuda)
    if distribuida_en < ayuda.elaborada_en:
        raise ErrorMesa("La ayuda memoria no puede distribuirse antes de elaborarse.")
    _hasta_hoy(distribuida_en, "fecha de distribución", hoy)
    session.flush()
    ayuda.contenido_distribuido = contenido.congelar(session, ayuda, distribuida_en)
    ayuda.distribuida_en = distribuida_en
    ayuda.version += 1
    dias = (distribuida_en - _fecha_sesion(ayuda.sesion)).days
    registrar(
        session,
        "ayuda_memoria_distribuida",
        usuario=actor.usuario,
        entidad=_entidad(ayuda.sesion.mesa, "ayuda_memoria", ayuda.id),
        detalle={
            "numero": ayuda.numero,
            "distribuida_en": [None, distribuida_en],
            "dias_despues_de_la_sesion": dias,
            "tardia": bool(reglas.es_distribucion_tardia(dias)),
        },
    )
    # Distributing is sending: the PDF to every participant, queued in this transaction.
    correo_mesas.encolar_ayuda_memoria(session, ayuda, Settings.from_env(), hoy=distribuida_en)
    return ayuda


def corregir_ayuda_memoria(
    session: Session,
    ayuda_id: int,
    *,
    motivo: str,
    elaborada_en: dt.date,
    desarrollo: str | None = None,
    presentes: Iterable[int] | None = None,
    actor: Alcance,
    hoy: dt.date | None = None,
) -> AyudaMemoria:
    """Correct distributed minutes: a new ayuda memoria (next acta number) referencing them.

    The corrected record is left untouched; what is not given is copied from it. Its acuerdos
    stay as agreed (they are final); the correction may add new ones before it is distributed.

    Raises:
        ErrorMesa: the actor may not write in the mesa, the minutes are not distributed yet (edit
            them instead), they already have a correction (correct the latest version), no
            reason given, dated before the distribution or after ``hoy`` (default: today in
            Honduras).
    """
    original: AyudaMemoria = _obtener(
        session, AyudaMemoria, ayuda_id, "la ayuda memoria", bloquear=True
    )
    _autorizar_mesa(session, actor, original.mesa_id)
    motivo = _requerido(motivo, "motivo de la corrección")
    if original.distribuida_en is None:
        raise ErrorMesa(
            f"El acta {original.numero} aún no se ha distribuido: puede editarla directamente."
        )
    posterior = session.scalars(
        select(AyudaMemoria).where(AyudaMemoria.corrige_a_id == original.id)
    ).first()
    if posterior is not None:
        raise ErrorMesa(
            f"El acta {original.numero} ya fue corregida por el acta {posterior.numero}: corrija "
            "la versión vigente."
        )
    if elaborada_en < original.distribuida_en:
        raise ErrorMesa("La corrección no puede ser anterior a la distribución del acta corregida.")
    _hasta_hoy(elaborada_en, "fecha de la corrección", hoy)
    filas, ids = _asistencia(
        session, original.sesion, presentes if presentes is not None else _presentes(original)
    )
    correccion = AyudaMemoria(
        mesa_id=original.mesa_id,
        sesion_id=original.sesion_id,
        elaborada_en=elaborada_en,
        desarrollo=_requerido(desarrollo, "desarrollo de la sesión")
        if desarrollo is not None
        else original.desarrollo,
        corrige_a_id=original.id,
        motivo_correccion=motivo,
        registrada_por=actor.usuario,
        asistencia=filas,
    )
    _numerar(session, correccion)
    registrar(
        session,
        "ayuda_memoria_corregida",
        usuario=actor.usuario,
        entidad=_entidad(original.sesion.mesa, "ayuda_memoria", correccion.id),
        detalle={
            "corrige_a": {"id": original.id, "numero": original.numero},
            "motivo": motivo,
            "numero": [original.numero, correccion.numero],
            "desarrollo": [original.desarrollo, correccion.desarrollo],
            "presentes": [_presentes(original), ids],
        },
    )
    return correccion

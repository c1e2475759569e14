"""Every write of the reporting cycle (DOMAIN.md §8), each checking the acting user's scope.

``borrador → enviado → validado | devuelto``; a validated value changes only through a
*solicitud de corrección* (a new version that replaces it once validated). A value is never
overwritten: a returned version stays as it was and the institution sends a new one; only a draft,
which is not a report yet, is edited in place (with its optimistic ``bloqueo``). Each step stamps
who and when on the version, is audited, and runs in the caller's write transaction (on
PostgreSQL the version row is locked, on SQLite write sessions run one at a time), so two analysts
validating the same version cannot both succeed: the second is told who did it.

Who may do what is :mod:`data_layer.permisos` (:func:`~data_layer.permisos.puede_reportar`,
:func:`~data_layer.permisos.puede_validar`); nobody validates a value they sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data_layer import formato, periods, permisos
from data_layer.auth import Alcance, ahoracomo_utc, registrar
from data_layer.avisos import eventos, notificar
from data_layer.engine.frames import Reglas
from data_layer.errores import ErrorDeDatos
from data_layer.models import (
    Avance,
    EstadoVersion,
    Evidencia,
    Indicador,
    Institucion,
    OrigenVersion,
    Programacion,
    Reapertura,
)
from data_layer.reportes import controles
from data_layer.reportes.reglas import cerrado, cierre, terminado, vencimiento


class ErrorReporte(ErrorDeDatos):
    """A refused write of the reporting cycle; the message is in Spanish."""


class VersionYaRevisada(ErrorReporte):
    """The version was validated or returned by someone else meanwhile (nothing was written).

    Attributes:
        estado: the version's current state.
        revisado_por: who reviewed it.
    """

    def __init__(self, mensaje: str, estado: EstadoVersion, revisado_por: str | None) -> None:
        super().__init__(mensaje)
        self.estado = estado
        self.revisado_por = revisado_por


@dataclass(frozen=True)
class Omitida:
    """A version a bulk action left out, and why (Spanish)."""

    version_id: int
    indicador: str
    periodo: str
    motivo: str


# --- helpers ----------------------------------------------------------------------------------


def _ahora(ahora: dt.datetime | None) -> dt.datetime:
    """``ahora`` (or now) as aware UTC: SQLite stores the wall time of an aware value, so a
    Honduras-time ``ahora`` must be converted, not only labelled."""
    return ahoracomo_utc() if ahora is None else periods.como_utc(ahora).astimezone(dt.UTC)


def _hoy(ahora: dt.datetime) -> dt.date:
    return periods.hora_honduras(ahora).date()


def _fecha(dia: dt.date) -> str:
    return dia.strftime("%d/%m/%Y")


def _momento(momento: dt.datetime | None) -> str:
    return "" if momento is None else periods.hora_honduras(momento).strftime("%d/%m/%Y %H:%M")


def _indicador(session: Session, codigo: str, actor: Alcance) -> Indicador:
    """The indicator ``codigo`` if ``actor`` reports it; unknown and foreign are refused alike."""
    ind = session.scalars(select(Indicador).where(Indicador.codigo == str(codigo))).first()
    sigla = ind.institucion_responsable.sigla if ind is not None else None
    if ind is None or not permisos.puede_reportar(actor, sigla):
        raise ErrorReporte(permisos.SIN_PERMISO_REPORTAR)
    return ind


def _version(session: Session, version_id: Any, *, bloquear: bool = True) -> Avance:
    try:
        ident = int(version_id)
    except (TypeError, ValueError):
        raise ErrorReporte("La versión indicada no existe.") from None
    consulta = select(Avance).where(Avance.id == ident)
    if bloquear:
        consulta = consulta.with_for_update()
    version = session.scalars(consulta).first()
    if version is None:
        raise ErrorReporte("La versión indicada no existe.")
    return version


def _version_propia(session: Session, version_id: Any, actor: Alcance) -> Avance:
    """A version of an indicator ``actor`` reports (foreign and unknown refused alike)."""
    try:
        version = _version(session, version_id)
    except ErrorReporte:
        raise ErrorReporte(permisos.SIN_PERMISO_REPORTAR) from None
    if not permisos.puede_reportar(actor, version.indicador.institucion_responsable.sigla):
        raise ErrorReporte(permisos.SIN_PERMISO_REPORTAR)
    return version


def _versiones(session: Session, indicador_id: int, periodo: str) -> list[Avance]:
    return list(
        session.scalars(
            select(Avance)
            .where(Avance.indicador_id == indicador_id, Avance.periodo == periodo)
            .order_by(Avance.numero)
            .with_for_update()
        )
    )


def _entidad(version: Avance) -> str:
    return f"indicador:{version.indicador.codigo}"


def _auditar(
    session: Session, accion: str, version: Avance, actor: Alcance, **detalle: Any
) -> None:
    registrar(
        session,
        accion,
        usuario=actor.usuario,
        entidad=_entidad(version),
        detalle={"periodo": version.periodo, "version": version.numero, **detalle},
    )


def _valor(valor: Any) -> float:
    try:
        numero = formato.leer_numero(valor)
    except formato.NumeroInvalido as exc:
        raise ErrorReporte(str(exc)) from None
    if numero is None:
        raise ErrorReporte("Escriba el valor del indicador.")
    return numero


def _texto(valor: str | None) -> str | None:
    if valor is None:
        return None
    limpio = str(valor).strip()
    return limpio or None


def _enlace(url: str | None) -> str | None:
    """An evidence link: only ``https://`` addresses with a host."""
    url = _texto(url)
    if url is None:
        return None
    partes = urlsplit(url)
    if partes.scheme.lower() != "https" or not partes.netloc or any(c.isspace() for c in url):
        raise ErrorReporte("El enlace de la evidencia debe ser una dirección https:// válida.")
    return url


def _evidencia(session: Session, evidencia_id: Any, ind: Indicador) -> int | None:
    """An uploaded evidence file of the indicator's institution (another's is refused)."""
    if evidencia_id in (None, ""):
        return None
    try:
        ident = int(evidencia_id)
    except (TypeError, ValueError):
        raise ErrorReporte("El archivo de evidencia indicado no existe.") from None
    evidencia = session.get(Evidencia, ident)
    if evidencia is None or evidencia.institucion_id != ind.institucion_responsable_id:
        raise ErrorReporte("El archivo de evidencia indicado no existe.")
    return evidencia.id


def _periodo(session: Session, ind: Indicador, periodo: str, hoy: dt.date) -> str:
    """A period the indicator is programmed for and that has ended."""
    try:
        texto = str(periods.parse(str(periodo)))
    except ValueError as error:
        raise ErrorReporte(str(error)) from None
    if periods.frecuencia_de(texto) != str(ind.frecuencia):
        raise ErrorReporte(
            f"El indicador {ind.codigo} se reporta con frecuencia {ind.frecuencia}; "
            f"«{texto}» no es uno de sus períodos."
        )
    programado = session.scalar(
        select(func.count())
        .select_from(Programacion)
        .where(Programacion.indicador_id == ind.id, Programacion.periodo == texto)
    )
    if not programado:
        raise ErrorReporte(f"El indicador {ind.codigo} no tiene meta programada para {texto}.")
    if not terminado(texto, hoy):
        fin = periods.parse(texto).fin
        raise ErrorReporte(
            f"El período {texto} termina el {_fecha(fin)}: su valor se reporta desde el día "
            "siguiente."
        )
    return texto


def reapertura_vigente(
    session: Session, institucion_id: int, periodo: str, hoy: dt.date
) -> Reapertura | None:
    """The reapertura in force for an institution and period on ``hoy``, if any."""
    return session.scalars(
        select(Reapertura)
        .where(
            Reapertura.institucion_id == institucion_id,
            Reapertura.periodo == periodo,
            Reapertura.vence_en >= hoy,
        )
        .order_by(Reapertura.vence_en.desc())
        .limit(1)
    ).first()


def _exigir_abierto(
    session: Session,
    ind: Indicador,
    periodo: str,
    versiones: list[Avance],
    reglas: Reglas,
    hoy: dt.date,
) -> None:
    """A first report of a closed period needs a reapertura in force."""
    if any(v.recibido_en is not None for v in versiones):
        return
    abierto = reapertura_vigente(session, ind.institucion_responsable_id, periodo, hoy) is not None
    if cerrado(periodo, hoy, reglas, reabierto=abierto):
        raise ErrorReporte(
            f"El período {periodo} cerró para primeros reportes el "
            f"{_fecha(cierre(periodo, reglas))}. Solicite a la DIGER una reapertura."
        )


def _revision(
    session: Session, ind: Indicador, periodo: str, valor: float, reglas: Reglas, hoy: dt.date
) -> controles.Revision:
    [revision] = controles.revisar(
        session, [controles.Candidato(ind.codigo, periodo, valor)], reglas, hoy
    )
    return revision


def _exigir_envio(version: Avance, revision: controles.Revision) -> None:
    """What a version needs before it is sent: no blocking check, an explanation when a check
    warns, evidence when the indicator requires it."""
    if revision.bloqueos:
        raise ErrorReporte(" ".join(revision.bloqueos))
    if revision.avisos and not version.explicacion:
        raise ErrorReporte("Explique la variación antes de enviar: " + " ".join(revision.avisos))
    if version.indicador.requiere_evidencia and not (version.evidencia_id or version.evidencia_url):
        raise ErrorReporte(
            "Este indicador requiere evidencia: adjunte un archivo o un enlace https://."
        )


def _sellar_envio(version: Avance, actor: Alcance, ahora: dt.datetime) -> None:
    version.estado = EstadoVersion.enviado
    version.recibido_en = ahora
    version.fecha_reporte = _hoy(ahora)
    version.enviado_por = actor.usuario


# --- the institution: drafts, sends, corrections ----------------------------------------------


def guardar(
    session: Session,
    *,
    actor: Alcance,
    indicador: str,
    periodo: str,
    valor: Any,
    explicacion: str | None = None,
    evidencia_url: str | None = None,
    evidencia_id: Any = None,
    bloqueo: int | None = None,
    enviar: bool = False,
    reglas: Reglas | None = None,
    ahora: dt.datetime | None = None,
) -> Avance:
    """Save (and, with ``enviar``, send) the institution's value of an indicator for a period.

    The period's open draft is updated (refused if it changed since ``bloqueo``); otherwise a new
    version is created after the latest one (a returned version stays as it was). A validated
    value is not changed here (:func:`solicitar_correccion`), nor a sent one waiting for review.

    Raises:
        ErrorReporte: not the actor's institution, a period not programmed, not ended or closed,
            a value impossible for the unit, a send that lacks its explanation or evidence, a
            draft changed meanwhile.
    """
    reglas = reglas or Reglas()
    ahora = _ahora(ahora)
    hoy = _hoy(ahora)
    ind = _indicador(session, indicador, actor)
    periodo = _periodo(session, ind, periodo, hoy)
    numero = _valor(valor)
    versiones = _versiones(session, ind.id, periodo)
    ultima = versiones[-1] if versiones else None
    if ultima is not None and ultima.estado is EstadoVersion.enviado:
        raise ErrorReporte(
            f"El valor de {periodo} ya fue enviado el {_momento(ultima.recibido_en)} y espera la "
            "revisión de la DIGER."
        )
    if any(v.estado is EstadoVersion.validado for v in versiones):
        # Also after a returned correction: a plain report must not replace a validated value
        # without a reason (the lock of DOMAIN.md §8).
        raise ErrorReporte(
            f"El valor de {periodo} ya está validado. Para cambiarlo, solicite una corrección."
        )
    _exigir_abierto(session, ind, periodo, versiones, reglas, hoy)
    revision = _revision(session, ind, periodo, numero, reglas, hoy)
    if revision.bloqueos:
        raise ErrorReporte(" ".join(revision.bloqueos))
    campos = {
        "valor": numero,
        "explicacion": _texto(explicacion),
        "evidencia_url": _enlace(evidencia_url),
        "evidencia_id": _evidencia(session, evidencia_id, ind),
    }
    if ultima is not None and ultima.estado is EstadoVersion.borrador:
        if bloqueo is not None and int(bloqueo) != ultima.bloqueo:
            raise ErrorReporte(
                "Este borrador cambió desde que abrió el formulario (otra persona de su "
                "institución lo guardó). No se guardó nada: recargue para ver el valor actual."
            )
        version = ultima
        anterior = {k: getattr(version, k) for k in campos}
        for clave, nuevo in campos.items():
            setattr(version, clave, nuevo)
        version.reportado_por = actor.usuario  # who wrote the draft's current content
        version.bloqueo += 1
        cambios = {k: [anterior[k], v] for k, v in campos.items() if anterior[k] != v}
    else:
        version = Avance(
            indicador=ind,
            periodo=periodo,
            numero=(ultima.numero + 1) if ultima else 1,
            estado=EstadoVersion.borrador,
            origen=OrigenVersion.reporte,
            creado_en=ahora,
            creado_por=actor.usuario,
            reportado_por=actor.usuario,
            **campos,
        )
        session.add(version)
        cambios = {k: [None, v] for k, v in campos.items() if v is not None}
    session.flush()
    _auditar(session, "valor_borrador_guardado", version, actor, **cambios)
    if enviar:
        _enviar(session, version, actor, reglas, ahora, revision)
    return version


def _enviar(
    session: Session,
    version: Avance,
    actor: Alcance,
    reglas: Reglas,
    ahora: dt.datetime,
    revision: controles.Revision | None = None,
) -> None:
    hoy = _hoy(ahora)
    if revision is None:
        revision = _revision(
            session, version.indicador, version.periodo, version.valor, reglas, hoy
        )
    _exigir_envio(version, revision)
    _sellar_envio(version, actor, ahora)
    session.flush()
    _auditar(
        session,
        "valor_enviado",
        version,
        actor,
        valor=version.valor,
        avisos=revision.avisos or None,
        tardio=hoy > vencimiento(version.periodo, reglas),
    )


def enviar(
    session: Session,
    *,
    actor: Alcance,
    version_id: Any,
    bloqueo: int | None = None,
    reglas: Reglas | None = None,
    ahora: dt.datetime | None = None,
) -> Avance:
    """Send a draft to the DIGER (``recibido_en`` is stamped now).

    Raises:
        ErrorReporte: not the actor's draft, already sent, changed since ``bloqueo``, or missing
            its explanation or evidence.
    """
    reglas = reglas or Reglas()
    ahora = _ahora(ahora)
    version = _version_propia(session, version_id, actor)
    if version.estado is not EstadoVersion.borrador:
        raise ErrorReporte(
            f"Esta versión ya no es un borrador (está {version.estado.value}): "
            "no se envió de nuevo."
        )
    if bloqueo is not None and int(bloqueo) != version.bloqueo:
        raise ErrorReporte(
            "Este borrador cambió desde que abrió la página. No se envió nada: recargue y revise "
            "el valor antes de enviarlo."
        )
    _exigir_abierto(
        session,
        version.indicador,
        version.periodo,
        _versiones(session, version.indicador_id, version.periodo),
        reglas,
        _hoy(ahora),
    )
    _enviar(session, version, actor, reglas, ahora)
    return version


def enviar_completos(
    session: Session,
    *,
    actor: Alcance,
    version_ids: Sequence[Any] | None = None,
    reglas: Reglas | None = None,
    ahora: dt.datetime | None = None,
) -> tuple[list[Avance], list[Omitida]]:
    """Send every complete draft of the actor's institutions (or the ``version_ids`` among them).

    A draft is complete when it passes what :func:`enviar` requires; the others stay drafts and
    are returned with the reason. The checks of all drafts run in one engine evaluation.

    Returns:
        The sent versions and the drafts left out.
    """
    reglas = reglas or Reglas()
    ahora = _ahora(ahora)
    hoy = _hoy(ahora)
    consulta = (
        select(Avance)
        .join(Indicador, Indicador.id == Avance.indicador_id)
        .join(Institucion, Institucion.id == Indicador.institucion_responsable_id)
        .where(Avance.estado == EstadoVersion.borrador)
        .order_by(Indicador.codigo, Avance.periodo)
        .with_for_update()
    )
    if actor.rol is not permisos.Rol.admin:
        consulta = consulta.where(Institucion.sigla.in_(sorted(actor.instituciones)))
    if version_ids is not None:
        ids = []
        for v in version_ids:
            try:
                ids.append(int(v))
            except (TypeError, ValueError):
                continue
        consulta = consulta.where(Avance.id.in_(ids))
    borradores = [
        v
        for v in session.scalars(consulta)
        if permisos.puede_reportar(actor, v.indicador.institucion_responsable.sigla)
    ]
    revisiones = controles.revisar(
        session,
        [controles.Candidato(v.indicador.codigo, v.periodo, v.valor) for v in borradores],
        reglas,
        hoy,
    )
    enviadas: list[Avance] = []
    omitidas: list[Omitida] = []
    for version, revision in zip(borradores, revisiones, strict=True):
        try:
            _exigir_abierto(
                session,
                version.indicador,
                version.periodo,
                _versiones(session, version.indicador_id, version.periodo),
                reglas,
                hoy,
            )
            _enviar(session, version, actor, reglas, ahora, revision)
        except ErrorReporte as error:
            omitidas.append(
                Omitida(version.id, version.indicador.codigo, version.periodo, str(error))
            )
        else:
            enviadas.append(version)
    return enviadas, omitidas


def solicitar_correccion(
    session: Session,
    *,
    actor: Alcance,
    indicador: str,
    periodo: str,
    valor: Any,
    motivo: str | None,
    explicacion: str | None = None,
    evidencia_url: str | None = None,
    evidencia_id: Any = None,
    reglas: Reglas | None = None,
    ahora: dt.datetime | None = None,
) -> Avance:
    """Ask to change a validated value: a new version, sent, that replaces the validated one
    when an analyst validates it (until then the validated value keeps counting).

    Raises:
        ErrorReporte: not the actor's institution, no validated value, another version already
            waiting, no reason, a value impossible for the unit or missing its explanation.
    """
    reglas = reglas or Reglas()
    ahora = _ahora(ahora)
    hoy = _hoy(ahora)
    ind = _indicador(session, indicador, actor)
    periodo = _periodo(session, ind, periodo, hoy)
    numero = _valor(valor)
    motivo = _texto(motivo)
    if not motivo:
        raise ErrorReporte("Explique el motivo de la corrección.")
    versiones = _versiones(session, ind.id, periodo)
    validada = next((v for v in versiones if v.estado is EstadoVersion.validado), None)
    if validada is None:
        raise ErrorReporte(f"El valor de {periodo} no está validado: repórtelo normalmente.")
    abierta = next(
        (v for v in versiones if v.estado in (EstadoVersion.borrador, EstadoVersion.enviado)), None
    )
    if abierta is not None:
        raise ErrorReporte(
            f"Ya hay una versión de {periodo} {abierta.estado.value}: espere su revisión."
        )
    if numero == validada.valor:
        raise ErrorReporte("El valor corregido es igual al validado: no hay nada que corregir.")
    version = Avance(
        indicador=ind,
        periodo=periodo,
        numero=versiones[-1].numero + 1,
        estado=EstadoVersion.borrador,
        origen=OrigenVersion.correccion,
        valor=numero,
        motivo=motivo,
        explicacion=_texto(explicacion),
        evidencia_url=_enlace(evidencia_url),
        evidencia_id=_evidencia(session, evidencia_id, ind),
        reemplaza_id=validada.id,
        creado_en=ahora,
        creado_por=actor.usuario,
        reportado_por=actor.usuario,
    )
    session.add(version)
    session.flush()
    revision = _revision(session, ind, periodo, numero, reglas, hoy)
    _exigir_envio(version, revision)
    _sellar_envio(version, actor, ahora)
    session.flush()
    _auditar(
        session,
        "correccion_solicitada",
        version,
        actor,
        valor=[validada.valor, numero],
        motivo=motivo,
    )
    return version


# --- DIGER: validate, return, reopen ----------------------------------------------------------


def _revisable(session: Session, version_id: Any, actor: Alcance) -> Avance:
    """A sent version ``actor`` may review (refusals in Spanish; a concurrent review named)."""
    if not permisos.puede_validar(actor):
        raise ErrorReporte(permisos.SIN_PERMISO_VALIDAR)
    version = _version(session, version_id)
    if version.estado in (
        EstadoVersion.validado,
        EstadoVersion.devuelto,
        EstadoVersion.reemplazado,
    ):
        accion = "devuelta" if version.estado is EstadoVersion.devuelto else "validada"
        momento = (
            version.devuelto_en if version.estado is EstadoVersion.devuelto else version.validado_en
        )
        raise VersionYaRevisada(
            f"Esta versión ya fue {accion} por {version.revisado_por or 'otra persona'} el "
            f"{_momento(momento)}. No se registró nada más.",
            version.estado,
            version.revisado_por,
        )
    if version.estado is not EstadoVersion.enviado:
        raise ErrorReporte("Esta versión todavía no fue enviada por su institución.")
    if version.enviado_por == actor.usuario:
        raise ErrorReporte("Nadie valida ni devuelve un valor que envió: pida a otro analista.")
    return version


def validar(
    session: Session,
    *,
    actor: Alcance,
    version_id: Any,
    observacion: str | None = None,
    ahora: dt.datetime | None = None,
) -> Avance:
    """Accept a sent version: it counts in official figures from now on; a correction replaces
    the validated version it corrects (which stays, ``reemplazado``).

    Raises:
        VersionYaRevisada: someone reviewed it meanwhile (nothing written).
        ErrorReporte: not an analyst, not sent, or sent by the actor.
    """
    ahora = _ahora(ahora)
    version = _revisable(session, version_id, actor)
    anterior = session.scalars(
        select(Avance)
        .where(
            Avance.indicador_id == version.indicador_id,
            Avance.periodo == version.periodo,
            Avance.estado == EstadoVersion.validado,
        )
        .with_for_update()
    ).first()
    if anterior is not None:
        anterior.estado = EstadoVersion.reemplazado
        anterior.reemplazado_en = ahora
        session.flush()  # the old one leaves the partial unique index first
    version.estado = EstadoVersion.validado
    version.validado_en = ahora
    version.revisado_por = actor.usuario
    version.observacion = _texto(observacion)
    session.flush()
    _auditar(
        session,
        "valor_validado",
        version,
        actor,
        valor=version.valor,
        reemplaza=None
        if anterior is None
        else {"version": anterior.numero, "valor": anterior.valor},
    )
    return version


def devolver(
    session: Session,
    *,
    actor: Alcance,
    version_id: Any,
    observacion: str | None,
    ahora: dt.datetime | None = None,
) -> Avance:
    """Return a sent version to its institution with an observación (required).

    Raises:
        VersionYaRevisada: someone reviewed it meanwhile (nothing written).
        ErrorReporte: not an analyst, no observación, not sent, or sent by the actor.
    """
    ahora = _ahora(ahora)
    texto = _texto(observacion)
    if not texto:
        raise ErrorReporte("Escriba la observación: la institución necesita saber qué corregir.")
    version = _revisable(session, version_id, actor)
    version.estado = EstadoVersion.devuelto
    version.devuelto_en = ahora
    version.revisado_por = actor.usuario
    version.observacion = texto
    session.flush()
    _auditar(session, "valor_devuelto", version, actor, valor=version.valor, observacion=texto)
    notificar(session, eventos.version_devuelta(session, version))
    return version


def validar_varios(
    session: Session,
    *,
    actor: Alcance,
    version_ids: Sequence[Any],
    reglas: Reglas | None = None,
    ahora: dt.datetime | None = None,
) -> tuple[list[Avance], list[Omitida]]:
    """Validate several sent versions at once: only those without a review flag (atípico, sin
    evidencia, tardío, gran variación); flagged ones are left for one-by-one review.

    Returns:
        The validated versions and those left out, with the reason.
    """
    if not permisos.puede_validar(actor):
        raise ErrorReporte(permisos.SIN_PERMISO_VALIDAR)
    reglas = reglas or Reglas()
    ahora = _ahora(ahora)
    hoy = _hoy(ahora)
    versiones = []
    for ident in dict.fromkeys(version_ids):
        try:
            versiones.append(_version(session, ident))
        except ErrorReporte:
            continue
    enviadas = [v for v in versiones if v.estado is EstadoVersion.enviado]
    revisiones = controles.revisar(
        session,
        [controles.Candidato(v.indicador.codigo, v.periodo, v.valor) for v in enviadas],
        reglas,
        hoy,
    )
    por_id = {v.id: r for v, r in zip(enviadas, revisiones, strict=True)}
    validadas: list[Avance] = []
    omitidas: list[Omitida] = []
    for version in versiones:
        revision = por_id.get(version.id)
        marcas = (
            []
            if revision is None
            else controles.banderas(
                revision,
                con_evidencia=bool(version.evidencia_id or version.evidencia_url),
                tardio=_tardio(session, version, reglas),
            )
        )
        if version.reemplaza_id is not None:
            # A correction replaces a validated value: always reviewed one by one.
            omitidas.append(
                Omitida(
                    version.id,
                    version.indicador.codigo,
                    version.periodo,
                    "Es una solicitud de corrección de un valor validado: revísela una por una.",
                )
            )
            continue
        if marcas:
            nombres = ", ".join(controles.BANDERAS[m].lower() for m in marcas)
            omitidas.append(
                Omitida(
                    version.id,
                    version.indicador.codigo,
                    version.periodo,
                    f"Tiene banderas por revisar ({nombres}): valídela una por una.",
                )
            )
            continue
        try:
            validadas.append(validar(session, actor=actor, version_id=version.id, ahora=ahora))
        except ErrorReporte as error:
            omitidas.append(
                Omitida(version.id, version.indicador.codigo, version.periodo, str(error))
            )
    return validadas, omitidas


def primer_recibido(session: Session, indicador_id: int, periodo: str) -> dt.datetime | None:
    """The first ``recibido_en`` of an indicator's period (timeliness counts from it)."""
    return session.scalar(
        select(func.min(Avance.recibido_en)).where(
            Avance.indicador_id == indicador_id, Avance.periodo == periodo
        )
    )


def _tardio(session: Session, version: Avance, reglas: Reglas) -> bool:
    primero = primer_recibido(session, version.indicador_id, version.periodo)
    if primero is None:
        return False
    return _hoy(periods.como_utc(primero)) > vencimiento(version.periodo, reglas)


def reabrir(
    session: Session,
    *,
    actor: Alcance,
    institucion: str,
    periodo: str,
    motivo: str | None,
    vence_en: dt.date,
    ahora: dt.datetime | None = None,
) -> Reapertura:
    """Reopen a closed period for one institution's first reports until ``vence_en``.

    Raises:
        ErrorReporte: not an analyst, unknown institution or period, no reason, an expiry in the
            past or more than 90 days away.
    """
    if not permisos.puede_validar(actor):
        raise ErrorReporte(permisos.SIN_PERMISO_VALIDAR)
    ahora = _ahora(ahora)
    hoy = _hoy(ahora)
    inst = session.scalars(select(Institucion).where(Institucion.sigla == str(institucion))).first()
    if inst is None:
        raise ErrorReporte(f"La institución «{institucion}» no existe.")
    try:
        periodo = str(periods.parse(str(periodo)))
    except ValueError as error:
        raise ErrorReporte(str(error)) from None
    texto = _texto(motivo)
    if not texto:
        raise ErrorReporte("Explique el motivo de la reapertura.")
    if not isinstance(vence_en, dt.date):
        raise ErrorReporte("Indique hasta qué fecha queda reabierto el período.")
    if vence_en < hoy:
        raise ErrorReporte("La reapertura debe vencer hoy o después.")
    if vence_en > hoy + dt.timedelta(days=90):
        raise ErrorReporte("Una reapertura dura como máximo 90 días.")
    vigente = session.scalars(
        select(Reapertura)
        .where(
            Reapertura.institucion_id == inst.id,
            Reapertura.periodo == periodo,
            Reapertura.vence_en >= vence_en,
        )
        .limit(1)
    ).first()
    if vigente is not None:
        # A later expiry extends it (a new row: reaperturas are never edited); the same or an
        # earlier one would change nothing.
        raise ErrorReporte(
            f"{periodo} ya está reabierto para {inst.sigla} hasta el {_fecha(vigente.vence_en)}: "
            "no hace falta otra reapertura."
        )
    reapertura = Reapertura(
        institucion=inst,
        periodo=periodo,
        motivo=texto,
        vence_en=vence_en,
        creada_por=actor.usuario,
        creada_en=ahora,
    )
    session.add(reapertura)
    session.flush()
    registrar(
        session,
        "periodo_reabierto",
        usuario=actor.usuario,
        entidad=f"institucion:{inst.sigla}",
        detalle={"periodo": periodo, "motivo": texto, "vence_en": vence_en.isoformat()},
    )
    return reapertura


def describir(version: Avance) -> dict[str, Any]:
    """A version's fields as a form shows them next to the user's text after a refusal."""
    return {
        "id": version.id,
        "estado": version.estado.value,
        "valor": formato.format_numero(version.valor, 2),
        "bloqueo": version.bloqueo,
        "recibido_en": _momento(version.recibido_en),
        "revisado_por": version.revisado_por,
    }

"""Delivering the outbox: take due messages under a lock, send them, record the result.

The same code runs everywhere: in a thread of the web server (embedded mode, ``make run``), in
``sigpret correo enviar-pendientes`` and in the worker (``sigpret correo trabajar``, RQ on Redis
in production). Without ``SMTP_HOST`` a message is delivered to the local mailbox (it is marked
sent by ``buzon`` and an admin reads it on /correo); with it, through SMTP.

Two workers never send the same message: a message is taken by setting a lease
(``tomado_hasta``) in a short transaction that locks it — PostgreSQL ``FOR UPDATE SKIP LOCKED``
(another worker skips it), SQLite ``BEGIN IMMEDIATE`` (writers take turns) — so the second worker
no longer sees it as free. A failure is retried with a growing wait (:func:`espera`) and the
message is marked ``fallido`` after :data:`MAX_INTENTOS` tries; an admin can queue it again.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from sqlalchemy import Engine, or_, select, update

from data_layer.config import Settings
from data_layer.correo.cola import ahora
from data_layer.correo.modelos import EstadoCorreo, MensajeCorreo
from data_layer.db import session_factory

_log = logging.getLogger(__name__)

#: Tries before a message is marked ``fallido`` (about a day and a half of retries).
MAX_INTENTOS = 8
#: First wait after a failure; it doubles each time, up to :data:`ESPERA_MAXIMA`.
ESPERA_INICIAL = dt.timedelta(minutes=1)
ESPERA_MAXIMA = dt.timedelta(hours=6)
#: How long a worker holds the messages it took; after that another worker may retry them.
PLAZO_TOMA = dt.timedelta(minutes=10)
#: Messages taken per pass.
LOTE = 20
#: Seconds an SMTP connection may wait for the server.
TIEMPO_SMTP = 20


@dataclass(frozen=True)
class Resultado:
    """What a pass did: messages sent, failed this time (to retry), given up."""

    enviados: int = 0
    reintentar: int = 0
    fallidos: int = 0


def espera(intentos: int) -> dt.timedelta:
    """The wait before try ``intentos + 1``: 1 min, 2, 4, … up to 6 h."""
    return min(ESPERA_INICIAL * 2 ** max(intentos - 1, 0), ESPERA_MAXIMA)


def tomar(engine: Engine, *, momento: dt.datetime, lote: int = LOTE) -> list[int]:
    """Take up to ``lote`` due messages for this worker (nobody else takes them meanwhile)."""
    consulta = (
        select(MensajeCorreo.id)
        .where(
            MensajeCorreo.estado == EstadoCorreo.en_cola,
            MensajeCorreo.proximo_intento <= momento,
            or_(MensajeCorreo.tomado_hasta.is_(None), MensajeCorreo.tomado_hasta < momento),
        )
        .order_by(MensajeCorreo.proximo_intento, MensajeCorreo.id)
        .limit(lote)
    )
    if engine.dialect.name == "postgresql":
        consulta = consulta.with_for_update(skip_locked=True)
    with session_factory(engine, escritura=True)() as s, s.begin():
        ids = list(s.scalars(consulta))
        if ids:
            s.execute(
                update(MensajeCorreo)
                .where(MensajeCorreo.id.in_(ids))
                .values(tomado_hasta=momento + PLAZO_TOMA)
            )
    return ids


def construir(mensaje: MensajeCorreo, remitente: str) -> EmailMessage:
    """The MIME message: plain text, HTML alternative, then the attachments."""
    correo = EmailMessage()
    correo["From"] = remitente
    correo["To"] = mensaje.para
    correo["Subject"] = mensaje.asunto
    correo["Date"] = formatdate(localtime=False)
    dominio = parseaddr(remitente)[1].rpartition("@")[2] or "sigpret.local"
    correo["Message-ID"] = make_msgid(idstring=f"sigpret-{mensaje.id}", domain=dominio)
    correo.set_content(mensaje.texto)
    correo.add_alternative(mensaje.html, subtype="html")
    for adjunto in mensaje.adjuntos:
        principal, _, secundario = adjunto.tipo.partition(";")[0].partition("/")
        parametros = {}
        if principal == "text":  # every text SIGPRET writes is UTF-8 (an .ics with «salón»)
            parametros["charset"] = "utf-8"
        if adjunto.tipo.startswith("text/calendar"):
            parametros["method"] = "REQUEST"
        correo.add_attachment(
            adjunto.contenido,
            maintype=principal,
            subtype=secundario,
            filename=adjunto.nombre,
            params=parametros,
        )
    return correo


def _conectar(settings: Settings) -> smtplib.SMTP:
    assert settings.smtp_host is not None
    # An explicit EHLO name: smtplib would otherwise look up this host's FQDN (slow without DNS).
    nombre = parseaddr(settings.smtp_remitente)[1].rpartition("@")[2] or "sigpret.local"
    smtp = smtplib.SMTP(
        settings.smtp_host, settings.smtp_puerto, local_hostname=nombre, timeout=TIEMPO_SMTP
    )
    smtp.ehlo()
    if smtp.has_extn("starttls"):
        smtp.starttls(context=ssl.create_default_context())
        smtp.ehlo()
    if settings.smtp_usuario:
        smtp.login(settings.smtp_usuario, settings.smtp_clave or "")
    return smtp


def _registrar(
    engine: Engine, mensaje_id: int, momento: dt.datetime, error: str | None, por: str
) -> EstadoCorreo:
    with session_factory(engine, escritura=True)() as s, s.begin():
        mensaje = s.get(MensajeCorreo, mensaje_id)
        assert mensaje is not None
        mensaje.intentos += 1
        mensaje.tomado_hasta = None
        if error is None:
            mensaje.estado = EstadoCorreo.enviado
            mensaje.enviado_en = momento
            mensaje.entregado_por = por
            mensaje.ultimo_error = None
        else:
            mensaje.ultimo_error = error[:2000]
            if mensaje.intentos >= MAX_INTENTOS:
                mensaje.estado = EstadoCorreo.fallido
            else:
                mensaje.proximo_intento = momento + espera(mensaje.intentos)
        return mensaje.estado


def enviar_pendientes(
    engine: Engine, settings: Settings, *, momento: dt.datetime | None = None
) -> Resultado:
    """Deliver every due message (repeatedly taking batches until none is left).

    Args:
        engine: the database of the outbox.
        settings: SMTP settings; without ``smtp_host`` the messages go to the local mailbox.
        momento: the current time (tests); default now.

    Returns:
        How many were sent, will be retried, were given up.
    """
    enviados = reintentar = fallidos = 0
    vistos: set[int] = set()
    while True:
        instante = momento or ahora()
        ids = [i for i in tomar(engine, momento=instante) if i not in vistos]
        if not ids:
            break
        vistos.update(ids)
        for estado in _entregar(engine, settings, ids, instante):
            if estado is EstadoCorreo.enviado:
                enviados += 1
            elif estado is EstadoCorreo.fallido:
                fallidos += 1
            else:
                reintentar += 1
    return Resultado(enviados=enviados, reintentar=reintentar, fallidos=fallidos)


def _entregar(
    engine: Engine, settings: Settings, ids: list[int], momento: dt.datetime
) -> list[EstadoCorreo]:
    with session_factory(engine)() as s:
        mensajes = list(s.scalars(select(MensajeCorreo).where(MensajeCorreo.id.in_(ids))))
        correos = {m.id: construir(m, settings.smtp_remitente) for m in mensajes}
    if settings.smtp_host is None:
        return [_registrar(engine, i, momento, None, "buzon") for i in correos]
    estados = []
    try:
        smtp = _conectar(settings)
    except (OSError, smtplib.SMTPException) as exc:
        caido = f"No se pudo conectar con el servidor SMTP {settings.smtp_host}: {exc}"
        _log.warning(caido)
        return [_registrar(engine, i, momento, caido, "smtp") for i in correos]
    with smtp:
        for i, correo in correos.items():
            error: str | None = None
            try:
                smtp.send_message(correo)
            except (OSError, smtplib.SMTPException) as exc:
                error = f"El servidor SMTP rechazó el envío: {exc}"
                _log.warning("Correo %s no enviado: %s", i, exc)
            estados.append(_registrar(engine, i, momento, error, "smtp"))
    return estados

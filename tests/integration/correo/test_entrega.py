"""The outbox and its delivery through a real SMTP server on loopback (aiosmtpd), never a mock.

Covers: a message enqueued with its event commits or rolls back with it and is never enqueued
twice; SMTP down → it stays queued and is delivered exactly once when the server returns; two
workers at once never send the same message (SQLite and PostgreSQL); after N tries it is marked
failed; the embedded mode delivers to the local mailbox.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select

from data_layer.config import Settings
from data_layer.correo import Adjunto, EstadoCorreo, MensajeCorreo, encolar
from data_layer.correo.entrega import MAX_INTENTOS, enviar_pendientes, espera
from data_layer.db import session_factory
from tests.smtp_prueba import ServidorSMTP, puerto_libre


def ajustes(puerto: int | None) -> Settings:
    """Settings that send through 127.0.0.1:``puerto`` (None: the embedded local mailbox)."""
    return Settings(
        database_url="sqlite://",
        redis_url=None,
        secret_key=None,
        reglas_path=None,
        smtp_host=None if puerto is None else "127.0.0.1",
        smtp_puerto=puerto or 587,
        url_base="https://sigpret.prueba",
    )


@pytest.fixture
def smtp():
    servidor = ServidorSMTP().iniciar()
    yield servidor
    servidor.detener()


def _encolar(engine, n: int, prefijo: str = "prueba") -> None:
    with session_factory(engine, escritura=True)() as s, s.begin():
        for i in range(n):
            encolar(
                s,
                clave=f"{prefijo}:{i}",
                para=[f"persona{i}@ejemplo.hn"],
                asunto=f"Mensaje {i}",
                texto=f"Texto {i}",
                html=f"<p>Texto {i}</p>",
                evento="prueba",
                adjuntos=[Adjunto("nota.txt", "text/plain", b"hola")] if i == 0 else [],
            )


def _estados(engine) -> dict[str, int]:
    with session_factory(engine)() as s:
        filas = s.execute(
            select(MensajeCorreo.estado, func.count()).group_by(MensajeCorreo.estado)
        ).all()
    return {e.value: n for e, n in filas}


def test_entrega_por_smtp_con_texto_html_y_adjunto(engine, smtp):
    """A queued message arrives at the SMTP server once, with its plain, HTML and attachment
    parts, and is recorded as sent by SMTP."""
    _encolar(engine, 1)
    resultado = enviar_pendientes(engine, ajustes(smtp.puerto))
    assert resultado.enviados == 1
    [mensaje] = smtp.para("persona0@ejemplo.hn")
    assert mensaje["Subject"] == "Mensaje 0"
    assert mensaje.get_body(("plain",)).get_content().strip() == "Texto 0"
    assert mensaje.get_body(("html",)).get_content().strip() == "<p>Texto 0</p>"
    [adjunto] = list(mensaje.iter_attachments())
    assert adjunto.get_filename() == "nota.txt" and adjunto.get_content() == "hola"
    with session_factory(engine)() as s:
        fila = s.scalars(select(MensajeCorreo)).one()
    assert fila.estado is EstadoCorreo.enviado and fila.entregado_por == "smtp"
    assert enviar_pendientes(engine, ajustes(smtp.puerto)).enviados == 0
    assert len(smtp.recibidos) == 1


def test_misma_clave_no_se_encola_dos_veces(engine):
    """The same event enqueued twice (a repeated call) writes one message: nobody gets it twice."""
    _encolar(engine, 1)
    _encolar(engine, 1)
    assert _estados(engine) == {"en_cola": 1}


def test_el_mensaje_se_revierte_con_su_evento(engine):
    """A message enqueued in a transaction that rolls back does not exist (no mail for an event
    that did not happen)."""
    with pytest.raises(RuntimeError):
        with session_factory(engine, escritura=True)() as s, s.begin():
            encolar(
                s,
                clave="revertido",
                para=["a@ejemplo.hn"],
                asunto="x",
                texto="x",
                html="x",
                evento="prueba",
            )
            raise RuntimeError("el evento falla")
    assert _estados(engine) == {}


def test_smtp_caido_queda_en_cola_y_se_entrega_una_vez_al_volver(engine):
    """With the SMTP server down the message stays queued with the error and a later retry time;
    when the server is back it is delivered exactly once."""
    puerto = puerto_libre()
    _encolar(engine, 2)
    inicio = dt.datetime.now(dt.UTC)
    resultado = enviar_pendientes(engine, ajustes(puerto), momento=inicio)
    assert resultado.reintentar == 2 and resultado.enviados == 0
    with session_factory(engine)() as s:
        filas = list(s.scalars(select(MensajeCorreo)))
    assert all(f.estado is EstadoCorreo.en_cola and f.intentos == 1 for f in filas)
    assert all("No se pudo conectar" in (f.ultimo_error or "") for f in filas)
    # Not due yet: nothing is tried before the wait is over.
    assert enviar_pendientes(engine, ajustes(puerto), momento=inicio).reintentar == 0
    servidor = ServidorSMTP(puerto).iniciar()
    try:
        despues = inicio + espera(1) + dt.timedelta(seconds=1)
        assert enviar_pendientes(engine, ajustes(puerto), momento=despues).enviados == 2
        assert enviar_pendientes(engine, ajustes(puerto), momento=despues).enviados == 0
        assert sorted(d[0] for d, _ in servidor.recibidos) == [
            "persona0@ejemplo.hn",
            "persona1@ejemplo.hn",
        ]
    finally:
        servidor.detener()
    assert _estados(engine) == {"enviado": 2}


def test_fallido_tras_el_maximo_de_intentos(engine):
    """A message that keeps failing is marked failed after MAX_INTENTOS tries (the admin sees it),
    each retry waiting longer than the one before."""
    puerto = puerto_libre()
    _encolar(engine, 1)
    momento = dt.datetime.now(dt.UTC)
    for intento in range(1, MAX_INTENTOS + 1):
        enviar_pendientes(engine, ajustes(puerto), momento=momento)
        momento += espera(intento) + dt.timedelta(seconds=1)
    assert espera(2) > espera(1)
    assert _estados(engine) == {"fallido": 1}


def test_dos_trabajadores_nunca_envian_el_mismo(engine, smtp):
    """Two workers running at the same time deliver every message exactly once between them."""
    _encolar(engine, 30)
    barrera = threading.Barrier(2)
    errores: list[BaseException] = []

    def trabajador() -> None:
        try:
            barrera.wait()
            enviar_pendientes(engine, ajustes(smtp.puerto))
        except BaseException as exc:  # reported below
            errores.append(exc)

    hilos = [threading.Thread(target=trabajador) for _ in range(2)]
    for h in hilos:
        h.start()
    for h in hilos:
        h.join(60)
    assert not errores
    destinos = [d[0] for d, _ in smtp.recibidos]
    assert len(destinos) == 30 and len(set(destinos)) == 30
    assert _estados(engine) == {"enviado": 30}


def test_modo_embebido_entrega_al_buzon_local(engine):
    """Without SMTP_HOST the same delivery puts the message in the local mailbox: sent, by
    «buzon», with its attachment kept for the admin to download."""
    _encolar(engine, 1)
    assert enviar_pendientes(engine, ajustes(None)).enviados == 1
    with session_factory(engine)() as s:
        fila = s.scalars(select(MensajeCorreo)).one()
        assert fila.estado is EstadoCorreo.enviado and fila.entregado_por == "buzon"
        assert [(a.nombre, a.contenido) for a in fila.adjuntos] == [("nota.txt", b"hola")]

"""Every notice of DOMAIN.md §10 also leaves by e-mail (SQLite and PostgreSQL), through the
outbox and a real SMTP server on loopback: to each recipient with an address who gets that kind
of e-mail, never below their duty, once per event and account."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from data_layer import auth
from data_layer.avisos import Evento, notificar
from data_layer.config import Settings
from data_layer.correo import MensajeCorreo
from data_layer.correo.entrega import enviar_pendientes
from data_layer.db import session_factory
from tests.integration.reportes.conftest import mcr  # noqa: F401
from tests.smtp_prueba import ServidorSMTP

from .comun import CLAVE


@pytest.fixture
def smtp():
    """A real SMTP server on a free loopback port."""
    servidor = ServidorSMTP().iniciar()
    yield servidor
    servidor.detener()


@pytest.fixture
def gente(mcr):  # noqa: F811
    """A UPGRET who switched reminders off (their duty keeps them), an analyst who switched
    them off, a minister with the digest on, and an account without an address."""
    with session_factory(mcr)() as s, s.begin():
        for usuario, rol, alcance, correo in (
            ("upg", "upgret", ("SESAL",), "upg@salud.gob.hn"),
            ("ana", "analista", (), "ana@diger.gob.hn"),
            ("min", "ministro", ("EDU",), "min@educacion.gob.hn"),
            ("sin", "analista", (), None),
        ):
            u = auth.crear_usuario(s, usuario, rol, CLAVE, alcance=alcance, correo=correo)
            if usuario in ("upg", "ana"):
                u.recibe_recordatorios = False
    return mcr


def _evento(tipo: str, clave: str, para: tuple[str, ...]) -> Evento:
    return Evento(
        tipo=tipo,
        clave=clave,
        destinatarios=frozenset(para),
        asunto="Valor devuelto por la DIGER",
        texto="El valor de MS-SAL-01-I1 en 2026-T3 fue devuelto.\n\nCorríjalo y envíelo.",
        enlace="/reportes",
    )


def test_notices_leave_by_email_to_whom_their_duty_or_choice_says(gente, smtp, monkeypatch):
    """A returned value reaches the UPGRET by e-mail although they switched reminders off (their
    duty), not the analyst who switched them off nor the account without an address; the same
    event twice enqueues nothing more; the digest reaches the minister. The message carries the
    text, an HTML part and the link back into the app."""
    monkeypatch.setenv("SIGPRET_URL_BASE", "https://sigpret.prueba")
    with session_factory(gente)() as s, s.begin():
        notificar(s, _evento("version_devuelta", "version_devuelta:7", ("upg", "ana", "sin")))
        notificar(s, _evento("version_devuelta", "version_devuelta:7", ("upg", "ana", "sin")))
        notificar(s, _evento("resumen_alertas", "resumen:2026-W49", ("min",)))
    with session_factory(gente)() as s:
        assert sorted(s.scalars(select(MensajeCorreo.para))) == [
            "min@educacion.gob.hn",
            "upg@salud.gob.hn",
        ]
    ajustes = Settings(
        database_url="sqlite://",
        redis_url=None,
        secret_key=None,
        reglas_path=None,
        smtp_host="127.0.0.1",
        smtp_puerto=smtp.puerto,
        url_base="https://sigpret.prueba",
    )
    assert enviar_pendientes(gente, ajustes).enviados == 2
    (mensaje,) = smtp.para("upg@salud.gob.hn")
    assert mensaje["Subject"] == "Valor devuelto por la DIGER"
    texto = mensaje.get_body(("plain",)).get_content()
    assert "fue devuelto" in texto and "https://sigpret.prueba/reportes" in texto
    html = mensaje.get_body(("html",)).get_content()
    assert 'href="https://sigpret.prueba/reportes"' in html
    assert smtp.para("ana@diger.gob.hn") == []

"""A real SMTP server on loopback (aiosmtpd) for the e-mail tests: what it receives, as parsed."""

from __future__ import annotations

import email
import socket
import threading
from email.message import EmailMessage
from email.policy import default

from tests.conftest import unavailable


def puerto_libre() -> int:
    """A TCP port nobody listens on right now (for a server that is down, or about to start)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServidorSMTP:
    """An aiosmtpd server on 127.0.0.1 that keeps every message it accepts."""

    def __init__(self, puerto: int | None = None) -> None:
        try:
            from aiosmtpd.controller import Controller
        except ImportError:  # pragma: no cover - the test extra installs it
            unavailable("aiosmtpd no está instalado: falta el servidor SMTP de prueba")
            raise
        self.puerto = puerto or puerto_libre()
        self._cerrojo = threading.Lock()
        self.recibidos: list[tuple[list[str], EmailMessage]] = []
        self._controlador = Controller(self, hostname="127.0.0.1", port=self.puerto)

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's name)
        mensaje = email.message_from_bytes(envelope.content, policy=default)
        with self._cerrojo:
            self.recibidos.append((list(envelope.rcpt_tos), mensaje))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def iniciar(self) -> ServidorSMTP:
        self._controlador.start()
        return self

    def detener(self) -> None:
        self._controlador.stop()

    def para(self, direccion: str) -> list[EmailMessage]:
        """The messages received for ``direccion``."""
        return [m for destinos, m in self.recibidos if direccion in destinos]

"""A TCP proxy on loopback that fault tests put in front of a real PostgreSQL or Redis.

:meth:`ProxyTCP.congelar` makes it behave like a network partition or a hung server: it keeps
accepting connections and its kernel keeps acknowledging what the client sends, but nothing is
forwarded either way, so the client waits for an answer that never comes (no error, no reset).
:meth:`ProxyTCP.descongelar` lets traffic flow again; :meth:`ProxyTCP.cortar` resets every
open connection (a restarted server). Threads only, no extra dependency.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading
from types import TracebackType


class ProxyTCP:
    """Forward ``127.0.0.1:<puerto>`` to ``destino``, with faults on demand."""

    def __init__(self, host: str, puerto: int) -> None:
        """Listen on a free loopback port (see :attr:`puerto`); nothing flows until
        :meth:`iniciar`."""
        self.destino = (host, puerto)
        self._escucha = socket.create_server(("127.0.0.1", 0))
        self.puerto: int = self._escucha.getsockname()[1]
        self._fluye = threading.Event()
        self._fluye.set()
        self._fin = threading.Event()
        self._candado = threading.Lock()
        self._sockets: list[socket.socket] = []
        self.conexiones = 0

    def __enter__(self) -> ProxyTCP:
        return self.iniciar()

    def __exit__(
        self,
        tipo: type[BaseException] | None,
        valor: BaseException | None,
        traza: TracebackType | None,
    ) -> None:
        self.cerrar()

    def iniciar(self) -> ProxyTCP:
        """Start accepting connections in a background thread."""
        threading.Thread(target=self._aceptar, daemon=True).start()
        return self

    def congelar(self) -> None:
        """Stop forwarding: connections are accepted, bytes are held (a silent partition)."""
        self._fluye.clear()

    def descongelar(self) -> None:
        """Forward again."""
        self._fluye.set()

    def cortar(self) -> None:
        """Reset every open connection (new ones are still accepted)."""
        with self._candado:
            sockets, self._sockets = self._sockets, []
        for s in sockets:
            with contextlib.suppress(OSError):
                s.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                )
                s.close()

    def cerrar(self) -> None:
        """Stop listening and close every connection."""
        self._fin.set()
        self._fluye.set()
        with contextlib.suppress(OSError):
            self._escucha.close()
        self.cortar()

    def _aceptar(self) -> None:
        while not self._fin.is_set():
            try:
                cliente, _ = self._escucha.accept()
            except OSError:
                return
            try:
                servidor = socket.create_connection(self.destino, timeout=5)
            except OSError:
                cliente.close()
                continue
            servidor.settimeout(None)
            with self._candado:
                self._sockets += [cliente, servidor]
                self.conexiones += 1
            for origen, destino in ((cliente, servidor), (servidor, cliente)):
                threading.Thread(target=self._bombear, args=(origen, destino), daemon=True).start()

    def _bombear(self, origen: socket.socket, destino: socket.socket) -> None:
        try:
            while not self._fin.is_set():
                if not self._fluye.wait(timeout=0.05):
                    continue  # frozen: leave the bytes in the kernel's buffers
                listos, _, _ = select.select([origen], [], [], 0.05)
                if not listos or not self._fluye.is_set():
                    continue
                datos = origen.recv(65536)
                if not datos:
                    break
                destino.sendall(datos)
        except (OSError, ValueError):
            pass
        finally:
            for s in (origen, destino):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

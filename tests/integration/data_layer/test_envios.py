"""Submission tokens: a form's write is recorded once however many times it is sent (issue #9)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from data_layer import envios
from data_layer.db import session_factory
from data_layer.models import Institucion
from tests.integration.concurrencia import a_la_vez


def _enviar(token: str, sigla: str):
    """A form's write: claim the token, then insert an institution."""

    def trabajo(s) -> str:
        envios.reclamar(s, token, usuario="coord.salud", formulario="prueba")
        s.add(Institucion(sigla=sigla, nombre=f"Institución {sigla}"))
        s.flush()
        return sigla

    return trabajo


def _instituciones(engine) -> int:
    with session_factory(engine)() as s:
        return s.scalar(select(func.count()).select_from(Institucion)) or 0


def test_two_sends_of_one_token_at_the_same_moment_write_once(engine) -> None:
    """Two threads send the same form render at once (a double click reaching two workers): one
    writes, the other is refused as a repeat and writes nothing, on SQLite and PostgreSQL."""
    token = envios.nuevo_token()
    resultados = a_la_vez(engine, [_enviar(token, "A1"), _enviar(token, "A2")])
    repetidos = [r for r in resultados if isinstance(r, envios.EnvioRepetido)]
    escritos = [r for r in resultados if isinstance(r, str)]
    assert len(repetidos) == 1 and len(escritos) == 1, resultados
    assert str(repetidos[0]) == "Este formulario ya se envió: no se registró dos veces."
    assert _instituciones(engine) == 1


def test_a_refused_write_leaves_its_token_free(engine) -> None:
    """When the write a token guards is rolled back (refused, failed), the token is not spent:
    the same form can be sent again once corrected."""
    token = envios.nuevo_token()
    with pytest.raises(ValueError), session_factory(engine, escritura=True)() as s, s.begin():
        envios.reclamar(s, token, usuario="coord.salud", formulario="prueba")
        raise ValueError("regla incumplida")
    with session_factory(engine, escritura=True)() as s, s.begin():
        _enviar(token, "B1")(s)
    assert _instituciones(engine) == 1


@pytest.mark.parametrize("token", [None, "", "corto", "x" * 65, "con espacios y ñ 1234567", 12])
def test_a_send_without_a_valid_token_writes_nothing(engine, token) -> None:
    """A send without a token (a forged request, a page from before the update) is refused."""
    with pytest.raises(envios.TokenInvalido), session_factory(engine)() as s, s.begin():
        envios.reclamar(s, token, usuario="coord.salud", formulario="prueba")

"""The e-mail settings are read and checked at start-up (a wrong one stops with its name)."""

from __future__ import annotations

import pytest

from data_layer.config import ErrorConfiguracion, Settings


def test_sin_smtp_es_el_modo_embebido_con_valores_por_defecto() -> None:
    """No SMTP_HOST: the local mailbox; the default sender and URL of the local demo."""
    ajustes = Settings.from_env({})
    assert ajustes.smtp_host is None and ajustes.smtp_puerto == 587
    assert ajustes.smtp_remitente == "SIGPRET <no-responder@sigpret.local>"
    assert ajustes.url_base == "http://127.0.0.1:8050"


def test_lee_la_configuracion_smtp() -> None:
    """SMTP_* and SIGPRET_URL_BASE are read as given (the base URL without its final slash)."""
    ajustes = Settings.from_env(
        {
            "SMTP_HOST": "smtp.gob.hn",
            "SMTP_PORT": "2525",
            "SMTP_USUARIO": "sigpret",
            "SMTP_CLAVE": "secreta",
            "SMTP_REMITENTE": "SIGPRET <avisos@sigpret.gob.hn>",
            "SIGPRET_URL_BASE": "https://sigpret.gob.hn/",
        }
    )
    assert (ajustes.smtp_host, ajustes.smtp_puerto, ajustes.smtp_usuario) == (
        "smtp.gob.hn",
        2525,
        "sigpret",
    )
    assert ajustes.smtp_clave == "secreta"
    assert ajustes.url_base == "https://sigpret.gob.hn"


@pytest.mark.parametrize(
    ("variable", "valor"),
    [
        ("SMTP_PORT", "veinticinco"),
        ("SMTP_REMITENTE", "sigpret"),
        ("SIGPRET_URL_BASE", "sigpret.hn"),
    ],
)
def test_un_valor_mal_escrito_detiene_el_arranque(variable: str, valor: str) -> None:
    """A wrong port, sender or base URL raises a Spanish message naming the variable."""
    with pytest.raises(ErrorConfiguracion, match=variable):
        Settings.from_env({variable: valor})

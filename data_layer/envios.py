"""Submission tokens: a form's write is recorded once, however many times it is sent.

Each render of a form carries a fresh random token (:func:`nuevo_token`). The write that the form
sends claims its token in the same transaction (:func:`reclamar`): the token is the primary key
of :class:`EnvioFormulario`, so a second send of the same render (a double click, a retry after
a slow answer, the browser replaying a request) cannot claim it again and writes nothing. When
the write itself is refused or fails, its transaction is rolled back with the claim, and the
same form can be sent again once corrected.

On PostgreSQL a second send that arrives while the first is still writing waits for the first
to commit on the token's unique index, then is refused; on SQLite write sessions already run one
at a time.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets

from sqlalchemy import DateTime, String, func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from data_layer.models import Base

#: What a second send of the same form is told (nothing was written the second time).
YA_ENVIADO = "Este formulario ya se envió: no se registró dos veces."
#: What a send without a valid token is told (a page from before an update, or a forged request).
SIN_TOKEN = (
    "No se pudo identificar este envío del formulario: recargue la página e intente de nuevo."
)
#: Tokens are URL-safe base64 text of 16 to 64 characters (:func:`nuevo_token` makes 22).
_FORMA = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class EnvioRepetido(Exception):
    """A form's token was already claimed: this send is a repeat and wrote nothing."""


class TokenInvalido(Exception):
    """A send carried no token, or something that is not one."""


class EnvioFormulario(Base):
    """One claimed submission token: which form, who sent it, when."""

    __tablename__ = "envio_formulario"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    formulario: Mapped[str] = mapped_column(String(60))
    usuario: Mapped[str] = mapped_column(String(60))
    enviado_en: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


def nuevo_token() -> str:
    """A fresh random token for one render of a form (128 bits)."""
    return secrets.token_urlsafe(16)


def reclamar(session: Session, token: object, *, usuario: str, formulario: str) -> None:
    """Claim ``token`` in the session's transaction, before the write it guards.

    Args:
        session: the write's session (the claim commits or rolls back with the write).
        token: the token the form carried.
        usuario: who sends it.
        formulario: which form (for the record).

    Raises:
        TokenInvalido: no token, or not one.
        EnvioRepetido: the token was claimed by a committed write already.
    """
    if not isinstance(token, str) or not _FORMA.match(token):
        raise TokenInvalido(SIN_TOKEN)
    try:
        with session.begin_nested():
            session.add(EnvioFormulario(token=token, formulario=formulario[:60], usuario=usuario))
            session.flush()
    except IntegrityError:
        raise EnvioRepetido(YA_ENVIADO) from None

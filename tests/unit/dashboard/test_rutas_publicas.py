"""Which paths the front door serves without a session as the public portal (issue #14)."""

from __future__ import annotations

import pytest

from dashboard.peticiones import es_ruta_publica


@pytest.mark.parametrize(
    "ruta",
    ["/publico", "/publico/", "/publico/2026-T3", "/publico/datos/x.csv", "/api/publico/v1"],
)
def test_portal_paths_are_public(ruta: str) -> None:
    """The portal, its files and its API are public."""
    assert es_ruta_publica(ruta)


@pytest.mark.parametrize(
    "ruta",
    [
        "/publicacion",
        "/publicacion/vista-previa/2026-T3",
        "/publicos",
        "/api/publicos",
        "/",
        "/alertas",
        "/_dash-layout",
        "/assets/publico.css",
        "/x/publico",
    ],
)
def test_other_paths_are_not(ruta: str) -> None:
    """The analysts' publication page, look-alike prefixes and the private app are not."""
    assert not es_ruta_publica(ruta)

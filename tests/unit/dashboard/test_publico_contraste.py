"""The public portal's stylesheet keeps WCAG AA contrast (issue #14): every rule that sets a text
colour reaches 4.5:1 against its own background, or against the page's when it sets none."""

from __future__ import annotations

import re
from pathlib import Path

from dashboard.formatting import ESTADOS_PRESENTACION, contraste

CSS = Path(__file__).resolve().parents[3] / "dashboard/publico/estatico/publico.css"
#: Backgrounds a rule without its own background sits on (page, cards, header, footer).
FONDOS_PAGINA = ("#f6f7f9", "#ffffff", "#e9edf1")
_REGLA = re.compile(r"([^{}]+)\{([^{}]*)\}")


def _color(declaraciones: str, propiedad: str) -> str | None:
    m = re.search(rf"(?:^|;){propiedad}:(#[0-9a-fA-F]{{6}})", declaraciones)
    return m.group(1).lower() if m else None


def test_every_text_colour_of_the_portal_has_aa_contrast() -> None:
    """Text colours on their background ≥ 4.5:1 (header rules on the header's dark blue)."""
    texto = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.S)
    texto = re.sub(r"@media[^{]*\{((?:[^{}]*\{[^{}]*\})*)[^{}]*\}", r"\1", texto)
    revisadas = 0
    for selector, cuerpo in _REGLA.findall(texto):
        cuerpo = cuerpo.replace(" ", "")
        color = _color(cuerpo, "color")
        if color is None or "print" in selector:
            continue
        fondo = _color(cuerpo, "background") or _color(cuerpo, "background-color")
        if fondo is not None:
            fondos = (fondo,)
        elif selector.strip().startswith((".cabecera", ".institucion", ".marca")):
            fondos = ("#0b2e59",)
        else:
            fondos = FONDOS_PAGINA
        for f in fondos:
            assert contraste(color, f) >= 4.5, (selector.strip(), color, f)
        revisadas += 1
    assert revisadas >= 15


def test_state_badges_have_aa_contrast() -> None:
    """The state badges the portal shares with the app: text on fill ≥ 4.5:1."""
    for p in ESTADOS_PRESENTACION.values():
        assert contraste(p.texto, p.fondo) >= 4.5, p.estado

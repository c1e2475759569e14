"""The public portal (issue #14): published snapshots for anyone, without a login.

Three Flask blueprints, with Jinja templates (``dashboard/templates/publico``) and a small
stylesheet of their own (no Dash, no script: nothing of the private app is loaded):

- :mod:`.paginas` — the portal under ``/publico``: the latest published quarter, each eje, the
  sectors, the institutions' yearly evaluation, the history, the change log, the methodology;
- :mod:`.datos` — open data under ``/publico/datos``: CSV/JSON of each snapshot, the dictionary;
- :mod:`.api` — the read-only JSON API under ``/api/publico/v1`` with its OpenAPI description.

Everything answers from :mod:`data_layer.publicacion.consultas`, which reads published editions
only. The front door lets these paths through without a session
(:func:`dashboard.peticiones.es_ruta_publica`), rate-limits them per address
(:mod:`dashboard.limitador`) and keeps their caching headers. The analysts' preview of a quarter
not yet published (``/publicacion/vista-previa/<periodo>``) renders the same templates, behind
the login (:mod:`.vista_previa`).
"""

from __future__ import annotations

from flask import Blueprint, Flask

from dashboard.publico import api, datos, paginas, vista_previa

#: The blueprints the rate limit applies to (the preview is behind the login, not limited).
BLUEPRINTS: tuple[Blueprint, ...] = (paginas.bp, datos.bp, api.bp)


def registrar(server: Flask) -> None:
    """Register the portal, its open data, its API and the analysts' preview on ``server``."""
    for bp in (*BLUEPRINTS, vista_previa.bp):
        server.register_blueprint(bp)

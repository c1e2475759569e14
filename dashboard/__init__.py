"""The SIGPRET Dash app: :func:`create_app` builds it; :func:`create_server` serves gunicorn.

``gunicorn "dashboard:create_server()"`` runs it in production. Everything the browser loads comes
from ``assets/`` and the installed packages (Bootstrap, plotly's Spanish locale): no CDN at run
time. Creating the app opens no database connection; the first callback does.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import pkgutil
import sys
import weakref
from pathlib import Path
from typing import Any, cast

import dash
import plotly.io.json
from dash._utils import to_json
from flask import Flask

from data_layer.config import INSTANCE_DIR, Settings
from data_layer.engine.frames import Reglas


def page_modules() -> list[str]:
    """Every module of ``dashboard/pages/`` (each calls ``dash.register_page`` on import)."""
    import dashboard.pages

    return sorted(
        f"dashboard.pages.{m.name}"
        for m in pkgutil.iter_modules(dashboard.pages.__path__)
        if not m.name.startswith("_")
    )


ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
#: The server extension gunicorn's ``post_fork`` hook calls in each worker.
TRAS_FORK = "sigpret_tras_fork"

INDEX_STRING = """<!DOCTYPE html>
<html lang="es">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
        <style>{estilos_estados}</style>
    </head>
    <body>
        <noscript>SIGPRET necesita JavaScript para mostrar el tablero.</noscript>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>
"""


class SigpretDash(dash.Dash):
    """Dash with a Spanish loading message in the page's first paint, and without the
    validation layout in the browser."""

    def _config(self) -> dict[str, Any]:
        """The renderer's configuration, without the validation layout (issue #15).

        Dash embeds every page's layout (the ids each callback may name, ~400 KB) in every
        page's HTML so that the renderer can tell a developer about a callback naming a missing
        id. The server still builds it (so the first request of a process behaves as before)
        and a test checks every callback against it (``tests/integration/web/
        test_layout_validacion.py``); browsers get a 10 KB page and skip that developer check.
        """
        config: dict[str, Any] = super()._config()  # type: ignore[misc]
        config.pop("validation_layout", None)
        config["suppress_callback_exceptions"] = True
        return config

    def dependencies(self) -> Any:
        """Every callback's declaration for the renderer, written once per process (issue #15:
        the same 100 KB of JSON was rebuilt on every page open). Callbacks are all declared
        before the first request (Dash pages' own included), so the list no longer changes;
        its length is checked all the same."""
        lista = self._callback_list
        guardada = getattr(self, "_dependencias_json", None)
        if guardada is None or guardada[0] != len(lista):
            guardada = (len(lista), to_json(lista))
            self._dependencias_json = guardada
        return self.backend.make_response(guardada[1], content_type="application/json")

    def interpolate_index(
        self,
        metas: Any = "",
        title: Any = "",
        css: Any = "",
        config: Any = "",
        scripts: Any = "",
        app_entry: Any = "",
        favicon: Any = "",
        renderer: Any = "",
    ) -> Any:
        """Dash's page template, with "Loading..." in Spanish."""
        return super().interpolate_index(
            metas=metas,
            title=title,
            css=css,
            config=config,
            scripts=scripts,
            app_entry=str(app_entry).replace("Loading...", "Cargando…"),
            favicon=favicon,
            renderer=renderer,
        )


def _estilos_estados() -> str:
    # The state colours are defined once, in formatting.py; CSS classes are generated from them.
    from dashboard.formatting import ESTADOS_PRESENTACION

    return "".join(
        f".{p.clase}{{background-color:{p.fondo};color:{p.texto};}}"
        for p in ESTADOS_PRESENTACION.values()
    )


def _register_pages() -> None:
    # Pages register on import; reloading re-registers them on a fresh app (tests build many).
    for nombre in page_modules():
        if nombre in sys.modules:
            modulo = importlib.reload(sys.modules[nombre])
        else:
            modulo = importlib.import_module(nombre)
        # What Dash does for a pages folder: the module's `layout` (defined after
        # register_page, so unknown while registering) becomes the page's layout.
        pagina = dash.page_registry[nombre]
        if not pagina.get("supplied_layout"):
            pagina["layout"] = modulo.layout


def create_app(
    database_url: str | None = None,
    cache_config: dict[str, Any] | None = None,
    *,
    settings: Settings | None = None,
) -> dash.Dash:
    """Build the Dash app with its pages, shell, cache, data access and front door.

    Args:
        database_url: SQLAlchemy URL; default ``settings.database_url`` (``DATABASE_URL``, or
            the embedded SQLite database).
        cache_config: Flask-Caching configuration; default Redis when ``REDIS_URL`` is set, else
            an in-process cache.
        settings: the configuration; default :meth:`Settings.from_env` (checked on load: a
            wrong variable raises :class:`data_layer.config.ErrorConfiguracion`).

    Returns:
        The app; ``app.server`` is its Flask server.
    """
    from dashboard import cache, data, respuestas, seguridad, shell
    from data_layer.correo import trabajador as correo_trabajador

    # Dash writes every callback answer with plotly's JSON writer. Its orjson engine first walks
    # the whole answer in Python (``clean_to_json_compatible``); the standard library's encoder
    # gives the same JSON (NaN as null, dates as ISO text) about a third faster on our answers
    # (components, grid rows, figures): issue #15, ``bench.carga.costo``.
    plotly.io.json.config.default_engine = "json"
    settings = settings or Settings.from_env()
    if database_url:
        settings = dataclasses.replace(settings, database_url=database_url)
    database_url = settings.database_url
    server = Flask("dashboard")

    app = SigpretDash(
        __name__,
        # Dash's annotation leaves out a Flask instance, which its documentation allows.
        server=cast(Any, server),
        use_pages=True,
        pages_folder="",
        assets_folder=str(ASSETS_DIR),
        serve_locally=True,
        external_stylesheets=[],
        title="SIGPRET",
        update_title="Actualizando… | SIGPRET",
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {"name": "description", "content": "Seguimiento de las metas del Gobierno de Honduras"},
        ],
    )
    app.index_string = INDEX_STRING.replace("{estilos_estados}", _estilos_estados())

    resultado_cache = cache.init_cache(
        server, cache_config or cache.cache_config(settings.redis_url)
    )
    server.extensions[data.EXTENSION] = data.Datos(
        database_url=database_url,
        cache=resultado_cache,
        reglas=Reglas.from_toml(settings.reglas_path),
    )
    _precalentar_tras_importar(server, database_url)
    # Mail enqueued by this app's writes is delivered soon after they commit (thread or RQ job).
    correo_trabajador.activar(settings)

    _register_pages()
    app.layout = shell.layout
    shell.register_callbacks(app)

    @functools.cache
    def hashes_csp() -> list[str]:
        # Computed once, at the first response: every callback (clientside ones included) exists.
        return list(app.csp_hashes())

    seguridad.configure(
        server,
        settings,
        instancia=INSTANCE_DIR,
        assets=ASSETS_DIR,
        csp_script_hashes=hashes_csp,
        callbacks=lambda: app.callback_map,
    )
    _comprimir(server)
    # After the security hooks and the compression (see dashboard.respuestas.registrar).
    respuestas.registrar(
        server,
        lambda: app.callback_map,
        app.config.routes_pathname_prefix + "_dash-update-component",
    )
    importlib.import_module("dashboard.descargas").registrar(server)
    importlib.import_module("dashboard.evidencias").registrar(server, settings)
    importlib.import_module("dashboard.productos").registrar(server)
    _primera_peticion(server)
    # What gunicorn runs in each worker after the fork (data_layer.servidor.tras_fork).
    server.extensions[TRAS_FORK] = functools.partial(_vigilar_en_worker, server)
    return app


def _comprimir(server: Flask) -> None:
    """Compress text answers (HTML, JSON of layouts and callbacks, CSS, JS, CSV) with
    Flask-Compress: brotli when the browser accepts it, else gzip (issue #15)."""
    from flask_compress import Compress

    server.config.update(
        COMPRESS_ALGORITHM=["br", "gzip"],
        COMPRESS_MIMETYPES=[
            "text/html",
            "text/css",
            "text/csv",
            "text/plain",
            "text/javascript",
            "application/javascript",
            "application/json",
            "image/svg+xml",
        ],
        COMPRESS_MIN_SIZE=1024,
    )
    Compress(server)


def _primera_peticion(server: Flask) -> None:
    """Serve one anonymous request now, so that every process starts the same.

    Dash builds its validation layout and the pages' routing callback on the first request a
    process serves, calling every page's layout as that request's user: under gunicorn, a
    minister as a worker's first visitor left that worker with the refusal of the pages he may
    not open, and everybody after him with «ID not found in layout» errors. Anonymous, every
    layout is its full skeleton, which holds no data.
    """
    from dashboard.acceso import LOGIN

    # Only the before-request hooks: no response, so nothing is logged or sent anywhere.
    with server.test_request_context(LOGIN):
        server.preprocess_request()


def _precalentar_tras_importar(server: Flask, database_url: str) -> None:
    """After a web import into this app's database, warm its result cache in the import's job
    thread (:func:`dashboard.vistas.precalentar`): the first visitor does not pay the cold
    overview. The listener holds the server weakly and leaves with it."""
    from dashboard import vistas
    from data_layer.importer import web as importer_web

    referencia = weakref.ref(server)

    def precalentar(url: str) -> None:
        servidor = referencia()
        if servidor is None or url != database_url:
            return
        with servidor.app_context():
            vistas.precalentar()

    weakref.finalize(server, importer_web.al_aplicar(precalentar))


def precalentar_cache_compartida(settings: Settings) -> None:
    """Warm the shared result cache (``REDIS_URL``) for the current data version from outside
    the web app: what :func:`dashboard.vistas.precalentar` does after a web import, for
    ``sigpret import mcr`` (issue #15). A bare Flask server holds the same cache configuration
    and data access as :func:`create_app` (so the keys are the ones the web workers read); no
    Dash app, pages or mail worker are built.
    """
    from dashboard import cache, data, vistas

    if not settings.redis_url:
        raise ValueError("precalentar la caché compartida requiere REDIS_URL")
    server = Flask("dashboard")
    server.extensions[data.EXTENSION] = data.Datos(
        database_url=settings.database_url,
        cache=cache.init_cache(server, cache.cache_config(settings.redis_url)),
        reglas=Reglas.from_toml(settings.reglas_path),
    )
    with server.app_context():
        vistas.precalentar()


def create_server() -> Flask:
    """The Flask server of a new app, for ``gunicorn "dashboard:create_server()"``."""
    return create_app().server


def _vigilar_en_worker(server: Flask) -> None:
    """Start reading new data in the background in this process (gunicorn's ``post_fork`` hook
    calls it in each worker, :func:`data_layer.servidor.tras_fork`): no visitor waits for a
    cold MCR or overview (:mod:`dashboard.vigia`)."""
    from dashboard import vigia

    if "sigpret_vigia" not in server.extensions:
        server.extensions["sigpret_vigia"] = vigia.vigilar(server)

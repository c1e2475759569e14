"""The audit page (issue #4): only admin and analista read it (checked on the server, even against
forged requests); records newest first with Honduras times, readable old → new details, filters by
user, action and date range, at most 2,000 rows per query; every value plain text.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from sqlalchemy import insert

from dashboard import create_app
from data_layer.db import session_factory, session_scope
from data_layer.models import Auditoria
from data_layer.vistas.auditoria import (
    FiltroAuditoria,
    describir_detalle,
    filas_auditoria,
    load_auditoria,
    parse_filtro,
)
from tests.conftest import sesion_de_prueba
from tests.integration.web.test_acceso import cliente, cuerpo, llamar

UTC = dt.UTC


@pytest.fixture
def app(demo_database_url):
    """A fresh app on the demo database."""
    return create_app(demo_database_url)


def salida_auditoria(app) -> str:
    """The output key of the audit page's callback."""
    return next(s for s in app.callback_map if "auditoria-nota.children" in s)


def respuesta(r) -> dict[str, dict[str, Any]]:
    """A multi-output callback response as ``{component id (text): {prop: value}}``."""
    assert r.status_code == 200, r.get_data(as_text=True)
    return r.get_json()["response"]


def filas_de(contenido: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The grid's rows in a callback response."""
    return next(v["rowData"] for v in contenido.values() if "rowData" in v)


@pytest.mark.parametrize("usuario", ["analista", "admin"])
def test_admin_and_analista_read_the_log_newest_first(app, usuario) -> None:
    """Logged in through the form, the user finds their own login (with address and a
    dd/mm/aaaa hh:mm time) at the top of the log, with the action's Spanish name."""
    c = cliente(app, usuario)
    contenido = respuesta(llamar(c, cuerpo(app, salida_auditoria(app))))
    filas = filas_de(contenido)
    assert filas
    propias = [f for f in filas if f["usuario"] == usuario and f["accion"] == "login"]
    assert propias and propias[0]["accion_texto"] == "Inicio de sesión"
    assert propias[0]["direccion"] == "127.0.0.1"
    dt.datetime.strptime(propias[0]["momento_texto"], "%d/%m/%Y %H:%M")
    momentos = [f["momento"] for f in filas]
    assert momentos == sorted(momentos, reverse=True)
    assert "2,000" in contenido["auditoria-nota"]["children"]
    acciones = {o["value"]: o["label"] for o in contenido["auditoria-accion"]["options"]}
    assert acciones["login"] == "Inicio de sesión"
    assert usuario in {o["value"] for o in contenido["auditoria-usuario"]["options"]}


@pytest.mark.parametrize(
    "usuario", ["presidencia", "ministro.salud", "coord.salud", "upgret.sesal"]
)
def test_other_roles_get_no_record_even_with_forged_requests(app, usuario) -> None:
    """Any other role calling the audit callback (the page never showed it to them; any input
    values) gets "No tiene permiso", no rows and no filter options."""
    c = cliente(app, usuario)
    for valores in (
        None,
        ["analista", "login", "2000-01-01", "2100-12-31"],
        [["x"], {"a": 1}, 3, []],
    ):
        r = llamar(c, cuerpo(app, salida_auditoria(app), valores))
        contenido = respuesta(r)
        assert filas_de(contenido) == []
        assert contenido["auditoria-usuario"]["options"] == []
        assert contenido["auditoria-accion"]["options"] == []
        texto = r.get_data(as_text=True)
        assert "No tiene permiso" in texto
        assert "login" not in texto and "127.0.0.1" not in texto


def _pagina(app, c, ruta: str) -> str:
    """The layout the page router sends for ``ruta`` (as JSON text)."""
    salida = next(s for s in app.callback_map if "_pages_content.children" in s)
    return llamar(c, cuerpo(app, salida, [ruta, ""])).get_data(as_text=True)


def _navbar(c) -> str:
    """The shell layout sent to the client's user (slashes unescaped)."""
    return c.get("/_dash-layout").get_data(as_text=True).replace("\\u002f", "/")


def test_layout_and_navbar_follow_the_role(app) -> None:
    """Other roles get only the "no tiene permiso" message as the page and no "Auditoría" link in
    the navbar; admin and analista get the filters and the grid, and the link."""
    for usuario in ("upgret.sesal", "presidencia"):
        c = cliente(app, usuario)
        texto = _pagina(app, c, "/auditoria")
        assert "No tiene permiso" in texto
        assert "auditoria-usuario" not in texto and "auditoria-registros" not in texto
        assert '"href":"/auditoria"' not in _navbar(c)
    for usuario in ("admin", "analista"):
        c = cliente(app, usuario)
        texto = _pagina(app, c, "/auditoria")
        assert "No tiene permiso" not in texto
        assert "auditoria-usuario" in texto and "auditoria-registros" in texto
        assert '"href":"/auditoria"' in _navbar(c)


# --- filters and formatting, on a database with known records ----------------------------------

#: (UTC time, user, action): around midnight in Honduras (UTC−6).
REGISTROS = [
    (dt.datetime(2025, 3, 1, 5, 59, tzinfo=UTC), "ana", "login"),  # 28/02 23:59 HN
    (dt.datetime(2025, 3, 1, 6, 0, tzinfo=UTC), "ana", "logout"),  # 01/03 00:00 HN
    (dt.datetime(2025, 3, 2, 5, 59, tzinfo=UTC), "beto", "login"),  # 01/03 23:59 HN
    (dt.datetime(2025, 3, 2, 6, 0, tzinfo=UTC), "beto", "login_fallido"),  # 02/03 00:00 HN
]


def _insertar(engine, registros) -> None:
    with session_scope(engine) as s:
        s.execute(
            insert(Auditoria),
            [
                {"momento": m, "usuario": u, "accion": a, "direccion": "10.0.0.9"}
                for m, u, a in registros
            ],
        )


#: Filters and the ids of :data:`REGISTROS` (1-based) each one gives, newest first.
FILTROS = [
    (FiltroAuditoria(), [4, 3, 2, 1]),
    (FiltroAuditoria(desde=dt.date(2025, 3, 1), hasta=dt.date(2025, 3, 1)), [3, 2]),
    (FiltroAuditoria(desde=dt.date(2025, 3, 2)), [4]),
    (FiltroAuditoria(hasta=dt.date(2025, 2, 28)), [1]),
    (FiltroAuditoria(usuario="beto"), [4, 3]),
    (FiltroAuditoria(accion="login"), [3, 1]),
    (FiltroAuditoria(usuario="ana", accion="login"), [1]),
    (FiltroAuditoria(usuario="nadie"), []),
]


def test_filters_by_user_action_and_honduras_dates(engine) -> None:
    """Date limits are whole days in Honduras time (a record at 05:59 UTC belongs to the day
    before); user and action match exactly; the result is newest first."""
    _insertar(engine, REGISTROS)
    with session_factory(engine)() as s:
        for filtro, esperados in FILTROS:
            assert load_auditoria(s, filtro)["id"].tolist() == esperados, filtro


def test_rows_show_honduras_time_and_spanish_action(engine) -> None:
    """The grid row of a record at 05:59 UTC on 1 March shows 28/02/2025 23:59 and the action's
    Spanish name; the sortable key is the Honduras time too."""
    _insertar(engine, REGISTROS[:1])
    with session_factory(engine)() as s:
        (fila,) = filas_auditoria(load_auditoria(s, FiltroAuditoria()))
    assert fila["momento_texto"] == "28/02/2025 23:59"
    assert fila["momento"] == "2025-02-28 23:59:00"
    assert (fila["usuario"], fila["accion_texto"], fila["direccion"]) == (
        "ana",
        "Inicio de sesión",
        "10.0.0.9",
    )
    assert fila["entidad"] is None and fila["detalle"] == ""


def test_forged_filter_values_are_ignored() -> None:
    """Values that are not text or ISO dates (lists, numbers, bad dates) mean "no filter"."""
    assert parse_filtro(["ana"], 3, "31/12/2024", {"x": 1}) == FiltroAuditoria()
    assert parse_filtro(" ana ", "login", "2025-03-01", "2025-03-02T00:00:00") == FiltroAuditoria(
        "ana", "login", dt.date(2025, 3, 1), dt.date(2025, 3, 2)
    )


@pytest.mark.parametrize(
    ("detalle", "texto"),
    [
        ('{"meta": [1200.0, 1100.0], "periodo": "2024-T2"}', "meta: 1200 → 1100; periodo: 2024-T2"),
        (
            '{"activo": [true, false], "sesiones_cerradas": 2}',
            "activo: sí → no; sesiones cerradas: 2",
        ),
        (
            '{"comentario": [null, "Corregido"], "fecha_reporte": ["2024-04-05", "2024-04-06"]}',
            "comentario: (vacío) → Corregido; fecha reporte: 05/04/2024 → 06/04/2024",
        ),
        (
            '{"nuevo": {"instituciones": ["SESAL"], "rol": "upgret", "sectores": []}}',
            "nuevo: instituciones: SESAL; rol: upgret; sectores: (ninguno)",
        ),
        (
            '{"importacion": 7, "temas_transversales": [["DD. HH.", "Género"], ["Género"]]}',
            "importación: 7; temas transversales: DD. HH., Género → Género",
        ),
        ('{"valor": [0.5, 12.25]}', "valor: 0.5 → 12.25"),
        ("no es JSON <b>", "no es JSON <b>"),
        (None, ""),
    ],
)
def test_detalle_reads_as_old_to_new(detalle, texto) -> None:
    """Each ``detalle`` becomes one line: pairs as ``antes → después``, context as ``campo: valor``,
    dates as dd/mm/aaaa, booleans as sí/no, empty as (vacío)."""
    assert describir_detalle(detalle) == texto


def test_at_most_2000_rows_and_everything_as_text(sqlite_engine) -> None:
    """With 2,005 records the page sends the newest 2,000 and says how many there are; HTML typed
    into a record (a user name at a failed login, an imported name) travels as plain text, and no
    column renders HTML."""
    inicio = dt.datetime(2025, 1, 1, 12, 0, tzinfo=UTC)
    _insertar(
        sqlite_engine,
        [(inicio + dt.timedelta(minutes=i), f"u{i % 3}", "login") for i in range(2004)],
    )
    malicioso = "<img src=x onerror=alert(1)>"
    with session_scope(sqlite_engine) as s:
        s.add(
            Auditoria(
                momento=inicio + dt.timedelta(days=30),
                usuario=malicioso,
                accion="login_fallido",
                entidad="indicador:<b>X</b>",
                detalle=json.dumps({"nombre": ["**a**", "<script>b</script>"]}),
            )
        )
    app = create_app(sqlite_engine.url.render_as_string(hide_password=False))
    from dashboard.pages import auditoria

    with sesion_de_prueba(app, "/auditoria", rol="admin"):
        salida = auditoria.render_auditoria(None, None, None, None)
    filas, nota, usuarios = salida["filas"], salida["nota"], salida["usuarios"]
    mensaje, periodo = salida["mensaje"], salida["periodo"]
    assert len(filas) == 2000 and mensaje is None and periodo is None
    assert nota.startswith("Se muestran los 2,000 registros más recientes de 2,005")
    primera = filas[0]
    assert primera["usuario"] == malicioso
    assert primera["entidad"] == "indicador:<b>X</b>"
    assert primera["detalle"] == "nombre: **a** → <script>b</script>"
    # The 2,000th newest: the injected record, then i = 2003 down to i = 5 (12:05 UTC).
    assert filas[-1]["momento"] == "2025-01-01 06:05:00"
    assert malicioso in {o["label"] for o in usuarios}
    assert all("cellRenderer" not in c for c in auditoria.COLUMNAS)
    assert all(isinstance(v, str | None) for f in filas for v in f.values())


def test_callback_refuses_other_roles_as_a_function(sqlite_engine) -> None:
    """Called directly inside a request of an upgret user, the callback returns the refusal and
    no data, and the page layout is only the message."""
    _insertar(sqlite_engine, REGISTROS)
    app = create_app(sqlite_engine.url.render_as_string(hide_password=False))
    from dashboard.pages import auditoria

    with sesion_de_prueba(app, "/auditoria", rol="upgret", instituciones=["SESAL"]):
        salida = auditoria.render_auditoria("ana", None, None, None)
        vista = auditoria.layout()
    assert [salida[k] for k in ("filas", "nota", "usuarios", "acciones")] == [[], None, [], []]
    assert salida["mensaje"].children == auditoria.SIN_PERMISO
    assert [type(h).__name__ for h in vista.children] == ["H1", "Alert"]

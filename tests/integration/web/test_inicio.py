"""Each role's home on the demo database: where login lands, what each home holds, and that a
planning unit's home never shows another institution (issue #12)."""

from __future__ import annotations

import re

import pytest

from dashboard import create_app
from data_layer.demo import clave_demo
from tests.conftest import login_http, sesion_de_prueba

USUARIOS = ("ministro.salud", "coord.salud", "upgret.sesal", "analista", "presidencia", "admin")


@pytest.fixture
def app(demo_database_url: str):
    """A fresh app on the shared demo database (read only)."""
    return create_app(demo_database_url)


@pytest.mark.parametrize("usuario", USUARIOS)
def test_login_without_next_lands_on_the_role_home(app, usuario) -> None:
    """Every demo user who logs in without a destination is sent to ``/inicio``; so is one whose
    destination is the national overview ``/`` (the login guard's default)."""
    c = app.server.test_client()
    respuesta = login_http(c, usuario, clave_demo(usuario))
    assert respuesta.status_code == 302 and respuesta.headers["Location"] == "/inicio"
    # Already logged in: the login page sends to the home as well.
    assert c.get("/login").headers["Location"] == "/inicio"
    assert c.get("/login?next=/").headers["Location"] == "/inicio"


def test_login_with_a_destination_still_goes_there(app) -> None:
    """A ``next`` other than ``/`` (a link opened before logging in) is kept."""
    c = app.server.test_client()
    pagina = c.get("/login?next=/alertas").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', pagina).group(1)
    respuesta = c.post(
        "/login",
        data={
            "csrf_token": token,
            "usuario": "ministro.salud",
            "clave": clave_demo("ministro.salud"),
            "next": "/alertas",
        },
    )
    assert respuesta.headers["Location"] == "/alertas"


def _inicio(app, **usuario):
    from dashboard import vistas

    with sesion_de_prueba(app, "/inicio", **usuario):
        return vistas.inicio()


def test_upgret_home_shows_only_its_own_institution(app) -> None:
    """SESAL's planning unit sees only reports of indicators SESAL is responsible for and only
    acuerdos assigned to SESAL; SEDUC's sees SEDUC's, never SESAL's."""
    from dashboard import data

    for sigla, otra in (("SESAL", "SEDUC"), ("SEDUC", "SESAL")):
        with sesion_de_prueba(app, "/inicio", rol="upgret", instituciones=[sigla]):
            from dashboard import vistas

            vista = vistas.inicio()
            responsables = data.mcr().indicadores.set_index("codigo")["institucion_responsable"]
        reportes = next(b for b in vista.bloques if b.clave == "reportes")
        assert reportes.items or sigla != "SESAL"  # the demo returned one of SESAL's values
        assert reportes.titulo == f"Sus reportes · {sigla}"
        for item in reportes.items:
            assert responsables[item.texto.split(" · ")[0]] == sigla
        acuerdos = next(b for b in vista.bloques if b.clave == "acuerdos")
        assert acuerdos.items or sigla != "SESAL"
        for item in acuerdos.items:
            assert f" · {sigla} · " in item.detalle and f" · {otra} · " not in item.detalle
        assert vista.subtitulo == sigla and otra not in vista.titular


def test_minister_home_is_about_their_sector(app) -> None:
    """The Salud minister's home: the Salud sector block with its tiles, the high alerts of
    Salud only (fewer than the national ones an analyst sees), the pending decisions, and
    the link to the national overview."""
    ministro = _inicio(app, rol="ministro", sectores=["SAL"])
    analista = _inicio(app, rol="analista")
    claves = [b.clave for b in ministro.bloques]
    assert claves == ["sector-SAL", "alertas", "decisiones"]
    alertas_sal = next(b for b in ministro.bloques if b.clave == "alertas")
    alertas_pais = next(b for b in analista.bloques if b.clave == "alertas")
    n_sal = int(alertas_sal.resumen.split()[0])
    n_pais = int(alertas_pais.resumen.split()[0].replace(",", ""))
    assert 0 < n_sal < n_pais
    assert alertas_sal.enlace is not None
    assert alertas_sal.enlace.href == "/alertas?sector=SAL&severidad=alta"
    assert [e.href for e in ministro.enlaces] == ["/"]


def test_navbar_alerts_badge_and_link_follow_the_scope(app) -> None:
    """The navbar's «Alertas» opens the Salud alerts for the Salud minister and the whole centre
    for an analyst; the badge counts the high alerts of that scope (its cached count, asked
    twice, is that of the alerts the home lists)."""
    from dashboard import shell, vistas

    def enlace_y_cuenta(**usuario):
        with sesion_de_prueba(app, "/inicio", **usuario):
            barra = str(shell.navbar())
            n = len(vistas.alertas_altas_de_alcance())
            assert vistas.cuantas_alertas_altas() == n == vistas.cuantas_alertas_altas()
            return re.search(r"href='(/alertas[^']*)'", barra).group(1), n

    href_min, n_min = enlace_y_cuenta(rol="ministro", sectores=["SAL"])
    href_ana, n_ana = enlace_y_cuenta(rol="analista")
    assert href_min == "/alertas?sector=SAL" and href_ana == "/alertas"
    assert 0 < n_min < n_ana


def test_coordinator_and_analyst_homes_hold_their_work(app) -> None:
    """The Salud coordinator's home holds the mesa's next session, overdue acuerdos and what to
    prepare; the analyst's, the validation queue and data quality; admin's, the tools."""
    coord = _inicio(app, rol="coordinador_mesa", sectores=["SAL"])
    assert [b.clave for b in coord.bloques][:3] == ["sesion-SAL", "vencidos-SAL", "preparar-SAL"]
    analista = _inicio(app, rol="analista")
    assert [b.clave for b in analista.bloques] == ["validacion", "calidad", "alertas"]
    admin = _inicio(app, rol="admin")
    assert admin.bloques[0].clave == "admin"
    assert "/importar" in [i.href for i in admin.bloques[0].items]


def test_overview_sector_filter_and_unknown_sector(app) -> None:
    """``/?sector=SAL`` keeps the presidential goals Salud contributes to (a part of the national
    ones); an unknown sector shows a Spanish notice and the national picture, not an error."""
    from dashboard.pages import resumen

    with sesion_de_prueba(app, "/", rol="ministro", sectores=["SAL"]):
        nacional = resumen.render_resumen({})
        salud = resumen.render_resumen({"sector": "SAL"})
        desconocido = resumen.render_resumen({"sector": "NOEXISTE"})
    assert 0 < len(salud["filas"]) < len(nacional["filas"])
    assert "a las que contribuye el sector SAL" in salud["nota"]
    assert "No existe el sector «NOEXISTE»" in str(desconocido["mensaje"])
    assert len(desconocido["filas"]) == len(nacional["filas"])

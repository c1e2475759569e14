"""The progress reports print the numbers the pages show (issue #11 item 6), on the demo.

Each expected number comes from the view-model function the page itself uses
(:func:`data_layer.vistas.grupos.vista_grupo` with the page's empty filters), formatted by
:mod:`data_layer.formato`; the institution's explanation is read straight from its reported
value. The PDF is read back as text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.filtros import Filtros
from data_layer import formato, informes
from data_layer.auth import Alcance
from data_layer.db import make_engine, session_factory
from data_layer.documentos import _latin1
from data_layer.engine import Resultado
from data_layer.engine.frames import ESTADOS, Reglas
from data_layer.informes.pdf import estado_texto
from data_layer.models import Avance, EstadoVersion, Indicador, Rol
from data_layer.queries import load_mcr
from data_layer.vistas import grupos
from data_layer.vistas import niveles as vn
from tests.pdf_texto import normalizado, texto_pdf

#: The demo's reference date and the quarter its pages evaluate then.
CORTE = dt.date(2026, 11, 23)
PERIODO = "2026-T3"
COORD_SAL = Alcance(usuario="coord.salud", rol=Rol.coordinador_mesa, sectores=frozenset({"SAL"}))
PRESIDENCIA = Alcance(usuario="presidencia", rol=Rol.presidencia)


@pytest.fixture(scope="module")
def sesion(demo_database_url: str) -> Iterator[Session]:
    """A read session on the shared demo database (these tests write nothing)."""
    engine = make_engine(demo_database_url)
    with session_factory(engine)() as s:
        yield s
    engine.dispose()


@pytest.fixture(scope="module")
def resultado(sesion: Session) -> Resultado:
    """The engine's evaluation of the quarter at the cut date, with the default rules."""
    return informes.evaluar(sesion, PERIODO, reglas=Reglas(), hoy=CORTE)


def _pagina(resultado: Resultado, sesion: Session, por: grupos.Grupo, codigo: str):
    """What the eje or sector page shows for ``codigo``, unfiltered."""
    return grupos.vista_grupo(resultado.metas, load_mcr(sesion), por, codigo, Filtros(), Reglas())


def _explicacion(sesion: Session, indicador: str, periodo: str) -> str | None:
    """What the institution said of the latest version (not a draft) of its value: the
    explanation of the variance, or the comment imported with it."""
    fila = sesion.execute(
        select(Avance.explicacion, Avance.comentario)
        .join(Indicador, Indicador.id == Avance.indicador_id)
        .where(
            Indicador.codigo == indicador,
            Avance.periodo == periodo,
            Avance.estado != EstadoVersion.borrador,
        )
        .order_by(Avance.id.desc())
    ).first()
    return (fila.explicacion or fila.comentario) if fila is not None else None


def test_informe_de_avance_holds_the_sector_page_numbers(sesion, resultado) -> None:
    """The informe de avance of Salud prints the sector page's avance and state exactly as the
    page formats them, the number of sectorial goals in each state, and a red indicator's name
    with the explanation its institution gave when reporting the value."""
    contenido = informes.informe_avance_pdf(
        sesion, "SAL", PERIODO, actor=COORD_SAL, resultado=resultado
    )
    texto = normalizado(texto_pdf(contenido))
    resumen = _pagina(resultado, sesion, "sector", "SAL").resumen
    avance = formato.format_porcentaje(resumen.avance)
    assert resumen.avance is not None and avance in texto
    assert f"Avance del sector: {avance} ({estado_texto(resumen.estado)})" in texto
    assert f"Metas sectoriales: {formato.format_entero(resumen.n_metas)}" in texto
    assert sum(resumen.conteos.values()) == resumen.n_metas
    for estado in ESTADOS:
        n = resumen.conteos.get(estado, 0)
        if n:
            assert f"{estado_texto(estado)}: {formato.format_entero(n)}" in texto, estado

    mcr = load_mcr(sesion)
    del_sector = vn.metas_del_grupo(resultado.metas, mcr, "sector", "SAL")
    ind = resultado.indicadores
    rojos = ind.loc[ind["meta_codigo"].isin(del_sector.index) & (ind["semaforo"] == "rojo")]
    explicados = [
        (codigo, texto_explicacion)
        for codigo, periodo in zip(rojos.index, rojos["periodo"], strict=True)
        if (texto_explicacion := _explicacion(sesion, str(codigo), str(periodo)))
    ]
    assert explicados, "the demo has a red Salud indicator explained by its institution"
    codigo, explicacion = explicados[0]
    nombre = mcr.indicadores.set_index("codigo").loc[codigo, "nombre"]
    assert normalizado(_latin1(f"{codigo} {nombre} (Rojo)")) in texto
    assert normalizado(_latin1(f"Explicación de la institución: {explicacion}")) in texto


def test_presidential_briefing_holds_each_eje_page_avance(sesion, resultado) -> None:
    """The presidential briefing has one page per eje whose title is followed by the eje's
    avance and state exactly as the eje page shows them, and its count of goals."""
    contenido = informes.informe_presidencial_pdf(
        sesion, PERIODO, actor=PRESIDENCIA, resultado=resultado
    )
    texto = normalizado(texto_pdf(contenido))
    ejes = load_mcr(sesion).ejes
    principales = ejes.loc[ejes["eje_padre"].isna()].sort_values("codigo")
    assert len(principales) == 4
    for codigo, nombre in zip(principales["codigo"], principales["nombre"], strict=True):
        resumen = _pagina(resultado, sesion, "eje", codigo).resumen
        avance = formato.format_porcentaje(resumen.avance)
        esperado = (
            f"{codigo} · {nombre} Avance del eje: {avance} ({estado_texto(resumen.estado)}) "
            f"Metas presidenciales: {formato.format_entero(resumen.n_metas)}"
        )
        assert normalizado(_latin1(esperado)) in texto, codigo


def test_the_same_data_gives_the_same_pdf_bytes(sesion, resultado) -> None:
    """A progress report drawn twice from the same data is byte for byte the same (its creation
    date is its cut date, not the clock), so a regenerated informe can be compared."""
    primero = informes.informe_presidencial_pdf(
        sesion, PERIODO, actor=PRESIDENCIA, resultado=resultado
    )
    segundo = informes.informe_presidencial_pdf(
        sesion, PERIODO, actor=PRESIDENCIA, resultado=resultado
    )
    assert primero == segundo

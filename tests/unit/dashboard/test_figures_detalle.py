"""The detail pages' figures, sentences and callbacks (as plain functions, no browser).

Figures are built from hand-made frames; callbacks run inside a request of an app whose database
holds the small fixture MCR (``tests/fixtures/mcr_valida``), evaluated as of 2024-T2.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import plotly
import plotly.graph_objects as go
import pytest

from dashboard import create_app
from dashboard.components import detalle as det
from dashboard.figures.cadena import figure_cadena, meta_de_bajada, meta_de_click
from dashboard.figures.detalle import SIMBOLOS, figure_serie_indicador
from dashboard.filtros import Filtros
from dashboard.formatting import ESTADOS_PRESENTACION
from data_layer.engine.frames import Reglas
from data_layer.vistas.detalle import AvancesMeta
from data_layer.vistas.detalle_indicador import FichaIndicador, Proyeccion
from tests.conftest import sesion_de_prueba

FIXTURE_MCR = Path(__file__).resolve().parents[2] / "fixtures" / "mcr_valida"


def _ficha(**cambios) -> FichaIndicador:
    valores = {
        "codigo": "IND-1",
        "nombre": "Controles prenatales",
        "meta": "M-1",
        "meta_descripcion": "Meta uno",
        "eslabon": "producto",
        "unidad": "controles",
        "sentido": "ascendente",
        "tipo": "flujo",
        "frecuencia": "trimestral",
        "linea_base": 1200.0,
        "anio_base": 2022,
        "fuente": "Registros",
        "institucion_responsable": "SESAL",
        "institucion_nombre": "Secretaría de Salud",
        "temas": ("Género",),
        "umbral_verde": 81.0,
        "umbral_amarillo": 61.0,
        "umbrales_propios": False,
        "peso": 1.0,
    }
    return FichaIndicador(**{**valores, **cambios})


def _serie() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "periodo": ["2024-T1", "2024-T2", "2024-T3", "2024-T4"],
            "meta_original_periodo": [1000.0, 1000.0, 1000.0, 1000.0],
            "meta_periodo": [1000.0, 1100.0, 1200.0, 1300.0],
            "valor_periodo": [950.0, 700.5, np.nan, np.nan],
            "meta_original": [1000.0, 1000.0, 1000.0, 1000.0],
            "meta": [1000.0, 1100.0, 1200.0, 1300.0],
            "valor": [950.0, 700.5, np.nan, np.nan],
            "avance_pct": [95.0, 63.68, np.nan, np.nan],
            "semaforo": ["verde", "amarillo", "sin_dato", "pendiente"],
            "fecha_reporte": pd.to_datetime(["2024-04-10", "2024-07-20", None, None]),
            "vencimiento": pd.to_datetime(["2024-04-15", "2024-07-15", "2024-10-15", "2025-01-15"]),
            "tardio": [False, True, False, False],
        }
    )


def _proyeccion(**cambios) -> Proyeccion:
    valores = {
        "metodo": "Tendencia lineal (mínimos cuadrados) del valor reportado con 3 puntos.",
        "pronostico": "improbable",
        "periodo_final": "2024-T4",
        "meta_final": 1300.0,
        "valor_proyectado": 451.0,
        "avance_proyectado": 34.7,
        "periodo_desde": "2024-T2",
        "valor_desde": 700.5,
    }
    return Proyeccion(**{**valores, **cambios})


def test_serie_figure_draws_targets_values_baseline_and_projection():
    """Original and current targets, the values (one marker shape and colour per state, the
    state word and es-HN numbers in the hover), the baseline across all periods, the dashed
    projection from the last value, and a line at the evaluated period; the dict is a valid
    plotly figure."""
    fig = figure_serie_indicador(_serie(), _ficha(), _proyeccion(), "2024-T2")
    go.Figure(fig)  # plotly's validation: raises on any invalid property
    nombres = [t["name"] for t in fig["data"]]
    assert nombres == [
        "Meta original",
        "Meta vigente",
        "Valor reportado",
        "Línea base (2022): 1,200",
        "Proyección (improbable)",
    ]
    original, vigente, valor, base, proyeccion = fig["data"]
    assert vigente["y"] == [1000.0, 1100.0, 1200.0, 1300.0]
    assert original["y"] == [1000.0] * 4
    assert valor["y"] == [950.0, 700.5, None, None]
    assert valor["marker"]["color"][:2] == [
        ESTADOS_PRESENTACION["verde"].fondo,
        ESTADOS_PRESENTACION["amarillo"].fondo,
    ]
    assert valor["marker"]["symbol"] == [SIMBOLOS[e] for e in _serie()["semaforo"]]
    # Values need one decimal (700.5), so every number of the chart shows one.
    assert valor["customdata"][1] == ["700.5", "▲ Amarillo", "63.7 %"]
    assert vigente["customdata"] == ["1,000.0", "1,100.0", "1,200.0", "1,300.0"]
    assert (base["x"], base["y"]) == (["2024-T1", "2024-T4"], [1200.0, 1200.0])
    assert (proyeccion["x"], proyeccion["y"]) == (["2024-T2", "2024-T4"], [700.5, 451.0])
    assert proyeccion["line"]["dash"] == "dash"
    layout = fig["layout"]
    # Shapes on a category axis take the category's position (2024-T2 is the second).
    assert layout["shapes"][0]["x0"] == 1 and layout["annotations"][0]["x"] == 1
    assert layout["separators"] == ".,"
    assert layout["xaxis"]["categoryarray"] == ["2024-T1", "2024-T2", "2024-T3", "2024-T4"]
    assert layout["yaxis"]["title"]["text"] == "controles"


def test_serie_figure_of_an_acumulado_indicator_without_baseline_or_projection():
    """acumulado: the lines say "acumulada/acumulado" and the axis too; no baseline and no
    projection trace when there is none to draw."""
    fig = figure_serie_indicador(
        _serie(),
        _ficha(tipo="acumulado", linea_base=None),
        _proyeccion(valor_proyectado=None, pronostico=None),
    )
    go.Figure(fig)
    assert [t["name"] for t in fig["data"]] == [
        "Meta original acumulada",
        "Meta vigente acumulada",
        "Valor reportado acumulado",
    ]
    assert fig["layout"]["yaxis"]["title"]["text"] == "controles (acumulado)"
    assert not fig["layout"]["shapes"]


def test_serie_figure_of_an_annual_indicator_marks_the_period_by_position():
    """Annual periods ("2025") look like numbers: the evaluated-period line must use the
    category's position, or plotly would stretch the axis to position 2025."""
    serie = _serie().assign(periodo=["2023", "2024", "2025", "2026"])
    fig = figure_serie_indicador(serie, _ficha(frecuencia="anual"), None, "2025")
    assert fig["layout"]["shapes"][0]["x0"] == 2
    assert fig["data"][0]["x"] == ["2023", "2024", "2025", "2026"]


def test_serie_figure_without_periods_explains_itself():
    """An indicator with no period shows a Spanish message instead of empty axes."""
    fig = figure_serie_indicador(_serie().iloc[0:0], _ficha())
    go.Figure(fig)
    assert "no tiene metas programadas" in fig["layout"]["annotations"][0]["text"]


def _nodos() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["E1", "E1/MP", "E1/MP/MS", "sin-vinculo", "sin-vinculo/MI"],
            "padre": ["", "E1", "E1/MP", "", "sin-vinculo"],
            "tipo": ["eje", "meta", "meta", "grupo", "meta"],
            "codigo": ["E1", "MP", "MS", "", "MI"],
            "nivel": ["eje", "presidencial", "sectorial", "grupo", "institucional"],
            "descripcion": [
                "Derechos",
                "Meta <presidencial>",
                "Meta sectorial",
                "Fuera",
                "x" * 200,
            ],
            "avance": [np.nan, 70.0, 1234.56, np.nan, np.nan],
            "semaforo": [None, "amarillo", "verde", None, "sin_dato"],
        }
    )


def test_cadena_figure_is_a_small_sunburst_coloured_and_marked_by_state():
    """Ids and parents are the tree's; each goal's label starts with its state's icon and its
    colour is the state's; the hover has code, level, short escaped description, avance and
    state word; customdata is the goal code (empty for ejes) and what a click does (go down
    into a node with children, open a goal without); three rings at a time and labels too small
    to read hidden."""
    fig = figure_cadena(_nodos())
    go.Figure(fig)  # plotly's validation: raises on any invalid property
    sol = fig["data"][0]
    assert sol["type"] == "sunburst"
    assert sol["ids"] == _nodos()["id"].tolist()
    assert sol["parents"] == _nodos()["padre"].tolist()
    assert sol["labels"] == ["E1", "▲ MP", "✔ MS", "Fuera", "? MI"]
    assert sol["marker"]["colors"][1] == ESTADOS_PRESENTACION["amarillo"].fondo
    assert sol["customdata"] == [
        ["", "bajar"],
        ["MP", "bajar"],
        ["MS", "abrir"],
        ["", "bajar"],
        ["MI", "abrir"],
    ]
    assert sol["maxdepth"] == 3 and "level" not in sol
    assert figure_cadena(_nodos(), "E1/MP")["data"][0]["level"] == "E1/MP"
    assert fig["layout"]["uniformtext"] == {"minsize": 12, "mode": "hide"}
    assert "Meta &lt;presidencial&gt;" in sol["hovertext"][1]
    assert "Avance: 1,234.6 % · ✔ Verde" in sol["hovertext"][2]
    assert "…" in sol["hovertext"][4] and len(sol["hovertext"][4]) < 200
    assert fig["layout"]["separators"] == ".,"


def test_cadena_figure_stays_small_for_a_large_tree():
    """About 800 nodes with long descriptions serialise far under the 1 MB response budget."""
    n = 800
    nodos = pd.DataFrame(
        {
            "id": [f"E1/MP-{i:04d}/MS-SECTOR-{i:04d}" for i in range(n)],
            "padre": ["E1"] * n,
            "tipo": ["meta"] * n,
            "codigo": [f"MS-SECTOR-{i:04d}" for i in range(n)],
            "nivel": ["sectorial"] * n,
            "descripcion": ["Descripción larga de una meta sectorial " * 6] * n,
            "avance": [75.5] * n,
            "semaforo": ["amarillo"] * n,
        }
    )
    tamano = len(json.dumps(figure_cadena(nodos), cls=plotly.utils.PlotlyJSONEncoder))
    assert tamano < 500_000


def test_meta_de_click_reads_the_goal_code():
    """A click on a goal gives its code; on an eje (empty customdata) or nothing, None."""
    assert meta_de_click({"points": [{"customdata": "MS-SAL-01", "id": "E1/MP/MS-SAL-01"}]}) == (
        "MS-SAL-01"
    )
    assert meta_de_click({"points": [{"customdata": ["MP-01"]}]}) == "MP-01"
    assert meta_de_click({"points": [{"customdata": "", "id": "E1"}]}) is None
    assert meta_de_click(None) is None and meta_de_click({"points": []}) is None
    # A goal with goals below: the chart goes down into it instead of leaving the page.
    assert meta_de_click({"points": [{"customdata": ["MP-01", "bajar"]}]}) is None
    assert meta_de_bajada({"points": [{"customdata": ["MP-01", "bajar"]}]}) == "MP-01"
    assert meta_de_bajada({"points": [{"customdata": ["", "bajar"]}]}) is None
    assert meta_de_bajada({"points": [{"customdata": ["MI-01", "abrir"]}]}) is None
    assert meta_de_click({"points": [{"customdata": ["MI-01", "abrir"]}]}) == "MI-01"


def _avances(**cambios) -> AvancesMeta:
    valores = {
        "semaforo": "rojo",
        "avance": 50.0,
        "avance_directo": 50.0,
        "estado_directo": "rojo",
        "avance_contribuyentes": 85.0,
        "estado_contribuyentes": "verde",
        "cobertura": 75.0,
        "n_indicadores": 4,
        "n_con_valor": 3,
        "n_exigibles": 4,
        "n_contribuyentes": 2,
        "n_contribuyentes_usados": 2,
        "brecha": "contribuyentes_adelante",
    }
    return AvancesMeta(**{**valores, **cambios})


def test_gap_sentences_say_what_the_gap_means():
    """Each gap kind has its own Spanish sentence with the es-HN percentages."""
    assert det.frase_brecha(_avances(), "presidencial") == (
        "Las metas sectoriales que contribuyen avanzan (85.0 %) pero esta meta no se mueve "
        "igual (50.0 %): revisar la teoría de cambio, porque lo que se produce no está "
        "logrando el resultado."
    )
    adelante = _avances(avance_directo=85.0, avance_contribuyentes=50.0, brecha="meta_adelante")
    assert "Esta meta avanza (85.0 %) más que las metas institucionales" in det.frase_brecha(
        adelante, "sectorial"
    )
    assert "van de la mano (menos de 15 puntos" in det.frase_brecha(
        _avances(avance_contribuyentes=55.0, brecha="coherente"), "sectorial"
    )
    sin_contrib = _avances(n_contribuyentes=0, avance_contribuyentes=None, brecha="solo_directo")
    assert det.frase_brecha(sin_contrib, "institucional").startswith("Ninguna meta contribuye")
    sin_ind = _avances(n_indicadores=0, avance_directo=None, brecha="solo_contribuyentes")
    assert "no tiene indicadores propios" in det.frase_brecha(sin_ind, "presidencial")
    assert det.frase_brecha(_avances(brecha="sin_datos"), "sectorial").startswith("Todavía")


def test_cobertura_sentence():
    """Cobertura with its counts and the rule's minimum; the cases where it does not apply."""
    assert det.frase_cobertura(_avances(), Reglas()) == (
        "Cobertura 75.0 %: 3 de 4 indicadores con reporte exigible tienen valor (ponderado por "
        "peso). Con menos de 50 % la meta se muestra «Sin dato»."
    )
    assert "no aplica" in det.frase_cobertura(_avances(n_indicadores=0), Reglas())
    assert "todavía no aplica" in det.frase_cobertura(_avances(cobertura=None), Reglas())


def test_number_and_date_companions_for_grids():
    """Numbers get as few decimals as show them (at most 2, es-HN); dates sort as ISO text and
    read dd/mm/aaaa; missing ones show "—"."""
    assert det.decimales_de([1.0, 2.5, 3.25]) == 2
    assert det.decimales_de([1.0, 20.0]) == 0
    assert det.decimales_de([1 / 3]) == 2
    filas = det.con_textos(
        [
            {"v": 1234.5, "f": pd.Timestamp("2024-04-10")},
            {"v": None, "f": None},
        ],
        numeros=("v",),
        fechas=("f",),
    )
    assert filas[0] == {
        "v": 1234.5,
        "v_texto": "1,234.5",
        "f": "2024-04-10",
        "f_texto": "10/04/2024",
    }
    assert (filas[1]["v_texto"], filas[1]["f_texto"], filas[1]["f"]) == ("—", "—", None)


# -- callbacks as plain functions ------------------------------------------------------------


@pytest.fixture
def app_fixture(sqlite_engine):
    """A fresh app on the fixture MCR; yields inside a request, as Dash runs callbacks."""
    from data_layer.importer import import_mcr

    assert import_mcr(sqlite_engine, FIXTURE_MCR).ok
    app = create_app(sqlite_engine.url.render_as_string(hide_password=False))
    with sesion_de_prueba(app, "/"):
        yield app


def _texto(componente) -> str:
    if isinstance(componente, str | int | float):
        return str(componente)
    if isinstance(componente, list | tuple):
        return " ".join(_texto(c) for c in componente)
    hijos = getattr(componente, "children", None)
    return "" if hijos is None else _texto(hijos)


def test_layouts_are_skeletons_without_data():
    """Dash calls layouts with the URL's values and no database: they only hold the params."""
    create_app("sqlite:////nonexistent/dir/sigpret.db")
    from dashboard.pages import cadena, indicador, meta

    assert meta.layout(codigo="MS-1", periodo="2024-T2").children[0].data == {
        "codigo": "MS-1",
        **Filtros(periodo="2024-T2").as_dict(),
    }
    assert indicador.layout(codigo="I-1").children[0].data["codigo"] == "I-1"
    assert cadena.layout(meta="MP-01", eje="E1").children[0].data["meta"] == "MP-01"
    assert cadena.layout().children[0].data["meta"] is None


def test_meta_page_of_a_goal_whose_contributors_have_no_data(app_fixture):
    """MS-SAL-01 as of 2024-T2: its semestral stock indicator is at (74 − 70) / (75 − 70) = 80 %
    (amarillo); both contributing institutional goals are sin dato, so only the direct avance is
    known; it feeds MP-01; its indicator links to its page keeping the period."""
    from dashboard.pages import meta

    out = meta.render_meta_contenido({"codigo": "MS-SAL-01", "periodo": "2024-T2"})
    migas, aviso, estilo, periodo = (out[k] for k in ("migas", "mensaje", "cuerpo", "periodo"))
    encabezado, avances, cobertura = out["encabezado"], out["avances"], out["cobertura"]
    brecha, color = out["brecha"], out["brecha_color"]
    contrib, superiores, indicadores = out["contribuyentes"], out["superiores"], out["indicadores"]
    assert aviso is None and estilo == {} and periodo == "2024-T2"
    assert "Aumentar la atención institucional del parto" in _texto(encabezado)
    assert "80.0 %" in _texto(avances[0]) and "Amarillo" in _texto(avances[0])
    assert "Sin dato" in _texto(avances[1])
    assert brecha.startswith("Solo se conoce el avance directo (80.0 %)") and color == "light"
    assert cobertura.startswith("Cobertura 100.0 %: 1 de 1")
    assert sorted(f["codigo"] for f in contrib) == ["MI-SEDUC-01", "MI-SESAL-01"]
    assert {f["cuenta_texto"] for f in contrib} == {"No"}
    assert contrib[0]["codigo_href"].startswith("/metas/MI-SE")
    assert "MP-01" in _texto(superiores)
    assert [f["codigo"] for f in indicadores] == ["MS-SAL-01-I1"]
    assert indicadores[0]["codigo_href"] == "/indicadores/MS-SAL-01-I1?periodo=2024-T2"
    assert indicadores[0]["avance_pct_texto"] == "80.0 %"
    assert all(parte in _texto(migas) for parte in ("Inicio", "E2-SOC", "Salud", "MS-SAL-01"))


def test_meta_page_of_an_unknown_goal_says_so(app_fixture):
    """An unknown code: a Spanish "no existe" message, the body hidden, no traceback."""
    from dashboard.pages import meta

    out = meta.render_meta_contenido({"codigo": "NO-EXISTE"})
    assert "no existe" in _texto(out["mensaje"]) and out["cuerpo"] == {"display": "none"}
    assert out.keys() == meta.render_meta_contenido({"codigo": "MS-SAL-01"}).keys()
    assert out.keys() == meta.SALIDAS.keys()


def test_indicador_page_of_an_acumulado_indicator(app_fixture):
    """MI-SESAL-01-I1 (acumulado): two periods; 2024-T1 950 of 1,000 = 95 % verde reported on
    10/04/2024 on time; 2024-T2 overdue without value (sin dato); cumulative columns shown."""
    from dashboard.pages import indicador

    out = indicador.render_indicador_contenido({"codigo": "MI-SESAL-01-I1", "periodo": "2024-T2"})
    aviso, estilo, encabezado, periodo = (
        out[k] for k in ("mensaje", "cuerpo", "encabezado", "periodo")
    )
    figura, proyeccion, ficha = out["grafico"], out["proyeccion"], out["ficha"]
    columnas, filas = out["columnas"], out["periodos"]
    metas, alertas = out["metas"], out["alertas"]
    assert aviso is None and estilo == {} and periodo == "2024-T2"
    assert "Controles prenatales realizados" in _texto(encabezado)
    assert [f["periodo"] for f in filas] == ["2024-T1", "2024-T2"]
    assert [f["semaforo"] for f in filas] == ["verde", "sin_dato"]
    assert filas[0]["avance_pct_texto"] == "95.0 %"
    assert filas[0]["fecha_reporte_texto"] == "10/04/2024"
    assert filas[0]["tarde_texto"] == "No" and filas[1]["tarde_texto"] == "—"
    assert filas[1]["meta_texto"] == "2,200"
    assert "Meta acumulada" in [c["headerName"] for c in columnas]
    assert figura["data"][2]["name"] == "Valor reportado acumulado"
    assert "Sin proyección" in _texto(proyeccion)
    assert "Acumulado" in _texto(ficha) and "SESAL" in _texto(ficha)
    assert "MI-SESAL-01" in _texto(metas) and "MS-SAL-01" in _texto(metas)
    assert "reporte" in _texto(alertas).lower()


def test_indicador_page_of_an_unknown_indicator_says_so(app_fixture):
    """An unknown code: a Spanish "no existe" message and the body hidden."""
    from dashboard.pages import indicador

    out = indicador.render_indicador_contenido({"codigo": "X"})
    assert "no existe" in _texto(out["mensaje"]) and out["cuerpo"] == {"display": "none"}
    assert out.keys() == indicador.render_indicador_contenido({"codigo": "MP-01-I1"}).keys()
    assert out.keys() == indicador.SALIDAS.keys()


def test_cadena_page_tree_selector_and_navigation(app_fixture):
    """The whole fixture MCR in the tree (MI-SEDESOL-01, linked to nothing, outside the
    chain); the selector defaults to the most urgent presidential goal; a goal in the URL wins;
    a click on a goal opens its page keeping the filters; the chosen goal goes into the URL."""
    from dashboard.pages import cadena

    out = cadena.render_cadena_contenido({"periodo": "2024-T2"})
    figura, leyenda, nota, opciones = (out[k] for k in ("grafico", "leyenda", "nota", "opciones"))
    valor, defecto, periodo = out["meta"], out["defecto"], out["periodo"]
    ids = figura["data"][0]["ids"]
    assert "sin-vinculo/MI-SEDESOL-01" in ids
    assert "E2-SOC/MP-01/MS-SAL-01/MI-SEDUC-01" in ids
    assert "E2-SOC/MP-02/MS-EDU-01/MI-SEDUC-01" in ids
    assert "aparecen bajo cada una" in _texto(nota) and "Fuera de la cadena" in _texto(nota)
    assert "7 metas" in _texto(leyenda)
    assert valor == defecto and defecto in {"MP-01", "MP-02"}
    assert len(opciones) == 7 and periodo == "2024-T2"
    assert cadena.render_cadena_contenido({"meta": "MS-EDU-01"})["meta"] == "MS-EDU-01"
    # A chosen goal with goals below it opens the chart on it (issue #12); the default, at the top.
    elegida = cadena.render_cadena_contenido({"meta": "MP-01"})["grafico"]["data"][0]
    assert elegida["level"] == "E2-SOC/MP-01" and "level" not in figura["data"][0]
    click = {"points": [{"customdata": "MS-SAL-01"}]}
    assert cadena.href_de_click(click, {"periodo": "2024-T2"}) == "/metas/MS-SAL-01?periodo=2024-T2"
    assert cadena.search_con_meta("MS-EDU-01", "?eje=E1", "MP-01") == "?eje=E1&meta=MS-EDU-01"
    assert cadena.search_con_meta("MP-01", "?eje=E1&meta=MS-EDU-01", "MP-01") == "?eje=E1"
    resumen, columnas = cadena.render_eslabones_contenido("MS-SAL-01", True, {"periodo": "2024-T2"})
    assert "".join(map(str, resumen[1:])) == (
        ": 1 indicador propio y 2 indicadores de 2 metas que contribuyen a ella, de insumo a "
        "impacto."
    )
    assert "MS-SAL-01-I1" in _texto(columnas) and "MI-SESAL-01-I1" in _texto(columnas)
    assert "no existe" in _texto(cadena.render_eslabones_contenido("NOPE", True, {})[1])

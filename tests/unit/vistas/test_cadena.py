"""The value-chain tree and the indicators by eslabón, on the tiny MCR of ``test_detalle``.

Tree: E1 → MP → {MS → {MIA, MIB, MIC}, MS2 → {MIA}}; MIX reaches no eje (its own root).
"""

from __future__ import annotations

import pandas as pd
import pytest

from data_layer.engine import run
from data_layer.engine.frames import Reglas
from data_layer.vistas import cadena as c
from tests.unit.engine.builders import CORTE, PERIODO, build_mcr, indicador, meta
from tests.unit.vistas.test_detalle import mcr_cadena


@pytest.fixture
def mcr():
    """The tiny MCR."""
    return mcr_cadena()


@pytest.fixture
def nodos(mcr):
    """Its tree, evaluated at 2024-T3."""
    return c.nodos_cadena(run(mcr, PERIODO, CORTE, Reglas()), mcr)


def test_tree_has_one_node_per_path_and_a_root_for_broken_chains(nodos):
    """Ids are paths (MIA appears under MS and under MS2), parents come before children and
    MIX, linked to nothing, hangs from the «Fuera de la cadena» root."""
    assert set(nodos["id"]) == {
        "E1",
        c.RAIZ_SIN_VINCULO,
        "E1/MP",
        "E1/MP/MS",
        "E1/MP/MS2",
        "E1/MP/MS/MIA",
        "E1/MP/MS/MIB",
        "E1/MP/MS/MIC",
        "E1/MP/MS2/MIA",
        "sin-vinculo/MIX",
    }
    assert nodos["id"].is_unique
    vistos: set[str] = {""}
    for nodo, padre in zip(nodos["id"], nodos["padre"], strict=True):
        assert padre in vistos, nodo
        vistos.add(nodo)
    assert c.metas_repetidas(nodos) == 1
    raiz = nodos.set_index("id").loc[c.RAIZ_SIN_VINCULO]
    assert (raiz["tipo"], raiz["descripcion"]) == ("grupo", c.ETIQUETA_SIN_VINCULO)


def test_goal_nodes_carry_the_engine_state(nodos):
    """Each goal node has the engine's avance and state; ejes have none."""
    por_id = nodos.set_index("id")
    assert por_id.loc["E1/MP/MS", "semaforo"] == "rojo"
    assert por_id.loc["E1/MP/MS", "avance"] == pytest.approx(50.0)
    assert por_id.loc["E1/MP", "semaforo"] == "amarillo"
    assert por_id.loc["E1/MP/MS/MIC", "semaforo"] == "sin_dato"
    assert por_id.loc["E1/MP/MS2/MIA", "nivel"] == "institucional"
    assert por_id.loc["E1", "semaforo"] is None and por_id.loc["E1", "tipo"] == "eje"
    assert por_id.loc["E1", "descripcion"] == "Derechos"


def test_filter_by_state_keeps_the_path_to_the_root(nodos, mcr):
    """Only MIB is amarillo among the institutional goals; MP is amarillo too: the view keeps
    them and their ancestors, nothing else."""
    f = c.filtrar_nodos(nodos, mcr, estado="amarillo")
    assert set(f["id"]) == {"E1", "E1/MP", "E1/MP/MS", "E1/MP/MS/MIB"}


def test_filter_by_sector_keeps_goals_below_and_above(mcr, nodos):
    """Goals of sector SAL (every sectorial and institutional one here) and their ancestors; a
    sector no goal has leaves nothing."""
    f = c.filtrar_nodos(nodos, mcr, sector="SAL")
    assert set(f["id"]) == set(nodos["id"])
    assert c.filtrar_nodos(nodos, mcr, sector="EDU").empty
    assert c.filtrar_nodos(nodos, mcr) is nodos


def test_filter_by_eje_includes_its_dimensions():
    """E2 has the dimension E2-ECO: filtering by E2 keeps the goal under E2-ECO (and E2-ECO's
    parent E2), not the one under E1."""
    m = build_mcr(
        [indicador("A-I1", "MPA"), indicador("B-I1", "MPB")],
        [("A-I1", PERIODO, 100.0), ("B-I1", PERIODO, 100.0)],
        [("A-I1", PERIODO, 90.0, "2024-10-01"), ("B-I1", PERIODO, 40.0, "2024-10-01")],
        [meta("MPA", "presidencial", eje="E2-ECO"), meta("MPB", "presidencial", eje="E1")],
        ejes=[("E1", "Uno", None), ("E2", "Dos", None), ("E2-ECO", "Económico", "E2")],
    )
    nodos = c.nodos_cadena(run(m, PERIODO, CORTE), m)
    assert nodos.set_index("id").loc["E2-ECO", "padre"] == "E2"
    f = c.filtrar_nodos(nodos, m, eje="E2")
    assert set(f["id"]) == {"E2", "E2-ECO", "E2-ECO/MPA"}
    f = c.filtrar_nodos(nodos, m, eje="E2-ECO")
    assert set(f["id"]) == {"E2", "E2-ECO", "E2-ECO/MPA"}


def test_e2s_dimensions_are_roots_beside_the_other_ejes():
    """In the chart's tree E2-ECO and E2-SOC hang from the root like E1 (so E2's goals sit on
    the same ring as every other eje's) and E2, with nothing else below it, is left out; an
    eje with goals of its own beside its dimensions stays."""
    m = build_mcr(
        [indicador("A-I1", "MPA"), indicador("B-I1", "MPB"), indicador("C-I1", "MPC")],
        [("A-I1", PERIODO, 100.0), ("B-I1", PERIODO, 100.0), ("C-I1", PERIODO, 100.0)],
        [
            ("A-I1", PERIODO, 90.0, "2024-10-01"),
            ("B-I1", PERIODO, 40.0, "2024-10-01"),
            ("C-I1", PERIODO, 40.0, "2024-10-01"),
        ],
        [
            meta("MPA", "presidencial", eje="E2-ECO"),
            meta("MPB", "presidencial", eje="E1"),
            meta("MPC", "presidencial", eje="E2-SOC"),
        ],
        ejes=[
            ("E1", "Uno", None),
            ("E2", "Dos", None),
            ("E2-ECO", "Económico", "E2"),
            ("E2-SOC", "Social", "E2"),
        ],
    )
    nodos = c.nodos_cadena(run(m, PERIODO, CORTE), m)
    vista = c.vista_cadena(nodos, m)
    padres = vista.nodos.set_index("id")["padre"]
    assert "E2" not in padres.index
    assert padres["E2-ECO"] == padres["E2-SOC"] == padres["E1"] == ""
    assert padres["E2-ECO/MPA"] == "E2-ECO" and padres["E2-SOC/MPC"] == "E2-SOC"
    assert c.nodo_de_meta(vista.nodos, "MPA") is None  # nothing hangs from it
    assert c.nodo_de_meta(vista.nodos, "E2-ECO") is None and c.nodo_de_meta(vista.nodos, 3) is None
    con_propia = nodos.assign(padre=nodos["padre"].where(nodos["id"] != "E1/MPB", "E2"))
    assert "E2" in set(c.aplanar_dimensiones(con_propia)["id"])


def test_indicators_by_eslabon_in_chain_order(mcr):
    """MS with its contributors: insumo (MIB-I2), actividad (MIB-I1), producto (MIA-I1 verde
    before MIC-I1 sin dato), resultado (MS-I1, its own); alone: only MS-I1."""
    res = run(mcr, PERIODO, CORTE)
    todos = c.indicadores_por_eslabon(res, mcr, "MS")
    assert todos["codigo"].tolist() == ["MIB-I2", "MIB-I1", "MIA-I1", "MIC-I1", "MS-I1"]
    assert todos["eslabon"].tolist() == [
        "insumo",
        "actividad",
        "producto",
        "producto",
        "resultado",
    ]
    assert todos["propio"].tolist() == [False, False, False, False, True]
    assert todos["meta_codigo"].tolist() == ["MIB", "MIB", "MIA", "MIC", "MS"]
    solo = c.indicadores_por_eslabon(res, mcr, "MS", con_contribuyentes=False)
    assert solo["codigo"].tolist() == ["MS-I1"]


def test_metas_debajo_and_options(mcr):
    """Everything below MP, each goal once; the options list presidential goals first."""
    assert c.metas_debajo(mcr, "MP") == ["MP", "MS", "MS2", "MIA", "MIB", "MIC"]
    assert c.metas_debajo(mcr, "MIX") == ["MIX"]
    opciones = c.opciones_metas(mcr)
    assert opciones["codigo"].tolist()[:3] == ["MP", "MS", "MS2"]
    assert isinstance(opciones, pd.DataFrame) and len(opciones) == 7


def test_vista_cadena_counts_goals_once_and_picks_the_most_urgent_presidential(mcr, nodos):
    """The whole tree: 7 distinct goals (MIA counted once although drawn twice), one repeated
    goal, the broken-chain root is present, and MP (the only presidential goal) is the default."""
    v = c.vista_cadena(nodos, mcr)
    assert v.n_metas == 7 and sum(v.conteos.values()) == 7
    assert v.conteos["rojo"] == 1 and v.conteos["amarillo"] == 2
    assert v.repetidas == 1 and v.sin_vinculo and not v.recortada
    assert v.defecto == "MP"
    assert v.opciones["codigo"].tolist()[:3] == ["MP", "MS", "MS2"]
    assert set(v.opciones["codigo"]) == {"MP", "MS", "MS2", "MIA", "MIB", "MIC", "MIX"}


def test_vista_cadena_without_presidential_goals_defaults_to_the_first_option(mcr, nodos):
    """A view without presidential goals (only the broken-chain root and MIX) opens its first
    goal option."""
    solo_mix = nodos.loc[nodos["id"].isin([c.RAIZ_SIN_VINCULO, "sin-vinculo/MIX"])]
    v = c.vista_cadena(solo_mix, mcr)
    assert v.defecto == "MIX" and v.n_metas == 1 and v.sin_vinculo


def test_vista_cadena_cuts_the_institutional_level_of_a_big_tree(mcr, nodos):
    """Above max_nodos the chart keeps ejes, presidential and sectoral goals only, says so, and
    still counts and offers every goal of the view."""
    v = c.vista_cadena(nodos, mcr, max_nodos=5)
    assert v.recortada
    assert "institucional" not in set(v.nodos["nivel"].dropna())
    assert {"presidencial", "sectorial"} <= set(v.nodos["nivel"].dropna())
    assert v.n_metas == 7 and "MIB" in set(v.opciones["codigo"])


def test_vista_cadena_of_an_empty_view_has_no_default(mcr, nodos):
    """A filter nothing matches: no goal, no default, every count zero."""
    v = c.vista_cadena(nodos.iloc[0:0], mcr)
    assert v.defecto is None and v.n_metas == 0 and set(v.conteos.values()) == {0}


def test_conteo_eslabones_counts_own_and_contributors_indicators(mcr):
    """MS with its contributors: 1 own indicator (MS-I1) and 4 of 3 goals below it (MIA, MIB,
    MIC); alone: 1 own, none else."""
    res = run(mcr, PERIODO, CORTE)
    todos = c.conteo_eslabones(c.indicadores_por_eslabon(res, mcr, "MS"))
    assert todos == c.ConteoEslabones(propios=1, ajenos=4, metas_ajenas=3)
    solo = c.indicadores_por_eslabon(res, mcr, "MS", con_contribuyentes=False)
    assert c.conteo_eslabones(solo) == c.ConteoEslabones(propios=1, ajenos=0, metas_ajenas=0)


def test_existe_meta_accepts_only_goal_codes_of_the_mcr(mcr):
    """A code of the MCR exists; an unknown code, an empty one and a forged non-text value do
    not (the page then falls back to the default goal or says so)."""
    assert c.existe_meta(mcr, "MS2")
    assert not c.existe_meta(mcr, "NO-EXISTE")
    assert not c.existe_meta(mcr, "")
    assert not c.existe_meta(mcr, ["MS2"])
    assert not c.existe_meta(mcr, None)

"""How the mesas reach the other pages and the alerts (``data_layer.vistas.mesas_integracion``),
on the two tiny mesas of ``test_mesas`` (its docstring gives the data; cut date 01/07/2026)."""

from __future__ import annotations

import pandas as pd

from data_layer.engine import Resultado
from data_layer.engine.frames import MCR
from data_layer.vistas import mesas_integracion as vmi
from data_layer.vistas.alertas import COLUMNAS_LUGAR
from tests.unit.vistas.test_mesas import COORD_EDU, CORTE, mesas_de_prueba


def test_acciones_de_une_vinculos_y_respeta_alcance() -> None:
    """Actions linked to MS-1 or MS-1-I1: acuerdo 1 through both (one row, two links), the
    acuerdo after the cut left out, open before closed; a coordinator of EDU sees none of SAL's."""
    f = mesas_de_prueba()
    a = vmi.acciones_de(f, CORTE, {"MS-1"}, {"MS-1-I1"})
    assert list(zip(a["tipo"], a["id"], strict=True)) == [
        ("acuerdo", 1),
        ("acuerdo", 3),
        ("acuerdo", 2),
        ("estrategia", 1),
    ]
    assert a["vinculos"].iloc[0] == ["MS-1", "MS-1-I1"]
    assert a["estado"].tolist() == ["vencido", "pendiente", "cumplido", "en_ejecucion"]
    assert vmi.acciones_de(f, CORTE, {"MS-1"}, set(), COORD_EDU).empty


def test_acciones_al_corte_kept_by_the_caller_give_the_same_actions() -> None:
    """The links at the cut date, built once and passed in (what the web caches per mesa
    version and day), give every entity the same actions as computing them each time."""
    f = mesas_de_prueba()
    al_corte = vmi.acciones_al_corte(f, CORTE)
    for metas, indicadores, alcance in (
        ({"MS-1"}, {"MS-1-I1"}, None),
        ({"MS-1"}, set(), None),
        (set(), {"MS-1-I1"}, None),
        ({"MS-1"}, set(), COORD_EDU),
    ):
        pd.testing.assert_frame_equal(
            vmi.acciones_de(f, CORTE, metas, indicadores, alcance, al_corte),
            vmi.acciones_de(f, CORTE, metas, indicadores, alcance),
        )


def test_alertas_con_mesas_lugar_y_alcance() -> None:
    """Mesa alerts get the mesa's sector, that sector's eje and the sectoral level; a
    coordinator of EDU does not get SAL's acuerdo_vencido nor its exceso_miembros, but gets
    EDU's mesa_sin_plan."""
    f = mesas_de_prueba()
    mcr = MCR(
        sector_ejes=pd.DataFrame({"sector": ["SAL", "EDU"], "eje": ["E1", "E2"]}),
    )
    vacio = pd.DataFrame(columns=["semaforo", "meta_codigo", "periodo", "avance_pct"])
    res = Resultado(
        periodo="2026-T2",
        fecha_corte=CORTE,
        reglas=None,  # type: ignore[arg-type]
        indicadores=vacio,
        metas=pd.DataFrame(columns=["sector", "semaforo", "nivel"]),
        proyecciones=pd.DataFrame(),
        alertas=pd.DataFrame(),
    )
    base = pd.DataFrame(columns=["tipo", "severidad", "entidad_tipo", "entidad", *COLUMNAS_LUGAR])
    todas = vmi.alertas_con_mesas(base, res, mcr, f, CORTE)
    por_tipo = todas.set_index("tipo")
    assert set(por_tipo.index) == {"acuerdo_vencido", "exceso_miembros", "mesa_sin_plan"}
    assert por_tipo.loc["acuerdo_vencido", "sector"] == "SAL"
    assert por_tipo.loc["acuerdo_vencido", "eje"] == "E1"
    assert por_tipo.loc["mesa_sin_plan", "sector"] == "EDU"
    assert por_tipo.loc["mesa_sin_plan", "nivel"] == "sectorial"
    propias = vmi.alertas_con_mesas(base, res, mcr, f, CORTE, COORD_EDU)
    assert propias["tipo"].tolist() == ["mesa_sin_plan"]

"""Where an indicator avance is shown, its formula is one hover away (grid tooltips, card titles),
and the goal's indicator rows carry the baseline and why their period differs."""

from __future__ import annotations

import pandas as pd

from dashboard.components import detalle as det
from dashboard.components import meta as ui_meta
from dashboard.filtros import Filtros


def _indicadores() -> pd.DataFrame:
    """Two rows as :func:`data_layer.vistas.detalle.indicadores_de_metas` gives them."""
    return pd.DataFrame(
        {
            "codigo": ["I1", "I2"],
            "nombre": ["Partos", "Controles"],
            "meta_codigo": ["M1", "M1"],
            "eslabon": ["resultado", "resultado"],
            "unidad": ["%", "%"],
            "tipo": ["stock", "stock"],
            "periodo": ["2026-T3", "2025"],
            "meta": [83.6, 76.4],
            "valor": [64.8, 72.4],
            "linea_base": [58.0, float("nan")],
            "avance_pct": [26.5625, 94.8],
            "semaforo": ["rojo", "verde"],
            "peso": [1.0, 1.0],
            "formula": ["(64.8 − 58.0) ÷ (83.6 − 58.0) = 26.6 %", "72.4 ÷ 76.4 = 94.8 %"],
            "explicacion": ["… Aquí: (64.8 − 58.0) ÷ (83.6 − 58.0) = 26.6 %.", "… 94.8 %."],
        }
    )


def test_avance_column_shows_the_explanation_on_hover():
    """The avance column's tooltip is the row's explanation, and its header says so."""
    columna = det.columna_avance()
    assert columna["tooltipField"] == "explicacion"
    assert "cómo se calcula" in columna["headerTooltip"]
    assert "celda-explicada" in columna["cellClass"]


def test_goal_indicator_rows_carry_baseline_and_period_reason():
    """Rows carry the baseline's text («58», «—» without one) and, for an annual indicator read
    on its last closed year, why its period is not the evaluated quarter."""
    filas = ui_meta.filas_indicadores(_indicadores(), Filtros(), "2026-T3")
    assert [f["linea_base_texto"] for f in filas] == ["58", "—"]
    assert filas[0]["explicacion"].endswith("= 26.6 %.")
    assert filas[0]["periodo_motivo"] == "El periodo evaluado, 2026-T3"
    assert filas[1]["periodo_motivo"] == "2025 es el último año cerrado al 2026-T3"


def test_indicator_card_explains_its_avance_in_its_title():
    """The value chain's indicator card shows the avance with its explanation as title."""
    fila = _indicadores().iloc[0].to_dict()
    tarjeta = det.tarjeta_indicador(fila, Filtros(), mostrar_meta=False)
    avance = tarjeta.children.children[2].children[0]
    assert avance.children == "26.6 %"
    assert avance.title == fila["explicacion"]

"""The value chain page's goal selector (``/cadena``), built from its view's frame."""

from __future__ import annotations

import pandas as pd

from dashboard.components import detalle as det


def opciones_metas(opciones: pd.DataFrame) -> list[dict[str, str]]:
    """Dropdown options of :attr:`data_layer.vistas.cadena.VistaCadena.opciones`, in its order:
    ``código · nivel · descripción`` each."""
    return [
        {
            "label": f"{fila.codigo} · {det.NIVELES.get(str(fila.nivel), fila.nivel)} · "
            f"{fila.descripcion}",
            "value": str(fila.codigo),
        }
        for fila in opciones.itertuples(index=False)
    ]

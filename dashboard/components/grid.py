"""AG Grid tables with the house defaults: Spanish interface, sortable and filterable columns.

Numbers travel to the browser twice: as numbers (so sorting and numeric filters are right) and as
the text :mod:`dashboard.formatting` made of them (``74.1 %``), which the cell shows. Formatting
rules therefore live only in Python.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import dash_ag_grid as dag
import pandas as pd

from dashboard import formatting

#: The grid's own texts in Spanish (AG Grid ``localeText``): filters, menus, pagination, screen
#: readers. Adapted from AG Grid's es-ES locale to the usted form used in Honduras.
LOCALE_TEXT_ES: dict[str, str] = {
    # Filters
    "selectAll": "(Seleccionar todo)",
    "searchOoo": "Buscar…",
    "blanks": "(Vacíos)",
    "noMatches": "Sin coincidencias",
    "filterOoo": "Filtrar…",
    "equals": "Igual a",
    "notEqual": "Distinto de",
    "blank": "Vacío",
    "notBlank": "No vacío",
    "empty": "Elija una opción",
    "lessThan": "Menor que",
    "greaterThan": "Mayor que",
    "lessThanOrEqual": "Menor o igual que",
    "greaterThanOrEqual": "Mayor o igual que",
    "inRange": "Entre",
    "inRangeStart": "Desde",
    "inRangeEnd": "Hasta",
    "contains": "Contiene",
    "notContains": "No contiene",
    "startsWith": "Empieza con",
    "endsWith": "Termina con",
    "before": "Antes de",
    "after": "Después de",
    "andCondition": "Y",
    "orCondition": "O",
    "applyFilter": "Aplicar",
    "resetFilter": "Restablecer",
    "clearFilter": "Borrar",
    "cancelFilter": "Cancelar",
    "textFilter": "Filtro de texto",
    "numberFilter": "Filtro numérico",
    "dateFilter": "Filtro de fecha",
    "filters": "Filtros",
    # Column menu
    "columns": "Columnas",
    "pinColumn": "Fijar columna",
    "pinLeft": "Fijar a la izquierda",
    "pinRight": "Fijar a la derecha",
    "noPin": "No fijar",
    "autosizeThisColumn": "Ajustar el ancho de esta columna",
    "autosizeAllColumns": "Ajustar el ancho de todas las columnas",
    "resetColumns": "Restablecer columnas",
    "sortAscending": "Orden ascendente",
    "sortDescending": "Orden descendente",
    "sortUnSort": "Quitar orden",
    "columnFilter": "Filtrar columna",
    "columnChooser": "Elegir columnas",
    "chooseColumns": "Elegir columnas",
    "copy": "Copiar",
    "copyWithHeaders": "Copiar con encabezados",
    "ctrlC": "Ctrl+C",
    "export": "Exportar",
    "csvExport": "Exportar a CSV",
    # Pagination and status
    "page": "Página",
    "more": "más",
    "to": "a",
    "of": "de",
    "nextPage": "Página siguiente",
    "lastPage": "Última página",
    "firstPage": "Primera página",
    "previousPage": "Página anterior",
    "pageLastRowUnknown": "?",
    "pageSizeSelectorLabel": "Filas por página:",
    "loadingOoo": "Cargando…",
    "loadingError": "Error al cargar",
    "noRowsToShow": "No hay filas que mostrar",
    "enabled": "Activado",
    "totalRows": "Total de filas",
    "totalAndFilteredRows": "Filas",
    "filteredRows": "Filtradas",
    "selectedRows": "Seleccionadas",
    # Screen readers
    "ariaChecked": "marcado",
    "ariaUnchecked": "sin marcar",
    "ariaIndeterminate": "indeterminado",
    "ariaColumn": "Columna",
    "ariaColumnFiltered": "Columna filtrada",
    "ariaColumnSelectAll": "Mostrar u ocultar todas las columnas",
    "ariaDateFilterInput": "Campo del filtro de fecha",
    "ariaDefaultListName": "Lista",
    "ariaFilterColumnsInput": "Campo para filtrar columnas",
    "ariaFilterFromValue": "Filtrar desde el valor",
    "ariaFilterInput": "Campo del filtro",
    "ariaFilterList": "Lista de filtros",
    "ariaFilterToValue": "Filtrar hasta el valor",
    "ariaFilterValue": "Valor del filtro",
    "ariaFilterMenuOpen": "Abrir el menú de filtros",
    "ariaFilteringOperator": "Operador del filtro",
    "ariaHidden": "oculto",
    "ariaVisible": "visible",
    "ariaInputEditor": "Editor de texto",
    "ariaMenuColumn": "Presione ALT + FLECHA ABAJO para abrir el menú de la columna",
    "ariaFilterColumn": "Presione CTRL + ENTER para abrir el filtro",
    "ariaRowDeselect": "Presione ESPACIO para quitar la selección de esta fila",
    "ariaRowSelectAll": "Presione ESPACIO para seleccionar o quitar todas las filas",
    "ariaRowToggleSelection": "Presione ESPACIO para cambiar la selección de la fila",
    "ariaRowSelect": "Presione ESPACIO para seleccionar esta fila",
    "ariaRowSelectionDisabled": "La selección no está disponible para esta fila",
    "ariaSearch": "Buscar",
    "ariaSearchFilterValues": "Buscar valores del filtro",
    "ariaSortableColumn": "Presione ENTER para ordenar",
    "ariaToggleVisibility": "Presione ESPACIO para mostrar u ocultar",
    "ariaPageSizeSelectorLabel": "Filas por página",
    "ariaLabelColumnMenu": "Menú de la columna",
    "ariaLabelColumnFilter": "Filtro de la columna",
    "ariaLabelDialog": "Diálogo",
    "ariaLabelSelectField": "Campo de selección",
    "ariaLabelTooltip": "Información",
    "ariaLabelContextMenu": "Menú contextual",
    "ariaLabelLoadingContextMenu": "Cargando el menú contextual",
    "ariaLabelSubMenu": "Submenú",
}

DEFAULT_COL_DEF: dict[str, Any] = {
    "sortable": True,
    "filter": True,
    "resizable": True,
    "suppressHeaderMenuButton": False,
    "wrapHeaderText": True,
    "autoHeaderHeight": True,
}


def columna_texto(field: str, titulo: str, **opciones: Any) -> dict[str, Any]:
    """A text column with a text filter."""
    return {"field": field, "headerName": titulo, "filter": "agTextColumnFilter", **opciones}


def columna_enlace(field: str, titulo: str, **opciones: Any) -> dict[str, Any]:
    """A text column whose cells link to ``<field>_href`` (client-side navigation).

    The row data must carry ``<field>`` and ``<field>_href``; see :func:`records` ``enlaces``.
    """
    return {
        "field": field,
        "headerName": titulo,
        "filter": "agTextColumnFilter",
        "cellRenderer": "EnlaceCelda",
        **opciones,
    }


def columna_porcentaje(field: str, titulo: str, **opciones: Any) -> dict[str, Any]:
    """A 0–100 percentage column: sorts and filters on the number, shows ``field_texto``.

    The row data must carry ``<field>`` (number or None) and ``<field>_texto`` (its formatted
    text); see :func:`records`.
    """
    return {
        "field": field,
        "headerName": titulo,
        "filter": "agNumberColumnFilter",
        "type": "rightAligned",
        "valueFormatter": {"function": f"params.data ? params.data.{field}_texto : ''"},
        "cellClass": "celda-numero",
        **opciones,
    }


def columna_semaforo(titulo: str = "Semáforo", **opciones: Any) -> dict[str, Any]:
    """The traffic-light column: icon and word on the state's colour, most urgent first.

    Sorts on ``semaforo_orden`` (rojo first) and filters on the Spanish word. The row data must
    carry the ``semaforo_*`` fields of :func:`campos_estado`.
    """
    return {
        "field": "semaforo_orden",
        "headerName": titulo,
        "cellRenderer": "SemaforoCelda",
        "filter": "agTextColumnFilter",
        "filterValueGetter": {"function": "params.data.semaforo_etiqueta"},
        "getQuickFilterText": {"function": "params.data.semaforo_etiqueta"},
        "tooltipField": "semaforo_significado",
        **opciones,
    }


def campos_estado(estado: str) -> dict[str, Any]:
    """The row fields :func:`columna_semaforo` and the ``SemaforoCelda`` renderer read."""
    return dict(_campos_estado(estado))


@functools.lru_cache(maxsize=64)
def _campos_estado(estado: str) -> tuple[tuple[str, Any], ...]:
    # A handful of states, thousands of rows: build each state's fields once.
    p = formatting.presentar_estado(estado)
    return (
        ("semaforo", p.estado),
        ("semaforo_orden", p.orden),
        ("semaforo_icono", p.icono),
        ("semaforo_etiqueta", p.etiqueta),
        ("semaforo_significado", p.significado),
        ("semaforo_clase", p.clase),
    )


def records(
    frame: pd.DataFrame,
    *,
    porcentajes: Iterable[str] = (),
    estado: str | None = None,
    enlaces: dict[str, Callable[[dict[str, Any]], str | None]] | None = None,
) -> list[dict[str, Any]]:
    """Rows for ``rowData``: JSON-safe values (NaN → None) plus formatted companions.

    Args:
        frame: one row per grid row.
        porcentajes: columns that get a ``<col>_texto`` companion formatted as ``74.1 %``.
        estado: the column holding a state code; adds the :func:`campos_estado` fields.
        enlaces: column → function of the row giving its link (``<col>_href``), for
            :func:`columna_enlace`.

    Returns:
        A list of dicts, one per row, in the frame's order.
    """
    porcentajes = list(porcentajes)
    filas: list[dict[str, Any]] = []
    for fila in frame.to_dict("records"):
        limpia: dict[str, Any] = {
            str(k): (None if formatting.is_empty(v) else v) for k, v in fila.items()
        }
        for columna in porcentajes:
            limpia[f"{columna}_texto"] = formatting.format_porcentaje(limpia[columna])
        if estado is not None:
            limpia.update(campos_estado(str(limpia[estado])))
        for columna, enlace in (enlaces or {}).items():
            limpia[f"{columna}_href"] = enlace(limpia)
        filas.append(limpia)
    return filas


def id_grid(nombre: str) -> dict[str, str]:
    """The dict id of a grid that exports (``{"type": "grid", "grid": "sector-metas"}``).

    :func:`dashboard.components.exportar.botones_exportar` finds the grid through it; the name is
    prefixed by the page, like every id. In the DOM the grid's id is this dict as JSON.
    """
    return {"type": "grid", "grid": nombre}


def grid(
    id: str | dict[str, Any],
    column_defs: Sequence[dict[str, Any]],
    *,
    row_data: list[dict[str, Any]] | None = None,
    row_id: str = "codigo",
    auto_height: bool = True,
    opciones: dict[str, Any] | None = None,
    **props: Any,
) -> dag.AgGrid:
    """An AG Grid in Spanish with sortable, filterable, resizable columns.

    Args:
        id: component id (prefixed by page, e.g. ``"resumen-grid"``); a grid with export
            buttons needs the dict id of :func:`id_grid`.
        column_defs: column definitions (see the ``columna_*`` helpers).
        row_data: initial rows (usually empty: data arrives through a callback).
        row_id: the row field that identifies a row (``row-id`` in the DOM, stable updates).
        auto_height: grow with the rows instead of scrolling inside a fixed height.
        opciones: extra ``dashGridOptions``.
        **props: extra ``dag.AgGrid`` properties.
    """
    grid_options: dict[str, Any] = {
        "localeText": LOCALE_TEXT_ES,
        "animateRows": False,
        "tooltipShowDelay": 400,
        "enableCellTextSelection": True,
        "ensureDomOrder": True,
    }
    if auto_height:
        grid_options["domLayout"] = "autoHeight"
    grid_options.update(opciones or {})
    style = props.pop("style", None) or ({} if auto_height else {"height": "600px"})
    if props.get("rowModelType") != "infinite":
        # The infinite row model asks the server for its rows (getRowsRequest): no rowData.
        props["rowData"] = row_data or []
    return dag.AgGrid(
        id=id,
        columnDefs=list(column_defs),
        defaultColDef=DEFAULT_COL_DEF,
        dashGridOptions=grid_options,
        getRowId=f"params.data.{row_id}",
        style=style,
        **props,
    )

"""The description of an export: its file name and its «Filtros» sheet (pure functions)."""

from __future__ import annotations

import datetime as dt

from data_layer.vistas import exportacion

GENERADO = dt.datetime(2026, 8, 20, 9, 30, 12)


def test_the_name_lists_the_table_filter_codes_period_and_date():
    """sigpret-<tabla>-<códigos de filtro>-<período>_<fecha>: the page's code first, then
    the shared filters in a fixed order (eje, sector, tema, estado), accents and spaces made
    file-safe, the period last; empty filters and navigation parameters are left out."""
    d = exportacion.describir(
        "metas-del-eje",
        {
            "estado": "rojo",
            "tema": "Género",
            "codigo": "E2",
            "sector": "SAL",
            "eje": None,
            "meta": "MP-01",
            "periodo": "2026-T2",
        },
        periodo="2026-T2",
        usuario="analista",
        generado=GENERADO,
    )
    assert d.nombre() == "sigpret-metas-del-eje-E2-SAL-Genero-rojo-2026-T2_2026-08-20"


def test_a_table_without_filters_or_period_is_named_by_table_and_date():
    """A table with no filters and no period (an unfiltered mesa list) is named
    sigpret-<tabla>_<fecha>, and its sheet says no filter was applied."""
    d = exportacion.describir("mesas", {}, periodo=None, usuario="analista", generado=GENERADO)
    assert d.nombre() == "sigpret-mesas_2026-08-20"
    hoja = dict(d.hoja_filtros())
    assert hoja["Filtros"].startswith("Ninguno")
    assert "Período evaluado" not in hoja


def test_a_forged_code_cannot_break_out_of_the_file_name():
    """Whatever text a parameter holds, the name keeps only letters, digits, dots and dashes
    and stays short."""
    d = exportacion.describir(
        "tabla",
        {"codigo": "../../etc/passwd" + "x" * 300},
        periodo=None,
        usuario="u",
        generado=GENERADO,
    )
    nombre = d.nombre()
    assert "/" not in nombre and ".." not in nombre.replace("...", "")
    assert len(nombre) <= exportacion.MAX_NOMBRE + len("_2026-08-20")


def test_the_filtros_sheet_holds_period_filters_column_filters_moment_and_user():
    """The sheet names the table, the period with its dates, each page filter by its Spanish
    label, each grid column filter in words, the moment (a datetime, for a real Excel date)
    and the user."""
    columnas = exportacion.filtros_de_columnas(
        {
            "avance": {"filterType": "number", "type": "inRange", "filter": 10, "filterTo": 95},
            "mensaje": {"filterType": "text", "type": "contains", "filter": "avance"},
        },
        {"avance": "Avance", "mensaje": "Mensaje"},
    )
    d = exportacion.describir(
        "alertas",
        {"sector": "SAL", "severidad": "Alta", "periodo": None},
        periodo="2026-T2",
        usuario="analista",
        generado=GENERADO,
        columnas=columnas,
    )
    filas = d.hoja_filtros()
    assert filas[0] == ("Tabla", "Alertas")
    assert ("Período evaluado", "2026-T2 (del 01/04/2026 al 30/06/2026)") in filas
    assert ("Sector", "SAL") in filas and ("Severidad", "Alta") in filas
    assert ("Filtro de columna", "Avance entre 10 y 95") in filas
    assert ("Filtro de columna", "Mensaje contiene «avance»") in filas
    assert ("Generado", dt.datetime(2026, 8, 20, 9, 30, 12)) in filas
    assert filas[-1] == ("Usuario", "analista")


def test_combined_column_conditions_read_with_y_and_o():
    """Two conditions of one column filter are joined with «y» (AND) or «o» (OR)."""
    modelo = {
        "filterType": "text",
        "operator": "OR",
        "conditions": [
            {"filterType": "text", "type": "startsWith", "filter": "MP"},
            {"filterType": "text", "type": "blank"},
        ],
    }
    assert (
        exportacion.describir_filtro_columna("Código", modelo)
        == "Código empieza por «MP» o Código vacío"
    )

"""Open data and change log of published snapshots (issue #14): pure functions of a snapshot."""

from __future__ import annotations

import csv
import io
import json

from data_layer.publicacion import cambios, datos_abiertos


def _instantanea(**cambiar) -> dict:
    """A small snapshot with every part the open data reads."""
    conteos = {"rojo": 1, "amarillo": 0, "verde": 1, "sin_dato": 0, "pendiente": 0}
    conteos["no_programado"] = 0
    base = {
        "formato": 1,
        "periodo": "2026-T3",
        "fecha_corte": "2026-12-06",
        "nacional": {
            "nivel": "presidencial",
            "avance": 55.5,
            "semaforo": "rojo",
            "n_metas": 2,
            "conteos": conteos,
        },
        "niveles": [
            {
                "nivel": "presidencial",
                "avance": 55.5,
                "semaforo": "rojo",
                "n_metas": 2,
                "conteos": conteos,
            }
        ],
        "ejes": [
            {
                "codigo": "E1",
                "nombre": "Derechos, «uno»",
                "avance": 55.5,
                "semaforo": "rojo",
                "n_metas": 2,
                "conteos": conteos,
            }
        ],
        "sectores": [
            {
                "codigo": "SAL",
                "nombre": "Salud",
                "ejes": ["E2-SOC", "E1"],
                "avance": None,
                "semaforo": "sin_dato",
                "n_metas": 0,
                "conteos": conteos,
            }
        ],
        "metas_presidenciales": [
            {
                "codigo": "MP-01",
                "descripcion": "Uno, con coma",
                "eje": "E1",
                "eje_nombre": "E",
                "avance": 100.0,
                "avance_directo": 100.0,
                "avance_contribuyentes": None,
                "cobertura": 100.0,
                "semaforo": "verde",
            },
            {
                "codigo": "MP-02",
                "descripcion": "Dos",
                "eje": "E1",
                "eje_nombre": "E",
                "avance": 11.0,
                "avance_directo": 11.0,
                "avance_contribuyentes": 80.25,
                "cobertura": 50.0,
                "semaforo": "rojo",
            },
        ],
        "evaluacion_institucional": [
            {
                "anio": 2025,
                "n_instituciones": 1,
                "promedio": 74.1,
                "bandas": {"bajo": 0, "medio": 1, "alto": 0},
                "instituciones": [
                    {
                        "sigla": "SESAL",
                        "nombre": "Salud",
                        "avance": 74.1,
                        "banda": "medio",
                        "n_metas": 3,
                    }
                ],
            },
        ],
    }
    base.update(cambiar)
    return base


def test_every_table_has_a_dictionary_entry_for_each_of_its_columns() -> None:
    """The dictionary describes exactly the columns every table's rows carry, in order."""
    i = _instantanea()
    por_tabla = {
        t["tabla"]: [c["nombre"] for c in t["columnas"]] for t in datos_abiertos.diccionario()
    }
    for tabla in datos_abiertos.TABLAS:
        filas = datos_abiertos.filas(i, tabla.nombre)
        assert filas, tabla.nombre
        assert [list(f) for f in filas] == [por_tabla[tabla.nombre]] * len(filas)


def test_csv_uses_point_decimals_empty_cells_and_semicolon_lists() -> None:
    """CSV: UTF-8 with BOM, one decimal for percentages (half up), an empty cell for a missing
    value, several values joined by «;», commas inside a text quoted."""
    cuerpo = datos_abiertos.csv_tabla(_instantanea(), "metas_presidenciales")
    assert cuerpo.startswith(b"\xef\xbb\xbf")
    filas = list(csv.DictReader(io.StringIO(cuerpo.decode("utf-8-sig"))))
    assert filas[0]["descripcion"] == "Uno, con coma"
    assert filas[0]["avance_contribuyentes_pct"] == ""
    assert filas[1]["avance_contribuyentes_pct"] == "80.3"
    assert filas[0]["avance_pct"] == "100.0"
    sectores = list(
        csv.DictReader(
            io.StringIO(datos_abiertos.csv_tabla(_instantanea(), "sectores").decode("utf-8-sig"))
        )
    )
    assert sectores[0]["ejes"] == "E2-SOC;E1" and sectores[0]["avance_pct"] == ""


def test_json_tables_carry_the_metadata_and_the_same_rows() -> None:
    """A JSON table holds the metadata it is given (licence…) and the rows of :func:`filas`."""
    meta = {"licencia": datos_abiertos.LICENCIA}
    documento = json.loads(datos_abiertos.json_tabla(_instantanea(), "ejes", meta))
    assert documento["metadatos"] == meta and documento["tabla"] == "ejes"
    assert documento["filas"] == datos_abiertos.filas(_instantanea(), "ejes")
    assert documento["filas"][0]["nombre"] == "Derechos, «uno»"


def test_the_change_log_ranks_worsened_first_and_ignores_unchanged_items() -> None:
    """Only items whose state differs are listed: goals before ejes and sectors, worsened before
    other changes before improvements; a goal that appears is a plain change."""
    anterior = _instantanea()
    metas = [dict(m) for m in anterior["metas_presidenciales"]]
    metas[0]["semaforo"], metas[1]["semaforo"] = "amarillo", "verde"
    metas.append({**metas[1], "codigo": "MP-03", "descripcion": "Nueva"})
    ejes = [{**anterior["ejes"][0], "semaforo": "rojo"}]  # unchanged
    posterior = _instantanea(metas_presidenciales=metas, ejes=ejes)
    lista = cambios.cambios(anterior, posterior)
    assert [(c.codigo, c.sentido) for c in lista] == [
        ("MP-01", "empeora"),
        ("MP-03", "cambio"),
        ("MP-02", "mejora"),
    ]
    assert lista[1].antes is None and lista[1].despues == "verde"
    assert cambios.resumen(lista) == {"mejora": 1, "empeora": 1, "cambio": 1}
    assert cambios.cambios(anterior, anterior) == []

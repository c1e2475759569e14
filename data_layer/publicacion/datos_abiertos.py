"""Open data of a published snapshot (issue #14, item 3): its tables, dictionary, CSV and JSON.

Every table is flattened from the stored snapshot alone (:mod:`.instantanea`), so the files say
exactly what the portal shows. CSV follows the command line's conventions (DOMAIN.md §7): a
header row, a point as decimal separator and no thousands separator, percentages with one
decimal, an empty cell where a value does not exist, several values in a cell separated by
``;``. Files are UTF-8 with a byte-order mark, so that a spreadsheet opens the accents right.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from data_layer import formato
from data_layer.engine.frames import ESTADOS
from data_layer.publicacion.instantanea import Instantanea

#: The licence line of every file, page and API answer.
LICENCIA = (
    "Datos abiertos de la Dirección de Gestión por Resultados (DIGER), Presidencia de la "
    "República de Honduras. Licencia Creative Commons Atribución 4.0 Internacional (CC BY 4.0): "
    "puede copiarlos, redistribuirlos y adaptarlos citando la fuente."
)
LICENCIA_URL = "https://creativecommons.org/licenses/by/4.0/deed.es"
FUENTE = "SIGPRET — Sistema de Gerencia Pública por Resultados y Transparencia"


@dataclass(frozen=True)
class Columna:
    """One column of an open-data table: its name, type and meaning (the data dictionary)."""

    nombre: str
    tipo: str  # texto | entero | porcentaje | fecha | lista
    descripcion: str
    #: Anchor of its definition in the methodology page (``/publico/metodologia#…``), if any.
    definicion: str | None = None


@dataclass(frozen=True)
class Tabla:
    """An open-data table: its name, title, description, columns and rows builder."""

    nombre: str
    titulo: str
    descripcion: str
    columnas: tuple[Columna, ...]
    filas: Callable[[Instantanea], list[dict[str, Any]]]


_PERIODO = Columna("periodo", "texto", "Trimestre publicado (aaaa-Tn).", "periodo")
_ESTADO_TEXTO = "rojo, amarillo, verde, sin_dato, pendiente o no_programado"
_CONTEOS = tuple(
    Columna(e, "entero", f"Número de metas en estado «{e}».", "semaforo") for e in ESTADOS
)


def _conteos(fila: dict[str, Any]) -> dict[str, Any]:
    return {e: fila["conteos"].get(e, 0) for e in ESTADOS}


def _niveles(i: Instantanea) -> list[dict[str, Any]]:
    return [
        {
            "periodo": i["periodo"],
            "nivel": n["nivel"],
            "avance_pct": n["avance"],
            "semaforo": n["semaforo"],
            "n_metas": n["n_metas"],
            **_conteos(n),
        }
        for n in i["niveles"]
    ]


def _ejes(i: Instantanea) -> list[dict[str, Any]]:
    return [
        {
            "periodo": i["periodo"],
            "eje": e["codigo"],
            "nombre": e["nombre"],
            "avance_pct": e["avance"],
            "semaforo": e["semaforo"],
            "n_metas": e["n_metas"],
            **_conteos(e),
        }
        for e in i["ejes"]
    ]


def _sectores(i: Instantanea) -> list[dict[str, Any]]:
    return [
        {
            "periodo": i["periodo"],
            "sector": s["codigo"],
            "nombre": s["nombre"],
            "ejes": s["ejes"],
            "avance_pct": s["avance"],
            "semaforo": s["semaforo"],
            "n_metas": s["n_metas"],
            **_conteos(s),
        }
        for s in i["sectores"]
    ]


def _presidenciales(i: Instantanea) -> list[dict[str, Any]]:
    return [
        {
            "periodo": i["periodo"],
            "meta": m["codigo"],
            "descripcion": m["descripcion"],
            "eje": m["eje"],
            "avance_pct": m["avance"],
            "avance_directo_pct": m["avance_directo"],
            "avance_contribuyentes_pct": m["avance_contribuyentes"],
            "cobertura_pct": m["cobertura"],
            "semaforo": m["semaforo"],
        }
        for m in i["metas_presidenciales"]
    ]


def _instituciones(i: Instantanea) -> list[dict[str, Any]]:
    return [
        {
            "anio": a["anio"],
            "sigla": inst["sigla"],
            "nombre": inst["nombre"],
            "avance_pct": inst["avance"],
            "banda": inst["banda"],
            "n_metas": inst["n_metas"],
        }
        for a in i["evaluacion_institucional"]
        for inst in a["instituciones"]
    ]


def _bandas(i: Instantanea) -> list[dict[str, Any]]:
    return [
        {
            "anio": a["anio"],
            "n_instituciones": a["n_instituciones"],
            "promedio_pct": a["promedio"],
            **{b: a["bandas"].get(b, 0) for b in ("bajo", "medio", "alto")},
        }
        for a in i["evaluacion_institucional"]
    ]


_AVANCE = Columna(
    "avance_pct", "porcentaje", "Avance ponderado de sus metas, 0–100, un decimal.", "avance"
)
_SEMAFORO = Columna("semaforo", "texto", f"Estado: {_ESTADO_TEXTO}.", "semaforo")
_N_METAS = Columna("n_metas", "entero", "Número de metas que se agregan.", "agregacion")

#: The open-data tables of a snapshot, in the order the catalogue lists them.
TABLAS: tuple[Tabla, ...] = (
    Tabla(
        "niveles",
        "Metas por nivel y estado",
        "Para cada nivel de meta (presidencial, sectorial, institucional): avance y número de "
        "metas en cada estado del semáforo.",
        (
            _PERIODO,
            Columna("nivel", "texto", "presidencial, sectorial o institucional.", "niveles"),
            _AVANCE,
            _SEMAFORO,
            _N_METAS,
            *_CONTEOS,
        ),
        _niveles,
    ),
    Tabla(
        "ejes",
        "Avance por eje estratégico",
        "Avance de las metas presidenciales de cada eje estratégico (y de cada dimensión del "
        "eje 2) y número de metas en cada estado.",
        (
            _PERIODO,
            Columna("eje", "texto", "Código del eje (E1, E2-ECO, E2-SOC, E3, E4).", "eje"),
            Columna("nombre", "texto", "Nombre del eje."),
            _AVANCE,
            _SEMAFORO,
            _N_METAS,
            *_CONTEOS,
        ),
        _ejes,
    ),
    Tabla(
        "sectores",
        "Avance por sector",
        "Avance de las metas sectoriales de cada uno de los sectores y número de metas en "
        "cada estado.",
        (
            _PERIODO,
            Columna("sector", "texto", "Código del sector.", "sector"),
            Columna("nombre", "texto", "Nombre del sector."),
            Columna("ejes", "lista", "Ejes a los que pertenece el sector, separados por «;»."),
            _AVANCE,
            _SEMAFORO,
            _N_METAS,
            *_CONTEOS,
        ),
        _sectores,
    ),
    Tabla(
        "metas_presidenciales",
        "Metas presidenciales",
        "Cada meta presidencial con su avance y su estado.",
        (
            _PERIODO,
            Columna("meta", "texto", "Código de la meta presidencial."),
            Columna("descripcion", "texto", "Descripción de la meta."),
            Columna("eje", "texto", "Código del eje al que pertenece.", "eje"),
            Columna(
                "avance_pct",
                "porcentaje",
                "Avance que da el estado de la meta (directo, o de contribuyentes si no tiene "
                "indicadores propios), 0–100.",
                "avance",
            ),
            Columna(
                "avance_directo_pct",
                "porcentaje",
                "Avance de los indicadores propios de la meta.",
                "avance-directo",
            ),
            Columna(
                "avance_contribuyentes_pct",
                "porcentaje",
                "Avance de las metas sectoriales que contribuyen a ella.",
                "avance-contribuyentes",
            ),
            Columna(
                "cobertura_pct",
                "porcentaje",
                "Parte (por peso) de sus indicadores con dato validado.",
                "cobertura",
            ),
            _SEMAFORO,
        ),
        _presidenciales,
    ),
    Tabla(
        "evaluacion_institucional",
        "Evaluación institucional anual",
        "Para cada año cerrado, el avance promedio de las metas institucionales de cada "
        "institución y su banda (bajo, medio, alto).",
        (
            Columna("anio", "entero", "Año evaluado.", "evaluacion-institucional"),
            Columna("sigla", "texto", "Sigla de la institución."),
            Columna("nombre", "texto", "Nombre de la institución."),
            Columna(
                "avance_pct",
                "porcentaje",
                "Promedio ponderado del avance de sus metas institucionales del año.",
                "evaluacion-institucional",
            ),
            Columna("banda", "texto", "bajo (0–60), medio (61–80) o alto (81–100).", "bandas"),
            Columna("n_metas", "entero", "Metas institucionales evaluadas."),
        ),
        _instituciones,
    ),
    Tabla(
        "evaluacion_bandas",
        "Distribución de instituciones por banda",
        "Para cada año cerrado: instituciones evaluadas, promedio y cuántas quedan en cada banda.",
        (
            Columna("anio", "entero", "Año evaluado.", "evaluacion-institucional"),
            Columna("n_instituciones", "entero", "Instituciones evaluadas."),
            Columna(
                "promedio_pct",
                "porcentaje",
                "Promedio simple del avance de las instituciones evaluadas.",
                "evaluacion-institucional",
            ),
            Columna("bajo", "entero", "Instituciones en la banda bajo (0–60).", "bandas"),
            Columna("medio", "entero", "Instituciones en la banda medio (61–80).", "bandas"),
            Columna("alto", "entero", "Instituciones en la banda alto (81–100).", "bandas"),
        ),
        _bandas,
    ),
)
POR_NOMBRE: dict[str, Tabla] = {t.nombre: t for t in TABLAS}


def filas(instantanea: Instantanea, tabla: str) -> list[dict[str, Any]]:
    """The rows of open-data table ``tabla`` of a snapshot (KeyError: no such table)."""
    return POR_NOMBRE[tabla].filas(instantanea)


def _celda(valor: Any, tipo: str) -> str:
    if valor is None:
        return ""
    if tipo == "lista":
        return ";".join(str(v) for v in valor)
    if tipo == "porcentaje":
        return formato.format_numero(valor, 1, miles=False)
    return str(valor)


def _escribir_csv(encabezado: list[str], filas_texto: list[list[str]]) -> bytes:
    salida = io.StringIO()
    escritor = csv.writer(salida, lineterminator="\r\n")
    escritor.writerow(encabezado)
    escritor.writerows(filas_texto)
    return salida.getvalue().encode("utf-8-sig")


def csv_tabla(instantanea: Instantanea, tabla: str) -> bytes:
    """Table ``tabla`` as CSV bytes (UTF-8 with BOM; see the module docstring)."""
    t = POR_NOMBRE[tabla]
    return _escribir_csv(
        [c.nombre for c in t.columnas],
        [[_celda(f.get(c.nombre), c.tipo) for c in t.columnas] for f in t.filas(instantanea)],
    )


def metadatos(edicion: Any, base: str = "") -> dict[str, Any]:
    """What every JSON answer says about the snapshot it comes from.

    Args:
        edicion: a :class:`~.consultas.Edicion`.
        base: the site's address for absolute links (empty: relative links).
    """
    return {
        "periodo": edicion.periodo,
        "edicion": edicion.edicion,
        "fecha_corte": edicion.fecha_corte.isoformat(),
        "publicada_en": edicion.publicada_en.isoformat(timespec="seconds"),
        "huella": edicion.huella,
        "fuente": FUENTE,
        "licencia": LICENCIA,
        "licencia_url": LICENCIA_URL,
        "metodologia": f"{base}/publico/metodologia",
        "diccionario": f"{base}/publico/datos/diccionario",
    }


def json_tabla(instantanea: Instantanea, tabla: str, meta: dict[str, Any]) -> bytes:
    """Table ``tabla`` as a JSON document: ``{"metadatos": …, "tabla": …, "filas": [...]}``."""
    documento = {"metadatos": meta, "tabla": tabla, "filas": filas(instantanea, tabla)}
    return json.dumps(documento, ensure_ascii=False, indent=1).encode("utf-8")


def diccionario() -> list[dict[str, Any]]:
    """The data dictionary: one entry per table with its columns."""
    return [
        {
            "tabla": t.nombre,
            "titulo": t.titulo,
            "descripcion": t.descripcion,
            "columnas": [
                {
                    "nombre": c.nombre,
                    "tipo": c.tipo,
                    "descripcion": c.descripcion,
                    "definicion": f"/publico/metodologia#{c.definicion}" if c.definicion else None,
                }
                for c in t.columnas
            ],
        }
        for t in TABLAS
    ]


def csv_diccionario() -> bytes:
    """The data dictionary as CSV: tabla, columna, tipo, descripcion, definicion."""
    return _escribir_csv(
        ["tabla", "columna", "tipo", "descripcion", "definicion"],
        [
            [t["tabla"], c["nombre"], c["tipo"], c["descripcion"], c["definicion"] or ""]
            for t in diccionario()
            for c in t["columnas"]
        ],
    )

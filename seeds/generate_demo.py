"""Deterministic generator of the demo MCR: one CSV per sheet of DOMAIN.md §6 in ``seeds/demo``.

Run ``python seeds/generate_demo.py [--out seeds/demo] [--shared seeds/fuentes]``. The output
depends only on the catalogs in ``seeds/``, the two files of the shared data folder and the fixed
seed: re-running it produces byte-identical files. The mix is tuned so that, evaluated as of
``2026-T3`` with cut date ``2026-11-23``, most indicators are green, some yellow and red, and
every alert type of the engine fires (see ``seeds/README.md``).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the ``seeds`` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from data_layer.periods import PERIODOS_POR_ANIO, Periodo, parse, rango, resolver  # noqa: E402
from seeds import catalogo as cat  # noqa: E402
from seeds.catalogo_instituciones import METAS_GESTION, METAS_INSTITUCIONALES  # noqa: E402

SEED = 20260923
PERIODO_EVALUADO = "2026-T3"
FECHA_CORTE = dt.date(2026, 11, 23)
PLAZO_DIAS = 15  # Reglas.plazo_reporte_dias: a report is due 15 days after the period ends
ANIO_INICIO, ANIO_FIN = 2022, 2026

DEFAULT_OUT = Path(__file__).resolve().parent / "demo"
# Copies of shared/data (real institutions and series, with their sources), kept in the repo so
# that the demo can be regenerated and checked anywhere.
DEFAULT_SHARED = Path(__file__).resolve().parent / "fuentes"

#: The deliberate broken chains (cadena_rota): no institutional goal contributes to the first,
#: the second contributes to nothing; the presidential orphan is the goal whose catalog entry
#: lists no sector (MP-05).
SECTORIAL_SIN_CONTRIBUYENTES = "MS-MACRO-04"
INSTITUCIONAL_SIN_ENLACE = "MI-ENAG-03"
N_METAS_SIN_PROGRAMACION_2026 = 3
MAX_METAS_INSTITUCION = 6

#: Defaults of the dato_atipico rule (DOMAIN.md §4, ``Reglas.atipico_z`` / ``atipico_min_cambios``),
#: copied rather than imported so the generator does not depend on the engine. The random noise
#: is kept under ``ATIPICO_Z - 0.5`` so that only the deliberate jumps are outliers.
ATIPICO_Z = 3.5
ATIPICO_MIN_CAMBIOS = 4

COLUMNAS: dict[str, tuple[str, ...]] = {
    "ejes": ("codigo", "nombre", "eje_padre"),
    "sectores": ("codigo", "nombre", "ejes", "institucion_rectora"),
    "instituciones": ("sigla", "nombre", "sectores"),
    "metas": (
        "codigo",
        "nivel",
        "descripcion",
        "eje",
        "sector",
        "institucion",
        "contribuye_a",
        "peso",
    ),
    "indicadores": (
        "codigo",
        "meta",
        "nombre",
        "eslabon",
        "unidad",
        "sentido",
        "tipo",
        "frecuencia",
        "linea_base",
        "anio_base",
        "fuente",
        "institucion_responsable",
        "temas_transversales",
        "umbral_verde",
        "umbral_amarillo",
        "peso",
    ),
    "programacion": ("indicador", "periodo", "meta"),
    "avances": ("indicador", "periodo", "valor", "fecha_reporte", "comentario"),
}

_SENTIDO = {"A": "ascendente", "D": "descendente"}
_TIPO = {"F": "flujo", "C": "acumulado", "S": "stock"}
_ESLABON = {"n": "insumo", "a": "actividad", "p": "producto", "r": "resultado", "i": "impacto"}
_NOTA_EN_NOMBRE = re.compile(r"\s*\((?:también|antes|rango)\b[^)]*\)")
_PALABRA = re.compile(r"[a-záéíóúñü]{5,}")
_UNIDADES_ENTERAS_NO = ("%", "tasa", "por ", "índice", "millones", "km", "quintales por", "días")
_UNIDADES_TIEMPO = ("horas", "minutos", "segundos", "meses", "noches", "puntos")

_ACTIVIDADES = (
    ("Acciones de supervisión y seguimiento de {o} realizadas", "acciones", 40, 160),
    ("Personal técnico capacitado en {o}", "personas", 60, 400),
    ("Jornadas de coordinación interinstitucional sobre {o} realizadas", "jornadas", 48, 120),
    ("Procesos de adquisición para {o} adjudicados", "procesos", 40, 120),
    ("Visitas de asistencia técnica en territorio sobre {o}", "visitas", 80, 300),
)
_MOTIVOS_ROJO = (
    "Retraso en la transferencia de fondos por parte de SEFIN",
    "Proceso de licitación declarado desierto; se relanzó el proceso",
    "Afectación por condiciones climáticas en la zona de intervención",
    "Rotación del personal técnico de la unidad ejecutora",
    "Dificultad de acceso a las comunidades por el mal estado de los caminos",
    "Congelamiento presupuestario de medio año",
)
_MOTIVOS_SOBRE = (
    "Se superó la meta por apoyo de la cooperación internacional",
    "La demanda fue mayor a la estimada en la programación",
    "Se incorporaron municipios no previstos en la programación original",
)
_MOTIVO_TARDIO = "Reporte remitido fuera de plazo por cambio del enlace UPGRET"


@dataclass
class MetaDemo:
    """A goal being generated (one row of ``metas.csv``)."""

    codigo: str
    nivel: str
    descripcion: str
    eje: str = ""
    sector: str = ""
    institucion: str = ""
    peso: float = 1.0
    contribuye_a: list[str] = field(default_factory=list)
    texto: str = ""


@dataclass
class IndicadorDemo:
    """An indicator being generated, with its targets and reported values."""

    codigo: str
    meta: str
    nombre: str
    eslabon: str
    unidad: str
    sentido: str
    tipo: str
    frecuencia: str
    base: float
    meta_final: float
    anio_base: int
    fuente: str
    responsable: str
    temas: list[str] = field(default_factory=list)
    umbrales: tuple[float, float] | None = None
    peso: float = 1.0
    perfil: str = "verde"
    serie: list[tuple[int, float, str]] = field(default_factory=list)
    metas_anuales: tuple[float, ...] = ()
    anio_fin: int = ANIO_FIN
    programacion: list[tuple[str, float]] = field(default_factory=list)
    avances: list[tuple[str, float, dt.date, str]] = field(default_factory=list)


# --------------------------------------------------------------------------------------- inputs
def load_instituciones(shared: Path) -> list[dict[str, str]]:
    """Rows of ``instituciones_hn.csv`` whose sector is one of the 22, in file order."""
    codigo_de = {nombre: codigo for codigo, nombre, _, _ in cat.SECTORES}
    with (shared / "instituciones_hn.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for row in rows:
        sector = codigo_de.get(row["sector"].strip())
        if sector is None:
            continue
        nombre = _NOTA_EN_NOMBRE.sub("", row["nombre"]).strip()
        out.append({"sigla": row["sigla"].strip(), "nombre": nombre, "sector": sector})
    return out


def load_series(shared: Path) -> dict[str, list[tuple[int, float, str]]]:
    """Real series by name: ``[(anio, valor, fuente), ...]`` sorted by year."""
    series: dict[str, list[tuple[int, float, str]]] = {}
    with (shared / "series_reales_hn.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            series.setdefault(row["indicador"], []).append(
                (int(row["anio"]), float(row["valor"]), row["fuente"].strip())
            )
    return {k: sorted(v) for k, v in series.items()}


def linea_base_real(serie: Sequence[tuple[int, float, str]]) -> tuple[int, float, str]:
    """Baseline of a real series: its latest value up to 2021, else its earliest one.

    Only values from 2019 on count: the plan is 2022-2026 and older figures (2010, 2016) would
    not be a credible baseline.
    """
    recientes = [p for p in serie if p[0] >= 2019]
    previos = [p for p in recientes if p[0] <= ANIO_INICIO - 1]
    return previos[-1] if previos else recientes[0]


# --------------------------------------------------------------------------------------- helpers
def parse_spec(spec: str, eslabon_defecto: str) -> dict[str, object]:
    """Parse a compact indicator spec of the catalogs (see ``catalogo.py``)."""
    partes = spec.split("|")
    nombre, unidad, sentido, tipo, base, meta = partes[:6]
    eslabon = _ESLABON[partes[6]] if len(partes) > 6 and partes[6] else eslabon_defecto
    fuente = partes[7] if len(partes) > 7 else ""
    return {
        "nombre": nombre,
        "unidad": unidad,
        "sentido": _SENTIDO[sentido],
        "tipo": _TIPO[tipo],
        "base": float(base),
        "meta_final": float(meta),
        "eslabon": eslabon,
        "fuente": fuente,
    }


def es_porcentaje(unidad: str) -> bool:
    """Same rule as the engine's impossible-value check: a percentage unit."""
    u = unidad.strip().lower()
    return "%" in u or u.startswith("porcentaje")


def es_conteo(unidad: str) -> bool:
    """Units counted in whole numbers (personas, viviendas, proyectos...)."""
    u = unidad.lower()
    return not any(m in u for m in _UNIDADES_ENTERAS_NO + _UNIDADES_TIEMPO)


def decimales(unidad: str, magnitud: float) -> int:
    """Sensible number of decimals for values of ``unidad`` around ``magnitud``."""
    if es_conteo(unidad):
        return 0
    if unidad.startswith("puntos"):
        return 0
    if abs(magnitud) < 1:
        return 3
    return 2 if abs(magnitud) < 10 else 1


def fmt(valor: float | None, dec: int = 3) -> str:
    """A number as CSV text: point decimal, at most ``dec`` decimals, no trailing zeros."""
    if valor is None:
        return ""
    texto = f"{valor:.{dec}f}"
    if "." in texto:
        texto = texto.rstrip("0").rstrip(".")
    return "0" if texto in {"-0", ""} else texto


def periodos(frecuencia: str, desde: int, hasta: int) -> list[str]:
    """Every period of ``frecuencia`` from the first of year ``desde`` to the last of ``hasta``."""
    ppy = PERIODOS_POR_ANIO[frecuencia]
    return rango(str(Periodo(desde, 1, frecuencia)), str(Periodo(hasta, ppy, frecuencia)))


def palabras(texto: str) -> set[str]:
    """Content words of a text, to link goals by topic."""
    return set(_PALABRA.findall(texto.lower()))


def elegir_frecuencia(rng: random.Random, ind: dict[str, object], nivel: str) -> str:
    """Frequency: impact indicators yearly; others mostly quarterly, coarser for small counts."""
    if ind["eslabon"] == "impacto" or nivel == "presidencial":
        return "anual"
    x = rng.random()
    if nivel == "sectorial":
        frecuencia = "trimestral" if x < 0.45 else "semestral" if x < 0.75 else "anual"
    else:
        frecuencia = "trimestral" if x < 0.82 else "semestral" if x < 0.96 else "anual"
    if es_conteo(str(ind["unidad"])):
        # Whole-number counts need a few units per period to be meaningful.
        tamano = max(float(ind["base"]), float(ind["meta_final"]))  # type: ignore[arg-type]
        orden = ("trimestral", "semestral", "anual")
        i = orden.index(frecuencia)
        if ind["tipo"] == "stock":
            i = max(i, 2 if tamano < 15 else 1 if tamano < 40 else 0)
        else:
            while i < 2 and tamano / PERIODOS_POR_ANIO[orden[i]] < 12:
                i += 1
        frecuencia = orden[i]
    return frecuencia


def elegir_temas(rng: random.Random, sector: str) -> list[str]:
    """0-3 transversal themes, drawn from the sector's affinities and the three mandatory ones."""
    k = rng.choices((0, 1, 2, 3), weights=(30, 40, 22, 8))[0]
    candidatos = list(dict.fromkeys(cat.TEMAS_SECTOR.get(sector, ()) + cat.TEMAS[:3]))
    elegidos = set(rng.sample(candidatos, min(k, len(candidatos))))
    return [t for t in cat.TEMAS if t in elegidos]


# --------------------------------------------------------------------------------------- goals
def build_metas(
    rng: random.Random, instituciones: list[dict[str, str]]
) -> tuple[list[MetaDemo], dict[str, list[tuple]]]:
    """Every goal (without links yet) and, per goal code, its indicator sources.

    The second value maps a goal code to ``[(origen, payload), ...]`` where origen is
    ``pres`` (an :class:`catalogo.IndicadorPresidencial`), ``spec`` (a compact spec) or
    ``gen`` (an objeto for the generated input/activity indicators).
    """
    metas: list[MetaDemo] = []
    fuentes: dict[str, list[tuple]] = {}
    for i, mp in enumerate(cat.METAS_PRESIDENCIALES, start=1):
        codigo = f"MP-{i:02d}"
        texto = mp.descripcion + " " + " ".join(x.nombre for x in mp.indicadores)
        metas.append(MetaDemo(codigo, "presidencial", mp.descripcion, eje=mp.eje, texto=texto))
        fuentes[codigo] = [("pres", x) for x in mp.indicadores]
    for sector, lista in cat.METAS_SECTORIALES.items():
        for i, (descripcion, specs) in enumerate(lista, start=1):
            codigo = f"MS-{sector}-{i:02d}"
            peso = 2.0 if rng.random() < 0.08 else 1.0
            texto = descripcion + " " + " ".join(s.split("|")[0] for s in specs)
            metas.append(
                MetaDemo(codigo, "sectorial", descripcion, sector=sector, peso=peso, texto=texto)
            )
            fuentes[codigo] = [("spec", s) for s in specs]
    for inst in instituciones:
        sigla = inst["sigla"]
        propias = list(METAS_INSTITUCIONALES.get(sigla, ()))
        n_gestion = rng.choices((0, 1, 2), weights=(25, 45, 30))[0]
        n_gestion = min(n_gestion, MAX_METAS_INSTITUCION - len(propias))
        gestion = rng.sample(range(len(METAS_GESTION)), n_gestion)
        propias += [METAS_GESTION[g] for g in sorted(gestion)]
        n_propias = len(METAS_INSTITUCIONALES.get(sigla, ()))
        for i, item in enumerate(propias, start=1):
            descripcion, objeto, specs = item[0], item[1], item[2]
            sector = item[3] if len(item) > 3 else inst["sector"]
            codigo = f"MI-{sigla}-{i:02d}"
            peso = 2.0 if rng.random() < 0.08 else 1.0
            texto = descripcion + " " + objeto + " " + " ".join(s.split("|")[0] for s in specs)
            metas.append(
                MetaDemo(
                    codigo,
                    "institucional",
                    descripcion,
                    sector=sector,
                    institucion=sigla,
                    peso=peso,
                    texto=texto,
                )
            )
            fuentes[codigo] = [("spec", s) for s in specs]
            if i <= n_propias:  # management goals keep their single, self-explanatory indicator
                fuentes[codigo] += [("gen", (objeto, 1)), ("gen", (objeto, 2))]
    return metas, fuentes


def _mejor(rng: random.Random, meta: MetaDemo, candidatas: list[MetaDemo]) -> MetaDemo:
    """The candidate sharing most content words with ``meta`` (ties broken at random)."""
    mias = palabras(meta.texto)
    puntajes = [(len(mias & palabras(c.texto)), rng.random(), i) for i, c in enumerate(candidatas)]
    return candidatas[max(puntajes)[2]]


def link_metas(rng: random.Random, metas: list[MetaDemo]) -> None:
    """Fill ``contribuye_a``: institucional → sectorial of its sector → presidencial of its eje.

    Each goal links to the parent closest in topic, some to a second one; every parent except
    the deliberate broken chains gets at least one contributor.
    """
    por_codigo = {m.codigo: m for m in metas}
    pres = [m for m in metas if m.nivel == "presidencial"]
    sect = [m for m in metas if m.nivel == "sectorial"]
    inst = [m for m in metas if m.nivel == "institucional"]
    sectores_de_pres = {
        f"MP-{i:02d}": mp.sectores for i, mp in enumerate(cat.METAS_PRESIDENCIALES, start=1)
    }
    ejes_de_sector = {c: ejes for c, _, ejes, _ in cat.SECTORES}

    for s in sect:
        candidatas = [p for p in pres if s.sector in sectores_de_pres[p.codigo]]
        for p in candidatas:  # the catalog must respect the eje of each sector
            eje = por_codigo[p.codigo].eje
            ejes = ejes_de_sector[s.sector]
            if eje not in ejes and not (eje == "E2" and any(e.startswith("E2-") for e in ejes)):
                raise ValueError(f"{p.codigo} ({eje}) no puede recibir metas del sector {s.sector}")
        if not candidatas:
            continue
        s.contribuye_a.append(_mejor(rng, s, candidatas).codigo)
        otras = [p for p in candidatas if p.codigo not in s.contribuye_a]
        if otras and rng.random() < 0.3:
            s.contribuye_a.append(rng.choice(otras).codigo)
    for p in pres:  # every sector a presidential goal lists feeds it
        for sector in sectores_de_pres[p.codigo]:
            de_sector = [s for s in sect if s.sector == sector]
            if not any(p.codigo in s.contribuye_a for s in de_sector):
                _mejor(rng, p, de_sector).contribuye_a.append(p.codigo)

    elegibles = {
        sector: [s for s in sect if s.sector == sector and s.codigo != SECTORIAL_SIN_CONTRIBUYENTES]
        for sector, *_ in cat.SECTORES
    }
    for m in inst:
        if m.codigo == INSTITUCIONAL_SIN_ENLACE:
            continue
        candidatas = elegibles[m.sector]
        m.contribuye_a.append(_mejor(rng, m, candidatas).codigo)
        otras = [s for s in candidatas if s.codigo not in m.contribuye_a]
        if otras and rng.random() < 0.25:
            m.contribuye_a.append(rng.choice(otras).codigo)
    for s in sect:
        if s.codigo == SECTORIAL_SIN_CONTRIBUYENTES:
            continue
        if not any(s.codigo in m.contribuye_a for m in inst):
            hijas = [m for m in inst if m.sector == s.sector and m.contribuye_a]
            _mejor(rng, s, hijas).contribuye_a.append(s.codigo)
    for m in metas:
        m.contribuye_a.sort()


# --------------------------------------------------------------------------------------- indicators
#: Performance classes of institutions (share, profile weights) and the sectorial mix: weak
#: institutions concentrate the red indicators, as in DIGER's published evaluations where about
#: one institution in seven is in the ``bajo`` band.
PERFILES = ("verde", "amarillo", "rojo", "deterioro", "sobre")
DESEMPENO: dict[str, tuple[int, tuple[int, ...]]] = {
    "fuerte": (52, (76, 10, 4, 6, 4)),
    "medio": (36, (54, 24, 9, 9, 4)),
    "debil": (12, (20, 27, 45, 5, 3)),
}
PESOS_SECTORIALES = (62, 15, 11, 7, 4)


def _perfil_aleatorio(rng: random.Random, unidad: str, tipo: str, pesos: Sequence[int]) -> str:
    perfil = rng.choices(PERFILES, weights=pesos)[0]
    if perfil == "sobre" and es_porcentaje(unidad):
        return "verde"  # a percentage cannot overshoot a high target without exceeding 100
    if perfil == "deterioro" and tipo == "acumulado":
        return "verde"  # a running total hides a decline: it would look like a steady one
    return perfil


def build_indicadores(
    rng: random.Random,
    metas: list[MetaDemo],
    fuentes: dict[str, list[tuple]],
    series: dict[str, list[tuple[int, float, str]]],
    rectora: dict[str, str],
    desempeno: dict[str, str],
) -> list[IndicadorDemo]:
    """Every indicator with its metadata and performance profile (no targets/values yet).

    ``desempeno`` maps an institution to its performance class (a key of :data:`DESEMPENO`).
    """
    out: list[IndicadorDemo] = []
    for meta in metas:
        nuevos: list[dict[str, object]] = []
        nuevo = nuevos.append
        sector = meta.sector
        for origen, payload in fuentes[meta.codigo]:
            if origen == "pres":
                x: cat.IndicadorPresidencial = payload
                comun = {
                    "nombre": x.nombre,
                    "eslabon": "impacto",
                    "unidad": x.unidad,
                    "sentido": x.sentido,
                    "tipo": x.tipo,
                    "frecuencia": "anual",
                    "responsable": x.responsable,
                    "peso": x.peso,
                    "temas": elegir_temas(rng, _sector_de_pres(meta.codigo)),
                }
                if x.serie:
                    serie = series[x.serie]
                    anio_b, valor_b, _ = linea_base_real(serie)
                    nuevo(
                        dict(
                            **comun,
                            base=valor_b,
                            meta_final=x.metas[-1],
                            anio_base=anio_b,
                            fuente=serie[-1][2],
                            perfil="real",
                            serie=serie,
                            metas_anuales=x.metas,
                        )
                    )
                else:
                    nuevo(
                        dict(
                            **comun,
                            base=x.base,
                            meta_final=x.meta_final,
                            anio_base=2021,
                            fuente=x.fuente,
                            perfil=x.perfil,
                        )
                    )
                continue
            if origen == "spec":
                defecto = "resultado" if meta.nivel == "sectorial" else "producto"
                d = parse_spec(payload, defecto)
            else:
                objeto, orden = payload
                usados = {str(x["nombre"]) for x in nuevos}
                d = _generado(rng, objeto, orden, usados)
                if d is None:
                    continue
            if meta.nivel == "sectorial":
                responsable = rectora[sector]
                fuente = d["fuente"] or cat.FUENTE_SECTOR[sector]
            else:
                responsable = meta.institucion
                fuente = d["fuente"] or f"Registros administrativos {meta.institucion}"
            pesos = (
                DESEMPENO[desempeno[meta.institucion]][1]
                if meta.nivel == "institucional"
                else PESOS_SECTORIALES
            )
            umbrales = None
            if rng.random() < 0.03:
                umbrales = rng.choice(((90.0, 75.0), (85.0, 70.0)))
            nuevo(
                dict(
                    nombre=d["nombre"],
                    eslabon=d["eslabon"],
                    unidad=d["unidad"],
                    sentido=d["sentido"],
                    tipo=d["tipo"],
                    frecuencia=elegir_frecuencia(rng, d, meta.nivel),
                    base=d["base"],
                    meta_final=d["meta_final"],
                    anio_base=2021 if rng.random() < 0.7 else 2022,
                    fuente=fuente,
                    responsable=responsable,
                    temas=elegir_temas(rng, sector),
                    umbrales=umbrales,
                    peso=2.0 if rng.random() < 0.06 else 1.0,
                    perfil=_perfil_aleatorio(rng, str(d["unidad"]), str(d["tipo"]), pesos),
                )
            )
        out += [
            IndicadorDemo(codigo=f"{meta.codigo}-I{k}", meta=meta.codigo, **kw)  # type: ignore[arg-type]
            for k, kw in enumerate(nuevos, start=1)
        ]
    return out


def _sector_de_pres(codigo: str) -> str:
    """Sector whose themes tag a presidential indicator (the orphan goal, MP-05, has none)."""
    sectores = cat.METAS_PRESIDENCIALES[int(codigo[3:]) - 1].sectores
    return sectores[0] if sectores else "MACRO"


def _generado(
    rng: random.Random, objeto: str, orden: int, usados: set[str]
) -> dict[str, object] | None:
    """An input (budget) or activity indicator the generator adds to an institutional goal.

    The first one (``orden`` 1) is a budget input (45 %), an activity (40 %) or nothing; the
    second one is an activity 30 % of the time. ``usados`` are the goal's indicator names so far.
    """
    x = rng.random()
    if (orden == 1 and x < 0.15) or (orden == 2 and x < 0.7):
        return None
    if orden == 1 and x < 0.6:
        base = round(rng.uniform(6, 240), 1)
        return {
            "nombre": f"Presupuesto ejecutado en {objeto}",
            "unidad": "millones de lempiras",
            "sentido": "ascendente",
            "tipo": "flujo",
            "base": base,
            "meta_final": round(base * rng.uniform(1.1, 1.5), 1),
            "eslabon": "insumo",
            "fuente": "SEFIN, Sistema de Administración Financiera Integrada (SIAFI)",
        }
    libres = [a for a in _ACTIVIDADES if a[0].format(o=objeto) not in usados]
    plantilla, unidad, lo, hi = rng.choice(libres)
    base = float(rng.randint(lo, hi))
    return {
        "nombre": plantilla.format(o=objeto),
        "unidad": unidad,
        "sentido": "ascendente",
        "tipo": "acumulado",
        "base": base,
        "meta_final": float(round(base * rng.uniform(1.2, 1.8))),
        "eslabon": "actividad",
        "fuente": "",
    }


# --------------------------------------------------------------------------------------- series
def build_programacion(ind: IndicadorDemo) -> None:
    """Targets per period from the year after the baseline to ``ind.anio_fin``."""
    dec = decimales(ind.unidad, _magnitud(ind))
    if ind.metas_anuales:  # real series: the hand-set annual targets of the catalog
        anios = range(ANIO_FIN - len(ind.metas_anuales) + 1, ANIO_FIN + 1)
        ind.programacion = [
            (str(a), round(m, dec)) for a, m in zip(anios, ind.metas_anuales, strict=True)
        ]
        return
    lista = periodos(ind.frecuencia, max(ind.anio_base + 1, ANIO_INICIO), ANIO_FIN)
    ppy = PERIODOS_POR_ANIO[ind.frecuencia]
    n = len(lista)
    metas = []
    for k, periodo in enumerate(lista, start=1):
        nivel = ind.base + (ind.meta_final - ind.base) * k / n
        valor = nivel if ind.tipo == "stock" else nivel / ppy
        valor = round(valor, dec)
        if dec == 0 or ind.tipo != "stock":
            valor = max(valor, 1.0 if dec == 0 else 10.0**-dec)
        metas.append((periodo, valor))
    ind.programacion = [(p, v) for p, v in metas if parse(p).anio <= ind.anio_fin]


def _magnitud(ind: IndicadorDemo) -> float:
    tamano = max(abs(ind.base), abs(ind.meta_final))
    if ind.tipo == "stock":
        return tamano
    return tamano / PERIODOS_POR_ANIO[ind.frecuencia]


def _ratios(rng: random.Random, perfil: str, m: int) -> tuple[list[float], float]:
    """Smooth performance ratio (value vs target) of ``m`` reported periods, and noise width.

    The noise is added to the values on a constant scale (see :func:`build_avances`) so that
    period-to-period changes stay homoscedastic and bounded: only the deliberate jumps are
    outliers for the engine's robust z-score.
    """
    if perfil == "deterioro":
        inicio, fin = rng.uniform(1.0, 1.06), rng.uniform(0.84, 0.88)
        return [inicio - (inicio - fin) * (j / max(m - 1, 1)) ** 2 for j in range(m)], 0.01
    centro, ruido = {
        "verde": (rng.uniform(0.9, 1.06), 0.035),
        "amarillo": (rng.uniform(0.67, 0.76), 0.025),
        "rojo": (rng.uniform(0.3, 0.52), 0.035),
        "sobre": (rng.uniform(1.28, 1.45), 0.035),
    }[perfil]
    return [centro] * m, ruido


def valor_para(ind: IndicadorDemo, meta_periodo: float, r: float) -> float:
    """The value that gives performance ratio ``r`` against the period target."""
    if ind.tipo == "stock":
        return ind.base + r * (meta_periodo - ind.base)
    if ind.sentido == "descendente":
        return meta_periodo / r
    return meta_periodo * r


def escala_ruido(ind: IndicadorDemo, metas: Sequence[float], r: float) -> float:
    """Constant scale of the value noise: the whole planned move for a stock, else the mean
    period target (divided by the ratio for a descending indicator, whose values are T / r)."""
    if ind.tipo == "stock":
        return abs(ind.meta_final - ind.base) or abs(ind.base)
    media = sum(metas) / len(metas)
    return media / r if ind.sentido == "descendente" else media


def cambio_maximo_z(valores: Sequence[float]) -> float:
    """Largest robust z-score of the period-to-period changes of a reported series.

    Mirrors DOMAIN.md §4 (``dato_atipico``) so the generator can keep its random noise from
    producing outliers by chance: 0 when there are too few changes or MAD is 0.
    """
    d = [b - a for a, b in zip(valores, valores[1:], strict=False)]
    if len(d) < ATIPICO_MIN_CAMBIOS:
        return 0.0
    mediana = statistics.median(d)
    mad = statistics.median(abs(x - mediana) for x in d)
    return 0.0 if mad == 0 else max(0.6745 * abs(x - mediana) / mad for x in d)


def build_avances(rng: random.Random, ind: IndicadorDemo, marcas: set[str]) -> None:
    """Reported values (through the evaluated period) following the indicator's profile.

    ``marcas`` holds the data-quality defects chosen for this indicator: ``sin_dato`` (no value
    for the evaluated period), ``hueco`` (older missing reports), ``tardio`` (late reports in the
    evaluated year), ``atipico`` (a typing slip: ×10) and ``imposible`` (a percentage over 100).
    """
    ultimo = parse(resolver(PERIODO_EVALUADO, ind.frecuencia))
    reportables = [(p, t) for p, t in ind.programacion if parse(p) <= ultimo]
    if ind.perfil == "real":
        _avances_reales(rng, ind, reportables)
        return
    m = len(reportables)
    if m == 0:
        ind.avances = []
        return
    quitar = {m - 1} if "sin_dato" in marcas else set()
    if "hueco" in marcas and m > 6:
        quitar |= set(rng.sample(range(2, m - 2), rng.randint(1, 2)))
    dec = decimales(ind.unidad, _magnitud(ind))
    ratios, ruido = _ratios(rng, ind.perfil, m)
    escala = escala_ruido(ind, [t for _, t in ind.programacion], ratios[-1])
    limite_z = ATIPICO_Z - 0.5
    for intento in range(30):
        ancho = ruido if intento < 29 else 0.0  # last resort: the smooth path
        valores = []
        for (_, meta), r in zip(reportables, ratios, strict=True):
            valor = valor_para(ind, meta, r) + rng.uniform(-ancho, ancho) * escala
            if es_porcentaje(ind.unidad):
                valor = min(valor, 100.0)
            valores.append(round(max(valor, 0.0), dec))
        if cambio_maximo_z([v for i, v in enumerate(valores) if i not in quitar]) <= limite_z:
            break
    avances = []
    for i, ((periodo, _), r, valor) in enumerate(zip(reportables, ratios, valores, strict=True)):
        fecha = parse(periodo).fin + dt.timedelta(days=rng.randint(3, PLAZO_DIAS - 1))
        comentario = ""
        if r < 0.6 and rng.random() < 0.3:
            comentario = rng.choice(_MOTIVOS_ROJO)
        elif r > 1.2 and rng.random() < 0.3:
            comentario = rng.choice(_MOTIVOS_SOBRE)
        elif parse(periodo).anio < ANIO_FIN and rng.random() < 0.03:  # history: a few late
            fecha = parse(periodo).fin + dt.timedelta(days=rng.randint(PLAZO_DIAS + 2, 40))
        if i not in quitar:
            avances.append([periodo, valor, fecha, comentario])
    if "tardio" in marcas:
        del_anio = [a for a in avances if parse(a[0]).anio == ANIO_FIN]
        for a in rng.sample(del_anio, min(len(del_anio), rng.randint(1, 2))):
            # 20-50 days after the period end: late, yet known at the cut date (2026-T3 + 50 days
            # is 2026-11-19), so the engine sees it as reporte_tardio rather than sin_dato.
            a[2] = min(parse(a[0]).fin + dt.timedelta(days=rng.randint(20, 50)), FECHA_CORTE)
            a[3] = _MOTIVO_TARDIO if rng.random() < 0.5 else a[3]
    if "atipico" in marcas:
        a = avances[-rng.randint(3, 7)]  # a typing slip (an extra digit) some periods back
        a[1] = round(a[1] * 10, dec)
    if "imposible" in marcas:
        a = avances[-2]
        a[1] = round(100 + rng.uniform(3, 9), 1)
        a[3] = "Incluye atenciones de periodos anteriores no reportadas"
    ind.avances = [(p, v, f, c) for p, v, f, c in avances]


def _avances_reales(
    rng: random.Random, ind: IndicadorDemo, reportables: list[tuple[str, float]]
) -> None:
    """Annual values of a real series for the programmed years it has (others stay missing)."""
    por_anio = {anio: (valor, fuente) for anio, valor, fuente in ind.serie}
    avances = []
    for periodo, _ in reportables:
        anio = parse(periodo).anio
        if anio in por_anio:
            valor, fuente = por_anio[anio]
            fecha = parse(periodo).fin + dt.timedelta(days=rng.randint(5, 14))
            avances.append((periodo, valor, fecha, f"Dato publicado. Fuente: {fuente}"))
    ind.avances = avances


def assign_marcas(rng: random.Random, indicadores: list[IndicadorDemo]) -> dict[str, set[str]]:
    """Choose which synthetic indicators carry each data-quality defect."""
    marcas: dict[str, set[str]] = {i.codigo: set() for i in indicadores}
    # Presidential indicators keep their hand-set profile: the overview is curated.
    sinteticos = [
        i
        for i in indicadores
        if i.perfil != "real" and i.anio_fin == ANIO_FIN and not i.meta.startswith("MP-")
    ]
    for ind in sinteticos:
        x = marcas[ind.codigo]
        if rng.random() < 0.035:
            x.add("sin_dato")
        if ind.tipo != "stock" and ind.frecuencia != "anual" and rng.random() < 0.08:
            x.add("hueco")
        if ind.frecuencia != "anual" and rng.random() < 0.07:
            x.add("tardio")
    flujos = [
        i
        for i in sinteticos
        if i.tipo == "flujo"
        and i.frecuencia == "trimestral"
        and i.perfil == "verde"
        and not marcas[i.codigo]
    ]
    for ind in rng.sample(flujos, 6):
        marcas[ind.codigo].add("atipico")
    pct = [
        i
        for i in sinteticos
        if es_porcentaje(i.unidad)
        and i.tipo == "stock"
        and i.frecuencia == "trimestral"
        and i.perfil == "verde"
        and i.meta_final >= 90
        and not marcas[i.codigo]
    ]
    marcas[rng.choice(pct).codigo].add("imposible")
    return marcas


# --------------------------------------------------------------------------------------- output
def rows_for(
    instituciones: list[dict[str, str]],
    metas: list[MetaDemo],
    indicadores: list[IndicadorDemo],
) -> dict[str, list[list[str]]]:
    """The seven sheets as lists of text rows (without header)."""
    tablas: dict[str, list[list[str]]] = {}
    tablas["ejes"] = [[c, n, p] for c, n, p in cat.EJES]
    tablas["sectores"] = [[c, n, ";".join(e), r] for c, n, e, r in cat.SECTORES]
    tablas["instituciones"] = [
        [i["sigla"], i["nombre"], ";".join((i["sector"], *cat.OTRAS_MESAS.get(i["sigla"], ())))]
        for i in instituciones
    ]
    tablas["metas"] = [
        [
            m.codigo,
            m.nivel,
            m.descripcion,
            m.eje,
            m.sector,
            m.institucion,
            ";".join(m.contribuye_a),
            fmt(m.peso),
        ]
        for m in metas
    ]
    tablas["indicadores"] = []
    tablas["programacion"] = []
    tablas["avances"] = []
    for i in indicadores:
        dec = decimales(i.unidad, max(abs(i.base), abs(i.meta_final)))
        base = i.base if i.tipo == "stock" else i.base / PERIODOS_POR_ANIO[i.frecuencia]
        verde, amarillo = i.umbrales if i.umbrales else (None, None)
        tablas["indicadores"].append(
            [
                i.codigo,
                i.meta,
                i.nombre,
                i.eslabon,
                i.unidad,
                i.sentido,
                i.tipo,
                i.frecuencia,
                fmt(base) if i.serie else fmt(base, dec if round(base, dec) > 0 else max(dec, 1)),
                str(i.anio_base),
                i.fuente,
                i.responsable,
                ";".join(i.temas),
                fmt(verde),
                fmt(amarillo),
                fmt(i.peso),
            ]
        )
        tablas["programacion"] += [[i.codigo, p, fmt(v)] for p, v in i.programacion]
        tablas["avances"] += [[i.codigo, p, fmt(v), f.isoformat(), c] for p, v, f, c in i.avances]
    return tablas


def write_csvs(out: Path, tablas: dict[str, list[list[str]]]) -> None:
    """Write one UTF-8 (no BOM), ``\\n``-terminated CSV per sheet."""
    out.mkdir(parents=True, exist_ok=True)
    for nombre, columnas in COLUMNAS.items():
        with (out / f"{nombre}.csv").open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(columnas)
            writer.writerows(tablas[nombre])


def generate(out: Path = DEFAULT_OUT, shared: Path = DEFAULT_SHARED) -> dict[str, int]:
    """Generate the demo MCR into ``out``; returns the number of rows written per sheet."""
    rng = random.Random(SEED)
    instituciones = load_instituciones(shared)
    series = load_series(shared)
    rectora = {c: r for c, _, _, r in cat.SECTORES}
    metas, fuentes = build_metas(rng, instituciones)
    link_metas(rng, metas)
    especiales = {INSTITUCIONAL_SIN_ENLACE}
    candidatas = [m for m in metas if m.nivel == "institucional" and m.codigo not in especiales]
    sin_2026 = {m.codigo for m in rng.sample(candidatas, N_METAS_SIN_PROGRAMACION_2026)}
    clases = list(DESEMPENO)
    desempeno = {
        i["sigla"]: rng.choices(clases, weights=[DESEMPENO[c][0] for c in clases])[0]
        for i in instituciones
    }
    indicadores = build_indicadores(rng, metas, fuentes, series, rectora, desempeno)
    for ind in indicadores:
        if ind.meta in sin_2026:
            ind.anio_fin = ANIO_FIN - 1
        build_programacion(ind)
    marcas = assign_marcas(rng, indicadores)
    for ind in indicadores:
        build_avances(rng, ind, marcas[ind.codigo])
    tablas = rows_for(instituciones, metas, indicadores)
    write_csvs(out, tablas)
    return {nombre: len(filas) for nombre, filas in tablas.items()}


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="Genera la MCR de demostración (CSV).")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="carpeta de salida")
    parser.add_argument(
        "--shared", type=Path, default=DEFAULT_SHARED, help="carpeta con los datos de referencia"
    )
    args = parser.parse_args(argv)
    conteos = generate(args.out, args.shared)
    resumen = ", ".join(f"{k}: {v:,}" for k, v in conteos.items())
    print(f"MCR de demostración generada en {args.out} ({resumen})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""A synthetic MCR of any size, built straight into the engine's DataFrames (no database).

Scale 1 is shaped like the demo: the 6 ejes and 22 sectores of DOMAIN.md, 99 institutions, ~600
goals in three levels linked by contributions, ~1,000 indicators with mixed tipo/sentido/frecuencia,
targets for every period of 2022–2026 and values reported through 2026-T3, with gaps, late reports,
revised targets, zero targets and outliers. Scales 10 and 100 multiply goals and indicators (100× ≈
100,000 indicators and ~1.6 million programacion rows: most indicators are quarterly, some start
later). Every column is drawn with numpy for all rows at once, so 100× builds in seconds; the same
``(scale, seed)`` always gives the same frames.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from data_layer import periods
from data_layer.engine.frames import COLUMNAS, MCR, typed_frame

#: The evaluation the benchmark runs: the last reported quarter, a few days after its due date,
#: so that recent reports are a mix of on time, late, missing and not yet known.
PERIODO_BENCH = "2026-T3"
FECHA_CORTE_BENCH = dt.date(2026, 10, 20)

ANIO_INICIAL, ANIO_FINAL = 2022, 2026
#: Values exist for periods that end on or before this date (the end of 2026-T3).
ULTIMO_DIA_REPORTADO = np.datetime64("2026-09-30")
#: 3 % of the indicators stop reporting for periods ending on or after this date.
DEJA_DE_REPORTAR_DESDE = np.datetime64("2025-10-01")

EJES: tuple[tuple[str, str, str | None], ...] = (
    ("E1", "Derechos Fundamentales, Gobernabilidad y Democracia Participativa", None),
    ("E2", "Crecimiento Inclusivo y Sostenible", None),
    ("E2-ECO", "Crecimiento Inclusivo y Sostenible — Económico", "E2"),
    ("E2-SOC", "Crecimiento Inclusivo y Sostenible — Social", "E2"),
    ("E3", "Equidad de Género, Ciencia y Tecnología y Cultura", None),
    ("E4", "Paz y Seguridad Ciudadana", None),
)

SECTORES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("DH", "Derechos Humanos", ("E1",)),
    ("GOB", "Gobernabilidad", ("E1",)),
    ("MIG", "Migración", ("E1",)),
    ("TAI", "Transparencia, Anticorrupción e Integridad", ("E1",)),
    ("AGR", "Agropecuario y Seguridad Alimentaria", ("E2-ECO",)),
    ("ENE", "Energía", ("E2-ECO",)),
    ("IYC", "Industria y Comercio", ("E2-ECO",)),
    ("MAC", "Macroeconómico", ("E2-ECO",)),
    ("MLP", "Mercado Laboral y Protección Social", ("E2-ECO", "E2-SOC")),
    ("RNA", "Recursos Naturales, Ambiente y Cambio Climático", ("E2-ECO",)),
    ("TEL", "Telecomunicaciones", ("E2-ECO",)),
    ("TUR", "Turismo", ("E2-ECO",)),
    ("AYS", "Agua y Saneamiento", ("E2-SOC",)),
    ("EDU", "Educación", ("E2-SOC",)),
    ("GDR", "Gestión de Riesgos", ("E2-SOC",)),
    ("IYT", "Infraestructura y Transporte", ("E2-SOC",)),
    ("SAL", "Salud", ("E2-SOC",)),
    ("VIV", "Vivienda", ("E2-SOC",)),
    ("CTI", "Ciencia, Tecnología e Innovación", ("E3",)),
    ("CAD", "Cultura, Artes y Deportes", ("E3",)),
    ("GEN", "Género", ("E3",)),
    ("DYS", "Defensa y Seguridad", ("E4",)),
)

N_INSTITUCIONES = 99
#: Goals and indicators at scale 1.
N_PRESIDENCIALES, N_SECTORIALES, N_INSTITUCIONALES, N_INDICADORES = 40, 160, 400, 1000

FRECUENCIAS = np.array(["trimestral", "semestral", "anual"], dtype=object)
TIPOS = np.array(["flujo", "acumulado", "stock"], dtype=object)
SENTIDOS = np.array(["ascendente", "descendente"], dtype=object)
UNIDADES_FLUJO = np.array(
    ["número de personas", "número de acciones", "kilómetros", "millones de lempiras"], dtype=object
)
UNIDADES_STOCK = np.array(["porcentaje", "% de cobertura", "tasa por 100,000 habitantes"])
TEMAS = np.array(["Transparencia", "Género", "Derechos Humanos", "Ambiente y Gestión de Riesgos"])


def _text(values: np.ndarray | list) -> pd.Series:
    """A text column (``str`` dtype, NaN where the value is None)."""
    return pd.Series(np.asarray(values, dtype=object), dtype="str")


def _codes(prefix: str, n: int) -> np.ndarray:
    return np.array([f"{prefix}{i:06d}" for i in range(1, n + 1)], dtype=object)


def _pick_within(
    grupo_destino: np.ndarray, grupo_buscado: np.ndarray, n_grupos: int, rng: np.random.Generator
) -> np.ndarray:
    """For each wanted group, a random index of a target in that group (any target if none).

    Vectorised: targets are sorted by group once, then each pick is an offset into its block.
    """
    orden = np.argsort(grupo_destino, kind="stable")
    cuenta = np.bincount(grupo_destino, minlength=n_grupos)
    inicio = np.cumsum(cuenta) - cuenta
    u = rng.random(len(grupo_buscado))
    hay = cuenta[grupo_buscado] > 0
    en_bloque = inicio[grupo_buscado] + np.floor(u * cuenta[grupo_buscado]).astype(np.int64)
    cualquiera = np.floor(u * len(grupo_destino)).astype(np.int64)
    return np.where(hay, orden[np.minimum(en_bloque, len(orden) - 1)], cualquiera)


def _periodos_de(frecuencia: str) -> tuple[np.ndarray, np.ndarray]:
    """Period texts of 2022–2026 of one frequency and their last days."""
    por_anio = periods.PERIODOS_POR_ANIO[frecuencia]
    primero = periods.Periodo(ANIO_INICIAL, 1, frecuencia)
    textos = [str(primero.desplazar(k)) for k in range((ANIO_FINAL - ANIO_INICIAL + 1) * por_anio)]
    fines = np.array([periods.parse(t).fin for t in textos], dtype="datetime64[D]")
    return np.array(textos, dtype=object), fines


def _none(n: int) -> np.ndarray:
    return np.full(n, None, dtype=object)


def _organigrama(rng: np.random.Generator) -> tuple[dict[str, pd.DataFrame], np.ndarray]:
    """Ejes, sectores, instituciones and their links (fixed size, like the real MCR).

    Returns the frames and, per institution, the index of its main sector.
    """
    n_sec = len(SECTORES)
    siglas = np.array([f"INST{i:02d}" for i in range(1, N_INSTITUCIONES + 1)], dtype=object)
    principal = np.arange(N_INSTITUCIONES) % n_sec
    segundo = rng.integers(0, n_sec, N_INSTITUCIONES)
    con_segundo = (rng.random(N_INSTITUCIONES) < 0.3) & (segundo != principal)
    codigos_sec = np.array([s[0] for s in SECTORES], dtype=object)
    institucion_sectores = pd.DataFrame(
        {
            "institucion": _text(np.concatenate([siglas, siglas[con_segundo]])),
            "sector": _text(codigos_sec[np.concatenate([principal, segundo[con_segundo]])]),
            "principal": np.concatenate(
                [np.ones(N_INSTITUCIONES, bool), np.zeros(con_segundo.sum(), bool)]
            ),
        }
    )
    frames = {
        "ejes": pd.DataFrame(
            {
                "codigo": _text([e[0] for e in EJES]),
                "nombre": _text([e[1] for e in EJES]),
                "eje_padre": _text([e[2] for e in EJES]),
            }
        ),
        "sectores": pd.DataFrame(
            {
                "codigo": _text(codigos_sec),
                "nombre": _text([s[1] for s in SECTORES]),
                # the first institution whose main sector it is leads the mesa
                "institucion_rectora": _text(siglas[:n_sec]),
            }
        ),
        "sector_ejes": pd.DataFrame(
            {
                "sector": _text([s[0] for s in SECTORES for _ in s[2]]),
                "eje": _text([e for s in SECTORES for e in s[2]]),
            }
        ),
        "instituciones": pd.DataFrame(
            {
                "sigla": _text(siglas),
                "nombre": _text(
                    [f"Institución sintética {i}" for i in range(1, N_INSTITUCIONES + 1)]
                ),
            }
        ),
        "institucion_sectores": institucion_sectores,
    }
    return frames, principal


def _versiones(avances: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """The sent versions behind the values: each value is a version validated the day it was
    reported; 3 % were first returned (sent 10 days earlier, returned 7 days earlier) and sent
    again. Drawn from their own generator so the other frames do not change with them."""
    n = len(avances)
    fecha = avances["fecha_reporte"].to_numpy(dtype="datetime64[ns]")
    devuelta = np.flatnonzero(rng.random(n) < 0.03)
    dia = np.timedelta64(1, "D")
    validadas = pd.DataFrame(
        {
            "indicador": avances["indicador"].to_numpy(),
            "periodo": avances["periodo"].to_numpy(),
            "numero": np.where(np.isin(np.arange(n), devuelta), 2, 1),
            "recibido_en": fecha,
            "validado_en": fecha,
            "devuelto_en": np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]"),
            "explicacion": rng.random(n) < 0.05,
        }
    )
    devueltas = pd.DataFrame(
        {
            "indicador": avances["indicador"].to_numpy()[devuelta],
            "periodo": avances["periodo"].to_numpy()[devuelta],
            "numero": 1,
            "recibido_en": fecha[devuelta] - 10 * dia,
            "validado_en": np.full(len(devuelta), np.datetime64("NaT"), dtype="datetime64[ns]"),
            "devuelto_en": fecha[devuelta] - 7 * dia,
            "explicacion": False,
        }
    )
    return typed_frame(pd.concat([validadas, devueltas], ignore_index=True), "versiones")


def build_mcr(scale: float, seed: int = 0) -> MCR:
    """Build a synthetic MCR; ``scale`` multiplies the number of goals and indicators.

    Args:
        scale: 1 is demo-sized (~600 goals, ~1,000 indicators); 100 gives ~100,000 indicators.
            Small fractions (0.05) give tiny MCRs for tests.
        seed: seed of the random generator; the same ``(scale, seed)`` gives identical frames.

    Returns:
        An :class:`MCR` whose frames have the columns of ``frames.COLUMNAS`` and the engine's
        dtypes (text as ``str``, numbers as float64, ``fecha_reporte`` as datetime64).
    """
    rng = np.random.default_rng(seed)
    org, principal_de_inst = _organigrama(rng)
    n_sec = len(SECTORES)
    codigos_sec = np.array([s[0] for s in SECTORES], dtype=object)
    siglas = org["instituciones"]["sigla"].to_numpy(dtype=object)

    # --- goals: presidencial (eje), sectorial (sector), institucional (institution + sector)
    n_p = max(1, round(N_PRESIDENCIALES * scale))
    n_s = max(2, round(N_SECTORIALES * scale))
    n_i = max(3, round(N_INSTITUCIONALES * scale))
    ejes_meta = np.array(["E1", "E2-ECO", "E2-SOC", "E3", "E4", "E2"], dtype=object)
    eje_p = rng.choice(len(ejes_meta), n_p, p=[0.25, 0.25, 0.25, 0.1, 0.1, 0.05])
    sector_s = rng.integers(0, n_sec, n_s)
    inst_i = rng.integers(0, N_INSTITUCIONES, n_i)
    sector_i = principal_de_inst[inst_i]
    codigos_p, codigos_s, codigos_i = _codes("MP-", n_p), _codes("MS-", n_s), _codes("MI-", n_i)
    n_metas = n_p + n_s + n_i
    peso_meta = np.where(rng.random(n_metas) < 0.1, 2.0, 1.0)
    metas = pd.DataFrame(
        {
            "codigo": _text(np.concatenate([codigos_p, codigos_s, codigos_i])),
            "nivel": _text(
                np.repeat(np.array(["presidencial", "sectorial", "institucional"]), [n_p, n_s, n_i])
            ),
            "descripcion": _text([f"Meta sintética {i}" for i in range(1, n_metas + 1)]),
            "eje": _text(np.concatenate([ejes_meta[eje_p], _none(n_s + n_i)])),
            "sector": _text(
                np.concatenate([_none(n_p), codigos_sec[sector_s], codigos_sec[sector_i]])
            ),
            "institucion": _text(np.concatenate([_none(n_p + n_s), siglas[inst_i]])),
            "peso": peso_meta,
        }
    )
    peso_p, peso_s, peso_i = np.split(peso_meta, [n_p, n_p + n_s])

    # --- contributions: institucional → sectorial of the same sector (95 %, 15 % a second one),
    # sectorial → presidencial of one of its sector's ejes (93 %); the rest are broken chains.
    eje_principal_sec = np.array([list(ejes_meta).index(s[2][0]) for s in SECTORES], dtype=np.int64)
    destino_i = _pick_within(sector_s, sector_i, n_sec, rng)
    enlazada_i = rng.random(n_i) < 0.95
    segundo_i = rng.integers(0, n_s, n_i)
    con_segundo = enlazada_i & (rng.random(n_i) < 0.15) & (segundo_i != destino_i)
    destino_s = _pick_within(eje_p, eje_principal_sec[sector_s], len(ejes_meta), rng)
    enlazada_s = rng.random(n_s) < 0.93
    contribuciones = pd.DataFrame(
        {
            "meta": _text(
                np.concatenate(
                    [codigos_i[enlazada_i], codigos_i[con_segundo], codigos_s[enlazada_s]]
                )
            ),
            "meta_destino": _text(
                np.concatenate(
                    [
                        codigos_s[destino_i[enlazada_i]],
                        codigos_s[segundo_i[con_segundo]],
                        codigos_p[destino_s[enlazada_s]],
                    ]
                )
            ),
            "peso": np.concatenate([peso_i[enlazada_i], peso_i[con_segundo], peso_s[enlazada_s]]),
        }
    )

    # --- indicators: 60 % on institutional goals, 30 % sectoral, 10 % presidential
    n = max(6, round(N_INDICADORES * scale))
    nivel_ind = rng.choice(3, n, p=[0.1, 0.3, 0.6])
    u = rng.random(n)
    g_p, g_s = (u * n_p).astype(np.int64), (u * n_s).astype(np.int64)
    # 95 % of the institutional goals get at least one indicator (they have no contributors)
    es_i = nivel_ind == 2
    rango_i = np.cumsum(es_i) - 1
    cubiertas = int(0.95 * n_i)
    g_i = np.where(
        rango_i < cubiertas,
        rng.permutation(n_i)[np.minimum(rango_i, n_i - 1)],
        (u * n_i).astype(np.int64),
    )
    meta_ind = np.select(
        [nivel_ind == 0, nivel_ind == 1], [codigos_p[g_p], codigos_s[g_s]], codigos_i[g_i]
    )
    sector_ind = np.select(
        [nivel_ind == 1, es_i], [sector_s[g_s], sector_i[g_i]], rng.integers(0, n_sec, n)
    )
    inst_ind = np.where(es_i, inst_i[g_i], _pick_within(principal_de_inst, sector_ind, n_sec, rng))
    frec = rng.choice(3, n, p=[0.8, 0.1, 0.1])
    tipo = rng.choice(3, n, p=[0.45, 0.3, 0.25])
    desc = rng.random(n) < 0.2
    es_stock = tipo == 2
    unidad_stock = rng.choice(3, n, p=[0.5, 0.15, 0.35])
    porcentual = es_stock & (unidad_stock < 2)
    unidad = np.where(
        es_stock,
        UNIDADES_STOCK.astype(object)[unidad_stock],
        UNIDADES_FLUJO[rng.integers(0, len(UNIDADES_FLUJO), n)],
    )
    eslabon = np.array(["insumo", "actividad", "producto", "resultado", "impacto"], dtype=object)
    eslabon_ind = np.select(
        [nivel_ind == 0, nivel_ind == 1],
        [np.full(n, 4), rng.integers(2, 5, n)],
        rng.integers(0, 4, n),
    )

    # baseline: stock levels start from one (1 % lack it); 30 % of the others carry one too,
    # which the rules ignore for flujo and acumulado.
    base = np.where(porcentual, rng.uniform(20, 70, n), rng.uniform(10, 300, n)).round(1)
    tiene_base = np.where(es_stock, rng.random(n) > 0.01, rng.random(n) < 0.3)
    linea_base = np.where(tiene_base, base, np.nan)
    cambio = rng.uniform(0.05, 0.3, n)
    final_stock = np.where(
        porcentual,
        np.where(desc, np.maximum(base - cambio * 60, 0), np.minimum(base + cambio * 80, 100)),
        np.where(desc, base * (1 - cambio), base * (1 + cambio)),
    )
    umbral_propio = rng.random(n) < 0.05
    peso_ind = rng.choice(np.array([1.0, 2.0, 3.0]), n, p=[0.8, 0.15, 0.05])
    nivel_flujo = np.exp(rng.normal(np.log(500), 1.2, n))
    crecimiento = rng.uniform(0, 0.08, n) * np.where(desc, -1, 1)
    anio_inicio = rng.choice(3, n, p=[0.8, 0.15, 0.05])
    deja_de_reportar = rng.random(n) < 0.03
    codigos_ind = _codes("IND-", n)
    indicadores = pd.DataFrame(
        {
            "codigo": _text(codigos_ind),
            "meta": _text(meta_ind),
            "nombre": _text([f"Indicador sintético {i}" for i in range(1, n + 1)]),
            "eslabon": _text(eslabon[eslabon_ind]),
            "unidad": _text(unidad),
            "sentido": _text(SENTIDOS[desc.astype(np.int64)]),
            "tipo": _text(TIPOS[tipo]),
            "frecuencia": _text(FRECUENCIAS[frec]),
            "linea_base": linea_base,
            "anio_base": np.where(tiene_base, ANIO_INICIAL - 1, np.nan),
            "fuente": _text(np.full(n, "Registro administrativo sintético", dtype=object)),
            "institucion_responsable": _text(siglas[inst_ind]),
            "umbral_verde": np.where(umbral_propio, 90.0, np.nan),
            "umbral_amarillo": np.where(umbral_propio, 70.0, np.nan),
            "peso": peso_ind,
        }
    )

    # --- programacion and avances, one frequency at a time (a grid indicators × periods)
    prog_parts: list[dict[str, np.ndarray]] = []
    av_parts: list[dict[str, np.ndarray]] = []
    for f, frecuencia in enumerate(FRECUENCIAS):
        idx = np.flatnonzero(frec == f)
        textos, fines = _periodos_de(frecuencia)
        por_anio = periods.PERIODOS_POR_ANIO[frecuencia]
        m, p = len(idx), len(textos)
        k = np.arange(p)[None, :]
        inicio = (anio_inicio[idx] * por_anio)[:, None]
        programado = (k >= inicio) & ~((rng.random((m, p)) < 0.03) & (k > inicio))
        t_idx = tipo[idx][:, None]
        rampa = (k - inicio + 1) / (p - inicio)
        meta_stock = base[idx, None] + (final_stock[idx, None] - base[idx, None]) * rampa
        meta_flujo = nivel_flujo[idx, None] / por_anio * (1 + crecimiento[idx, None] * k / por_anio)
        meta_acum = nivel_flujo[idx, None] / por_anio * rng.uniform(0.7, 1.3, (m, p))
        meta = np.select([t_idx == 0, t_idx == 1], [meta_flujo, meta_acum], meta_stock)
        meta = np.where(t_idx == 2, meta.round(1), np.maximum(meta.round(0), 1.0))
        cero = (t_idx != 2) & (rng.random((m, p)) < 0.02)
        meta = np.where(cero, 0.0, meta)
        revisada = rng.random((m, p)) < 0.05
        meta_original = np.where(revisada, (meta * rng.uniform(0.8, 1.25, (m, p))).round(1), meta)

        # values: achievement ratio r around 88 %; descending indicators overshoot instead
        r = np.clip(rng.normal(0.88, 0.25, (m, p)), 0.05, 1.8)
        d_idx = desc[idx][:, None]
        valor = np.where(
            t_idx == 2,
            base[idx, None] + (meta - base[idx, None]) * r,
            meta * np.where(d_idx, 2 - r, r),
        )
        valor = np.where(porcentual[idx][:, None], np.clip(valor, 0, 100), valor)
        valor = np.where(cero & (rng.random((m, p)) < 0.7), 0.0, valor)
        atipico = rng.random((m, p)) < 0.01
        valor = np.where(atipico, valor * rng.uniform(4, 10, (m, p)), valor).round(2)
        reportado = (
            programado
            & (fines[None, :] <= ULTIMO_DIA_REPORTADO)
            & (rng.random((m, p)) >= 0.06)
            & ~(deja_de_reportar[idx][:, None] & (fines[None, :] >= DEJA_DE_REPORTAR_DESDE))
        )
        tarde = rng.random((m, p)) < 0.1
        dias = np.where(tarde, rng.integers(16, 121, (m, p)), rng.integers(1, 16, (m, p)))
        fecha = fines[None, :] + dias.astype("timedelta64[D]")

        fila, col = np.nonzero(programado)
        prog_parts.append(
            {
                "ind": idx[fila],
                "fin": fines[col],
                "periodo": textos[col],
                "meta_original": meta_original[fila, col],
                "meta": meta[fila, col],
            }
        )
        fila, col = np.nonzero(reportado)
        av_parts.append(
            {
                "ind": idx[fila],
                "fin": fines[col],
                "periodo": textos[col],
                "valor": valor[fila, col],
                "fecha_reporte": fecha[fila, col],
            }
        )

    def _junta(partes: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
        todo = {c: np.concatenate([pt[c] for pt in partes]) for c in partes[0]}
        orden = np.lexsort((todo["fin"], todo["ind"]))
        return {c: v[orden] for c, v in todo.items()}

    prog = _junta(prog_parts)
    av = _junta(av_parts)
    programacion = pd.DataFrame(
        {
            "indicador": _text(codigos_ind[prog["ind"]]),
            "periodo": _text(prog["periodo"]),
            "meta_original": prog["meta_original"],
            "meta": prog["meta"],
        }
    )
    avances = pd.DataFrame(
        {
            "indicador": _text(codigos_ind[av["ind"]]),
            "periodo": _text(av["periodo"]),
            "valor": av["valor"],
            "fecha_reporte": av["fecha_reporte"].astype("datetime64[ns]"),
            # Imported values: validated the day they were reported.
            "validado_en": av["fecha_reporte"].astype("datetime64[ns]"),
        }
    )

    con_tema = np.flatnonzero(rng.random(n) < 0.3)
    indicador_temas = pd.DataFrame(
        {
            "indicador": _text(codigos_ind[con_tema]),
            "tema": _text(TEMAS[rng.integers(0, len(TEMAS), len(con_tema))].astype(object)),
        }
    )
    versiones = _versiones(avances, np.random.default_rng(seed + 1))
    frames = {
        **org,
        "metas": metas,
        "contribuciones": contribuciones,
        "indicadores": indicadores,
        "indicador_temas": indicador_temas,
        "programacion": programacion,
        "avances": avances,
        "recepciones": typed_frame(
            pd.DataFrame({c: [] for c in COLUMNAS["recepciones"]}), "recepciones"
        ),
        "versiones": versiones,
    }
    return MCR(**{nombre: frames[nombre][list(cols)] for nombre, cols in COLUMNAS.items()})

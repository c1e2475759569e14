"""The rules of DOMAIN.md §3 written again, independently, in DuckDB SQL: the engine's peer.

``make bench`` times it against the engine on the same synthetic MCR and checks that both give
the same result on every row (:func:`bench.run_engine.differences`). It reads only the MCR's
DataFrames and the rules (no code of ``data_layer.engine``), so an agreement is evidence, not a
tautology. Benchmark-only: ``duckdb`` is a test/bench dependency, never imported by the app.

What it computes (the engine's ``evaluar_indicadores`` + ``evaluar_metas``):

- per indicator, its own period as of the evaluated one (the latest period of its frequency that
  ends on or before the evaluated period's end), the compared quantities (flujo and stock: the
  period's value and target; acumulado: sums from the first programmed period), the avance %
  with the baseline / direction / zero-target rules, half-up rounding to 9 decimals then to the
  integer, and the six states (a receipt by the deadline is not missing; a value or validation
  after the cut date does not exist; the latest validated version counts);
- per goal, avance directo and cobertura from its indicators, avance de contribuyentes level by
  level (institucional, sectorial, presidencial; children in ``sin_dato`` left out), and the
  goal's state.

Period texts are parsed in SQL (``2024-T3``, ``2024-S1``, ``2024``); codes are joined as text, as
the MCR frames give them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from data_layer.engine.frames import MCR, Reglas

# A period text's periods per year, ordinal (anio × por_anio + n − 1) and last day.
_MACROS = """
CREATE OR REPLACE MACRO p_por(p) AS
    CASE WHEN length(p) = 4 THEN 1 WHEN substr(p, 6, 1) = 'S' THEN 2 ELSE 4 END;
CREATE OR REPLACE MACRO p_ord(p) AS
    CAST(substr(p, 1, 4) AS BIGINT) * p_por(p)
    + CASE WHEN length(p) = 4 THEN 0 ELSE CAST(substr(p, 7) AS BIGINT) - 1 END;
CREATE OR REPLACE MACRO ord_texto(o, por) AS
    CASE por WHEN 1 THEN CAST(o // por AS VARCHAR)
             WHEN 2 THEN CAST(o // por AS VARCHAR) || '-S' || CAST(o % por + 1 AS VARCHAR)
             ELSE CAST(o // por AS VARCHAR) || '-T' || CAST(o % por + 1 AS VARCHAR) END;
CREATE OR REPLACE MACRO ord_fin(o, por) AS
    last_day(make_date(CAST(o // por AS BIGINT), CAST((o % por + 1) * (12 // por) AS BIGINT), 1));
CREATE OR REPLACE MACRO semaforo(r, uv, ua) AS
    CASE WHEN r >= uv THEN 'verde' WHEN r >= ua THEN 'amarillo' ELSE 'rojo' END;
CREATE OR REPLACE MACRO redondeo(p) AS floor(round(p, 9) + 0.5);
-- Every period text of 1900–2200 with its periods per year and ordinal: period columns are
-- decoded by a join on this small table instead of parsing each row's text.
CREATE OR REPLACE TABLE calendario AS
SELECT ord_texto(o, por) AS periodo, por, o AS ord
FROM (SELECT unnest([1, 2, 4]) AS por) f,
     LATERAL (SELECT unnest(range(1900 * f.por, 2201 * f.por)) AS o);
"""

# Indicators get an integer id once; every later join and grouping is on integers.
_IND = """
CREATE OR REPLACE TEMP TABLE ind AS
SELECT row_number() OVER () AS id, codigo, meta AS meta_codigo, tipo, sentido,
       CAST(linea_base AS DOUBLE) AS b,
       coalesce(CAST(peso AS DOUBLE), 1.0) AS peso,
       coalesce(CAST(umbral_verde AS DOUBLE), $uv) AS uv,
       coalesce(CAST(umbral_amarillo AS DOUBLE), $ua) AS ua,
       por,
       -- the latest period of the indicator's frequency ending by the evaluated period's end
       $ev_anio * por + ($ev_mes * por) // 12 - 1 AS ord_r
FROM (SELECT *, CASE frecuencia WHEN 'trimestral' THEN 4 WHEN 'semestral' THEN 2
                                WHEN 'anual' THEN 1 END AS por FROM indicadores)
"""

# Per indicator: the resolved period's target, the acumulado sums of targets up to it and the
# first programmed period (rows of another frequency than the indicator's are ignored).
_PROG = """
CREATE OR REPLACE TEMP TABLE prog AS
WITH filas AS (
    SELECT p.indicador, c.por, c.ord, CAST(p.meta AS DOUBLE) AS t,
           coalesce(CAST(p.meta_original AS DOUBLE), CAST(p.meta AS DOUBLE)) AS t0
    FROM programacion p JOIN calendario c USING (periodo)
    WHERE p.meta IS NOT NULL AND NOT isnan(CAST(p.meta AS DOUBLE))
)
SELECT i.id,
       max(f.t) FILTER (WHERE f.ord = i.ord_r) AS t_periodo,
       max(f.t0) FILTER (WHERE f.ord = i.ord_r) AS t0_periodo,
       sum(f.t) FILTER (WHERE f.ord <= i.ord_r) AS suma_t,
       sum(f.t0) FILTER (WHERE f.ord <= i.ord_r) AS suma_t0,
       min(f.ord) AS primero
FROM filas f JOIN ind i ON i.codigo = f.indicador AND f.por = i.por
GROUP BY i.id
"""

# Values known at the cut date; of several validated versions of a period, the latest validated
# (a version without a validation date counts from its report date and sorts first). Then per
# indicator: the resolved period's value and the acumulado sum from the first programmed period.
_AV = """
CREATE OR REPLACE TEMP TABLE av AS
WITH conocidos AS (
    SELECT i.id, c.ord,
           arg_max(CAST(a.valor AS DOUBLE),
                   coalesce(a.validado_en, TIMESTAMP '1900-01-01')) AS v
    FROM avances a JOIN calendario c USING (periodo)
    JOIN ind i ON i.codigo = a.indicador AND c.por = i.por
    WHERE a.valor IS NOT NULL AND NOT isnan(CAST(a.valor AS DOUBLE))
      AND (coalesce(a.validado_en, a.fecha_reporte) IS NULL
           OR CAST(coalesce(a.validado_en, a.fecha_reporte) AS DATE) <= $corte)
    GROUP BY ALL
)
SELECT c.id,
       max(c.v) FILTER (WHERE c.ord = i.ord_r) AS v_periodo,
       sum(c.v) FILTER (WHERE c.ord >= p.primero AND c.ord <= i.ord_r) AS suma_v
FROM conocidos c JOIN ind i USING (id) LEFT JOIN prog p USING (id)
GROUP BY c.id
"""

# First receipt (validated or not) of each indicator's resolved period by the cut date.
_REC = """
CREATE OR REPLACE TEMP TABLE rec AS
SELECT i.id, min(r.r) AS recibido
FROM (SELECT indicador, periodo, fecha_reporte AS r FROM avances
      UNION ALL SELECT indicador, periodo, recibido_en AS r FROM recepciones) r
JOIN ind i ON i.codigo = r.indicador AND r.periodo = ord_texto(i.ord_r, i.por)
WHERE r.r IS NOT NULL AND CAST(r.r AS DATE) <= $corte
GROUP BY i.id
"""

_INDICADORES = """
CREATE OR REPLACE TEMP TABLE ind_eval AS
WITH e AS (
    SELECT i.*, ord_texto(i.ord_r, i.por) AS periodo,
           p.t_periodo IS NOT NULL AS programado, p.t_periodo, a.v_periodo,
           CASE WHEN p.t_periodo IS NULL THEN NULL
                WHEN i.tipo = 'acumulado' THEN p.suma_t ELSE p.t_periodo END AS t,
           CASE WHEN a.v_periodo IS NULL THEN NULL
                WHEN i.tipo = 'acumulado' THEN coalesce(a.suma_v, 0.0) ELSE a.v_periodo END AS a,
           ord_fin(i.ord_r, i.por) + CAST($plazo AS INTEGER) AS vencimiento,
           r.recibido
    FROM ind i LEFT JOIN prog p USING (id) LEFT JOIN av a USING (id) LEFT JOIN rec r USING (id)
),
p AS (
    SELECT *,
        CASE WHEN a IS NULL OR t IS NULL THEN NULL
             WHEN tipo = 'stock' AND b IS NOT NULL AND NOT isnan(b) AND t <> b
                  THEN (a - b) / (t - b) * 100.0
             WHEN sentido = 'descendente' AND t = 0 THEN CASE WHEN a = 0 THEN 100.0 ELSE 0.0 END
             WHEN sentido = 'descendente' AND a = 0 THEN 100.0
             WHEN sentido = 'descendente' THEN t / a * 100.0
             WHEN t = 0 THEN CASE WHEN a >= 0 THEN 100.0 ELSE 0.0 END
             ELSE a / t * 100.0 END AS pct
    FROM e
),
s AS (
    SELECT *,
        CASE WHEN NOT programado
                  OR (sentido = 'ascendente' AND tipo <> 'stock' AND t_periodo = 0)
                  THEN 'no_programado'
             WHEN v_periodo IS NULL AND $corte > vencimiento AND recibido IS NULL
                  THEN 'sin_dato'
             WHEN v_periodo IS NULL THEN 'pendiente'
             ELSE semaforo(redondeo(pct), uv, ua) END AS estado
    FROM p
)
SELECT id, codigo, meta_codigo, periodo, peso, t AS meta, a AS valor,
       CASE WHEN estado IN ('verde', 'amarillo', 'rojo') THEN pct END AS avance_pct,
       CASE WHEN estado IN ('verde', 'amarillo', 'rojo') THEN redondeo(pct) END
           AS avance_redondeado,
       estado AS semaforo
FROM s
"""

_DIRECTO = """
CREATE OR REPLACE TEMP TABLE metas_d AS
WITH d AS (
    SELECT meta_codigo, count(*) AS n_indicadores,
           sum(CASE WHEN avance_pct IS NOT NULL THEN peso ELSE 0 END) AS pv,
           sum(CASE WHEN avance_pct IS NOT NULL
                    THEN peso * least(greatest(avance_pct, 0.0), 100.0) ELSE 0 END) AS sp,
           sum(CASE WHEN semaforo NOT IN ('no_programado', 'pendiente') THEN peso ELSE 0 END)
               AS pe,
           bool_or(semaforo = 'pendiente') AS hp
    FROM ind_eval GROUP BY meta_codigo
)
SELECT m.codigo, m.nivel, coalesce(CAST(m.peso AS DOUBLE), 1.0) AS peso,
       coalesce(d.n_indicadores, 0) AS n_indicadores,
       CASE WHEN d.pv > 0 THEN d.sp / d.pv END AS avance_directo,
       CASE WHEN d.pe > 0 THEN d.pv * 100.0 / d.pe END AS cobertura,
       coalesce(d.pe, 0.0) AS pe, coalesce(d.hp, false) AS hp
FROM metas m LEFT JOIN d ON d.meta_codigo = m.codigo
"""

# One level of goals: its contributors are the goals already final (lower levels).
_NIVEL = """
INSERT INTO metas_final
WITH c AS (
    SELECT k.meta_destino AS codigo, count(*) AS n_contribuyentes,
           sum(CASE WHEN f.avance IS NOT NULL AND f.semaforo <> 'sin_dato'
                    THEN coalesce(CAST(k.peso AS DOUBLE), 1.0) ELSE 0 END) AS w,
           sum(CASE WHEN f.avance IS NOT NULL AND f.semaforo <> 'sin_dato'
                    THEN coalesce(CAST(k.peso AS DOUBLE), 1.0) * f.avance ELSE 0 END) AS sw
    FROM contribuciones k LEFT JOIN metas_final f ON f.codigo = k.meta
    GROUP BY k.meta_destino
),
g AS (
    SELECT d.*, CASE WHEN c.w > 0 THEN c.sw / c.w END AS avance_contribuyentes,
           coalesce(c.n_contribuyentes, 0) AS n_contribuyentes
    FROM metas_d d LEFT JOIN c USING (codigo)
    WHERE d.nivel = $nivel
)
SELECT codigo, n_indicadores, avance_directo, cobertura, avance_contribuyentes,
       CASE WHEN n_indicadores > 0 THEN avance_directo ELSE avance_contribuyentes END AS avance,
       CASE WHEN n_indicadores > 0 THEN
                CASE WHEN pe <= 0 AND hp THEN 'pendiente'
                     WHEN pe <= 0 THEN 'no_programado'
                     WHEN cobertura < $cobertura OR avance_directo IS NULL THEN 'sin_dato'
                     ELSE semaforo(redondeo(avance_directo), $uv, $ua) END
            WHEN avance_contribuyentes IS NOT NULL
                THEN semaforo(redondeo(avance_contribuyentes), $uv, $ua)
            WHEN n_contribuyentes > 0 THEN 'sin_dato'
            ELSE 'no_programado' END AS semaforo
FROM g
"""

_NIVELES = ("institucional", "sectorial", "presidencial")


def conectar(threads: int = 1) -> Any:
    """An in-memory DuckDB connection with the period macros (``threads`` worker threads)."""
    import duckdb

    con = duckdb.connect(":memory:", config={"threads": threads})
    con.execute(_MACROS)
    return con


def evaluar(
    con: Any, mcr: MCR, periodo: str, fecha_corte: dt.date, reglas: Reglas | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Indicators and goals of ``mcr`` as of ``periodo`` at ``fecha_corte``, computed in SQL.

    Returns:
        ``(indicadores, metas)``: indexed by code; indicators with ``meta_codigo``, ``periodo``,
        ``peso``, ``meta``, ``valor``, ``avance_pct``, ``avance_redondeado``, ``semaforo``; goals
        with ``n_indicadores``, ``avance_directo``, ``cobertura``, ``avance_contribuyentes``,
        ``avance``, ``semaforo`` (the engine's column names).
    """
    reglas = reglas or Reglas()
    anio = int(periodo[:4])
    if len(periodo) == 4:
        mes = 12
    else:
        por = 2 if periodo[5] == "S" else 4
        mes = int(periodo[6:]) * (12 // por)
    for nombre in ("indicadores", "programacion", "avances", "recepciones", "metas"):
        con.register(nombre, getattr(mcr, nombre))
    con.register("contribuciones", mcr.contribuciones)
    comunes: dict[str, object] = {"uv": reglas.umbral_verde, "ua": reglas.umbral_amarillo}
    pasos: tuple[tuple[str, dict[str, object]], ...] = (
        (_IND, comunes | {"ev_anio": anio, "ev_mes": mes}),
        (_PROG, {}),
        (_AV, {"corte": fecha_corte}),
        (_REC, {"corte": fecha_corte}),
        (_INDICADORES, {"corte": fecha_corte, "plazo": reglas.plazo_reporte_dias}),
    )
    for sql, parametros in pasos:
        con.execute(sql, parametros)
    con.execute(_DIRECTO)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE metas_final (codigo VARCHAR, n_indicadores BIGINT, "
        "avance_directo DOUBLE, cobertura DOUBLE, avance_contribuyentes DOUBLE, "
        "avance DOUBLE, semaforo VARCHAR)"
    )
    for nivel in _NIVELES:
        con.execute(_NIVEL, {**comunes, "nivel": nivel, "cobertura": reglas.cobertura_minima})
    indicadores = con.execute("SELECT * EXCLUDE (id) FROM ind_eval ORDER BY id").df()
    indicadores = indicadores.set_index("codigo")
    metas = con.execute(
        "SELECT d.codigo, d.n_indicadores, d.avance_directo, d.cobertura, "
        "f.avance_contribuyentes, f.avance, coalesce(f.semaforo, 'no_programado') AS semaforo "
        "FROM metas_d d LEFT JOIN metas_final f USING (codigo)"
    ).df()
    return indicadores, metas.set_index("codigo")

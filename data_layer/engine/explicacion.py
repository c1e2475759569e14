"""How each indicator's avance was computed, in words and with its real numbers (DOMAIN.md §3).

For every row the engine evaluates (indicator × period), :func:`explicar_avance` writes the
formula that produced the avance with the compared numbers, e.g. «(64.8 − 58.0) ÷ (83.6 − 58.0)
= 26.6 %» for a stock with a baseline, and a fuller explanation: what was compared (for acumulado,
the sums since the first programmed period), the rule, the cap that the goal's roll-up applies
(0–100), and the rounding that sets the traffic light. The rule is the engine's own
(:func:`~data_layer.engine.progress.select_rule`) and the result printed is the engine's
``avance_pct``, so the text and the number can never disagree. Numbers are written by
:mod:`data_layer.formato`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from data_layer import formato, periods
from data_layer.engine.frames import MCR, NO_PROGRAMADO, PENDIENTE, SIN_DATO
from data_layer.engine.progress import (
    REGLA_ASCENDENTE,
    REGLA_ASCENDENTE_META_CERO,
    REGLA_DESCENDENTE,
    REGLA_DESCENDENTE_META_CERO,
    REGLA_DESCENDENTE_VALOR_CERO,
    REGLA_LINEA_BASE,
    round_half_up,
    select_rule,
)

#: Columns of :func:`explicar_avance`.
COLUMNAS_EXPLICACION = ("regla", "formula", "explicacion")

#: The most decimals a compared number is written with (a rate of 0.125 stays 0.125).
_MAX_DECIMALES = 3

#: Above this avance the goal's roll-up counts 100 %, below 0 it counts 0 % (DOMAIN.md §3).
_TOPE = 100.0


def numero(valor: float) -> str:
    """A compared number as people read it: one decimal (``58.0``), more only when the value
    has them (``0.125``), up to three; negative numbers in parentheses inside a formula are the
    caller's business."""
    for decimales in range(1, _MAX_DECIMALES + 1):
        if abs(valor - round(valor, decimales)) < 1e-9 * max(1.0, abs(valor)):
            return formato.format_numero(valor, decimales)
    return formato.format_numero(valor, _MAX_DECIMALES)


def _operando(valor: float) -> str:
    """A number inside a formula: negatives in parentheses, ``(−2.0)``."""
    texto = numero(valor)
    return f"({texto.replace('-', '−')})" if valor < 0 else texto


def primeros_periodos(mcr: MCR, codigos: Iterable[str] | None = None) -> dict[str, str]:
    """Each indicator's first programmed period in its own frequency (where an acumulado sum
    starts, as the engine's window does); indicators without targets are absent.

    Args:
        mcr: the MCR.
        codigos: only these indicators (default all).
    """
    prog = mcr.programacion[["indicador", "periodo"]].astype("str")
    if codigos is not None:
        prog = prog.loc[prog["indicador"].isin(pd.Index(codigos).astype("str"))]
    if prog.empty:
        return {}
    frecuencia = pd.Series(
        mcr.indicadores["frecuencia"].astype("str").to_numpy(),
        index=mcr.indicadores["codigo"].astype("str").to_numpy(),
    )
    unicos = pd.unique(prog["periodo"])
    parseados = {}
    for texto in unicos:
        try:
            parseados[texto] = periods.parse(texto)
        except periods.PeriodoInvalido:
            continue
    prog = prog.loc[prog["periodo"].isin(list(parseados))]
    propia = prog["periodo"].map(lambda t: parseados[t].frecuencia).to_numpy() == (
        frecuencia.reindex(prog["indicador"]).to_numpy()
    )
    prog = prog.loc[propia]
    ordinal = prog["periodo"].map(lambda t: parseados[t].ordinal)
    primero = prog.assign(_o=ordinal).sort_values("_o", kind="stable").drop_duplicates("indicador")
    return dict(zip(primero["indicador"], primero["periodo"], strict=True))


def _formula(regla: str, a: float, t: float, b: float, p: str) -> str:
    """The formula of one rule with its numbers, ending in the engine's avance ``p``."""
    if regla == REGLA_LINEA_BASE:
        return f"({numero(a)} − {_operando(b)}) ÷ ({numero(t)} − {_operando(b)}) = {p}"
    if regla == REGLA_ASCENDENTE:
        return f"{numero(a)} ÷ {_operando(t)} = {p}"
    if regla == REGLA_DESCENDENTE:
        return f"{numero(t)} ÷ {_operando(a)} = {p}"
    if regla == REGLA_ASCENDENTE_META_CERO:
        signo = "≥ 0" if a >= 0 else "< 0"
        return f"meta 0 y valor {numero(a)} {signo} → {p}"
    if regla == REGLA_DESCENDENTE_VALOR_CERO:
        return f"valor 0 (nada por reducir) → {p}"
    # descendente_meta_cero
    return f"meta 0 y valor {numero(a)} → {p}"


_REGLA_TEXTO = {
    REGLA_LINEA_BASE: (
        "Con línea base, el avance es la parte recorrida del camino entre la línea base y la "
        "meta: (valor − línea base) ÷ (meta − línea base)"
    ),
    REGLA_ASCENDENTE: "Mayor es mejor: valor ÷ meta",
    REGLA_DESCENDENTE: "Menor es mejor: meta ÷ valor",
    REGLA_ASCENDENTE_META_CERO: (
        "Meta de 0 (mayor es mejor): 100 % si el valor no es negativo, si no 0 %"
    ),
    REGLA_DESCENDENTE_VALOR_CERO: "Menor es mejor y el valor es 0: cumple del todo (100 %)",
    REGLA_DESCENDENTE_META_CERO: "Meta de 0 (menor es mejor): 100 % si el valor es 0, si no 0 %",
}


def _comparado(fila: Mapping[Any, Any], desde: str | None) -> str:
    """What was compared, by type: the period's value and target, or the acumulado sums."""
    periodo = fila["periodo"]
    a, t, b = (numero(float(fila[c])) for c in ("valor", "meta", "linea_base_f"))
    tipo = fila["tipo"]
    if tipo == "acumulado":
        inicio = desde or "el primer periodo programado"
        texto = f"Acumulado de {inicio} a {periodo}: lo reportado suma {a} y las metas suman {t}."
    elif tipo == "stock":
        texto = f"Nivel en {periodo}: {a}; meta: {t}."
    else:
        texto = f"Valor de {periodo}: {a}; meta del periodo: {t}."
    if not math.isnan(float(fila["linea_base_f"])):
        texto += f" Línea base: {b}."
    return texto


def _semaforo(fila: Mapping[Any, Any]) -> str:
    """Rounding and traffic light of a row with an avance."""
    p = float(fila["avance_pct"])
    redondeado = int(round_half_up(np.array([p]))[0])
    partes = []
    if p > _TOPE:
        partes.append("En el avance de la meta cuenta como 100 % (tope).")
    elif p < 0:
        partes.append("En el avance de la meta cuenta como 0 % (no baja de cero).")
    verde, amarillo = fila.get("umbral_verde"), fila.get("umbral_amarillo")
    estado = str(fila.get("semaforo", ""))
    if verde is not None and amarillo is not None and not pd.isna(verde) and not pd.isna(amarillo):
        partes.append(
            f"Redondeado a {redondeado} → {estado} (verde desde {formato.format_entero(verde)}, "
            f"amarillo desde {formato.format_entero(amarillo)})."
        )
    return " ".join(partes)


def _sin_avance(fila: Mapping[Any, Any]) -> str:
    """Why a row has no avance."""
    periodo = fila["periodo"]
    estado = str(fila.get("semaforo", ""))
    if estado == SIN_DATO:
        return f"Sin dato: venció el plazo para reportar {periodo} y no hay valor."
    if estado == PENDIENTE:
        return f"Pendiente: el plazo para reportar {periodo} aún no vence."
    if estado == NO_PROGRAMADO:
        meta_periodo = fila.get("meta_periodo")
        if meta_periodo is not None and not pd.isna(meta_periodo) and float(meta_periodo) == 0:
            return (
                f"Meta de 0 en {periodo}: no se programó nada para el periodo, así que no se "
                "evalúa."
            )
        return f"Sin meta programada para {periodo}: no se evalúa."
    return "Sin avance."


def explicar_avance(
    indicadores: pd.DataFrame, desde: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """The formula and the explanation of each evaluated row (indicator × period).

    Args:
        indicadores: rows as the engine gives them (``evaluar_indicadores``, ``evaluate_at`` or
            ``Resultado.indicadores``), indexed by indicator code (repeated for a series):
            ``periodo``, ``tipo``, ``sentido``, ``meta``, ``valor``, ``linea_base``,
            ``avance_pct``, ``semaforo``; ``meta_periodo``, ``umbral_verde`` and
            ``umbral_amarillo`` are used when present.
        desde: indicator code → first programmed period (:func:`primeros_periodos`), named in
            acumulado explanations.

    Returns:
        Frame aligned with ``indicadores`` (same index), columns :data:`COLUMNAS_EXPLICACION`:
        ``regla`` (the engine's rule, None without avance), ``formula`` (the formula with its
        numbers, ending in the engine's avance as printed everywhere, ``26.6 %``; None without
        avance) and ``explicacion`` (always a text).
    """
    valor = indicadores["valor"].to_numpy(dtype=float)
    meta = indicadores["meta"].to_numpy(dtype=float)
    base = indicadores["linea_base"].to_numpy(dtype=float)
    reglas = select_rule(
        valor,
        meta,
        base,
        indicadores["tipo"].astype("str").to_numpy(),
        indicadores["sentido"].astype("str").to_numpy(),
    )
    avance = indicadores["avance_pct"].to_numpy(dtype=float)
    impresos = formato.format_numeros(avance, 1)
    filas = indicadores.assign(linea_base_f=base).to_dict("records")
    codigos = indicadores.index.astype("str")
    regla_out: list[str | None] = []
    formula_out: list[str | None] = []
    texto_out: list[str] = []
    for i, fila in enumerate(filas):
        if np.isnan(avance[i]):
            regla_out.append(None)
            formula_out.append(None)
            texto_out.append(_sin_avance(fila))
            continue
        regla = str(reglas[i])
        p = f"{impresos[i]} %"
        formula = _formula(regla, valor[i], meta[i], base[i], p)
        inicio = None if desde is None else desde.get(codigos[i])
        partes = [
            _comparado(fila, inicio),
            f"{_REGLA_TEXTO[regla]}. Aquí: {formula}.",
            _semaforo(fila),
        ]
        regla_out.append(regla)
        formula_out.append(formula)
        texto_out.append(" ".join(parte for parte in partes if parte))
    return pd.DataFrame(
        {"regla": regla_out, "formula": formula_out, "explicacion": texto_out},
        index=indicadores.index,
        columns=list(COLUMNAS_EXPLICACION),
    )


def explicar_filas(indicadores: pd.DataFrame, mcr: MCR) -> pd.DataFrame:
    """:func:`explicar_avance` of engine rows, the acumulado sums named from ``mcr``'s first
    programmed periods of those indicators."""
    codigos = pd.unique(indicadores.index.astype("str"))
    return explicar_avance(indicadores, primeros_periodos(mcr, codigos))


_NOMBRE_PERIODO = {"anual": "año", "semestral": "semestre", "trimestral": "trimestre"}


def motivo_periodo(propio: object, evaluado: object) -> str | None:
    """Why a period shown beside the evaluated quarter is another one, in words; None when they
    are the same (or either is missing or not a period).

    As of ``2026-T3`` an annual indicator is read on ``2025``: «2025 es el último año cerrado al
    2026-T3»; an earlier period of the indicator's own frequency is «anterior al periodo
    evaluado».
    """
    if not isinstance(propio, str) or not isinstance(evaluado, str) or propio == evaluado:
        return None
    try:
        p = periods.parse(propio)
        resuelto = periods.resolver(evaluado, p.frecuencia)
    except periods.PeriodoInvalido:
        return None
    nombre = _NOMBRE_PERIODO[p.frecuencia]
    if propio == resuelto:
        return f"{propio} es el último {nombre} cerrado al {evaluado}"
    if p.ordinal < periods.parse(resuelto).ordinal:
        return f"{propio} es anterior al periodo evaluado ({resuelto}, al {evaluado})"
    return f"{propio} es posterior al periodo evaluado ({resuelto}, al {evaluado})"


def motivo_ultimo_dato(ultimo: str | None, evaluado: str | None) -> str | None:
    """Why the last value shown is not the evaluated period's: «último dato: 2026-T2 (el
    periodo evaluado 2026-T3 no tiene reporte)»; None when they are the same or either is
    missing."""
    if not ultimo or not evaluado or ultimo == evaluado:
        return None
    return f"último dato: {ultimo} (el periodo evaluado {evaluado} no tiene reporte)"


def explicar_avance_directo(indicadores: pd.DataFrame, avance_directo: float | None) -> str | None:
    """How a goal's avance directo comes from its own indicators, with their numbers: the
    weighted mean of their avances clipped to 0–100, over the indicators with a value
    (DOMAIN.md §3), ending in the engine's ``avance_directo``; None when it has none.

    Args:
        indicadores: the goal's own indicators (``avance_pct``, ``peso``, ``codigo``).
        avance_directo: the engine's avance directo of the goal.
    """
    if avance_directo is None or math.isnan(avance_directo):
        return None
    con_valor = indicadores.loc[indicadores["avance_pct"].notna()]
    if con_valor.empty:
        return None
    p = con_valor["avance_pct"].to_numpy(dtype=float)
    peso = con_valor["peso"].fillna(1.0).to_numpy(dtype=float)
    recortado = np.clip(p, 0.0, _TOPE)
    iguales = bool(np.all(peso == peso[0]))
    terminos = []
    notas = []
    for codigo, original, valor, w in zip(con_valor["codigo"], p, recortado, peso, strict=True):
        termino = formato.format_numero(valor, 1)
        terminos.append(termino if iguales else f"{termino} × {numero(w)}")
        if valor != original:
            notas.append(f"{codigo}: {formato.format_porcentaje(original)} cuenta como {termino}")
    divisor = formato.format_entero(len(p)) if iguales else " + ".join(numero(w) for w in peso)
    suma = " + ".join(terminos)
    cuantos = len(p)
    texto = (
        f"Promedio {'ponderado ' if not iguales else ''}de los avances de "
        f"{'sus ' + str(cuantos) + ' indicadores' if cuantos != 1 else 'su indicador'} con valor, "
        "cada uno recortado a 0–100 %: "
    )
    formula = (
        f"{suma} = {formato.format_porcentaje(avance_directo)}"
        if cuantos == 1
        else f"({suma}) ÷ {divisor if iguales else '(' + divisor + ')'} = "
        f"{formato.format_porcentaje(avance_directo)}"
    )
    if notas:
        texto = f"{texto}{formula} ({'; '.join(notas)})."
    else:
        texto = f"{texto}{formula}."
    return texto

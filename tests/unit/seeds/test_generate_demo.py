"""The demo MCR generator: determinism, file format, scale and shape of the generated MCR."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from data_layer.periods import parse
from seeds import catalogo, catalogo_instituciones
from seeds.generate_demo import cambio_maximo_z, fmt, generate, linea_base_real, parse_spec
from tests.unit.seeds.conftest import HOJAS, SEEDS_DEMO, read_rows

# Hand-written from DOMAIN.md §6 (not imported from the generator, so a drift is caught).
COLUMNAS = {
    "ejes": ["codigo", "nombre", "eje_padre"],
    "sectores": ["codigo", "nombre", "ejes", "institucion_rectora"],
    "instituciones": ["sigla", "nombre", "sectores"],
    "metas": [
        "codigo",
        "nivel",
        "descripcion",
        "eje",
        "sector",
        "institucion",
        "contribuye_a",
        "peso",
    ],
    "indicadores": [
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
    ],
    "programacion": ["indicador", "periodo", "meta"],
    "avances": ["indicador", "periodo", "valor", "fecha_reporte", "comentario"],
}
SECTORES = {
    "DDHH", "GOB", "MIG", "TAI", "AGRO", "ENE", "IYC", "MACRO", "MLPS", "RNACC", "TEL",
    "TUR", "AYS", "EDU", "GR", "IT", "SAL", "VIV", "CTI", "CAD", "GEN", "DYS",
}  # fmt: skip
TEMAS = {
    "Transparencia",
    "Género",
    "Derechos Humanos",
    "Descentralización",
    "Competitividad",
    "Ambiente y Gestión de Riesgos",
    "Seguridad Alimentaria",
}
FECHA_CORTE = dt.date(2026, 11, 23)
ULTIMO = {"trimestral": "2026-T3", "semestral": "2026-S1", "anual": "2025"}


def _por(rows: list[dict[str, str]], clave: str) -> dict[str, dict[str, str]]:
    return {r[clave]: r for r in rows}


def test_generation_is_byte_identical_and_matches_the_committed_demo(
    tmp_path: Path, demo_dir: Path, shared: Path
) -> None:
    """Re-running the generator gives the same bytes, and seeds/demo is its current output."""
    otra = tmp_path / "otra"
    generate(otra, shared)
    for hoja in HOJAS:
        nuevo = (otra / f"{hoja}.csv").read_bytes()
        assert nuevo == (demo_dir / f"{hoja}.csv").read_bytes(), hoja
        assert nuevo == (SEEDS_DEMO / f"{hoja}.csv").read_bytes(), (
            f"seeds/demo/{hoja}.csv está desactualizado: ejecute python seeds/generate_demo.py"
        )


def test_files_are_utf8_without_bom_with_lf_and_the_sheet_columns(demo_dir: Path) -> None:
    """Each sheet is UTF-8 without BOM, \\n-terminated, with DOMAIN.md §6 columns in order."""
    for hoja, columnas in COLUMNAS.items():
        datos = (demo_dir / f"{hoja}.csv").read_bytes()
        assert not datos.startswith(b"\xef\xbb\xbf"), hoja
        assert b"\r" not in datos, hoja
        texto = datos.decode("utf-8")
        assert next(csv.reader([texto.splitlines()[0]])) == columnas, hoja


def test_numbers_use_a_point_decimal_and_no_scientific_notation(demo) -> None:
    """Numeric cells are plain point-decimal numbers (the importer rejects 12,5 or 1e6)."""
    numero = re.compile(r"^-?\d+(\.\d+)?$")
    for hoja, columnas in (
        ("programacion", ["meta"]),
        ("avances", ["valor"]),
        ("indicadores", ["linea_base", "peso", "umbral_verde", "umbral_amarillo"]),
        ("metas", ["peso"]),
    ):
        for fila in demo[hoja]:
            for col in columnas:
                assert fila[col] == "" or numero.match(fila[col]), (hoja, col, fila[col])


def test_fmt_strips_trailing_zeros_and_negative_zero() -> None:
    """Numbers are written without trailing zeros, and -0 is written as 0."""
    assert fmt(12.50, 2) == "12.5"
    assert fmt(3.0, 1) == "3"
    assert fmt(-0.0001, 2) == "0"
    assert fmt(None) == ""


def test_ejes_and_the_22_sectors(demo) -> None:
    """Six eje rows (E2 with its two dimensions) and exactly the 22 agreed sector codes."""
    ejes = _por(demo["ejes"], "codigo")
    assert list(ejes) == ["E1", "E2", "E2-ECO", "E2-SOC", "E3", "E4"]
    assert ejes["E2-ECO"]["eje_padre"] == ejes["E2-SOC"]["eje_padre"] == "E2"
    assert (
        ejes["E1"]["nombre"] == "Derechos Fundamentales, Gobernabilidad y Democracia Participativa"
    )
    sectores = _por(demo["sectores"], "codigo")
    assert set(sectores) == SECTORES
    assert sectores["MLPS"]["ejes"] == "E2-ECO;E2-SOC"
    assert sectores["SAL"]["ejes"] == "E2-SOC" and sectores["DYS"]["ejes"] == "E4"
    siglas = {i["sigla"] for i in demo["instituciones"]}
    assert {s["institucion_rectora"] for s in sectores.values()} <= siglas


def test_institutions_are_the_real_ones_with_their_main_sector_first(demo, shared: Path) -> None:
    """Every real institution is present, its own sector first; some sit in a second mesa."""
    instituciones = _por(demo["instituciones"], "sigla")
    assert len(instituciones) >= 95
    nombres = {s["nombre"]: s["codigo"] for s in demo["sectores"]}
    for fila in read_rows(shared, "instituciones_hn"):
        sectores = instituciones[fila["sigla"]]["sectores"].split(";")
        assert sectores[0] == nombres[fila["sector"]], fila["sigla"]
        assert set(sectores) <= SECTORES
    assert instituciones["SEFIN"]["sectores"] == "MACRO;TAI"
    assert sum(";" in i["sectores"] for i in instituciones.values()) >= 10
    assert instituciones["STSS"]["nombre"] == "Secretaría de Trabajo y Seguridad Social"


def test_goals_scale_codes_and_levels(demo) -> None:
    """500-700 goals: ~20-25 presidential, 3-5 per sector, 3-6 per institution, coded by level."""
    metas = demo["metas"]
    assert 500 <= len(metas) <= 700
    nivel = Counter(m["nivel"] for m in metas)
    assert 20 <= nivel["presidencial"] <= 25
    por_sector = Counter(m["sector"] for m in metas if m["nivel"] == "sectorial")
    assert set(por_sector) == SECTORES and all(3 <= n <= 5 for n in por_sector.values())
    por_inst = Counter(m["institucion"] for m in metas if m["nivel"] == "institucional")
    assert len(por_inst) == len(demo["instituciones"])
    assert all(3 <= n <= 6 for n in por_inst.values())
    patron = {
        "presidencial": r"^MP-\d{2}$",
        "sectorial": r"^MS-[A-Z]+-\d{2}$",
        "institucional": r"^MI-[A-Z0-9-]+-\d{2}$",
    }
    for m in metas:
        assert re.match(patron[m["nivel"]], m["codigo"]), m["codigo"]
        if m["nivel"] == "presidencial":
            assert m["eje"] and not m["sector"] and not m["institucion"]
        elif m["nivel"] == "sectorial":
            assert m["sector"] and not m["eje"] and not m["institucion"]
        else:
            assert m["institucion"] and m["sector"]
    assert {m["eje"] for m in metas if m["nivel"] == "presidencial"} >= {"E2-ECO", "E2-SOC"}
    assert Counter(m["peso"] for m in metas).keys() == {"1", "2"}


def test_contributions_follow_the_value_chain_with_the_designed_broken_chains(demo) -> None:
    """Links go up one level within the sector/eje; only the three designed links are broken."""
    metas = _por(demo["metas"], "codigo")
    ejes_de = {s["codigo"]: set(s["ejes"].split(";")) for s in demo["sectores"]}
    hijos: dict[str, list[str]] = defaultdict(list)
    varios_padres = 0
    for m in metas.values():
        padres = [p for p in m["contribuye_a"].split(";") if p]
        varios_padres += len(padres) > 1
        for p in padres:
            hijos[p].append(m["codigo"])
            destino = metas[p]
            if m["nivel"] == "institucional":
                assert destino["nivel"] == "sectorial" and destino["sector"] == m["sector"]
            else:
                assert m["nivel"] == "sectorial" and destino["nivel"] == "presidencial"
                assert destino["eje"] in ejes_de[m["sector"]] | {"E2"}
    sin_padre = [
        c for c, m in metas.items() if m["nivel"] == "institucional" and not m["contribuye_a"]
    ]
    assert sin_padre == ["MI-ENAG-03"]
    assert [c for c, m in metas.items() if m["nivel"] == "sectorial" and not hijos[c]] == [
        "MS-MACRO-04"
    ]
    assert [c for c, m in metas.items() if m["nivel"] == "presidencial" and not hijos[c]] == [
        "MP-05"
    ]
    assert all(m["contribuye_a"] for m in metas.values() if m["nivel"] == "sectorial")
    assert varios_padres >= 30


def test_indicators_scale_and_shape(demo) -> None:
    """900-1,200 indicators over every eslabón, tipo, frecuencia and sentido, coded per goal."""
    indicadores = demo["indicadores"]
    assert 900 <= len(indicadores) <= 1200
    assert {i["eslabon"] for i in indicadores} == {
        "insumo",
        "actividad",
        "producto",
        "resultado",
        "impacto",
    }
    assert {i["tipo"] for i in indicadores} == {"flujo", "acumulado", "stock"}
    assert {i["sentido"] for i in indicadores} == {"ascendente", "descendente"}
    frecuencias = Counter(i["frecuencia"] for i in indicadores)
    assert set(frecuencias) == {"trimestral", "semestral", "anual"}
    assert frecuencias["trimestral"] > frecuencias["semestral"] + frecuencias["anual"]
    metas = _por(demo["metas"], "codigo")
    siglas = {i["sigla"] for i in demo["instituciones"]}
    n_por_meta: Counter[str] = Counter()
    for i in indicadores:
        n_por_meta[i["meta"]] += 1
        assert i["codigo"] == f"{i['meta']}-I{n_por_meta[i['meta']]}"
        assert i["institucion_responsable"] in siglas and i["fuente"]
        assert i["anio_base"] in {"2019", "2021", "2022"}
        temas = [t for t in i["temas_transversales"].split(";") if t]
        assert len(temas) <= 3 and set(temas) <= TEMAS
        if i["umbral_verde"]:
            assert float(i["umbral_verde"]) > float(i["umbral_amarillo"])
        nivel = metas[i["meta"]]["nivel"]
        if nivel == "presidencial":
            assert (i["eslabon"], i["frecuencia"]) == ("impacto", "anual")
        if nivel == "institucional":
            assert i["eslabon"] != "impacto"
            assert i["institucion_responsable"] == metas[i["meta"]]["institucion"]
    assert set(n_por_meta) == set(metas)  # every goal has indicators of its own
    assert 10 <= sum(bool(i["umbral_verde"]) for i in indicadores) <= 60
    assert sum(i["peso"] == "2" for i in indicadores) >= 20


def test_baseline_of_a_real_series_is_its_latest_value_up_to_2021() -> None:
    """Baseline rule: latest value from 2019 to 2021, else the earliest later one."""
    serie = [(2010, 77.5, "a"), (2021, 41.7, "b"), (2022, 38.1, "c")]
    assert linea_base_real(serie) == (2021, 41.7, "b")
    assert linea_base_real([(2016, 1.0, "x"), (2022, 86.0, "y")]) == (2022, 86.0, "y")
    assert linea_base_real([(2019, 48.0, "f"), (2024, 51.6, "g")]) == (2019, 48.0, "f")


def test_presidential_impact_indicators_use_the_real_series(demo) -> None:
    """Poverty, unemployment, homicides...: real values as annual avances, with their source."""
    indicadores = {i["nombre"]: i for i in demo["indicadores"]}
    avances = defaultdict(dict)
    comentarios = {}
    for a in demo["avances"]:
        avances[a["indicador"]][a["periodo"]] = a["valor"]
        comentarios[(a["indicador"], a["periodo"])] = a["comentario"]

    pobreza = indicadores["Hogares en situación de pobreza"]
    assert pobreza["codigo"].startswith("MP-")
    assert (pobreza["linea_base"], pobreza["anio_base"]) == ("73.6", "2021")
    assert pobreza["fuente"] == "INE EPHPM 2025 (El Heraldo 18-11-2025; swissinfo/EFE)"
    assert avances[pobreza["codigo"]] == {
        "2022": "73",
        "2023": "64.1",
        "2024": "62.9",
        "2025": "60.1",
    }
    assert "INE EPHPM 2024" in comentarios[(pobreza["codigo"], "2024")]

    homicidios = indicadores["Tasa de homicidios por 100,000 habitantes"]
    assert (homicidios["linea_base"], homicidios["anio_base"]) == ("41.71", "2021")
    assert avances[homicidios["codigo"]] == {"2022": "38.14", "2023": "34.4", "2024": "26.8"}

    desempleo = indicadores["Tasa de desocupación (desempleo abierto)"]
    assert (desempleo["linea_base"], desempleo["anio_base"]) == ("8.6", "2021")
    assert avances[desempleo["codigo"]]["2025"] == "4.9"

    ocupada = indicadores["Población ocupada"]
    assert avances[ocupada["codigo"]] == {"2025": "4075415"}  # 2022-2024 were not published


def test_targets_cover_2022_2026_at_each_frequency_except_three_goals(demo) -> None:
    """Targets use the indicator's frequency through 2026; three goals have none for 2026."""
    indicadores = _por(demo["indicadores"], "codigo")
    periodos: dict[str, list[str]] = defaultdict(list)
    for p in demo["programacion"]:
        assert parse(p["periodo"]).frecuencia == indicadores[p["indicador"]]["frecuencia"]
        assert float(p["meta"]) >= 0
        periodos[p["indicador"]].append(p["periodo"])
    assert set(periodos) == set(indicadores)
    sin_2026 = set()
    for codigo, lista in periodos.items():
        assert len(lista) == len(set(lista)) and lista == sorted(lista, key=parse)
        anios = {parse(p).anio for p in lista}
        assert min(anios) >= max(2022, int(indicadores[codigo]["anio_base"]) + 1)
        if 2026 not in anios:
            assert max(anios) == 2025
            sin_2026.add(indicadores[codigo]["meta"])
    assert len(sin_2026) == 3
    assert all(m.startswith("MI-") for m in sin_2026)
    por_meta = defaultdict(set)
    for i in indicadores.values():
        por_meta[i["meta"]].add(i["codigo"])
    for meta in sin_2026:  # the whole goal, not one of its indicators, lacks 2026 targets
        assert all(2026 not in {parse(p).anio for p in periodos[c]} for c in por_meta[meta])


def test_reports_dates_and_the_designed_data_quality_defects(demo) -> None:
    """Values up to 2026-T3 reported mostly on time; some late, missing and impossible ones."""
    indicadores = _por(demo["indicadores"], "codigo")
    programado = {(p["indicador"], p["periodo"]) for p in demo["programacion"]}
    a_tiempo = tardios_2026 = 0
    por_indicador: dict[str, set[str]] = defaultdict(set)
    porcentajes_imposibles = 0
    for a in demo["avances"]:
        clave = (a["indicador"], a["periodo"])
        assert clave in programado
        frecuencia = indicadores[a["indicador"]]["frecuencia"]
        assert parse(a["periodo"]) <= parse(ULTIMO[frecuencia])
        fecha = dt.date.fromisoformat(a["fecha_reporte"])
        dias = (fecha - parse(a["periodo"]).fin).days
        assert 0 < dias <= 60 and fecha <= FECHA_CORTE
        a_tiempo += dias <= 15
        tardios_2026 += dias >= 20 and a["periodo"].startswith("2026")
        por_indicador[a["indicador"]].add(a["periodo"])
        unidad = indicadores[a["indicador"]]["unidad"]
        porcentajes_imposibles += "%" in unidad and float(a["valor"]) > 100
    assert a_tiempo / len(demo["avances"]) > 0.95
    assert tardios_2026 >= 20
    assert porcentajes_imposibles == 1
    sin_ultimo = [
        c
        for c, i in indicadores.items()
        if i["frecuencia"] == "trimestral"
        and "2026-T3" not in por_indicador[c]
        and any(p.startswith("2026") for p in por_indicador[c])
    ]
    assert 10 <= len(sin_ultimo) <= 60


@pytest.mark.parametrize(
    ("valores", "esperado"),
    [
        ([10, 11, 12, 13, 14, 15], 0.0),  # constant change: MAD is 0, no score
        ([10, 12, 14], 0.0),  # fewer than 4 changes
        # changes 2,1,2,1,44,-42: median 1.5; |d - 1.5| = .5,.5,.5,.5,42.5,43.5: MAD .5;
        # largest score 0.6745 * 43.5 / .5
        ([10, 12, 13, 15, 16, 60, 18], 0.6745 * 43.5 / 0.5),
    ],
)
def test_cambio_maximo_z_follows_the_dato_atipico_rule(valores, esperado) -> None:
    """The noise guard scores changes as DOMAIN.md §4: 0.6745·|d − median| / MAD."""
    assert cambio_maximo_z(valores) == pytest.approx(esperado)


def test_catalog_goals_move_in_the_indicator_direction() -> None:
    """Every hand-written target moves from the baseline the way its sentido says is better,
    and no percentage target exceeds 100 (otherwise a profile could not be met honestly)."""
    specs = [s for lista in catalogo.METAS_SECTORIALES.values() for g in lista for s in g[1]]
    specs += [
        s for lista in catalogo_instituciones.METAS_INSTITUCIONALES.values() for g in lista
        for s in g[2]
    ]  # fmt: skip
    specs += [s for g in catalogo_instituciones.METAS_GESTION for s in g[2]]
    assert len(specs) > 450
    for spec in specs:
        d = parse_spec(spec, "producto")
        sube = d["meta_final"] > d["base"]
        assert sube == (d["sentido"] == "ascendente"), spec
        if d["unidad"] == "%":
            assert d["meta_final"] <= 100, spec


def test_parse_spec_reads_the_compact_format() -> None:
    """``nombre|unidad|sentido|tipo|base|meta|eslabon|fuente`` maps to the indicator fields."""
    d = parse_spec("Casos de dengue|casos|D|F|42000|20000|r|SESAL", "producto")
    assert d == {
        "nombre": "Casos de dengue",
        "unidad": "casos",
        "sentido": "descendente",
        "tipo": "flujo",
        "base": 42000.0,
        "meta_final": 20000.0,
        "eslabon": "resultado",
        "fuente": "SESAL",
    }
    assert parse_spec("X|%|A|S|1|2", "producto")["eslabon"] == "producto"

"""Every kind of bad row is found, located (sheet, row, column) and explained in Spanish.

These tests run the importer's checks with :func:`check_mcr` against an empty database state: no
database is needed. That nothing is written on error is tested in ``test_importacion``.
"""

from __future__ import annotations

import pytest

from data_layer.importer import ErrorImportacion, check_mcr
from tests.integration.importer.helpers import copy_fixture, located, write_xlsx

# (id, edits per sheet, expected errors as (sheet, row, column, fragment of the message)).
CASOS = [
    (
        "eje_padre_desconocido",
        {"ejes": [("Social,E2", "Social,E9")]},
        [("ejes", 4, "eje_padre", "el eje «E9» no existe")],
    ),
    (
        "eje_padre_propio",
        {"ejes": [("E2,Crecimiento Inclusivo y Sostenible,\n", "E2,Crecimiento,E2\n")]},
        [("ejes", 3, "eje_padre", "no puede ser su propio eje_padre")],
    ),
    (
        "ciclo_de_ejes",
        {"ejes": [("E2,Crecimiento Inclusivo y Sostenible,\n", "E2,Crecimiento,E2-SOC\n")]},
        [("ejes", 3, "eje_padre", "los ejes forman un ciclo: E2 → E2-SOC → E2")],
    ),
    (
        "eje_de_sector_desconocido",
        {"sectores": [("SAL,Salud,E2-SOC,", "SAL,Salud,E2-SOC;E7,")]},
        [("sectores", 2, "ejes", "el eje «E7» no existe (ni en el archivo ni en la base")],
    ),
    (
        "institucion_rectora_desconocida",
        {"sectores": [("E2-SOC,SESAL", "E2-SOC,SESALX")]},
        [("sectores", 2, "institucion_rectora", "la institución «SESALX» no existe")],
    ),
    (
        "sector_de_institucion_desconocido",
        {"instituciones": [("EDU; MLPS", "EDU; XX")]},
        [("instituciones", 3, "sectores", "el sector «XX» no existe")],
    ),
    (
        "sector_de_meta_desconocido",
        {"metas": [(",MLPS,SEDESOL", ",NOPE,SEDESOL")]},
        [("metas", 8, "sector", "el sector «NOPE» no existe")],
    ),
    (
        "eje_de_meta_desconocido",
        {"metas": [("materna,E2-SOC", "materna,E5")]},
        [("metas", 2, "eje", "el eje «E5» no existe")],
    ),
    (
        "institucion_de_meta_desconocida",
        {"metas": [(",SESAL,MS-SAL-01", ",SESA,MS-SAL-01")]},
        [("metas", 6, "institucion", "la institución «SESA» no existe")],
    ),
    (
        "contribuye_a_desconocida",
        {"metas": [(",SAL,,MP-01", ",SAL,,MP-99")]},
        [("metas", 4, "contribuye_a", "la meta «MP-99» no existe")],
    ),
    (
        "nivel_invalido",
        {"metas": [("MP-01,presidencial", "MP-01,presidente")]},
        [
            (
                "metas",
                2,
                "nivel",
                "«presidente» no es un valor válido; valores permitidos: presidencial, "
                "sectorial, institucional",
            )
        ],
    ),
    (
        "peso_cero",
        {"metas": [("E2-SOC,,,,2", "E2-SOC,,,,0")]},
        [("metas", 3, "peso", "«0» debe ser mayor que cero")],
    ),
    (
        "peso_negativo_de_indicador",
        {"indicadores": [("SESAL,,,,2", "SESAL,,,,-1")]},
        [("indicadores", 5, "peso", "«-1» debe ser mayor que cero")],
    ),
    (
        "meta_contribuye_a_si_misma",
        {"metas": [(",SAL,,MP-01", ",SAL,,MS-SAL-01")]},
        [("metas", 4, "contribuye_a", "una meta no puede contribuir a sí misma")],
    ),
    (
        "institucional_a_presidencial",
        {"metas": [(",SESAL,MS-SAL-01,2", ",SESAL,MP-01,2")]},
        [
            (
                "metas",
                6,
                "contribuye_a",
                "una meta institucional solo puede contribuir a metas sectoriales; "
                "«MP-01» es presidencial",
            )
        ],
    ),
    (
        "sectorial_a_sectorial",
        {"metas": [(",EDU,,MP-02", ",EDU,,MS-SAL-01")]},
        [("metas", 5, "contribuye_a", "solo puede contribuir a metas presidenciales")],
    ),
    (
        "presidencial_contribuye",
        {"metas": [("materna,E2-SOC,,,,", "materna,E2-SOC,,,MP-02,")]},
        [("metas", 2, "contribuye_a", "una meta presidencial no contribuye a otras metas")],
    ),
    (
        "ciclo_de_contribuciones",
        {"metas": [("materna,E2-SOC,,,,", "materna,E2-SOC,,,MS-SAL-01,")]},
        [
            ("metas", 2, "contribuye_a", "una meta presidencial no contribuye a otras metas"),
            ("metas", 2, "contribuye_a", "ciclo: MP-01 → MS-SAL-01 → MP-01"),
        ],
    ),
    (
        "presidencial_sin_eje",
        {"metas": [("materna,E2-SOC,,,,", "materna,,,,,")]},
        [("metas", 2, "eje", "una meta presidencial debe indicar su eje")],
    ),
    (
        "sectorial_sin_sector",
        {"metas": [(",EDU,,MP-02", ",,,MP-02")]},
        [("metas", 5, "sector", "una meta sectorial debe indicar su sector")],
    ),
    (
        "institucional_sin_institucion",
        {"metas": [(",MLPS,SEDESOL,", ",MLPS,,")]},
        [("metas", 8, "institucion", "una meta institucional debe indicar su institución")],
    ),
    (
        "codigo_repetido",
        {"metas": [("", "MP-01,presidencial,Otra,E1,,,,")]},
        [("metas", 9, "codigo", "«MP-01» está repetido (ya aparece en la fila 2)")],
    ),
    (
        "descripcion_vacia",
        {"metas": [("sectorial,Ampliar la oferta de educación prebásica", "sectorial,  ")]},
        [("metas", 5, "descripcion", "falta el valor (obligatorio)")],
    ),
    (
        "codigo_demasiado_largo",
        {"metas": [("MI-SEDESOL-01,", "M" * 61 + ",")]},
        [("metas", 8, "codigo", "el texto tiene 61 caracteres; el máximo es 60")],
    ),
    (
        # A TEXT column is capped like a VARCHAR one (data_layer.limites.TOPES_TEXTO).
        "descripcion_demasiado_larga",
        {
            "metas": [
                ("sectorial,Ampliar la oferta de educación prebásica", "sectorial," + "d" * 2_001)
            ]
        },
        [("metas", 5, "descripcion", "el texto tiene 2001 caracteres; el máximo es 2000")],
    ),
    (
        "meta_de_indicador_desconocida",
        {"indicadores": [("MS-EDU-01-I1,MS-EDU-01,", "MS-EDU-01-I1,MS-EDU-09,")]},
        [("indicadores", 4, "meta", "la meta «MS-EDU-09» no existe")],
    ),
    (
        "institucion_responsable_desconocida",
        {"indicadores": [("SEDUC,SEDUC,Transparencia", "SEDUC,SEDUCX,Transparencia")]},
        [("indicadores", 6, "institucion_responsable", "la institución «SEDUCX» no existe")],
    ),
    (
        "eslabon_invalido",
        {"indicadores": [("materna,impacto", "materna,efecto")]},
        [
            (
                "indicadores",
                2,
                "eslabon",
                "valores permitidos: insumo, actividad, producto, resultado, impacto",
            )
        ],
    ),
    (
        "sentido_invalido",
        {"indicadores": [("descendente", "bajando")]},
        [("indicadores", 2, "sentido", "valores permitidos: ascendente, descendente")],
    ),
    (
        "tipo_invalido",
        {"indicadores": [("acumulado", "suma")]},
        [("indicadores", 5, "tipo", "valores permitidos: flujo, acumulado, stock")],
    ),
    (
        "frecuencia_invalida",
        {"indicadores": [("stock,semestral", "stock,mensual")]},
        [("indicadores", 3, "frecuencia", "valores permitidos: trimestral, semestral, anual")],
    ),
    (
        "umbral_verde_no_mayor",
        {"indicadores": [("Género,90,75", "Género,70,75")]},
        [("indicadores", 3, "umbral_verde", "umbral_verde (70) debe ser mayor que")],
    ),
    (
        "un_solo_umbral",
        {"indicadores": [("Género,90,75", "Género,90,")]},
        [("indicadores", 3, "umbral_amarillo", "indique los dos umbrales o deje ambos vacíos")],
    ),
    (
        "anio_base_de_dos_digitos",
        {"indicadores": [("74.5,2021", "74.5,21")]},
        [("indicadores", 2, "anio_base", "«21» no es un año válido (use 4 dígitos")],
    ),
    (
        "linea_base_con_coma_decimal",
        {"indicadores": [("74.5,2021", '"74,5",2021')]},
        [
            (
                "indicadores",
                2,
                "linea_base",
                "«74,5» no es un número válido (use punto decimal: 74.5)",
            )
        ],
    ),
    (
        "periodo_invalido",
        {"programacion": [("MI-SESAL-01-I1,2024-T2", "MI-SESAL-01-I1,2024-T5")]},
        [("programacion", 8, "periodo", "«2024-T5» no es un periodo válido")],
    ),
    (
        "periodo_de_otra_frecuencia",
        {"programacion": [("MS-EDU-01-I1,2024,", "MS-EDU-01-I1,2024-T1,")]},
        [
            (
                "programacion",
                6,
                "periodo",
                "el periodo «2024-T1» es trimestral pero el indicador «MS-EDU-01-I1» es anual",
            )
        ],
    ),
    (
        "indicador_desconocido",
        {"programacion": [("MP-01-I1,2024,70", "MP-01-I9,2024,70")]},
        [("programacion", 2, "indicador", "el indicador «MP-01-I9» no existe")],
    ),
    (
        "meta_con_separador_de_miles",
        {"programacion": [("2024-T2,1200", '2024-T2,"1,200"')]},
        [("programacion", 8, "meta", "«1,200» no es un número válido (use punto decimal y")],
    ),
    (
        "meta_no_numerica",
        {"programacion": [("2024-T1,1000", "2024-T1,mil")]},
        [("programacion", 7, "meta", "«mil» no es un número válido")],
    ),
    (
        "programacion_repetida",
        {"programacion": [("", "MP-01-I1,2025,60")]},
        [
            (
                "programacion",
                11,
                "periodo",
                "el indicador «MP-01-I1» ya tiene una fila para el periodo «2025» (fila 3)",
            )
        ],
    ),
    (
        "avance_repetido",
        {"avances": [("", "MP-01-I1,2024,70,2025-03-11,")]},
        [("avances", 7, "periodo", "ya tiene una fila para el periodo «2024» (fila 2)")],
    ),
    (
        "fecha_dd_mm_aaaa",
        {"avances": [("2024-04-10", "10/04/2024")]},
        [
            (
                "avances",
                5,
                "fecha_reporte",
                "«10/04/2024» no es una fecha válida (use aaaa-mm-dd: 2024-04-10)",
            )
        ],
    ),
    (
        "fecha_inexistente",
        {"avances": [("2024-04-05", "2024-02-30")]},
        [
            (
                "avances",
                6,
                "fecha_reporte",
                "«2024-02-30» no es una fecha válida (no existe ese día)",
            )
        ],
    ),
    (
        "fecha_anterior_al_periodo",
        {"avances": [("2024-07-12", "2023-12-01")]},
        [("avances", 3, "fecha_reporte", "anterior al inicio del periodo «2024-S1»")],
    ),
    (
        "valor_vacio",
        {"avances": [("2024-S1,74,", "2024-S1,,")]},
        [("avances", 3, "valor", "falta el valor (obligatorio)")],
    ),
    (
        "columna_obligatoria_ausente",
        {"avances": [("periodo,valor,", "periodo,value,")]},
        [
            ("avances", 1, "valor", "falta la columna obligatoria"),
            ("avances", 1, "value", "columna desconocida; las columnas de esta hoja son:"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("ediciones", "esperados"), [c[1:] for c in CASOS], ids=[c[0] for c in CASOS]
)
def test_each_error_kind_is_located_and_explained(tmp_path, ediciones, esperados):
    """Each broken rule gives exactly the expected error(s): sheet, row, column, Spanish text."""
    errores = check_mcr(copy_fixture(tmp_path / "mcr", ediciones))
    assert located(errores) == {(h, f, c) for h, f, c, _ in esperados}, [str(e) for e in errores]
    assert len(errores) == len(esperados), [str(e) for e in errores]
    for hoja, fila, columna, fragmento in esperados:
        mensajes = [
            e.mensaje for e in errores if (e.hoja, e.fila, e.columna) == (hoja, fila, columna)
        ]
        assert any(fragmento in m for m in mensajes), (fragmento, mensajes)


def test_valid_fixture_has_no_error(tmp_path):
    """The hand-written fixture is valid: every error above comes from its single edit."""
    assert check_mcr(copy_fixture(tmp_path / "mcr")) == []


def test_error_line_reads_as_one_spanish_sentence(tmp_path):
    """str(error) names sheet, row and column before the message, as the CLI prints it."""
    carpeta = copy_fixture(
        tmp_path / "mcr", {"avances": [("", 'MI-SEDUC-01-I1,2024-T2,"12,5",2024-07-05,')]}
    )
    errores = check_mcr(carpeta)
    assert [str(e) for e in errores] == [
        "Hoja «avances», fila 7, columna «valor»: «12,5» no es un número válido "
        "(use punto decimal: 12.5)"
    ]


def test_all_errors_are_collected_in_file_order(tmp_path):
    """Errors of several sheets are all reported, sorted by sheet, then row, then column."""
    carpeta = copy_fixture(
        tmp_path / "mcr",
        {
            "avances": [("2024-04-10", "ayer")],
            "metas": [("MP-01,presidencial", "MP-01,presidente"), ("E2-SOC,,,,2", "E2-SOC,,,,x")],
            "ejes": [("Social,E2", "Social,E9")],
            "programacion": [("MP-01-I1,2025,65", "MP-01-I1,2025-S1,65")],
        },
    )
    errores = check_mcr(carpeta)
    assert [(e.hoja, e.fila, e.columna) for e in errores] == [
        ("ejes", 4, "eje_padre"),
        ("metas", 2, "nivel"),
        ("metas", 3, "peso"),
        ("programacion", 3, "periodo"),
        ("avances", 5, "fecha_reporte"),
    ]


def test_sheet_and_path_problems(tmp_path):
    """Unknown sheets, missing paths, wrong file types and damaged workbooks: one clear error."""
    carpeta = copy_fixture(tmp_path / "mcr")
    (carpeta / "observaciones.csv").write_text("nota\nrevisar\n", encoding="utf-8")
    assert [(e.hoja, e.fila, e.columna) for e in check_mcr(carpeta)] == [
        ("observaciones", None, None)
    ]
    assert "no es una hoja conocida" in check_mcr(carpeta)[0].mensaje

    ausente = check_mcr(tmp_path / "no-existe.xlsx")
    assert [str(e) for e in ausente] == [
        f"no existe el archivo o carpeta «{tmp_path / 'no-existe.xlsx'}»"
    ]

    texto = tmp_path / "mcr.txt"
    texto.write_text("hola", encoding="utf-8")
    assert "no es un libro .xlsx ni una carpeta" in str(check_mcr(texto)[0])

    danado = tmp_path / "mcr.xlsx"
    danado.write_bytes(b"PK\x03\x04 esto no es un libro")
    (error,) = check_mcr(danado)
    assert "no es un libro de Excel (.xlsx) válido o está dañado" in error.mensaje

    vacia = tmp_path / "vacia"
    vacia.mkdir()
    (vacia / "leame.txt").write_text("nada", encoding="utf-8")
    (error,) = check_mcr(vacia)
    assert "no contiene ninguna de las hojas de la MCR" in error.mensaje


def test_csv_encoding_and_separator_problems(tmp_path):
    """A CSV saved in Latin-1 or with «;» separators is rejected with how to save it."""
    carpeta = tmp_path / "mcr"
    carpeta.mkdir()
    (carpeta / "instituciones.csv").write_bytes(
        "sigla,nombre,sectores\nSESAL,Secretaría,SAL\n".encode("latin-1")
    )
    (carpeta / "ejes.csv").write_text("codigo;nombre;eje_padre\nE1;Eje;\n", encoding="utf-8")
    mensajes = {e.hoja: e.mensaje for e in check_mcr(carpeta)}
    assert "no está codificado en UTF-8" in mensajes["instituciones"]
    assert "usa «;» como separador" in mensajes["ejes"]


def test_error_str_without_row_or_sheet():
    """An error about a whole sheet or the file has no row/column part."""
    assert str(ErrorImportacion("metas", None, None, "la hoja aparece dos veces")) == (
        "Hoja «metas»: la hoja aparece dos veces"
    )
    assert str(ErrorImportacion("", None, None, "no existe")) == "no existe"


def test_workbook_sheet_problems(tmp_path):
    """Workbook: an empty extra sheet is ignored; a repeated sheet or a missing header is not."""
    libro = write_xlsx(
        tmp_path / "mcr.xlsx",
        {
            "Hoja1": [],
            "ejes": [["codigo", "nombre", "eje_padre"], ["E1", "Eje uno", None]],
            "EJES ": [["codigo", "nombre", "eje_padre"], ["E2", "Eje dos", None]],
            "avances": [[None], [None, None], ["X-1", "2024", 3, "2024-01-05"]],
        },
    )
    assert [(e.hoja, e.fila, e.columna, e.mensaje) for e in check_mcr(libro)] == [
        ("ejes", None, None, "la hoja aparece dos veces en el archivo"),
        ("avances", 1, "indicador", "falta la columna obligatoria"),
        ("avances", 1, "periodo", "falta la columna obligatoria"),
        ("avances", 1, "valor", "falta la columna obligatoria"),
        ("avances", 1, "fecha_reporte", "falta la columna obligatoria"),
    ]

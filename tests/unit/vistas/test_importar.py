"""The import page's rows (issue #10): values as an analyst reads them, errors located, and when
«Aplicar cambios» is offered."""

from __future__ import annotations

from data_layer.vistas import importar as vm

VISTA = {
    "ok": True,
    "hubo_cambios": True,
    "errores": [],
    "hojas": [
        {
            "hoja": "avances",
            "insertados": 1,
            "actualizados": 1,
            "sin_cambios": 1234,
            "nuevos": ["I-1 · 2024-T2"],
            "cambiados": [
                {
                    "clave": "I-1 · 2024-T1",
                    "cambios": [
                        {"columna": "valor", "antes": 1234.5, "despues": 1300},
                        {
                            "columna": "fecha_reporte",
                            "antes": "2024-04-05",
                            "despues": "2024-04-06",
                        },
                        {"columna": "comentario", "antes": None, "despues": "Corregido"},
                    ],
                }
            ],
        }
    ],
}


def test_values_read_as_in_honduras() -> None:
    """Numbers with comma thousands, dates dd/mm/aaaa, lists with «;», empty cells named."""
    assert vm.texto_valor(1234.5) == "1,234.5"
    assert vm.texto_valor("2024-04-05") == "05/04/2024"
    assert vm.texto_valor(["Género", "Ambiente"]) == "Género; Ambiente"
    assert vm.texto_valor(None) == "(vacío)"


def test_rows_of_the_summary_and_of_the_changes() -> None:
    """One summary row per sheet, one change row per changed column with old → new."""
    assert vm.filas_resumen(VISTA) == [
        {"hoja": "Avances", "nuevos": "1", "cambiados": "1", "sin_cambios": "1,234"}
    ]
    assert vm.filas_cambios(VISTA["hojas"][0]) == [
        {"clave": "I-1 · 2024-T1", "columna": "valor", "antes": "1,234.5", "despues": "1,300"},
        {
            "clave": "I-1 · 2024-T1",
            "columna": "fecha_reporte",
            "antes": "05/04/2024",
            "despues": "06/04/2024",
        },
        {
            "clave": "I-1 · 2024-T1",
            "columna": "comentario",
            "antes": "(vacío)",
            "despues": "Corregido",
        },
    ]
    assert (
        vm.texto_detalle(VISTA["hojas"][0]) == "Avances: 1 nuevos, 1 con cambios, 1,234 sin cambios"
    )


def test_errors_are_located_by_sheet_row_and_column() -> None:
    """An error of the file itself has no sheet, row or column; others have theirs."""
    vista = {
        "errores": [
            {"hoja": "", "fila": None, "columna": None, "mensaje": "dañado"},
            {"hoja": "metas", "fila": 1200, "columna": "peso", "mensaje": "no es un número"},
        ]
    }
    assert vm.filas_errores(vista) == [
        {"hoja": "(archivo)", "fila": "", "columna": "", "mensaje": "dañado"},
        {"hoja": "Metas", "fila": "1,200", "columna": "peso", "mensaje": "no es un número"},
    ]


def test_apply_offered_only_for_a_finished_valid_preview_with_changes() -> None:
    """«Aplicar cambios» appears only when the preview is done, has no error and changes
    something."""
    assert vm.puede_aplicar({"etapa": "lista", "vista_previa": VISTA})
    assert not vm.puede_aplicar({"etapa": "vista_previa", "vista_previa": None})
    assert not vm.puede_aplicar(
        {"etapa": "lista", "vista_previa": {**VISTA, "hubo_cambios": False}}
    )
    assert not vm.puede_aplicar({"etapa": "con_errores", "vista_previa": {**VISTA, "ok": False}})
    assert not vm.puede_aplicar({"etapa": "aplicada", "vista_previa": VISTA})
    assert not vm.puede_aplicar(None)

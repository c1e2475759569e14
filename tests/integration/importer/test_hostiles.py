"""Hostile and broken MCR files are refused early, in Spanish, within bounds (issue #15).

Bounds are structural here (what was read, how many errors are listed, that the sheet was never
parsed); the time and memory of each refusal are measured by ``make bench-hostiles``
(BENCHMARKS.md). Every file is generated in the test.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from data_layer.importer import check_mcr, import_mcr, topes
from data_layer.importer.esquema import parse_sheet
from data_layer.importer.lectura import AVANCES_VACIA, read_source
from data_layer.importer.resultado import Errores
from data_layer.importer.web import ArchivoInvalido, revisar_archivo
from tests.integration.importer import hostiles
from tests.integration.importer.helpers import FIXTURE, copy_fixture, csv_folder_to_xlsx, dump

ENC = hostiles.ENCABEZADO_AVANCES
#: Words of the English messages of openpyxl, zipfile, csv and Python that must never show.
_INGLES = re.compile(
    r"\b(Error|error:|File|file is|not a zip|Unable|invalid|expected|field larger|line \d|"
    r"BadZipFile|KeyError|ValueError|Traceback|workbook|sheet)\b"
)


def _leer(ruta: Path) -> tuple[Errores, dict[str, list]]:
    """Read and convert like the importer, keeping the :class:`Errores` to look at."""
    errores = Errores()
    fuente = read_source(ruta, errores)
    filas: dict[str, list] = {}
    if fuente is not None:
        with fuente:
            filas = {n: parse_sheet(h, errores) for n, h in fuente.hojas.items()}
    return errores, filas


def _mensajes(errores) -> str:
    return " | ".join(str(e) for e in errores)


def _sin_ingles(errores) -> None:
    for e in errores:
        assert not _INGLES.search(e.mensaje), e.mensaje


def test_a_zip_bomb_is_refused_from_the_zip_directory(tmp_path) -> None:
    """A ~0.4 MB workbook whose sheet expands to 100 MB is refused before any sheet is opened,
    by the importer and by the web upload, with one Spanish message."""
    bomba = hostiles.bomba_zip(tmp_path / "bomba.xlsx", megas=100)
    assert bomba.stat().st_size < 1024 * 1024
    errores = check_mcr(bomba)
    assert len(errores) == 1 and "«bomba zip»" in errores[0].mensaje
    assert "100 MB" in errores[0].mensaje
    with pytest.raises(ArchivoInvalido, match="tamaño anormal"):
        revisar_archivo("bomba.xlsx", bomba.read_bytes())
    _sin_ingles(errores)


def test_a_diverse_bomb_under_the_ratio_cap_stops_at_the_error_cap(tmp_path) -> None:
    """A sheet of 300,000 distinct garbage rows passes the ZIP checks; reading stops once
    :data:`topes.MAX_ERRORES_REVISADOS` errors were found, long before its end, and the list
    holds the first errors plus one «… y N errores más» line."""
    libro = hostiles.bomba_diversa(tmp_path / "diversa.xlsx", filas=300_000)
    errores, _ = _leer(libro)
    assert errores.detenido is not None
    hoja, fila = errores.detenido
    assert hoja == "avances" and fila < 5_000
    lista = errores.resultado()
    assert len(lista) == topes.MAX_ERRORES_LISTADOS + 1
    assert lista[-1].mensaje.startswith(
        f"… y {len(errores) - topes.MAX_ERRORES_LISTADOS:,} errores más"
    )
    assert "se dejó de revisar el archivo" in lista[-1].mensaje


def test_a_sheet_declaring_xfd1048576_is_refused_before_it_is_parsed(tmp_path) -> None:
    """A 5 KB sheet declaring ``A1:XFD1048576`` is refused from its declared dimension: one
    error, no row read (no «falta el valor» for the million padded rows)."""
    libro = hostiles.dimension_gigante(tmp_path / "dim.xlsx")
    assert libro.stat().st_size < 10_000
    errores, filas = _leer(libro)
    assert filas == {} and len(errores) == 1
    (error,) = errores.resultado()
    assert (error.hoja, error.fila) == ("avances", None)
    assert "XFD1048576" in error.mensaje and "16,384 columnas" in error.mensaje
    _sin_ingles([error])


def test_a_lying_dimension_reads_only_the_rows_there_are(tmp_path) -> None:
    """A sheet declaring ``A1:E1048576`` (within the caps) with two rows reads two rows, and one
    declaring ``A1:E3`` that has a cell beyond the column cap stops there with a message."""
    alta = hostiles.dimension_gigante(tmp_path / "alta.xlsx", "A1:E1048576")
    errores, filas = _leer(alta)
    assert [f.numero for f in filas["avances"]] == [2] and not errores

    base = hostiles.libro(
        tmp_path / "base.xlsx",
        {"avances": [ENC, ["MS-01-I1", "2024-T1", 1, "2024-04-05"]]},
        lambda wb: wb["avances"].cell(row=3, column=16_000, value="x"),
    )
    mentira = hostiles.reescribir_hoja(
        base,
        tmp_path / "mentira.xlsx",
        "avances",
        lambda xml: [re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:E3"', xml)],
    )
    errores, filas = _leer(mentira)
    assert [(e.hoja, e.fila) for e in errores.resultado()] == [("avances", 3)]
    assert "más allá de la columna 100" in errores.resultado()[0].mensaje


def test_a_million_row_csv_stops_at_the_error_cap(tmp_path) -> None:
    """An ``avances.csv`` of a million bad rows: the reader stops after
    :data:`topes.MAX_ERRORES_REVISADOS` errors (a few thousand rows), the result lists
    :data:`topes.MAX_ERRORES_LISTADOS` errors and a last line saying how many more and where
    the check stopped."""
    carpeta = hostiles.csv_millon(tmp_path / "csv", filas=1_000_000)
    errores, filas = _leer(carpeta)
    assert errores.detenido is not None and errores.detenido[1] < 5_000
    assert len(filas["avances"]) < 5_000
    lista = check_mcr(carpeta)
    assert len(lista) == topes.MAX_ERRORES_LISTADOS + 1
    assert re.match(
        r"^… y [\d,]+ errores más; con [\d,]+ errores se dejó de revisar", lista[-1].mensaje
    )
    assert "fila 3,336" in lista[-1].mensaje
    _sin_ingles(lista)


def test_a_file_under_the_stop_lists_200_and_counts_the_rest(tmp_path) -> None:
    """300 bad cells: 200 listed, then «… y 100 errores más (se muestran los primeros 200)»;
    all 300 are counted."""
    carpeta = copy_fixture(tmp_path / "mala", hojas=["avances"])
    with (carpeta / "avances.csv").open("a", encoding="utf-8") as f:
        f.writelines(f"MS-SAL-01-I1,2024-S1,x{i},2024-07-12,\n" for i in range(300))
    errores, _ = _leer(carpeta)
    lista = errores.resultado()
    assert len(errores) == 300 and len(lista) == 201 and errores.detenido is None
    assert lista[-1].mensaje == "… y 100 errores más (se muestran los primeros 200)"


def test_rows_beyond_the_row_cap_are_not_read(tmp_path, monkeypatch) -> None:
    """With the row cap at 50, a 1,000-row sheet stops at row 51 with a message (the cap's
    value is the only thing changed)."""
    monkeypatch.setattr(topes, "MAX_FILAS", 50)
    carpeta = copy_fixture(tmp_path / "larga", hojas=["avances"])
    with (carpeta / "avances.csv").open("a", encoding="utf-8") as f:
        f.writelines(f"MS-SAL-01-I1,2024-S1,{i},2024-07-12,\n" for i in range(1_000))
    errores, filas = _leer(carpeta)
    assert max(f.numero for f in filas["avances"]) == 50
    assert [(e.hoja, e.fila) for e in errores.resultado()] == [("avances", 51)]
    assert "más de 50 filas" in errores.resultado()[0].mensaje


def test_a_giant_csv_line_is_refused_without_reading_it_whole(tmp_path) -> None:
    """A line longer than :data:`topes.MAX_LINEA` characters is refused at its row."""
    carpeta = tmp_path / "linea"
    carpeta.mkdir()
    (carpeta / "avances.csv").write_text(
        ",".join(ENC) + "\n" + "a," * (topes.MAX_LINEA // 2 + 10) + "\n", encoding="utf-8"
    )
    lista = check_mcr(carpeta)
    assert [(e.hoja, e.fila) for e in lista] == [("avances", 2)]
    assert "caracteres" in lista[0].mensaje
    _sin_ingles(lista)


def test_a_formula_without_a_cached_value_has_its_own_message(tmp_path) -> None:
    """A formula cell that Excel never calculated is not «falta el valor»: its own message
    names the cell; the same formula with a value cached by Excel imports that value."""
    carpeta = copy_fixture(tmp_path / "csv")
    libro = csv_folder_to_xlsx(carpeta, tmp_path / "mcr.xlsx")
    con_formula = tmp_path / "formula.xlsx"
    hostiles.reescribir_hoja(
        libro,
        con_formula,
        "avances",
        lambda xml: [
            re.sub(rb'<c r="C2"[^>]*>.*?</c>', b'<c r="C2"><f>70+2.3</f><v></v></c>', xml)
        ],
    )
    errores = check_mcr(con_formula)
    assert [(e.hoja, e.fila, e.columna) for e in errores] == [("avances", 2, "valor")]
    assert errores[0].mensaje.startswith("la celda C2 tiene una fórmula sin valor calculado")
    assert "guárdelo antes de subirlo" in errores[0].mensaje

    calculada = tmp_path / "calculada.xlsx"
    hostiles.reescribir_hoja(
        libro,
        calculada,
        "avances",
        lambda xml: [
            re.sub(rb'<c r="C2"[^>]*>.*?</c>', b'<c r="C2"><f>70+2.3</f><v>72.3</v></c>', xml)
        ],
    )
    assert check_mcr(calculada) == []


def test_a_formula_in_the_header_is_reported(tmp_path) -> None:
    """A header cell holding a formula without a value is reported at row 1."""
    libro = hostiles.libro(tmp_path / "h.xlsx", {"avances": [[*ENC[:2], "=A1", *ENC[3:]], ENC]})
    errores = check_mcr(libro)
    assert ("avances", 1, None) in {(e.hoja, e.fila, e.columna) for e in errores}
    assert any("la celda C1 tiene una fórmula" in e.mensaje for e in errores)


def test_merged_cells_in_the_data_have_their_own_message(tmp_path) -> None:
    """Merged cells over named columns are reported by range, located at their first row and
    column, instead of «falta el valor» for the hidden cells; merges under unnamed columns are
    ignored like those columns."""

    def combinar(wb) -> None:
        wb["avances"].merge_cells("A2:A3")
        wb["avances"].merge_cells("H2:I3")  # no header there: ignored

    libro = hostiles.libro(
        tmp_path / "comb.xlsx",
        {
            "avances": [
                ENC,
                ["MS-SAL-01-I1", "2024-S1", 74, "2024-07-12"],
                [None, "2024-S2", 75, "2025-01-12"],
            ]
        },
        combinar,
    )
    errores = check_mcr(libro)
    assert [(e.hoja, e.fila, e.columna) for e in errores] == [("avances", 2, "indicador")]
    assert errores[0].mensaje.startswith("las celdas A2:A3 están combinadas")


@pytest.mark.parametrize("forma", ["solo-encabezado", "hoja-en-blanco", "csv-solo-encabezado"])
def test_an_empty_avances_sheet_is_reported(tmp_path, forma) -> None:
    """An ``avances`` sheet with no row under its header, or with nothing at all, is an error
    with its own message (not «sin cambios»), in a workbook or as a CSV."""
    if forma == "csv-solo-encabezado":
        ruta = tmp_path / "csv"
        ruta.mkdir()
        (ruta / "avances.csv").write_text(",".join(ENC) + "\n\n", encoding="utf-8")
    else:
        filas = [ENC] if forma == "solo-encabezado" else []
        ruta = hostiles.libro(tmp_path / "vacia.xlsx", {"avances": filas})
    errores = check_mcr(ruta)
    assert [(e.hoja, e.mensaje) for e in errores] == [("avances", AVANCES_VACIA)]


def _cifrar(libro: bytes, parte: bytes) -> bytes:
    """The workbook with the «encrypted» flag set on ``parte`` in the ZIP's central directory
    (``zipfile`` cannot write encrypted members)."""
    datos = bytearray(libro)
    pos = datos.find(b"PK\x01\x02")
    while pos >= 0:
        largo = int.from_bytes(datos[pos + 28 : pos + 30], "little")
        if bytes(datos[pos + 46 : pos + 46 + largo]) == parte:
            datos[pos + 8] |= 0x1
        pos = datos.find(b"PK\x01\x02", pos + 4)
    return bytes(datos)


def test_password_protected_old_and_broken_files_are_refused_in_spanish(tmp_path) -> None:
    """A password-protected workbook (an OLE container), an ``.xls``, a truncated ZIP, a damaged
    sheet, encrypted members and too many members: each a Spanish message, no English."""
    casos: dict[str, tuple[bytes, str]] = {}
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500
    casos["clave"] = (ole + "EncryptionInfo".encode("utf-16-le") + b"\0" * 500, "contraseña")
    casos["xls"] = (ole + b"\0" * 500, "antiguo (.xls)")
    buena = hostiles.libro(tmp_path / "buena.xlsx", {"avances": [ENC, ["MS-01-I1"]]})
    casos["truncado"] = (buena.read_bytes()[:3000], "válido o está dañado")
    dañado = hostiles.reescribir_hoja(
        buena, tmp_path / "danado.xlsx", "avances", lambda xml: [xml[: len(xml) // 2]]
    )
    casos["xml-roto"] = (dañado.read_bytes(), "válido o está dañado")
    casos["cifrado"] = (_cifrar(buena.read_bytes(), b"xl/worksheets/sheet1.xml"), "cifradas")
    muchas = tmp_path / "muchas.xlsx"
    with zipfile.ZipFile(buena) as z, zipfile.ZipFile(muchas, "w") as salida:
        for info in z.infolist():
            salida.writestr(info, z.read(info.filename))
        for i in range(topes.MAX_ENTRADAS):
            salida.writestr(f"xl/media/x{i}.bin", b"")
    casos["muchas"] = (muchas.read_bytes(), "partes internas")

    for nombre, (contenido, esperado) in casos.items():
        ruta = tmp_path / f"{nombre}.xlsx"
        ruta.write_bytes(contenido)
        errores = check_mcr(ruta)
        assert len(errores) == 1 and esperado in errores[0].mensaje, (nombre, _mensajes(errores))
        _sin_ingles(errores)
        if nombre != "xml-roto":  # the upload checks the ZIP; the sheet's XML is the reader's
            with pytest.raises(ArchivoInvalido, match=re.escape(esperado)):
                revisar_archivo(f"{nombre}.xlsx", contenido)


def test_a_rejected_hostile_file_writes_nothing(engine, tmp_path) -> None:
    """After a good import, each hostile file is rejected by the importer and the database is
    exactly as it was (no partial write, no import record)."""
    assert import_mcr(engine, FIXTURE).ok
    antes = dump(engine)
    archivos = [
        hostiles.bomba_zip(tmp_path / "bomba.xlsx", megas=20),
        hostiles.dimension_gigante(tmp_path / "dim.xlsx"),
        hostiles.csv_millon(tmp_path / "csv", filas=20_000),
        hostiles.libro(tmp_path / "vacia.xlsx", {"avances": [ENC]}),
    ]
    # A valid change in the first sheets and a formula without value in avances.
    carpeta = copy_fixture(tmp_path / "mixta", {"ejes": [("", "E9,Eje nuevo,")]})
    libro = csv_folder_to_xlsx(carpeta, tmp_path / "mixta.xlsx")
    archivos.append(
        hostiles.reescribir_hoja(
            libro,
            tmp_path / "formula.xlsx",
            "avances",
            lambda xml: [re.sub(rb'<c r="C2"[^>]*>.*?</c>', b'<c r="C2"><f>1+1</f></c>', xml)],
        )
    )
    for archivo in archivos:
        resultado = import_mcr(engine, archivo)
        assert not resultado.ok and resultado.importacion_id is None, archivo
        assert resultado.total_errores >= len(resultado.errores) - 1
        assert len(resultado.errores) <= topes.MAX_ERRORES_LISTADOS + 1
    assert dump(engine) == antes

"""Time the content check of worst-case 10 MB evidence files (issue #10): what one upload costs.

Run: ``.venv/bin/python -m bench.evidencias``. Each file is checked 5 times; the median is shown.
"""

from __future__ import annotations

import io
import os
import statistics
import time
import zipfile

from data_layer.evidencias import MAX_BYTES, detectar


def _a_medida(cabeza: bytes, relleno: bytes, cola: bytes) -> bytes:
    n = (MAX_BYTES - len(cabeza) - len(cola)) // len(relleno)
    return cabeza + relleno * n + cola


def _xlsx_peor() -> bytes:
    """A workbook at the expansion limits: incompressible 3 MB plus XML expanding to ~95 MB."""
    salida = io.BytesIO()
    with zipfile.ZipFile(salida, "w", zipfile.ZIP_DEFLATED) as archivo:
        archivo.writestr("[Content_Types].xml", "<Types/>")
        archivo.writestr("xl/workbook.xml", "<workbook/>")
        archivo.writestr("xl/media/image1.bin", os.urandom(3 * 1024 * 1024))
        archivo.writestr("xl/worksheets/sheet1.xml", b"<c><v>1</v></c>" * 6_000_000)
    return salida.getvalue()


def main() -> None:
    """Print the median check time of each worst-case file."""
    casos = {
        "PDF 10 MB": _a_medida(b"%PDF-1.4\n", b"0123456789 abcdef\n", b"%%EOF\n"),
        "XLSX at the expansion limits": _xlsx_peor(),
        "CSV 10 MB, positive numbers": _a_medida(b"a,b,c\n", b"1,2,3\n", b""),
        "CSV 10 MB, every cell signed": _a_medida(b"a,b,c\n", b"-1,+2,-3.5\n", b""),
        "PNG 10 MB": _a_medida(
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x02\x00\x00\x00"
            b"\x00\x00\x00\x00",
            b"\x00" * 64,
            b"\x00\x00\x00\x00IEND\xaeB`\x82",
        ),
    }
    print(f"{'file':32} {'size MB':>8} {'median ms':>10}")
    for nombre, contenido in casos.items():
        tiempos = []
        for _ in range(5):
            inicio = time.perf_counter()
            detectar(contenido)
            tiempos.append((time.perf_counter() - inicio) * 1000)
        print(f"{nombre:32} {len(contenido) / 1024 / 1024:8.1f} {statistics.median(tiempos):10.1f}")


if __name__ == "__main__":
    main()

"""The printable documents: every field the guidelines list is in the PDF text, demo marking, and
the acuerdos workbook with formula-neutralised text."""

from __future__ import annotations

import datetime as dt
import io
import re

from openpyxl import load_workbook

from data_layer import documentos as doc


def texto_pdf(contenido: bytes) -> str:
    """The text drawn on the pages of an uncompressed fpdf2 PDF (core fonts: latin-1)."""
    assert contenido.startswith(b"%PDF-")
    trozos = re.findall(rb"\(((?:\\.|[^\\)])*)\) ?Tj", contenido)
    limpio = [re.sub(rb"\\(.)", rb"\1", t).decode("latin-1") for t in trozos]
    return "\n".join(limpio)


def convocatoria(**cambios) -> doc.DatosConvocatoria:
    """A convocatoria of the Salud mesa sent 2 days before the session, with a justification."""
    datos = {
        "mesa": "Mesa Sectorial de Salud",
        "nivel": "tecnico",
        "enviada_en": dt.date(2026, 3, 2),
        "fecha_hora": dt.datetime(2026, 3, 4, 9, 30),
        "lugar": "Secretaría de Salud — salón Morazán",
        "agenda": ["Revisión del avance del trimestre", "Seguimiento de acuerdos: vacunación"],
        "justificacion": "Emergencia epidemiológica por dengue",
        "convocada_por": "María López",
        "es_demo": False,
    }
    datos.update(cambios)
    return doc.DatosConvocatoria(**datos)


def ayuda(**cambios) -> doc.DatosAyudaMemoria:
    """Acta 7 of the Salud mesa: two members (one absent), one acuerdo, one earlier acuerdo."""
    datos = {
        "mesa": "Mesa Sectorial de Salud",
        "numero": 7,
        "nivel": "tecnico",
        "fecha_hora": dt.datetime(2026, 3, 4, 9, 30),
        "lugar": "Secretaría de Salud",
        "elaborada_en": dt.date(2026, 3, 5),
        "participantes": [
            doc.Participante("Ana Núñez", "Directora UPGRET", "SESAL", "tecnico", True),
            doc.Participante("José Ávila", "Técnico", "IHSS", "tecnico", False),
        ],
        "agenda": ["Revisión del avance del trimestre"],
        "desarrollo": "Se revisó la cobertura de vacunación.",
        "acuerdos": [
            doc.FilaAcuerdo(
                "Entregar el plan de vacunación",
                "SESAL",
                "Ana Núñez",
                dt.date(2026, 4, 1),
                "pendiente",
                resultado="Plan en elaboración",
                vinculos=["MS-01", "MS-01-I1"],
            )
        ],
        "seguimiento": [
            doc.FilaAcuerdo(
                "Depurar la base de afiliados",
                "IHSS",
                "José Ávila",
                dt.date(2026, 2, 1),
                "vencido",
                nota="Sin avance reportado",
            )
        ],
        "distribuida_en": dt.date(2026, 3, 9),
        "es_demo": False,
    }
    datos.update(cambios)
    return doc.DatosAyudaMemoria(**datos)


def test_convocatoria_pdf_lists_every_field_in_spanish() -> None:
    """The convocatoria shows mesa, level, date sent, date/time, place, agenda and, when late,
    the justification, with Spanish accents intact (latin-1 core font)."""
    texto = texto_pdf(doc.pdf_convocatoria(convocatoria(), comprimir=False))
    for esperado in (
        "Convocatoria a sesión de la Mesa Sectorial de Salud",
        "Técnico-operativo",
        "Fecha de envío:",
        "02/03/2026",
        "04/03/2026, 09:30",
        "Secretaría de Salud - salón Morazán",
        "1. Revisión del avance del trimestre",
        "2. Seguimiento de acuerdos: vacunación",
        "2 día(s)",
        "Emergencia epidemiológica por dengue",
    ):
        assert esperado in texto, esperado
    assert doc.MARCA_DEMO not in texto


def test_convocatoria_on_time_has_no_justification_section() -> None:
    """Without a justification the late-notice section is not printed."""
    texto = texto_pdf(doc.pdf_convocatoria(convocatoria(justificacion=None), comprimir=False))
    assert "Justificación" not in texto


def test_demo_data_is_marked_on_every_page() -> None:
    """Demo documents carry the "DATOS DE DEMOSTRACIÓN" line on each page (a long agenda makes
    three pages, so three lines)."""
    largo = convocatoria(es_demo=True, agenda=[f"Punto {i}" for i in range(120)])
    contenido = doc.pdf_convocatoria(largo, comprimir=False)
    paginas = len(re.findall(rb"/Type /Page\b", contenido))
    texto = texto_pdf(contenido)
    assert paginas >= 2
    assert texto.count(doc.MARCA_DEMO) == paginas


def test_ayuda_memoria_pdf_lists_every_field() -> None:
    """Acta number, date/time, place, attendance (present and absent), agenda, development,
    acuerdos with results and links, follow-up of earlier acuerdos and the distribution date."""
    texto = texto_pdf(doc.pdf_ayuda_memoria(ayuda(), comprimir=False))
    for esperado in (
        "Ayuda memoria N.º 7",
        "Número de acta:",
        "04/03/2026, 09:30",
        "Secretaría de Salud",
        "Presentes: 1. Ausentes: 1.",
        "- Ana Núñez, Directora UPGRET (SESAL, nivel técnico-operativo): Presente",
        "- José Ávila, Técnico (IHSS, nivel técnico-operativo): Ausente",
        "1. Revisión del avance del trimestre",
        "Se revisó la cobertura de vacunación.",
        "1. Entregar el plan de vacunación",
        "Fecha límite: 01/04/2026. Estado: Pendiente.",
        "Resultado: Plan en elaboración",
        "Metas e indicadores vinculados: MS-01, MS-01-I1",
        "Seguimiento de acuerdos anteriores",
        "1. Depurar la base de afiliados",
        "Estado: Vencido.",
        "Seguimiento: Sin avance reportado",
        "09/03/2026",
    ):
        assert esperado in texto, esperado


def test_ayuda_memoria_draft_and_correction() -> None:
    """A draft says it is pending distribution; a correction names the acta it corrects and why."""
    borrador = texto_pdf(doc.pdf_ayuda_memoria(ayuda(distribuida_en=None), comprimir=False))
    assert "Pendiente de distribución" in borrador
    correccion = texto_pdf(
        doc.pdf_ayuda_memoria(
            ayuda(numero=8, corrige_a=7, motivo_correccion="Faltaba un participante"),
            comprimir=False,
        )
    )
    assert "Corrige el acta:" in correccion
    assert "N.º 7" in correccion
    assert "Faltaba un participante" in correccion


def test_compressed_pdf_is_valid_and_smaller() -> None:
    """The default (compressed) output is a complete PDF, smaller than the uncompressed one."""
    comprimido = doc.pdf_ayuda_memoria(ayuda())
    plano = doc.pdf_ayuda_memoria(ayuda(), comprimir=False)
    assert comprimido.startswith(b"%PDF-") and comprimido.rstrip().endswith(b"%%EOF")
    assert len(comprimido) < len(plano)


def test_acuerdos_workbook_neutralises_formulas_and_keeps_dates() -> None:
    """Text starting with = + - @ gets an apostrophe; dates stay dates; states in Spanish."""
    filas = [
        {
            "acta": 3,
            "fecha_sesion": dt.date(2026, 1, 20),
            "texto": '=HYPERLINK("http://x")',
            "institucion": "SESAL",
            "persona": "@Ana",
            "fecha_limite": dt.date(2026, 2, 1),
            "estado": "en_proceso",
            "resultado": "-5 casos",
            "vinculos": ["MS-01"],
        }
    ]
    contenido = doc.xlsx_acuerdos(
        filas, mesa="Mesa Sectorial de Salud", fecha_corte=dt.date(2026, 3, 1), es_demo=True
    )
    hoja = load_workbook(io.BytesIO(contenido)).active
    valores = [[c.value for c in fila] for fila in hoja.iter_rows()]
    assert valores[0][0] == "Tablero de acuerdos - Mesa Sectorial de Salud"
    assert valores[1][0] == "Estado al 01/03/2026"
    assert valores[2][0] == doc.MARCA_DEMO
    assert valores[3] == [t for _, t, _ in doc.COLUMNAS_ACUERDOS]
    fila = valores[4]
    assert fila[2] == '\'=HYPERLINK("http://x")'
    assert fila[4] == "'@Ana"
    assert fila[7] == "'-5 casos"
    assert fila[6] == "En proceso"
    assert fila[8] == "MS-01"
    assert fila[5].date() == dt.date(2026, 2, 1)
    assert not any(isinstance(v, str) and v.startswith("=") for f in valores for v in f)


def test_neutralizar_leaves_safe_values() -> None:
    """Numbers, None and ordinary text pass unchanged."""
    assert doc.neutralizar(5) == 5
    assert doc.neutralizar(None) is None
    assert doc.neutralizar("Cumplido") == "Cumplido"
    assert doc.neutralizar("+504") == "'+504"


# --- bounds: what a document may hold -----------------------------------------------------------


def paginas(contenido: bytes) -> int:
    """Pages of a PDF written by fpdf2 (its page objects are never compressed)."""
    return len(re.findall(rb"/Type /Page\b", contenido))


def test_a_20000_item_agenda_prints_its_first_items_and_says_how_many_more() -> None:
    """A stored agenda of 20,000 items (it used to print ~400 pages and take seconds per
    download): the convocatoria prints the first 60 and a note with the 19,940 left out."""
    agenda = [f"Punto cargado {i}" for i in range(1, 20_001)]
    contenido = doc.pdf_convocatoria(convocatoria(agenda=agenda), comprimir=False)
    assert paginas(contenido) <= 4
    texto = texto_pdf(contenido)
    assert "60. Punto cargado 60" in texto and "Punto cargado 61" not in texto
    assert "(... 19,940 puntos de agenda más, ver el sistema)" in texto


def test_a_text_of_20000_lines_is_cut_with_a_note() -> None:
    """One agenda item of 20,000 lines, and a development of 200,000 characters: each prints
    within its bounds and says how much was left out."""
    item = "\n".join(["línea"] * 20_000)
    contenido = doc.pdf_convocatoria(convocatoria(agenda=[item]), comprimir=False)
    assert paginas(contenido) <= 2
    assert "caracteres más, ver el sistema)" in texto_pdf(contenido)
    contenido = doc.pdf_ayuda_memoria(ayuda(desarrollo="d" * 200_000), comprimir=False)
    seguido = " ".join(texto_pdf(contenido).split())  # the note may wrap onto a second line
    assert "(texto recortado: 180,000 caracteres más, ver el sistema)" in seguido


def test_an_ayuda_memoria_holding_everything_at_once_stays_bounded() -> None:
    """Thousands of participants, agenda items, acuerdos and follow-ups, each with texts far past
    the form's caps: the PDF stays within some 40 pages and each list says how many more the
    system holds."""
    largo = "palabra " * 5_000
    acuerdo = doc.FilaAcuerdo(
        largo, "SESAL", "Ana", dt.date(2026, 4, 1), "pendiente", resultado=largo, nota=largo
    )
    datos = ayuda(
        participantes=[doc.Participante("N" * 500, "Cargo", "SESAL", "tecnico", True)] * 5_000,
        agenda=[largo] * 5_000,
        desarrollo=largo * 10,
        acuerdos=[acuerdo] * 5_000,
        seguimiento=[acuerdo] * 5_000,
        lugar="L" * 5_000,
    )
    contenido = doc.pdf_ayuda_memoria(datos, comprimir=False)
    assert paginas(contenido) <= 40
    texto = texto_pdf(contenido)
    for sustantivo in ("participantes", "puntos de agenda", "acuerdos"):
        assert re.search(rf"\(\.\.\. [\d,]+ {sustantivo} más, ver el sistema\)", texto), sustantivo

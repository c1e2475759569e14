"""Printable MESGEPRET documents: convocatoria and ayuda memoria (PDF), acuerdos board (XLSX).

Pure builders: plain data in (the dataclasses below), bytes out; no database, no Dash. The PDFs use
fpdf2's core fonts (latin-1: every Spanish letter; the few typographic characters outside it are
replaced), so no font file is needed. Demo data carries a "DATOS DE DEMOSTRACIÓN" line on every
page. Spreadsheet text that would run as a formula is neutralised with a leading apostrophe. What a
PDF may hold (items, lines, characters) is bounded by :mod:`data_layer.documentos_topes`, with a
note where something was left out, so that any document is built in bounded time.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import xlsxwriter
from fpdf import FPDF

from data_layer import documentos_topes as topes
from data_layer import formato

#: The line printed on every page of a document built from demonstration data.
MARCA_DEMO = "DATOS DE DEMOSTRACIÓN"
#: Characters that make a spreadsheet read a text cell as a formula.
PELIGROSOS = ("=", "+", "-", "@", "\t", "\r")
#: Words shown for stored enum values.
NIVELES = {"politico": "Político", "tecnico": "Técnico-operativo"}
ESTADOS_ACUERDO = {
    "pendiente": "Pendiente",
    "en_proceso": "En proceso",
    "cumplido": "Cumplido",
    "vencido": "Vencido",
    "cancelado": "Cancelado",
}
_SUSTITUTOS = str.maketrans(
    {"—": "-", "–": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "…": "...", "•": "-"}
)


@dataclass(frozen=True)
class DatosConvocatoria:
    """What a convocatoria says: which mesa, level, when it was sent, when and where, agenda.

    ``convocada_por`` is the convener's full name as people know it (``Usuario.nombre``), never
    a login; None prints no line (the system's own writes).
    """

    mesa: str
    nivel: str
    enviada_en: dt.date
    fecha_hora: dt.datetime
    lugar: str
    agenda: Sequence[str]
    justificacion: str | None = None
    convocada_por: str | None = None
    es_demo: bool = False


@dataclass(frozen=True)
class Participante:
    """A member on the attendance list of an ayuda memoria."""

    nombre: str
    cargo: str
    institucion: str
    nivel: str
    presente: bool


@dataclass(frozen=True)
class FilaAcuerdo:
    """An acuerdo as the documents print it (``estado`` is the status at the document's date)."""

    texto: str
    institucion: str
    persona: str
    fecha_limite: dt.date
    estado: str
    resultado: str | None = None
    vinculos: Sequence[str] = ()
    nota: str | None = None


@dataclass(frozen=True)
class DatosAyudaMemoria:
    """Every field of an ayuda memoria the guidelines list."""

    mesa: str
    numero: int
    nivel: str
    fecha_hora: dt.datetime
    lugar: str
    elaborada_en: dt.date
    participantes: Sequence[Participante]
    agenda: Sequence[str]
    desarrollo: str
    acuerdos: Sequence[FilaAcuerdo]
    seguimiento: Sequence[FilaAcuerdo] = ()
    distribuida_en: dt.date | None = None
    corrige_a: int | None = None
    motivo_correccion: str | None = None
    es_demo: bool = False


def fecha(valor: dt.date | None) -> str:
    """A date as ``dd/mm/aaaa`` (``—`` when missing)."""
    return valor.strftime("%d/%m/%Y") if valor is not None else "—"


def fecha_hora(valor: dt.datetime) -> str:
    """A date and time as ``dd/mm/aaaa, HH:MM``."""
    return valor.strftime("%d/%m/%Y, %H:%M")


def neutralizar(valor: Any) -> Any:
    """A text a spreadsheet would run as a formula gets a leading apostrophe; others unchanged."""
    if isinstance(valor, str) and valor.startswith(PELIGROSOS):
        return "'" + valor
    return valor


def cifra(valor: Any, decimales: int = 0) -> str:
    """A number as documents print it: the product's one format (``1,234``, ``74.1``)."""
    return formato.format_numero(valor, decimales)


def _latin1(texto: object) -> str:
    return str(texto).translate(_SUSTITUTOS).encode("latin-1", "replace").decode("latin-1")


class _Documento(FPDF):
    """A4 portrait with the SIGPRET header, the demo line if needed and numbered pages."""

    def __init__(self, titulo: str, es_demo: bool, comprimir: bool) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.titulo = titulo
        self.es_demo = es_demo
        self.set_compression(comprimir)
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(auto=True, margin=18)
        self.set_title(_latin1(titulo))
        self.set_creator("SIGPRET")
        self.add_page()

    def header(self) -> None:
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(
            0,
            5,
            _latin1("SIGPRET · Mesas Sectoriales de Gestión por Resultados"),
            new_x="LMARGIN",
            new_y="NEXT",
        )
        if self.es_demo:
            self.set_font("Helvetica", "B", 11)
            self.set_text_color(180, 0, 0)
            self.cell(0, 7, _latin1(MARCA_DEMO), align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, _latin1(f"{self.titulo} · página {self.page_no()}"), align="C")

    def titular(self, texto: str) -> None:
        self.set_font("Helvetica", "B", 14)
        self.multi_cell(0, 7, _latin1(topes.acotar_texto(texto)), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def seccion(self, texto: str) -> None:
        self.ln(2)
        self.set_font("Helvetica", "B", 11)
        self.multi_cell(0, 6, _latin1(texto), new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 10)

    def dato(self, etiqueta: str, valor: str) -> None:
        self.set_font("Helvetica", "B", 10)
        self.cell(48, 6, _latin1(f"{etiqueta}:"))
        self.set_font("Helvetica", "", 10)
        self.multi_cell(0, 6, _latin1(topes.acotar_texto(valor)), new_x="LMARGIN", new_y="NEXT")

    def parrafo(self, texto: str, tope: topes.Tope = topes.TEXTO) -> None:
        self.set_font("Helvetica", "", 10)
        texto = topes.acotar_texto(texto, tope)
        self.multi_cell(0, 5.5, _latin1(texto), new_x="LMARGIN", new_y="NEXT")

    def lista(self, elementos: Sequence[str], vacio: str) -> None:
        """The agenda: numbered items within :data:`~data_layer.documentos_topes.AGENDA`."""
        if not elementos:
            self.parrafo(vacio)
            return
        elegidos, omitidos = topes.acotar_lista(
            elementos, topes.AGENDA, lambda t: min(len(t), topes.PUNTO.caracteres)
        )
        for i, texto in enumerate(elegidos, 1):
            self.parrafo(f"{i}. {texto}", topes.PUNTO)
        if omitidos:
            self.parrafo(topes.nota_omitidos(omitidos, "puntos de agenda"))

    def bytes(self) -> bytes:
        return bytes(self.output())


def _texto_acuerdo(a: FilaAcuerdo) -> list[str]:
    lineas = [
        a.texto,
        f"Responsable: {a.institucion}, {a.persona}. Fecha límite: {fecha(a.fecha_limite)}. "
        f"Estado: {ESTADOS_ACUERDO.get(a.estado, a.estado)}.",
    ]
    if a.resultado:
        lineas.append(f"Resultado: {a.resultado}")
    if a.vinculos:
        lineas.append(f"Metas e indicadores vinculados: {', '.join(a.vinculos)}")
    if a.nota:
        lineas.append(f"Seguimiento: {a.nota}")
    return lineas


def _acuerdos(pdf: _Documento, filas: Sequence[FilaAcuerdo], vacio: str) -> None:
    """Numbered acuerdos with their details, within ``documentos_topes.ACUERDOS``."""
    if not filas:
        pdf.parrafo(vacio)
        return
    elegidos, omitidos = topes.acotar_lista(
        filas,
        topes.ACUERDOS,
        lambda a: sum(min(len(linea), topes.TEXTO.caracteres) for linea in _texto_acuerdo(a)),
    )
    for i, a in enumerate(elegidos, 1):
        lineas = _texto_acuerdo(a)
        pdf.parrafo(f"{i}. {lineas[0]}")
        for linea in lineas[1:]:
            pdf.parrafo(f"    {linea}")
    if omitidos:
        pdf.parrafo(topes.nota_omitidos(omitidos, "acuerdos"))


def pdf_convocatoria(datos: DatosConvocatoria, *, comprimir: bool = True) -> bytes:
    """The convocatoria of a session as a printable PDF.

    Args:
        datos: mesa, level, date sent, date and time, place, agenda, justification if late.
        comprimir: compress the page streams (tests turn it off to read the text back).

    Returns:
        The PDF file's bytes.
    """
    pdf = _Documento(f"Convocatoria - {datos.mesa}", datos.es_demo, comprimir)
    pdf.titular(f"Convocatoria a sesión de la {datos.mesa}")
    pdf.dato("Mesa", datos.mesa)
    pdf.dato("Nivel", NIVELES.get(datos.nivel, datos.nivel))
    pdf.dato("Fecha de envío", fecha(datos.enviada_en))
    pdf.dato("Fecha y hora", fecha_hora(datos.fecha_hora))
    pdf.dato("Lugar", datos.lugar)
    dias = (datos.fecha_hora.date() - datos.enviada_en).days
    pdf.dato("Anticipación", f"{cifra(dias)} día(s)")
    if datos.convocada_por:
        pdf.dato("Convocada por", datos.convocada_por)
    pdf.seccion("Agenda")
    pdf.lista(list(datos.agenda), "Sin puntos de agenda.")
    if datos.justificacion:
        pdf.seccion("Justificación de la convocatoria con menos de 5 días de anticipación")
        pdf.parrafo(datos.justificacion)
    return pdf.bytes()


def pdf_ayuda_memoria(datos: DatosAyudaMemoria, *, comprimir: bool = True) -> bytes:
    """The ayuda memoria of a session as a printable PDF, with every field the guidelines list.

    Args:
        datos: acta number, date and time, place, attendance, agenda, development, acuerdos with
            results, follow-up of earlier acuerdos, distribution date, correction reference.
        comprimir: compress the page streams (tests turn it off to read the text back).

    Returns:
        The PDF file's bytes.
    """
    pdf = _Documento(f"Ayuda memoria N.º {datos.numero} - {datos.mesa}", datos.es_demo, comprimir)
    pdf.titular(f"Ayuda memoria N.º {datos.numero}")
    pdf.dato("Número de acta", str(datos.numero))
    pdf.dato("Mesa", datos.mesa)
    pdf.dato("Nivel", NIVELES.get(datos.nivel, datos.nivel))
    pdf.dato("Fecha y hora", fecha_hora(datos.fecha_hora))
    pdf.dato("Lugar", datos.lugar)
    pdf.dato("Elaborada el", fecha(datos.elaborada_en))
    pdf.dato(
        "Distribuida el",
        fecha(datos.distribuida_en) if datos.distribuida_en else "Pendiente de distribución",
    )
    if datos.corrige_a is not None:
        pdf.dato("Corrige el acta", f"N.º {datos.corrige_a}")
        if datos.motivo_correccion:
            pdf.dato("Motivo de la corrección", datos.motivo_correccion)

    pdf.seccion("Participantes y asistencia")
    presentes = [p for p in datos.participantes if p.presente]
    ausentes = [p for p in datos.participantes if not p.presente]
    pdf.parrafo(f"Presentes: {cifra(len(presentes))}. Ausentes: {cifra(len(ausentes))}.")
    lineas = [
        f"- {p.nombre}, {p.cargo} ({p.institucion}, nivel "
        f"{NIVELES.get(p.nivel, p.nivel).lower()}): {'Presente' if p.presente else 'Ausente'}"
        for p in [*presentes, *ausentes]
    ]
    elegidas, omitidas = topes.acotar_lista(lineas, topes.PARTICIPANTES, len)
    for linea in elegidas:
        pdf.parrafo(linea, topes.PARTICIPANTES)
    if omitidas:
        pdf.parrafo(topes.nota_omitidos(omitidas, "participantes"))

    pdf.seccion("Agenda")
    pdf.lista(list(datos.agenda), "Sin puntos de agenda.")
    pdf.seccion("Desarrollo de la sesión")
    pdf.parrafo(datos.desarrollo, topes.DESARROLLO)

    pdf.seccion("Acuerdos y resultados")
    _acuerdos(pdf, datos.acuerdos, "No se registraron acuerdos.")
    pdf.seccion("Seguimiento de acuerdos anteriores")
    _acuerdos(pdf, datos.seguimiento, "No había acuerdos abiertos de sesiones anteriores.")
    return pdf.bytes()


#: Columns of the acuerdos board: (key of each row, Spanish header, width).
COLUMNAS_ACUERDOS = (
    ("acta", "Acta", 8),
    ("fecha_sesion", "Fecha de la sesión", 14),
    ("texto", "Acuerdo", 60),
    ("institucion", "Institución responsable", 16),
    ("persona", "Persona responsable", 26),
    ("fecha_limite", "Fecha límite", 14),
    ("estado", "Estado", 14),
    ("resultado", "Resultado", 40),
    ("vinculos", "Metas e indicadores", 26),
)


#: XlsxWriter options of every workbook SIGPRET writes: in memory, dates as dd/mm/aaaa, and a
#: text is always a text (never read as a formula, a link or a number).
OPCIONES_XLSX: dict[str, Any] = {
    "in_memory": True,
    "default_date_format": "dd/mm/yyyy",
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


#: Name of the sheet saying how an exported table was made.
HOJA_FILTROS = "Filtros"


def hoja_filtros(libro: Any, filas: Sequence[tuple[str, Any]]) -> None:
    """Add the «Filtros» sheet to an XlsxWriter ``libro``: one ``(what, value)`` per row
    (:meth:`data_layer.vistas.exportacion.Exportacion.hoja_filtros`), a moment as a real Excel
    date and time."""
    ws = libro.add_worksheet(HOJA_FILTROS)
    negrita = libro.add_format({"bold": True})
    momento = libro.add_format({"num_format": "dd/mm/yyyy hh:mm", "align": "left"})
    ws.write_row(0, 0, ["Filtro", "Valor"], negrita)
    for n, (que, valor) in enumerate(filas, start=1):
        ws.write_string(n, 0, neutralizar(str(que)), negrita)
        if isinstance(valor, dt.datetime):
            ws.write_datetime(n, 1, valor, momento)
        else:
            ws.write_string(n, 1, neutralizar(str(valor)))
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, 70)


def xlsx_acuerdos(
    filas: Sequence[dict[str, Any]],
    *,
    mesa: str,
    fecha_corte: dt.date,
    es_demo: bool = False,
    filtros: Sequence[tuple[str, Any]] | None = None,
) -> bytes:
    """The acuerdos board of a mesa as an Excel workbook (one row per acuerdo).

    Args:
        filas: dicts with the keys of :data:`COLUMNAS_ACUERDOS` (dates as ``datetime.date``,
            ``estado`` as stored or derived, ``vinculos`` as a list of codes or a text).
        mesa: the mesa's name, for the title line.
        fecha_corte: the date the statuses refer to.
        es_demo: add the demo line.
        filtros: the «Filtros» sheet's rows (:func:`hoja_filtros`), or None for no such sheet.

    Returns:
        The XLSX file's bytes.
    """
    salida = io.BytesIO()
    with xlsxwriter.Workbook(salida, OPCIONES_XLSX) as libro:
        hoja = libro.add_worksheet("Acuerdos")
        negrita = libro.add_format({"bold": True})
        fila_n = 0
        hoja.write(
            fila_n,
            0,
            neutralizar(f"Tablero de acuerdos - {mesa}"),
            libro.add_format({"bold": True, "font_size": 13}),
        )
        fila_n += 1
        hoja.write(fila_n, 0, f"Estado al {fecha(fecha_corte)}")
        if es_demo:
            fila_n += 1
            hoja.write(
                fila_n, 0, MARCA_DEMO, libro.add_format({"bold": True, "font_color": "#B40000"})
            )
        fila_n += 1
        encabezado = fila_n
        hoja.write_row(encabezado, 0, [titulo for _, titulo, _ in COLUMNAS_ACUERDOS], negrita)
        for fila in filas:
            fila_n += 1
            for col, (clave, _, _) in enumerate(COLUMNAS_ACUERDOS):
                valor = fila.get(clave)
                if clave == "estado" and isinstance(valor, str):
                    valor = ESTADOS_ACUERDO.get(valor, valor)
                elif clave == "vinculos" and not isinstance(valor, str):
                    valor = ", ".join(valor or ())
                hoja.write(fila_n, col, neutralizar(valor))
        for col, (_, _, ancho) in enumerate(COLUMNAS_ACUERDOS):
            hoja.set_column(col, col, ancho)
        hoja.freeze_panes(encabezado + 1, 0)
        if filtros is not None:
            hoja_filtros(libro, filtros)
    return salida.getvalue()

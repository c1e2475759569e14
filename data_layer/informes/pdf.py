"""The informe de avance and the presidential briefing as PDF, with charts drawn by fpdf2.

Charts are drawn with fpdf2's own primitives (filled rectangles and text): no new dependency,
no browser, byte-for-byte deterministic, a few kilobytes per chart (see the README for why not
matplotlib or plotly's static export). Every chart says its numbers in text too, and every state
has its word next to its colour. Numbers go through :mod:`data_layer.formato` (the same strings
the pages show). Lists are bounded (:mod:`data_layer.documentos_topes`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from data_layer import documentos_topes as topes
from data_layer import formato
from data_layer.documentos import _Documento, _latin1, fecha
from data_layer.informes.contenido import (
    Barra,
    DatosInformeAvance,
    DatosInformePresidencial,
    FilaIndicador,
    PaginaEje,
)

#: Colour (RGB) and word of each state, as the pages show them.
ESTADOS: dict[str, tuple[tuple[int, int, int], str]] = {
    "rojo": ((176, 42, 55), "Rojo"),
    "amarillo": ((255, 205, 57), "Amarillo"),
    "verde": ((20, 108, 67), "Verde"),
    "sin_dato": ((73, 80, 87), "Sin dato"),
    "pendiente": ((10, 88, 202), "Pendiente"),
    "no_programado": ((206, 212, 218), "No programado"),
}
ESTADOS_ACUERDO = {
    "pendiente": "Pendiente",
    "en_proceso": "En proceso",
    "cumplido": "Cumplido",
    "vencido": "Vencido",
    "cancelado": "Cancelado",
}
ESTADOS_ACCION = {
    "abierto": "Abierto",
    "superado": "Superado",
    "propuesta": "Propuesta",
    "aprobada": "Aprobada",
    "en_ejecucion": "En ejecución",
    "concluida": "Concluida",
    "descartada": "Descartada",
}
#: Bars a chart draws at most (the rest are named in a note).
MAX_BARRAS = 14
#: Rows a list prints at most.
MAX_FILAS = 25


def pct(valor: float | None) -> str:
    """A percentage as every page prints it (``74.1 %``, ``—``)."""
    return formato.format_porcentaje(valor)


def estado_texto(estado: str | None) -> str:
    """The word of a state (``Rojo``), ``—`` without one."""
    return ESTADOS.get(estado or "", ((0, 0, 0), "—"))[1]


class _Informe(_Documento):
    """A4 document with the charts of the progress reports."""

    def barras(self, barras: Sequence[Barra], titulo: str) -> None:
        """Horizontal bars of avance (0–100 %, clipped) coloured by state, value at the end."""
        self.seccion(titulo)
        if not barras:
            self.parrafo("Sin metas que graficar en este periodo.")
            return
        elegidas = list(barras)[:MAX_BARRAS]
        ancho_etiqueta, ancho_barra, alto = 70.0, 80.0, 5.0
        x0 = self.l_margin
        self.set_font("Helvetica", "", 7)
        self.set_text_color(90, 90, 90)
        for marca in (0, 60, 80, 100):
            x = x0 + ancho_etiqueta + ancho_barra * marca / 100
            self.text(x - 2, self.get_y() + 2.5, f"{marca}")
        self.ln(3.5)
        for b in elegidas:
            if self.will_page_break(alto + 1):
                self.add_page()
            y = self.get_y()
            self.set_text_color(0, 0, 0)
            self.set_font("Helvetica", "", 7.5)
            etiqueta = b.etiqueta if len(b.etiqueta) <= 48 else b.etiqueta[:47] + "..."
            self.set_xy(x0, y)
            self.cell(ancho_etiqueta, alto, _latin1(etiqueta))
            self.set_fill_color(241, 243, 245)
            self.rect(x0 + ancho_etiqueta, y + 0.6, ancho_barra, alto - 1.2, style="F")
            color, palabra = ESTADOS.get(b.estado, ((150, 150, 150), b.estado))
            if b.valor is not None:
                largo = ancho_barra * max(0.0, min(100.0, b.valor)) / 100
                self.set_fill_color(*color)
                self.rect(x0 + ancho_etiqueta, y + 0.6, largo, alto - 1.2, style="F")
            self.set_xy(x0 + ancho_etiqueta + ancho_barra + 2, y)
            self.set_font("Helvetica", "B", 7.5)
            self.cell(0, alto, _latin1(f"{pct(b.valor)} · {palabra}"))
            self.ln(alto)
        # Thresholds: dashed lines at 60 and 80 % over the bars.
        if len(barras) > MAX_BARRAS:
            self.parrafo(topes.nota_omitidos(len(barras) - MAX_BARRAS, "metas"))
        self.ln(1)

    def distribucion(self, conteos: dict[str, int], titulo: str) -> None:
        """One stacked bar of the goals per state, with a legend saying each count."""
        self.seccion(titulo)
        total = sum(conteos.values())
        if total == 0:
            self.parrafo("Sin metas en este periodo.")
            return
        x, y, ancho, alto = self.l_margin, self.get_y() + 1, self.epw, 7.0
        for estado, n in conteos.items():
            if n <= 0:
                continue
            largo = ancho * n / total
            self.set_fill_color(*ESTADOS[estado][0])
            self.rect(x, y, largo, alto, style="F")
            x += largo
        self.set_y(y + alto + 2)
        self.set_font("Helvetica", "", 8)
        partes = [
            f"{ESTADOS[e][1]}: {formato.format_entero(n)}" for e, n in conteos.items() if n > 0
        ]
        self.multi_cell(0, 4.5, _latin1(" | ".join(partes)), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def indicadores(self, filas: Sequence[FilaIndicador], vacio: str) -> None:
        """Red and yellow indicators with value, target, avance and the explanation."""
        if not filas:
            self.parrafo(vacio)
            return
        for f in list(filas)[:MAX_FILAS]:
            self.set_font("Helvetica", "B", 9)
            self.multi_cell(
                0,
                5,
                _latin1(
                    f"{f.codigo} {topes.acotar_texto(f.nombre, topes.PUNTO)} "
                    f"({estado_texto(f.estado)})"
                ),
                new_x="LMARGIN",
                new_y="NEXT",
            )
            self.parrafo(
                f"    {f.institucion} · periodo {f.periodo} · valor "
                f"{formato.format_numero(f.valor, 2)} · meta {formato.format_numero(f.meta, 2)}"
                f" · avance {pct(f.avance)}"
            )
            explicacion = f.explicacion or "La institución no registró explicación."
            self.parrafo(f"    Explicación de la institución: {explicacion}", topes.PUNTO)
        if len(filas) > MAX_FILAS:
            self.parrafo(topes.nota_omitidos(len(filas) - MAX_FILAS, "indicadores"))

    def filas(self, lineas: Sequence[str], vacio: str, que: str) -> None:
        """A numbered list, bounded."""
        if not lineas:
            self.parrafo(vacio)
            return
        for i, linea in enumerate(list(lineas)[:MAX_FILAS], 1):
            self.parrafo(f"{i}. {linea}", topes.PUNTO)
        if len(lineas) > MAX_FILAS:
            self.parrafo(topes.nota_omitidos(len(lineas) - MAX_FILAS, que))


def _fechado(corte: dt.date) -> dt.datetime:
    """The PDF's creation date: its cut date, so the same data gives the same bytes."""
    return dt.datetime.combine(corte, dt.time(), tzinfo=dt.UTC)


def nombre_informe_avance(sector: str, periodo: str) -> str:
    """The file name of an informe de avance."""
    return f"informe-avance-{sector}-{periodo}.pdf"


def pdf_informe_avance(datos: DatosInformeAvance, *, comprimir: bool = True) -> bytes:
    """The informe de avance of a sector and quarter.

    Args:
        datos: what :func:`data_layer.informes.contenido.informe_avance` read.
        comprimir: compress the page streams (tests may turn it off).
    """
    titulo = f"Informe de avance {datos.periodo} - {datos.sector_nombre}"
    pdf = _Informe(titulo, datos.es_demo, comprimir)
    pdf.set_creation_date(_fechado(datos.fecha_corte))
    pdf.titular(f"Informe de avance del sector {datos.sector_nombre} ({datos.sector})")
    pdf.dato("Periodo evaluado", datos.periodo)
    pdf.dato("Fecha de corte", fecha(datos.fecha_corte))
    pdf.dato("Avance del sector", f"{pct(datos.avance)} ({estado_texto(datos.estado)})")
    n = sum(datos.conteos.values())
    pdf.dato("Metas sectoriales", formato.format_entero(n))
    pdf.distribucion(datos.conteos, "Metas sectoriales por estado")
    pdf.barras(datos.metas, "Avance de cada meta sectorial")
    pdf.seccion("Indicadores en rojo y amarillo, con la explicación de la institución")
    pdf.indicadores(datos.indicadores, "Ningún indicador del sector está en rojo ni en amarillo.")
    pdf.seccion("Acuerdos de la mesa y su estado")
    pdf.filas(
        [
            f"{a['texto']} Responsable: {a['institucion']}, {a['persona_responsable']}. "
            f"Fecha límite: {fecha(a['fecha_limite'])}. "
            f"Estado: {ESTADOS_ACUERDO.get(str(a['estado']), str(a['estado']))}."
            for a in datos.acuerdos
        ],
        "La mesa no tiene acuerdos registrados.",
        "acuerdos",
    )
    pdf.seccion("Cuellos de botella")
    pdf.filas(
        [
            f"{c['descripcion']} ({c['ambito']}"
            + (f", {c['institucion']}" if c.get("institucion") else "")
            + f"). Estado: {ESTADOS_ACCION.get(str(c['estado']), str(c['estado']))}."
            for c in datos.cuellos
        ],
        "La mesa no ha registrado cuellos de botella.",
        "cuellos de botella",
    )
    pdf.seccion("Estrategias y cursos de acción")
    pdf.filas(
        [
            f"{e['descripcion']} Responsable: {e['responsable']}. "
            f"Estado: {ESTADOS_ACCION.get(str(e['estado']), str(e['estado']))}."
            for e in datos.estrategias
        ],
        "La mesa no ha registrado estrategias.",
        "estrategias",
    )
    return pdf.bytes()


def _pagina_eje(pdf: _Informe, eje: PaginaEje) -> None:
    pdf.titular(f"{eje.codigo} · {eje.nombre}")
    pdf.dato("Avance del eje", f"{pct(eje.avance)} ({estado_texto(eje.estado)})")
    pdf.dato("Metas presidenciales", formato.format_entero(sum(eje.conteos.values())))
    pdf.distribucion(eje.conteos, "Metas presidenciales por estado")
    pdf.barras(eje.metas, "Avance de cada meta presidencial")
    pdf.seccion("Principales indicadores en rojo")
    pdf.indicadores(eje.rojos, "Ningún indicador del eje está en rojo.")


def pdf_informe_presidencial(datos: DatosInformePresidencial, *, comprimir: bool = True) -> bytes:
    """The presidential briefing: a cover line, then one page per eje."""
    pdf = _Informe(f"Informe presidencial {datos.periodo}", datos.es_demo, comprimir)
    pdf.set_creation_date(_fechado(datos.fecha_corte))
    for i, eje in enumerate(datos.ejes):
        if i:
            pdf.add_page()
        if i == 0:
            pdf.set_font("Helvetica", "", 9)
            pdf.multi_cell(
                0,
                5,
                _latin1(
                    f"Informe presidencial de avance de metas · periodo {datos.periodo} · corte "
                    f"al {fecha(datos.fecha_corte)}"
                ),
                new_x="LMARGIN",
                new_y="NEXT",
            )
        _pagina_eje(pdf, eje)
    return pdf.bytes()

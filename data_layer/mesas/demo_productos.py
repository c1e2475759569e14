"""The demo's product documents of Salud and Educación: small PDFs with the mesas' own words.

What :func:`data_layer.mesas.demo.cargar_demo_mesas` uploads through
:func:`data_layer.mesas.productos.subir_documento` for 2026: a few products of SAL and EDU, the
diagnóstico of Salud in two versions. The PDFs are built with fpdf2 (the library of every PDF
of SIGPRET) with a fixed creation date, so the same demo always stores the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from data_layer.documentos import _Documento

#: The demo documents' year (the demo's reference year).
ANIO = 2026
#: Every demo PDF says it was created then (the bytes do not depend on the day of the load).
CREADO = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class DocumentoDemo:
    """One version of a product's document: when, under which name, what it says."""

    sector: str
    tipo: str
    fecha: dt.date
    nombre: str
    titulo: str
    secciones: tuple[tuple[str, str], ...]
    nota: str | None = None


_SALUD_CONTEXTO = (
    "La mesa sectorial de Salud, coordinada por la Secretaría de Salud (SESAL), revisó con las "
    "UPGRET de sus instituciones el avance de las cinco metas sectoriales de la Matriz de "
    "Compromisos y Resultados: mortalidad materna y neonatal, cobertura de vacunación infantil, "
    "enfermedades transmitidas por vectores, acceso al primer nivel de atención, y calidad y "
    "seguridad de medicamentos y alimentos."
)
_SALUD_BRECHAS = (
    "Persisten brechas entre regiones sanitarias: los departamentos de La Mosquitia, Gracias a "
    "Dios y el occidente del país concentran los mayores rezagos en partos institucionales y en "
    "esquemas completos de vacunación. El dengue mantiene su comportamiento estacional en el "
    "corredor Tegucigalpa–San Pedro Sula–La Ceiba durante la época lluviosa."
)
_SALUD_CAUSAS = (
    "Entre las causas identificadas están el abastecimiento irregular de biológicos e insumos "
    "en los establecimientos del primer nivel, la rotación de personal en las unidades "
    "ejecutoras, y el registro tardío de atenciones en los sistemas de información."
)
_EDUCACION_CONTEXTO = (
    "La mesa sectorial de Educación, coordinada por la Secretaría de Educación (SEDUC) con la "
    "UNAH, la UPNFM y el CONEANFO, analizó la cobertura de la educación prebásica y media, la "
    "permanencia escolar, la calidad de los aprendizajes, la infraestructura de los centros "
    "educativos y el acceso a la educación superior pública."
)
_EDUCACION_BRECHAS = (
    "La cobertura del tercer ciclo y de la educación media sigue por debajo de la del primer "
    "y segundo ciclo, con mayores brechas en el área rural. El abandono escolar se concentra en "
    "el paso de sexto a séptimo grado y en los centros sin transporte escolar."
)


def documentos() -> tuple[DocumentoDemo, ...]:
    """The demo's documents in upload order (a product's versions oldest first)."""
    return (
        DocumentoDemo(
            "SAL",
            "diagnostico_sectorial",
            dt.date(2026, 3, 16),
            "diagnostico-sectorial-salud-2026-borrador.pdf",
            f"Diagnóstico sectorial de Salud {ANIO} (borrador)",
            (
                ("Contexto", _SALUD_CONTEXTO),
                ("Principales brechas", _SALUD_BRECHAS),
                ("Próximos pasos", "Validar el diagnóstico con las UPGRET en la sesión técnica."),
            ),
            "Borrador para revisión de la mesa técnica.",
        ),
        DocumentoDemo(
            "SAL",
            "diagnostico_sectorial",
            dt.date(2026, 4, 27),
            "diagnostico-sectorial-salud-2026.pdf",
            f"Diagnóstico sectorial de Salud {ANIO}",
            (
                ("Contexto", _SALUD_CONTEXTO),
                ("Principales brechas", _SALUD_BRECHAS),
                ("Causas identificadas", _SALUD_CAUSAS),
                (
                    "Validación",
                    "Validado por la mesa técnica el 24 de abril de 2026, con las observaciones "
                    "metodológicas de la DIGER incorporadas.",
                ),
            ),
            "Versión validada por la mesa técnica; incorpora las observaciones de la DIGER.",
        ),
        DocumentoDemo(
            "SAL",
            "marco_resultados",
            dt.date(2026, 5, 29),
            "marco-resultados-salud-2026.pdf",
            f"Marco de resultados del sector Salud articulado en la MCR {ANIO}",
            (
                (
                    "Metas sectoriales",
                    "MS-SAL-01 Reducir la mortalidad materna y neonatal; MS-SAL-02 Incrementar "
                    "la cobertura de vacunación infantil; MS-SAL-03 Reducir la incidencia de "
                    "enfermedades transmitidas por vectores; MS-SAL-04 Ampliar el acceso a "
                    "servicios de salud del primer nivel; MS-SAL-05 Garantizar la calidad y "
                    "seguridad de medicamentos y alimentos.",
                ),
                (
                    "Articulación",
                    "Cada meta sectorial contribuye a la meta presidencial MP-16 y se mide con "
                    "los indicadores institucionales que las UPGRET reportan en SIGPRET.",
                ),
            ),
        ),
        DocumentoDemo(
            "SAL",
            "cuellos_botella",
            dt.date(2026, 8, 14),
            "cuellos-botella-salud-2026.pdf",
            f"Cuellos de botella del sector Salud {ANIO}",
            (
                ("Identificación", _SALUD_CAUSAS),
                (
                    "Priorización",
                    "La mesa priorizó el abastecimiento de biológicos en el primer nivel y la "
                    "oportunidad del registro de atenciones, por su efecto en las metas en rojo.",
                ),
            ),
        ),
        DocumentoDemo(
            "EDU",
            "diagnostico_sectorial",
            dt.date(2026, 3, 30),
            "diagnostico-sectorial-educacion-2026.pdf",
            f"Diagnóstico sectorial de Educación {ANIO}",
            (
                ("Contexto", _EDUCACION_CONTEXTO),
                ("Principales brechas", _EDUCACION_BRECHAS),
            ),
        ),
        DocumentoDemo(
            "EDU",
            "programacion",
            dt.date(2026, 6, 26),
            "programacion-educacion-2026-2027.pdf",
            "Programación plurianual y semestral del sector Educación 2026–2027",
            (
                (
                    "Programación semestral",
                    "Primer semestre: ampliación de la matrícula de prebásica en centros "
                    "comunitarios. Segundo semestre: seguimiento de la permanencia en el tercer "
                    "ciclo y entrega de la evaluación de aprendizajes de fin de año.",
                ),
                (
                    "Programación plurianual",
                    "Las metas de cobertura y de permanencia se programan por año hasta 2027, "
                    "con los valores de la MCR como referencia.",
                ),
            ),
        ),
        DocumentoDemo(
            "EDU",
            "mecanismos_informacion",
            dt.date(2026, 9, 18),
            "mecanismos-informacion-educacion-2026.pdf",
            f"Mecanismos de información para SIGPRET del sector Educación {ANIO}",
            (
                (
                    "Fuentes",
                    "El Sistema de Administración de Centros Educativos (SACE) de la SEDUC y "
                    "los registros de matrícula de la UNAH y la UPNFM alimentan los indicadores "
                    "del sector.",
                ),
                (
                    "Calendario",
                    "Cada UPGRET reporta en SIGPRET dentro de los 15 días siguientes al cierre "
                    "de cada trimestre, con su evidencia adjunta.",
                ),
            ),
        ),
    )


def pdf(documento: DocumentoDemo) -> bytes:
    """The document's PDF: a title, its sections, marked as demonstration data."""
    salida = _Documento(documento.titulo, es_demo=True, comprimir=True)
    salida.set_creation_date(CREADO)
    salida.titular(documento.titulo)
    salida.dato("Fecha", documento.fecha.strftime("%d/%m/%Y"))
    for titulo, texto in documento.secciones:
        salida.seccion(titulo)
        salida.parrafo(texto)
    return bytes(salida.output())

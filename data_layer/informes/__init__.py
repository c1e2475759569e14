"""Progress reports of the mesas (issue #11 item 6): the informe de avance of a sector and
quarter, kept as a product of its mesa, and the presidential briefing (one page per eje).

Public API::

    contenido = informe_avance_pdf(lectura, "SAL", "2026-T3", actor=a, reglas=r)  # read only
    documento = guardar_informe_avance(escritura, "SAL", "2026-T3", contenido, actor=a)
    documento = generar_informe_avance(session, "SAL", "2026-T3", actor=a)  # both, one session
    contenido = informe_presidencial_pdf(session, "2026-T3", actor=a, reglas=r)

What they say: :mod:`data_layer.informes.contenido`; how they look (fpdf2 charts):
:mod:`data_layer.informes.pdf`.
"""

from data_layer.informes.servicio import (
    evaluar,
    generar_informe_avance,
    guardar_informe_avance,
    informe_avance_pdf,
    informe_presidencial_pdf,
)

__all__ = [
    "evaluar",
    "generar_informe_avance",
    "guardar_informe_avance",
    "informe_avance_pdf",
    "informe_presidencial_pdf",
]

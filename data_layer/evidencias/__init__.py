"""Evidence files of reported values (DOMAIN.md §8; no Dash here).

Public API (what a page or the CLI uses)::

    subida = desde_upload(contents, filename)               # dcc.Upload's data URL → bytes
    evidencia = guardar(session, actor=a, institucion="SESAL", nombre=subida.nombre,
                        contenido=subida.contenido, carpeta=...)    # checked, stored, audited
    servicio.guardar(session, actor=a, ..., evidencia_id=evidencia.id)   # same transaction
    evidencia, ruta = abrir(session, actor=a, clave=clave, carpeta=...)  # scope checked
    purgar_huerfanas(session, carpeta=..., dias=7)  # sigpret evidencias purgar

The documents of the mesas' products reuse the checks and the storage (``detectar_documento``,
``almacenar``, ``carpeta_productos``, ``ruta_guardada``; see :mod:`data_layer.mesas.productos`).

Refusals are :class:`~data_layer.errores.ErrorDeDatos` with a Spanish message:
:class:`EvidenciaRechazada` (content or size), :class:`EvidenciaNoEncontrada` (404),
:class:`SinPermisoEvidencia` (403); a foreign institution's upload is a plain ``ErrorDeDatos``.
"""

from data_layer.evidencias.almacen import (
    CLAVE,
    DIAS_HUERFANAS,
    PRODUCTOS,
    Archivo,
    EvidenciaNoEncontrada,
    PurgaEvidencias,
    SinPermisoEvidencia,
    abrir,
    almacenar,
    carpeta_configurada,
    carpeta_productos,
    guardar,
    nombre_seguro,
    purgar_huerfanas,
    ruta_descarga,
    ruta_guardada,
    tipo_de,
)
from data_layer.evidencias.subida import Subida, desde_upload, largo_maximo
from data_layer.evidencias.tipos import (
    ACEPTADOS,
    MAX_BYTES,
    TIPOS,
    EvidenciaRechazada,
    Tipo,
    detectar,
    detectar_documento,
)

__all__ = [
    "ACEPTADOS",
    "CLAVE",
    "DIAS_HUERFANAS",
    "PRODUCTOS",
    "Archivo",
    "almacenar",
    "carpeta_productos",
    "detectar_documento",
    "ruta_guardada",
    "MAX_BYTES",
    "TIPOS",
    "EvidenciaNoEncontrada",
    "EvidenciaRechazada",
    "PurgaEvidencias",
    "SinPermisoEvidencia",
    "Subida",
    "Tipo",
    "abrir",
    "carpeta_configurada",
    "desde_upload",
    "detectar",
    "guardar",
    "largo_maximo",
    "nombre_seguro",
    "purgar_huerfanas",
    "ruta_descarga",
    "tipo_de",
]

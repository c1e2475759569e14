"""The products of a mesa per year and their documents, kept as versions (issue #11 item 5).

The guidelines ask every mesa for seven products (:class:`~data_layer.mesas.models.TipoProducto`):
diagnóstico sectorial, marco de resultados, programación, cuellos de botella, estrategias,
mecanismos de información and informes de avance. A mesa has one product of each type per year;
each carries its documents (:class:`~data_layer.mesas.models.DocumentoProducto`), one row per
version, never overwritten: the latest is the current one.

Public API::

    subir_documento(session, "SAL", tipo="diagnostico_sectorial", anio=2026, nombre="d.pdf",
                    contenido=b"%PDF-...", actor=a)       # checked, stored, audited
    abrir_documento(session, actor=a, clave=clave)         # (row, path, sector), scope checked
    productos_del_anio(session, "SAL", 2026, actor=a)      # the page's seven rows

Files are checked and stored by :mod:`data_layer.evidencias` (content-checked PDF, DOCX or XLSX,
at most 10 MB, under an unguessable ``clave`` in the evidence folder's ``productos`` subfolder,
removed again if the transaction rolls back). Who may upload: who writes in the mesa
(:func:`data_layer.permisos.puede_subir_producto`); who may download: who sees the mesa in detail
(:func:`data_layer.permisos.puede_descargar_producto`). Refusals are Spanish
:class:`~data_layer.mesas.servicio.ErrorMesa` (or ``EvidenciaRechazada`` for the content).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data_layer import periods, permisos
from data_layer.auth import Alcance, ahoracomo_utc, registrar
from data_layer.evidencias import (
    CLAVE,
    MAX_BYTES,
    EvidenciaNoEncontrada,
    SinPermisoEvidencia,
    almacenar,
    carpeta_productos,
    detectar_documento,
    ruta_guardada,
)
from data_layer.mesas.models import DocumentoProducto, Mesa, Producto, TipoProducto
from data_layer.mesas.servicio.comun import (
    ConflictoEdicion,
    ErrorMesa,
    _entidad,
    _enum,
    _mesa,
    _obtener,
    _opcional,
)
from data_layer.models import Sector

#: The products in the guidelines' order, with the words users read.
ETIQUETAS: dict[TipoProducto, str] = {
    TipoProducto.diagnostico_sectorial: "Diagnóstico sectorial",
    TipoProducto.marco_resultados: "Marco de resultados articulado en la MCR",
    TipoProducto.programacion: "Programación plurianual y semestral",
    TipoProducto.cuellos_botella: "Cuellos de botella",
    TipoProducto.estrategias: "Estrategias y cursos de acción",
    TipoProducto.mecanismos_informacion: "Mecanismos de información para SIGPRET",
    TipoProducto.informe_avance: "Informes de avance",
}
#: Years a product may belong to.
ANIO_MINIMO, ANIO_MAXIMO = 2000, 2100

NO_EXISTE = "El documento no existe o ya no está disponible."
SIN_PERMISO_VER = "No tiene permiso para ver los documentos de esta mesa."


def ruta_descarga(clave: str) -> str:
    """The download address of a product's document (the route checks scope)."""
    return f"/descargas/productos/{clave}"


def _anio(anio: object) -> int:
    try:
        valor = int(str(anio))
    except (TypeError, ValueError):
        raise ErrorMesa(f"«{anio}» no es un año válido.") from None
    if not ANIO_MINIMO <= valor <= ANIO_MAXIMO:
        raise ErrorMesa(f"«{anio}» no es un año válido.")
    return valor


def _producto_del_anio(
    session: Session, mesa: Mesa, tipo: TipoProducto, anio: int, actor: Alcance
) -> Producto:
    """The mesa's product of ``tipo`` for ``anio`` (the oldest if several), created when missing.

    The caller holds the mesa's row lock, so two first uploads never create two products.
    """
    producto = session.scalars(
        select(Producto)
        .where(Producto.mesa_id == mesa.id, Producto.tipo == tipo, Producto.anio == anio)
        .order_by(Producto.id)
    ).first()
    if producto is not None:
        return producto
    producto = Producto(
        mesa_id=mesa.id, tipo=tipo, titulo=f"{ETIQUETAS[tipo]} {anio}", anio=anio, version=1
    )
    session.add(producto)
    session.flush()
    registrar(
        session,
        "producto_registrado",
        usuario=actor.usuario,
        entidad=_entidad(mesa, "producto", producto.id),
        detalle={"nuevo": {"tipo": tipo.value, "titulo": producto.titulo, "anio": anio}},
    )
    return producto


def subir_documento(
    session: Session,
    sector: str,
    *,
    tipo: TipoProducto | str,
    anio: int | str,
    nombre: str,
    contenido: bytes,
    actor: Alcance,
    versiones_vistas: int | None = None,
    nota: str | None = None,
    periodo: str | None = None,
    generado: bool = False,
    carpeta: Path | str | None = None,
    maximo: int = MAX_BYTES,
    hoy: dt.date | None = None,
) -> DocumentoProducto:
    """Store a new version of the document of the mesa's product ``tipo`` of ``anio``.

    The product is created on its first document; it counts as delivered from that day
    (``entregado_en``). Earlier versions stay, downloadable.

    Args:
        session: the caller's write session (the caller commits).
        sector: the mesa's sector code.
        tipo: the product's type (:class:`TipoProducto` or its value).
        anio: the product's year.
        nombre: the file name the user gave (kept sanitized for the download only).
        contenido: the file's bytes (PDF, DOCX or XLSX by content, at most ``maximo``).
        actor: who uploads; must write in the mesa.
        versiones_vistas: how many versions the form showed; if another was uploaded since,
            the upload is refused (:class:`ConflictoEdicion`). None skips the check (CLI).
        nota: what changed in this version (optional).
        periodo: the quarter of a generated informe de avance.
        generado: whether SIGPRET generated the file (an informe de avance).
        carpeta: the evidence folder (documents go to its ``productos`` subfolder).
        maximo: largest size in bytes (10 MB).
        hoy: today in Honduras (tests).

    Raises:
        ErrorMesa: no permission, an unknown type or year, or a conflict.
        EvidenciaRechazada: the file's content or size (Spanish reason).
    """
    if not permisos.puede_subir_producto(actor, sector):
        raise ErrorMesa(permisos.SIN_PERMISO_PRODUCTO)
    tipo = _enum(TipoProducto, tipo, "tipo de producto")
    anio_ = _anio(anio)
    tipo_archivo = detectar_documento(contenido, nombre, maximo=maximo)
    mesa = _mesa(session, sector, actor=actor, bloquear=True)
    encontrado = _producto_del_anio(session, mesa, tipo, anio_, actor)
    producto: Producto = _obtener(session, Producto, encontrado.id, "el producto", bloquear=True)
    ultimo = int(
        session.scalar(
            select(func.coalesce(func.max(DocumentoProducto.numero), 0)).where(
                DocumentoProducto.producto_id == producto.id
            )
        )
        or 0
    )
    if versiones_vistas is not None and int(versiones_vistas) != ultimo:
        raise ConflictoEdicion(
            f"Otra persona subió una versión de «{ETIQUETAS[tipo]} {anio_}» mientras usted "
            f"elegía el archivo (ahora hay {ultimo}). Recargue la página y súbalo otra vez si "
            "aún corresponde. No se guardó nada.",
            {"versiones": ultimo, "version": producto.version},
        )
    archivo = almacenar(session, contenido, nombre, tipo_archivo, carpeta_productos(carpeta))
    documento = DocumentoProducto(
        producto_id=producto.id,
        numero=ultimo + 1,
        clave=archivo.clave,
        nombre_original=archivo.nombre,
        tipo=tipo_archivo.codigo,
        tamano=archivo.tamano,
        sha256=archivo.sha256,
        periodo=periodo,
        nota=_opcional(nota),
        generado=generado,
        subido_por=actor.usuario,
        subido_en=ahoracomo_utc(),
    )
    session.add(documento)
    producto.version += 1
    if producto.entregado_en is None:
        producto.entregado_en = hoy or periods.hoy_honduras()
    session.flush()
    registrar(
        session,
        "producto_documento_subido",
        usuario=actor.usuario,
        entidad=_entidad(mesa, "producto", producto.id),
        detalle={
            "nuevo": {
                "tipo": tipo.value,
                "anio": anio_,
                "version": documento.numero,
                "nombre": documento.nombre_original,
                "archivo": documento.tipo,
                "tamano": documento.tamano,
                "sha256": documento.sha256,
                "periodo": periodo,
                "generado": generado,
            }
        },
    )
    return documento


def abrir_documento(
    session: Session, *, actor: Alcance | None, clave: object, carpeta: Path | str | None = None
) -> tuple[DocumentoProducto, Path, str]:
    """The product document ``clave``, the path of its bytes and its mesa's sector.

    Raises:
        EvidenciaNoEncontrada: no such ``clave``, or its bytes are missing (404).
        SinPermisoEvidencia: the document exists but ``actor`` does not see its mesa in detail
            (403).
    """
    if not isinstance(clave, str) or not CLAVE.fullmatch(clave):
        raise EvidenciaNoEncontrada(NO_EXISTE)
    fila = session.execute(
        select(DocumentoProducto, Sector.codigo)
        .join(Producto, Producto.id == DocumentoProducto.producto_id)
        .join(Mesa, Mesa.id == Producto.mesa_id)
        .join(Sector, Sector.id == Mesa.sector_id)
        .where(DocumentoProducto.clave == clave)
    ).first()
    if fila is None:
        raise EvidenciaNoEncontrada(NO_EXISTE)
    documento, sector = fila
    if not permisos.puede_descargar_producto(actor, sector):
        raise SinPermisoEvidencia(SIN_PERMISO_VER)
    ruta = ruta_guardada(carpeta_productos(carpeta), clave)
    if ruta is None:
        raise EvidenciaNoEncontrada(NO_EXISTE)
    return documento, ruta, sector


# --- what the products page reads ---------------------------------------------------------------


@dataclass(frozen=True)
class VersionDocumento:
    """One version of a product's document as the page lists it."""

    numero: int
    nombre: str
    tipo: str
    tamano: int
    periodo: str | None
    nota: str | None
    generado: bool
    subido_por: str
    subido_en: dt.datetime
    href: str


@dataclass(frozen=True)
class FilaProducto:
    """One of the seven products of a mesa for a year, with its versions (newest first)."""

    tipo: str
    etiqueta: str
    titulo: str | None
    entregado_en: dt.date | None
    versiones: tuple[VersionDocumento, ...]

    @property
    def entregado(self) -> bool:
        """Whether the product exists for the year (delivered, or with a document)."""
        return self.entregado_en is not None or bool(self.versiones)


def productos_del_anio(
    session: Session, sector: str, anio: int, *, actor: Alcance | None
) -> list[FilaProducto] | None:
    """The seven products of the mesa of ``sector`` for ``anio``, in the guidelines' order.

    None when ``actor`` may not see the mesa's documents (or the mesa does not exist): the
    page then shows its refusal, never another mesa's files.
    """
    if not permisos.puede_descargar_producto(actor, sector):
        return None
    mesa = session.scalars(
        select(Mesa).join(Sector, Sector.id == Mesa.sector_id).where(Sector.codigo == sector)
    ).first()
    if mesa is None:
        return None
    productos = session.scalars(
        select(Producto)
        .where(Producto.mesa_id == mesa.id, Producto.anio == int(anio))
        .order_by(Producto.id)
    ).all()
    por_tipo: dict[TipoProducto, list[Producto]] = {}
    for p in productos:
        por_tipo.setdefault(TipoProducto(p.tipo), []).append(p)
    filas = []
    for tipo, etiqueta in ETIQUETAS.items():
        propios = por_tipo.get(tipo, [])
        documentos = sorted(
            (d for p in propios for d in p.documentos),
            key=lambda d: (d.subido_en, d.numero),
            reverse=True,
        )
        entregas = [p.entregado_en for p in propios if p.entregado_en is not None]
        filas.append(
            FilaProducto(
                tipo=tipo.value,
                etiqueta=etiqueta,
                titulo=propios[0].titulo if propios else None,
                entregado_en=min(entregas) if entregas else None,
                versiones=tuple(
                    VersionDocumento(
                        numero=d.numero,
                        nombre=d.nombre_original,
                        tipo=d.tipo,
                        tamano=d.tamano,
                        periodo=d.periodo,
                        nota=d.nota,
                        generado=d.generado,
                        subido_por=d.subido_por,
                        subido_en=d.subido_en,
                        href=ruta_descarga(d.clave),
                    )
                    for d in documentos
                ),
            )
        )
    return filas


def versiones_de(session: Session, sector: str, tipo: str, anio: int) -> int:
    """How many document versions the mesa's product ``tipo`` of ``anio`` has (0 without one):
    what an upload form sends back as ``versiones_vistas``."""
    total = session.scalar(
        select(func.max(DocumentoProducto.numero))
        .join(Producto, Producto.id == DocumentoProducto.producto_id)
        .join(Mesa, Mesa.id == Producto.mesa_id)
        .join(Sector, Sector.id == Mesa.sector_id)
        .where(Sector.codigo == sector, Producto.tipo == tipo, Producto.anio == int(anio))
    )
    return int(total or 0)

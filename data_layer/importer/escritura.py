"""Writing a validated file as an upsert by code: counts first, then bulk inserts and updates.

Rows identical to the database are not touched; link sets (ejes of a sector, sectors of an
institution, contribuye_a of a goal, temas of an indicator) are replaced only when they differ.
Ids of inserted rows are read back with one query per table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from data_layer import periods
from data_layer.auth import ahoracomo_utc, registrar
from data_layer.importer.estado import Estado
from data_layer.importer.reglas import Deseado
from data_layer.models import (
    Avance,
    Contribucion,
    Eje,
    EstadoVersion,
    Indicador,
    Institucion,
    InstitucionSector,
    Meta,
    OrigenVersion,
    Programacion,
    RevisionProgramacion,
    Sector,
    TemaTransversal,
    indicador_tema,
    sector_eje,
)

#: Per entity: the attribute holding its link set (compared and replaced as a whole).
ENLACES = {
    "ejes": None,
    "sectores": "ejes",
    "instituciones": "sectores",
    "metas": "contribuye_a",
    "indicadores": "temas",
}
_LOTE = 500
#: Rows per INSERT/UPDATE batch.
_LOTE_ESCRITURA = 5_000


@dataclass
class Diferencia:
    """How the file's rows of one entity compare with the database, by code."""

    nuevos: list[str] = field(default_factory=list)
    #: Existing codes whose own columns differ.
    filas_cambiadas: list[str] = field(default_factory=list)
    #: Codes (new or existing) whose link set must be (re)written.
    enlaces_cambiados: list[str] = field(default_factory=list)
    sin_cambios: int = 0

    def conteo(self) -> dict[str, int]:
        """``insertados / actualizados / sin_cambios`` as the result reports them."""
        actualizados = set(self.filas_cambiadas) | (set(self.enlaces_cambiados) - set(self.nuevos))
        return {
            "insertados": len(self.nuevos),
            "actualizados": len(actualizados),
            "sin_cambios": self.sin_cambios,
        }


def _compare(
    deseado: dict[str, dict[str, Any]], actual: dict[str, dict[str, Any]], enlace: str | None
) -> Diferencia:
    dif = Diferencia()
    for codigo, fila in deseado.items():
        previa = actual.get(codigo)
        if previa is None:
            dif.nuevos.append(codigo)
            if enlace and fila[enlace]:
                dif.enlaces_cambiados.append(codigo)
            continue
        propios = any(previa[k] != v for k, v in fila.items() if k != enlace)
        enlaces = enlace is not None and previa[enlace] != fila[enlace]
        if propios:
            dif.filas_cambiadas.append(codigo)
        if enlaces:
            dif.enlaces_cambiados.append(codigo)
        if not propios and not enlaces:
            dif.sin_cambios += 1
    return dif


@dataclass
class Plan:
    """Every change an import would make, with its counts."""

    entidades: dict[str, Diferencia]
    temas_nuevos: list[str]
    programacion_nueva: list[tuple[str, str]]
    programacion_revisada: list[tuple[str, str]]
    programacion_igual: int
    avances_nuevos: list[tuple[str, str]]
    avances_cambiados: list[tuple[str, str]]
    avances_iguales: int

    temas_existentes: int
    #: Targets set by an approved revision that the file carries with an older value: left as
    #: they are (neither a change nor an error, see :mod:`~data_layer.importer.validacion`).
    programacion_conservada: list[tuple[str, str]] = field(default_factory=list)

    def conservadas(self, estado: Estado) -> list[str]:
        """«MS-01-I1 · 2026-T4: conservada: revisión aprobada el dd/mm/aaaa por <usuario>»
        for each kept target."""
        return [
            f"{indicador} · {periodo}: {texto_conservada(estado, (indicador, periodo))}"
            for indicador, periodo in self.programacion_conservada
        ]

    def cambios(self, hojas: Sequence[str]) -> dict[str, dict[str, int]]:
        """Counts per sheet present in the file (plus ``temas_transversales`` with indicators)."""
        cambios = {h: self.entidades[h].conteo() for h in hojas if h in self.entidades}
        if "indicadores" in hojas:
            cambios["temas_transversales"] = {
                "insertados": len(self.temas_nuevos),
                "actualizados": 0,
                "sin_cambios": self.temas_existentes,
            }
        if "programacion" in hojas:
            cambios["programacion"] = {
                "insertados": len(self.programacion_nueva),
                "actualizados": len(self.programacion_revisada),
                "sin_cambios": self.programacion_igual,
            }
        if "avances" in hojas:
            cambios["avances"] = {
                "insertados": len(self.avances_nuevos),
                "actualizados": len(self.avances_cambiados),
                "sin_cambios": self.avances_iguales,
            }
        return cambios


def plan_changes(deseado: Deseado, estado: Estado) -> Plan:
    """Compare the file with the database; nothing is written."""
    entidades = {
        nombre: _compare(getattr(deseado, nombre), getattr(estado, nombre), enlace)
        for nombre, enlace in ENLACES.items()
    }
    prog_nueva, prog_revisada, prog_conservada, prog_igual = [], [], [], 0
    for clave, meta in deseado.programacion.items():
        actual = estado.programacion.get(clave)
        if actual is None:
            prog_nueva.append(clave)
        elif actual.meta == meta:
            prog_igual += 1
        elif actual.aprobada is not None:
            # Validation admitted only an older value: an import never undoes an approval.
            prog_conservada.append(clave)
        else:
            prog_revisada.append(clave)
    av_nuevos, av_cambiados, av_iguales = [], [], 0
    for clave, valores in deseado.avances.items():
        previo = estado.avances.get(clave)
        if previo is None:
            av_nuevos.append(clave)
        elif (previo.valor, previo.fecha_reporte, previo.comentario) != valores:
            av_cambiados.append(clave)
        else:
            av_iguales += 1
    return Plan(
        entidades=entidades,
        temas_nuevos=sorted(deseado.temas - estado.temas),
        temas_existentes=len(deseado.temas & estado.temas),
        programacion_nueva=prog_nueva,
        programacion_revisada=prog_revisada,
        programacion_igual=prog_igual,
        programacion_conservada=prog_conservada,
        avances_nuevos=av_nuevos,
        avances_cambiados=av_cambiados,
        avances_iguales=av_iguales,
    )


def texto_conservada(estado: Estado, clave: tuple[str, str]) -> str:
    """Why a target of the file is kept: «conservada: revisión aprobada el dd/mm/aaaa por …»."""
    aprobada = estado.programacion[clave].aprobada
    return "conservada" if aprobada is None else f"conservada: {aprobada.texto()}"


def _chunks(items: Sequence[Any], n: int = _LOTE) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _ids(session: Session, columna_codigo: Any, columna_id: Any) -> dict[str, int]:
    return {c: i for c, i in session.execute(select(columna_codigo, columna_id))}


def _lotes(filas: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """``filas`` in lists of at most :data:`_LOTE_ESCRITURA`: the rows of a large import are
    built and sent one batch at a time, never all at once (issue #15: memory at 100×)."""
    iterador = iter(filas)
    while lote := list(islice(iterador, _LOTE_ESCRITURA)):
        yield lote


def _insert(session: Session, modelo: Any, filas: Iterable[dict[str, Any]]) -> None:
    """Bulk INSERT, in batches, as the table's plain ``executemany`` (the ORM's bulk insert
    sends SQLite a statement per ~60 rows; nothing is read back)."""
    tabla = getattr(modelo, "__table__", modelo)
    for lote in _lotes(filas):
        session.execute(insert(tabla), lote)


def _update(session: Session, modelo: Any, filas: Iterable[dict[str, Any]]) -> None:
    """Bulk UPDATE by primary key (each dict carries ``id``), in batches."""
    for lote in _lotes(filas):
        session.execute(update(modelo), lote)


def _replace_links(
    session: Session,
    tabla: Table | Any,
    columna_duenio: Any,
    duenios: list[int],
    filas: list[dict[str, Any]],
) -> None:
    """Delete every link of ``duenios`` and insert ``filas`` in their place."""
    for lote in _chunks(duenios):
        consulta = delete(tabla).where(columna_duenio.in_(lote))
        session.execute(consulta.execution_options(synchronize_session=False))
    if filas:
        session.execute(insert(tabla), filas)


class _Escritor:
    """Applies a :class:`Plan` in dependency order inside the caller's transaction."""

    def __init__(self, session: Session, deseado: Deseado, plan: Plan, origen: str) -> None:
        self.s = session
        self.d = deseado
        self.p = plan
        self.origen = origen
        self.usuario: str | None = None
        self.ids: dict[str, dict[str, int]] = {}

    def _ref(self, tabla: str, codigo: str | None) -> int | None:
        return None if codigo is None else self.ids[tabla][codigo]

    def _insert_new(
        self, entidad: str, modelo: Any, columna_codigo: Any, convertir: Any
    ) -> dict[str, int]:
        """Insert the entity's new rows and refresh its code → id map."""
        nuevos = self.p.entidades[entidad].nuevos
        if nuevos:
            col = columna_codigo.key
            _insert(self.s, modelo, [{col: c, **convertir(c)} for c in nuevos])
            self.ids[entidad] = _ids(self.s, columna_codigo, modelo.id)
        return self.ids[entidad]

    def _update_changed(self, entidad: str, modelo: Any, convertir: Any) -> None:
        ids = self.ids[entidad]
        filas = [{"id": ids[c], **convertir(c)} for c in self.p.entidades[entidad].filas_cambiadas]
        _update(self.s, modelo, filas)

    def write_temas(self) -> None:
        if self.p.temas_nuevos:
            _insert(self.s, TemaTransversal, [{"nombre": n} for n in self.p.temas_nuevos])
            self.ids["temas"] = _ids(self.s, TemaTransversal.nombre, TemaTransversal.id)

    def write_instituciones(self) -> None:
        def nombre(codigo: str) -> dict[str, Any]:
            return {"nombre": self.d.instituciones[codigo]["nombre"]}

        self._insert_new("instituciones", Institucion, Institucion.sigla, nombre)
        self._update_changed("instituciones", Institucion, nombre)

    def write_ejes(self) -> None:
        # New ejes are inserted without their parent (which may be new too), then linked.
        ids = self._insert_new(
            "ejes", Eje, Eje.codigo, lambda c: {"nombre": self.d.ejes[c]["nombre"]}
        )
        dif = self.p.entidades["ejes"]
        con_padre = [c for c in dif.nuevos if self.d.ejes[c]["eje_padre"] is not None]
        filas = [
            {
                "id": ids[c],
                "nombre": self.d.ejes[c]["nombre"],
                "eje_padre_id": self._ref("ejes", self.d.ejes[c]["eje_padre"]),
            }
            for c in [*con_padre, *dif.filas_cambiadas]
        ]
        _update(self.s, Eje, filas)

    def _sector(self, codigo: str) -> dict[str, Any]:
        fila = self.d.sectores[codigo]
        return {
            "nombre": fila["nombre"],
            "institucion_rectora_id": self._ref("instituciones", fila["institucion_rectora"]),
        }

    def write_sectores(self) -> None:
        dif = self.p.entidades["sectores"]
        ids = self._insert_new("sectores", Sector, Sector.codigo, self._sector)
        self._update_changed("sectores", Sector, self._sector)
        ejes = self.ids["ejes"]
        filas = [
            {"sector_id": ids[c], "eje_id": ejes[e]}
            for c in dif.enlaces_cambiados
            for e in sorted(self.d.sectores[c]["ejes"])
        ]
        duenios = [ids[c] for c in dif.enlaces_cambiados]
        _replace_links(self.s, sector_eje, sector_eje.c.sector_id, duenios, filas)

    def write_participaciones(self) -> None:
        dif = self.p.entidades["instituciones"]
        ids, sectores = self.ids["instituciones"], self.ids["sectores"]
        filas = [
            {"institucion_id": ids[c], "sector_id": sectores[s], "principal": principal}
            for c in dif.enlaces_cambiados
            for s, principal in sorted(self.d.instituciones[c]["sectores"])
        ]
        duenios = [ids[c] for c in dif.enlaces_cambiados]
        _replace_links(self.s, InstitucionSector, InstitucionSector.institucion_id, duenios, filas)

    def _meta(self, codigo: str) -> dict[str, Any]:
        fila = self.d.metas[codigo]
        return {
            "nivel": fila["nivel"],
            "descripcion": fila["descripcion"],
            "eje_id": self._ref("ejes", fila["eje"]),
            "sector_id": self._ref("sectores", fila["sector"]),
            "institucion_id": self._ref("instituciones", fila["institucion"]),
            "peso": fila["peso"],
        }

    def write_metas(self) -> None:
        dif = self.p.entidades["metas"]
        ids = self._insert_new("metas", Meta, Meta.codigo, self._meta)
        self._update_changed("metas", Meta, self._meta)
        filas = [
            {"meta_id": ids[c], "meta_destino_id": ids[destino], "peso": peso}
            for c in dif.enlaces_cambiados
            for destino, peso in sorted(self.d.metas[c]["contribuye_a"].items())
        ]
        duenios = [ids[c] for c in dif.enlaces_cambiados]
        _replace_links(self.s, Contribucion, Contribucion.meta_id, duenios, filas)

    def _indicador(self, codigo: str) -> dict[str, Any]:
        fila = dict(self.d.indicadores[codigo])
        del fila["temas"]
        fila["meta_id"] = self._ref("metas", fila.pop("meta"))
        fila["institucion_responsable_id"] = self._ref(
            "instituciones", fila.pop("institucion_responsable")
        )
        return fila

    def write_indicadores(self) -> None:
        dif = self.p.entidades["indicadores"]
        ids = self._insert_new("indicadores", Indicador, Indicador.codigo, self._indicador)
        self._update_changed("indicadores", Indicador, self._indicador)
        temas = self.ids["temas"]
        filas = [
            {"indicador_id": ids[c], "tema_id": temas[t]}
            for c in dif.enlaces_cambiados
            for t in sorted(self.d.indicadores[c]["temas"])
        ]
        duenios = [ids[c] for c in dif.enlaces_cambiados]
        _replace_links(self.s, indicador_tema, indicador_tema.c.indicador_id, duenios, filas)

    def write_programacion(self, estado: Estado) -> None:
        ids = self.ids["indicadores"]
        nuevas = (
            {"indicador_id": ids[i], "periodo": per, "meta_original": meta, "meta": meta}
            for (i, per) in self.p.programacion_nueva
            for meta in [self.d.programacion[(i, per)]]
        )
        _insert(self.s, Programacion, nuevas)
        revisadas = [
            (estado.programacion[k], self.d.programacion[k]) for k in self.p.programacion_revisada
        ]
        _update(self.s, Programacion, [{"id": a.id, "meta": nueva} for a, nueva in revisadas])
        _insert(
            self.s,
            RevisionProgramacion,
            [
                {
                    "programacion_id": a.id,
                    "meta_anterior": a.meta,
                    "meta_nueva": nueva,
                    "origen": self.origen[:300],
                }
                for a, nueva in revisadas
            ],
        )

    def write_avances(self, estado: Estado) -> None:
        """Imported values are validated versions (DOMAIN.md §8), never overwritten in place.

        A new period's value is received and validated on its ``fecha_reporte``; a changed one
        replaces the validated version with a new one validated now, received on the file's date.
        """
        ids = self.ids["indicadores"]
        ahora = ahoracomo_utc()

        def version(clave: tuple[str, str], numero: int, validado_en: dt.datetime | None) -> dict:
            valor, fecha, comentario = self.d.avances[clave]
            recibido = _medianoche_honduras(fecha)
            return {
                "indicador_id": ids[clave[0]],
                "periodo": clave[1],
                "numero": numero,
                "estado": EstadoVersion.validado,
                "origen": OrigenVersion.importacion,
                "valor": valor,
                "fecha_reporte": fecha,
                "comentario": comentario,
                "creado_en": ahora,
                "creado_por": self.usuario,
                "recibido_en": recibido,
                "enviado_por": self.usuario,
                "validado_en": validado_en or recibido,
                "revisado_por": self.usuario,
            }

        cambiados = self.p.avances_cambiados
        _update(
            self.s,
            Avance,
            [
                {
                    "id": estado.avances[k].id,
                    "estado": EstadoVersion.reemplazado,
                    "reemplazado_en": ahora,
                }
                for k in cambiados
            ],
        )
        nuevos = (
            version(k, estado.versiones_abiertas.get(k, 0) + 1, None) for k in self.p.avances_nuevos
        )
        _insert(self.s, Avance, nuevos)
        _insert(
            self.s, Avance, (version(k, estado.avances[k].numero + 1, ahora) for k in cambiados)
        )


def _medianoche_honduras(fecha: dt.date) -> dt.datetime:
    """A Honduras calendar date as the aware UTC instant of its midnight."""
    return dt.datetime.combine(fecha, dt.time(), periods.ZONA_HONDURAS).astimezone(dt.UTC)


def apply_plan(
    session: Session,
    estado: Estado,
    deseado: Deseado,
    plan: Plan,
    origen: str,
    usuario: str | None = None,
) -> None:
    """Write every change of ``plan`` (inside the caller's transaction); ``usuario`` is who
    imports (stamped on the value versions)."""
    escritor = _Escritor(session, deseado, plan, origen)
    escritor.usuario = usuario
    escritor.ids = dict(estado.ids)
    escritor.write_temas()
    escritor.write_instituciones()
    escritor.write_ejes()
    escritor.write_sectores()
    escritor.write_participaciones()
    escritor.write_metas()
    escritor.write_indicadores()
    escritor.write_programacion(estado)
    escritor.write_avances(estado)


# --- audit ------------------------------------------------------------------------------------

#: Per entity: the audit action of an updated row and the prefix of its ``entidad``.
ACCIONES_AUDITORIA = {
    "ejes": ("eje_actualizado", "eje"),
    "sectores": ("sector_actualizado", "sector"),
    "instituciones": ("institucion_actualizada", "institucion"),
    "metas": ("meta_actualizada", "meta"),
    "indicadores": ("indicador_actualizado", "indicador"),
}
#: Stored keys whose column in the import format has another name.
_COLUMNA_ARCHIVO = {"temas": "temas_transversales"}


def _como_en_archivo(campo: str, valor: Any) -> Any:
    """A stored value as the file writes it: link sets as lists of codes, main sector first."""
    if campo == "sectores" and isinstance(valor, frozenset | set):
        principales = sorted(s for s, principal in valor if principal)
        return principales + sorted(s for s, principal in valor if not principal)
    if isinstance(valor, frozenset | set):
        return sorted(valor)
    if isinstance(valor, dict):  # contribuye_a: the goal's own peso is audited as ``peso``
        return sorted(valor)
    return valor


def cambios_de_fila(antes: dict[str, Any], despues: dict[str, Any]) -> dict[str, list[Any]]:
    """``{"columna": [antes, despues]}`` for each column whose value differs, in file terms."""
    return {
        _COLUMNA_ARCHIVO.get(campo, campo): [
            _como_en_archivo(campo, antes.get(campo)),
            _como_en_archivo(campo, valor),
        ]
        for campo, valor in despues.items()
        if antes.get(campo) != valor
    }


def audit_plan(
    session: Session,
    estado: Estado,
    deseado: Deseado,
    plan: Plan,
    *,
    usuario: str | None,
    importacion_id: int,
) -> int:
    """Audit every updated row and revised target of ``plan`` (one record each, old → new).

    ``estado`` is the snapshot loaded before the import (writing does not change it), so it
    holds the old values. Inserted rows get no record of their own (the import's record counts
    them).

    Args:
        session: the import's session (same transaction as the data).
        estado: the database before the import.
        deseado: what the file asks for.
        plan: the changes being applied.
        usuario: who imports (``cli:<user>``, a web user), or None.
        importacion_id: id of the :class:`~data_layer.models.Importacion` row of this import.

    Returns:
        The number of audit records written.
    """
    n = 0
    for entidad, (accion, prefijo) in ACCIONES_AUDITORIA.items():
        dif = plan.entidades[entidad]
        nuevos = set(dif.nuevos)
        actuales, deseados = getattr(estado, entidad), getattr(deseado, entidad)
        for codigo in dict.fromkeys([*dif.filas_cambiadas, *dif.enlaces_cambiados]):
            if codigo in nuevos:
                continue
            detalle: dict[str, Any] = {"importacion": importacion_id}
            detalle.update(cambios_de_fila(actuales[codigo], deseados[codigo]))
            registrar(
                session, accion, usuario=usuario, entidad=f"{prefijo}:{codigo}", detalle=detalle
            )
            n += 1
    for indicador, periodo in plan.programacion_revisada:
        registrar(
            session,
            "programacion_revisada",
            usuario=usuario,
            entidad=f"indicador:{indicador}",
            detalle={
                "importacion": importacion_id,
                "periodo": periodo,
                "meta": [
                    estado.programacion[(indicador, periodo)].meta,
                    deseado.programacion[(indicador, periodo)],
                ],
            },
        )
        n += 1
    for indicador, periodo in plan.avances_cambiados:
        previo = estado.avances[(indicador, periodo)]
        valor, fecha, comentario = deseado.avances[(indicador, periodo)]
        avance: dict[str, Any] = {"importacion": importacion_id, "periodo": periodo}
        avance.update(
            cambios_de_fila(
                {
                    "valor": previo.valor,
                    "fecha_reporte": previo.fecha_reporte,
                    "comentario": previo.comentario,
                },
                {"valor": valor, "fecha_reporte": fecha, "comentario": comentario},
            )
        )
        registrar(
            session,
            "avance_actualizado",
            usuario=usuario,
            entidad=f"indicador:{indicador}",
            detalle=avance,
        )
        n += 1
    return n

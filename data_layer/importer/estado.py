"""The MCR already in the database, loaded once into dictionaries keyed by natural code.

Everything is expressed with codes (not surrogate ids) so that it compares directly with the rows
of a file; ``ids`` maps codes back to ids for writing.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data_layer import periods
from data_layer.models import (
    Avance,
    Contribucion,
    Eje,
    EstadoVersion,
    Indicador,
    Institucion,
    InstitucionSector,
    Meta,
    Programacion,
    RevisionProgramacion,
    Sector,
    TemaTransversal,
    indicador_tema,
    sector_eje,
)
from data_layer.revisiones.models import PropuestaMeta


@dataclass(frozen=True)
class RevisionAprobada:
    """The approved target revision that set a target's current value (DOMAIN.md §9).

    Attributes:
        fecha: Honduras date of the decision.
        usuario: who approved it (the minister or ``presidencia``).
        propuesta_id: the approved proposal.
        anteriores: every value the target held before that approval (the original target,
            earlier import revisions and earlier approvals): what an older workbook carries.
    """

    fecha: dt.date
    usuario: str
    propuesta_id: int
    anteriores: frozenset[float]

    def texto(self) -> str:
        """«revisión aprobada el dd/mm/aaaa por <usuario>»."""
        return f"revisión aprobada el {self.fecha.strftime('%d/%m/%Y')} por {self.usuario}"


@dataclass(slots=True)
class ProgramacionActual:
    """A stored target: its id and current value; ``aprobada`` when that value was set by an
    approved target revision (the import protects it, see :mod:`~data_layer.importer.validacion`).
    """

    id: int
    meta: float
    aprobada: RevisionAprobada | None = None


@dataclass(slots=True)
class AvanceActual:
    """A period's validated version with the fields the import format carries, and the highest
    version number of the period (a changed import adds version ``numero + 1``)."""

    id: int | None
    valor: float | None
    fecha_reporte: dt.date | None
    comentario: str | None
    numero: int = 0


Clave = tuple[str, str]
T = TypeVar("T")
_NAN = float("nan")


class _PorPeriodo(Mapping[Clave, T]):
    """Stored rows of a large table by ``(indicator, period)``, kept as columns (issue #15: at
    100× the MCR has 1.6 million targets and 1.4 million values, and one Python object per row
    and per key cost the import a gigabyte). Reading a row builds its record."""

    def __init__(self) -> None:
        #: indicator → period → position in the columns.
        self._pos: dict[str, dict[str, int]] = {}
        self._n = 0

    def _lugar(self, clave: Clave) -> int:
        """The position of ``clave`` in the columns; a new key gets the next one (the caller
        appends its values: the position is then the columns' length before the append)."""
        periodos = self._pos.setdefault(clave[0], {})
        i = periodos.get(clave[1])
        if i is None:
            periodos[clave[1]] = i = self._n
            self._n += 1
        return i

    def _posicion(self, clave: Clave) -> int | None:
        periodos = self._pos.get(clave[0])
        return None if periodos is None else periodos.get(clave[1])

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[Clave]:
        for indicador, periodos in self._pos.items():
            for periodo in periodos:
                yield indicador, periodo

    def __contains__(self, clave: object) -> bool:
        return isinstance(clave, tuple) and self._posicion(clave) is not None

    def __getitem__(self, clave: Clave) -> T:
        i = self._posicion(clave)
        if i is None:
            raise KeyError(clave)
        return self._registro(i)

    def _registro(self, i: int) -> T:
        raise NotImplementedError

    def indicadores(self) -> set[str]:
        """The indicators with at least one row."""
        return set(self._pos)


class Programaciones(_PorPeriodo[ProgramacionActual]):
    """The stored targets (:class:`ProgramacionActual` by ``(indicator, period)``)."""

    def __init__(self) -> None:
        super().__init__()
        self._ids: array[int] = array("q")
        self._metas: array[float] = array("d")
        self._aprobadas: dict[int, RevisionAprobada] = {}

    def agregar(self, clave: Clave, id_: int, meta: float) -> None:
        """Add a stored target."""
        if (i := self._lugar(clave)) < len(self._ids):
            self._ids[i], self._metas[i] = id_, meta
            return
        self._ids.append(id_)
        self._metas.append(meta)

    def aprobar(self, clave: Clave, aprobada: RevisionAprobada) -> None:
        """Mark the target ``clave`` as set by an approved revision."""
        i = self._posicion(clave)
        if i is None:
            raise KeyError(clave)
        self._aprobadas[i] = aprobada

    def _registro(self, i: int) -> ProgramacionActual:
        return ProgramacionActual(self._ids[i], self._metas[i], self._aprobadas.get(i))


class Avances(_PorPeriodo[AvanceActual]):
    """The validated values (:class:`AvanceActual` by ``(indicator, period)``)."""

    def __init__(self) -> None:
        super().__init__()
        self._ids: array[int] = array("q")
        self._valores: array[float] = array("d")  # NaN: no value
        self._numeros: array[int] = array("q")
        self._fechas: list[dt.date | None] = []
        self._comentarios: list[str | None] = []

    def agregar(
        self,
        clave: Clave,
        id_: int,
        valor: float | None,
        fecha_reporte: dt.date | None,
        comentario: str | None,
    ) -> None:
        """Add a validated value (its version number is set by :meth:`numerar`)."""
        valor_ = _NAN if valor is None else valor
        if (i := self._lugar(clave)) < len(self._ids):
            self._ids[i], self._valores[i] = id_, valor_
            self._fechas[i], self._comentarios[i] = fecha_reporte, comentario
            return
        self._ids.append(id_)
        self._valores.append(valor_)
        self._numeros.append(0)
        self._fechas.append(fecha_reporte)
        self._comentarios.append(comentario)

    def numerar(self, clave: Clave, numero: int) -> bool:
        """Set the highest version number of ``clave``'s period; False when it has no row."""
        i = self._posicion(clave)
        if i is None:
            return False
        self._numeros[i] = numero
        return True

    def _registro(self, i: int) -> AvanceActual:
        valor = self._valores[i]
        return AvanceActual(
            self._ids[i],
            None if valor != valor else valor,
            self._fechas[i],
            self._comentarios[i],
            self._numeros[i],
        )


class _EnOrden(_PorPeriodo[T]):
    """A :class:`_PorPeriodo` iterated in the order its keys were added (the file's order: the
    plan, the preview and the writes follow it), like a dict."""

    def __init__(self) -> None:
        super().__init__()
        self._indicadores: list[str] = []
        self._periodos: list[str] = []

    def _nuevo_lugar(self, clave: Clave) -> tuple[int, bool]:
        n = self._n
        i = self._lugar(clave)
        if i == n:
            self._indicadores.append(clave[0])
            self._periodos.append(clave[1])
        return i, i == n

    def __iter__(self) -> Iterator[Clave]:
        return zip(self._indicadores, self._periodos, strict=True)

    def items(self) -> Iterator[tuple[Clave, T]]:  # type: ignore[override]
        """``(clave, value)`` in the order the keys were added."""
        for i, clave in enumerate(zip(self._indicadores, self._periodos, strict=True)):
            yield clave, self._registro(i)


class MetasDeseadas(_EnOrden[float]):
    """The targets a file asks for (value by ``(indicator, period)``), kept as columns."""

    def __init__(self) -> None:
        super().__init__()
        self._metas: array[float] = array("d")

    def __setitem__(self, clave: Clave, meta: float) -> None:
        i, nueva = self._nuevo_lugar(clave)
        if nueva:
            self._metas.append(meta)
        else:
            self._metas[i] = meta

    def _registro(self, i: int) -> float:
        return self._metas[i]


ValorDeseado = tuple[float, dt.date, str | None]


class ValoresDeseados(_EnOrden[ValorDeseado]):
    """The values a file asks for (``(valor, fecha_reporte, comentario)`` by ``(indicator,
    period)``), kept as columns."""

    def __init__(self) -> None:
        super().__init__()
        self._valores: array[float] = array("d")
        self._fechas: list[dt.date] = []
        self._comentarios: list[str | None] = []

    def __setitem__(self, clave: Clave, valor: ValorDeseado) -> None:
        i, nueva = self._nuevo_lugar(clave)
        if nueva:
            self._valores.append(valor[0])
            self._fechas.append(valor[1])
            self._comentarios.append(valor[2])
        else:
            self._valores[i], self._fechas[i], self._comentarios[i] = valor

    def _registro(self, i: int) -> ValorDeseado:
        return self._valores[i], self._fechas[i], self._comentarios[i]


@dataclass
class Estado:
    """The database's MCR, by code. Entity dicts hold the same keys the importer writes."""

    ids: dict[str, dict[str, int]] = field(default_factory=dict)
    ejes: dict[str, dict[str, Any]] = field(default_factory=dict)
    sectores: dict[str, dict[str, Any]] = field(default_factory=dict)
    instituciones: dict[str, dict[str, Any]] = field(default_factory=dict)
    temas: set[str] = field(default_factory=set)
    metas: dict[str, dict[str, Any]] = field(default_factory=dict)
    indicadores: dict[str, dict[str, Any]] = field(default_factory=dict)
    programacion: Programaciones = field(default_factory=Programaciones)
    avances: Avances = field(default_factory=Avances)
    #: Highest version number of periods that have versions but no validated one.
    versiones_abiertas: dict[tuple[str, str], int] = field(default_factory=dict)

    def sector_principal(self, sigla: str) -> str | None:
        """The main sector of a stored institution, if any."""
        for sector, principal in self.instituciones.get(sigla, {}).get("sectores", ()):
            if principal:
                return str(sector)
        return None


def _valor(x: Any) -> Any:
    """Enum members as their plain text, so that they compare with the file's values."""
    return x.value if hasattr(x, "value") else x


def load_ids(session: Session) -> dict[str, dict[str, int]]:
    """Code → id of every coded table (and tema name → id)."""
    consultas = {
        "ejes": select(Eje.codigo, Eje.id),
        "sectores": select(Sector.codigo, Sector.id),
        "instituciones": select(Institucion.sigla, Institucion.id),
        "temas": select(TemaTransversal.nombre, TemaTransversal.id),
        "metas": select(Meta.codigo, Meta.id),
        "indicadores": select(Indicador.codigo, Indicador.id),
    }
    return {
        tabla: {codigo: id_ for codigo, id_ in session.execute(consulta)}
        for tabla, consulta in consultas.items()
    }


def _load_aprobadas(session: Session, estado: Estado, codigo_indicador: dict[int, str]) -> None:
    """Mark the targets whose last revision is an approved proposal still in force.

    The revisions of a target are read in the order they were written (by id); the target is
    protected when the last one names a proposal and its value is the current one.
    """
    consulta = (
        select(
            RevisionProgramacion.programacion_id,
            Programacion.indicador_id,
            Programacion.periodo,
            Programacion.meta_original,
            RevisionProgramacion.meta_anterior,
            RevisionProgramacion.meta_nueva,
            RevisionProgramacion.revisado_en,
            RevisionProgramacion.propuesta_id,
            PropuestaMeta.fecha_decision,
            PropuestaMeta.decision_por,
        )
        .join(Programacion, Programacion.id == RevisionProgramacion.programacion_id)
        .outerjoin(PropuestaMeta, PropuestaMeta.id == RevisionProgramacion.propuesta_id)
        .order_by(RevisionProgramacion.programacion_id, RevisionProgramacion.id)
    )
    historia: dict[int, list[Any]] = {}
    for r in session.execute(consulta):
        historia.setdefault(r.programacion_id, []).append(r)
    for revisiones in historia.values():
        ultima = revisiones[-1]
        clave = (codigo_indicador[ultima.indicador_id], ultima.periodo)
        actual = estado.programacion.get(clave)
        if actual is None or ultima.propuesta_id is None or ultima.meta_nueva != actual.meta:
            continue
        anteriores = {ultima.meta_original, ultima.meta_anterior}
        for r in revisiones[:-1]:
            anteriores.update((r.meta_anterior, r.meta_nueva))
        anteriores.discard(actual.meta)
        fecha = ultima.fecha_decision or periods.hora_honduras(ultima.revisado_en).date()
        estado.programacion.aprobar(
            clave,
            RevisionAprobada(
                fecha=fecha,
                usuario=ultima.decision_por or "",
                propuesta_id=ultima.propuesta_id,
                anteriores=frozenset(anteriores),
            ),
        )


#: Rows fetched at a time from the large tables (programacion, avances): the database driver
#: does not hold a whole table at 100× in memory (issue #15).
_LOTE_LECTURA = 10_000


def load_estado(session: Session) -> Estado:
    """Load the whole stored MCR with one query per table."""
    ids = load_ids(session)
    codigo = {tabla: {v: k for k, v in m.items()} for tabla, m in ids.items()}
    eje_c, sec_c, ins_c = codigo["ejes"], codigo["sectores"], codigo["instituciones"]
    met_c, ind_c, tem_c = codigo["metas"], codigo["indicadores"], codigo["temas"]
    estado = Estado(ids=ids, temas=set(ids["temas"]))

    for e in session.execute(select(Eje.codigo, Eje.nombre, Eje.eje_padre_id)):
        estado.ejes[e.codigo] = {"nombre": e.nombre, "eje_padre": eje_c.get(e.eje_padre_id)}

    ejes_de: dict[str, set[str]] = {}
    for sector_id, eje_id in session.execute(select(sector_eje.c.sector_id, sector_eje.c.eje_id)):
        ejes_de.setdefault(sec_c[sector_id], set()).add(eje_c[eje_id])
    for s in session.execute(select(Sector.codigo, Sector.nombre, Sector.institucion_rectora_id)):
        estado.sectores[s.codigo] = {
            "nombre": s.nombre,
            "institucion_rectora": ins_c.get(s.institucion_rectora_id),
            "ejes": frozenset(ejes_de.get(s.codigo, ())),
        }

    sectores_de: dict[str, set[tuple[str, bool]]] = {}
    participaciones = select(
        InstitucionSector.institucion_id, InstitucionSector.sector_id, InstitucionSector.principal
    )
    for institucion_id, sector_id, principal in session.execute(participaciones):
        sectores_de.setdefault(ins_c[institucion_id], set()).add(
            (sec_c[sector_id], bool(principal))
        )
    for sigla, nombre in session.execute(select(Institucion.sigla, Institucion.nombre)):
        estado.instituciones[sigla] = {
            "nombre": nombre,
            "sectores": frozenset(sectores_de.get(sigla, ())),
        }

    contribuye: dict[str, dict[str, float]] = {}
    aportes = select(Contribucion.meta_id, Contribucion.meta_destino_id, Contribucion.peso)
    for meta_id, destino_id, peso in session.execute(aportes):
        contribuye.setdefault(met_c[meta_id], {})[met_c[destino_id]] = peso
    columnas_meta = (Meta.nivel, Meta.descripcion, Meta.eje_id, Meta.sector_id)
    for m in session.execute(select(Meta.codigo, *columnas_meta, Meta.institucion_id, Meta.peso)):
        estado.metas[m.codigo] = {
            "nivel": _valor(m.nivel),
            "descripcion": m.descripcion,
            "eje": eje_c.get(m.eje_id),
            "sector": sec_c.get(m.sector_id),
            "institucion": ins_c.get(m.institucion_id),
            "peso": m.peso,
            "contribuye_a": contribuye.get(m.codigo, {}),
        }

    temas_de: dict[str, set[str]] = {}
    etiquetas = select(indicador_tema.c.indicador_id, indicador_tema.c.tema_id)
    for indicador_id, tema_id in session.execute(etiquetas):
        temas_de.setdefault(ind_c[indicador_id], set()).add(tem_c[tema_id])
    campos = (
        "nombre",
        "eslabon",
        "unidad",
        "sentido",
        "tipo",
        "frecuencia",
        "linea_base",
        "anio_base",
        "fuente",
        "umbral_verde",
        "umbral_amarillo",
        "peso",
    )
    tabla = Indicador.__table__.c
    consulta_ind = select(
        tabla.codigo, tabla.meta_id, tabla.institucion_responsable_id, *(tabla[c] for c in campos)
    )
    for i in session.execute(consulta_ind):
        estado.indicadores[i.codigo] = {
            "meta": met_c[i.meta_id],
            **{c: _valor(getattr(i, c)) for c in campos},
            "institucion_responsable": ins_c[i.institucion_responsable_id],
            "temas": frozenset(temas_de.get(i.codigo, ())),
        }

    # One object per distinct period and date: 1.5 million targets share a few dozen.
    compartidos: dict[Any, Any] = {}
    lotes = {"yield_per": _LOTE_LECTURA}

    consulta_prog = select(
        Programacion.id, Programacion.indicador_id, Programacion.periodo, Programacion.meta
    ).execution_options(**lotes)
    for id_, indicador_id, periodo, meta in session.execute(consulta_prog):
        clave = (ind_c[indicador_id], compartidos.setdefault(periodo, periodo))
        estado.programacion.agregar(clave, id_, meta)
    _load_aprobadas(session, estado, ind_c)

    consulta_av = select(
        Avance.id, Avance.indicador_id, Avance.periodo, Avance.valor, Avance.fecha_reporte
    ).add_columns(Avance.comentario)
    validados = consulta_av.where(Avance.estado == EstadoVersion.validado).execution_options(
        **lotes
    )
    for id_, indicador_id, periodo, valor, fecha, comentario in session.execute(validados):
        clave = (ind_c[indicador_id], compartidos.setdefault(periodo, periodo))
        fecha = compartidos.setdefault(fecha, fecha)
        estado.avances.agregar(clave, id_, valor, fecha, comentario)
    # Periods with versions but none validated (a report in progress) still number on.
    numeros = (
        select(Avance.indicador_id, Avance.periodo, func.max(Avance.numero))
        .group_by(Avance.indicador_id, Avance.periodo)
        .execution_options(**lotes)
    )
    for indicador_id, periodo, numero in session.execute(numeros):
        clave = (ind_c[indicador_id], periodo)
        if not estado.avances.numerar(clave, numero):
            estado.versiones_abiertas[(clave[0], compartidos.setdefault(periodo, periodo))] = numero
    return estado

"""First load of the mesas from a file (``sigpret mesas cargar archivo.xlsx``; issue #11).

One row per sector: its coordinators (user, name, cargo, institution of each level), the DIGER
analysts assigned and the installation date. The load is all-or-nothing: every row is checked and
written through :func:`data_layer.mesas.servicio.crear_mesa` in one transaction; any error rolls
everything back, and each error names its row (as the spreadsheet numbers it, the header being
row 1) and its column, in Spanish.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy.orm import Session

from data_layer import permisos
from data_layer.auth import Alcance, alcance_de, buscar
from data_layer.importer import topes
from data_layer.mesas import configuracion, servicio
from data_layer.mesas.servicio import ErrorMesa

#: The columns of the file, in order (``analistas``: user names separated by commas or «;»).
COLUMNAS = (
    "sector",
    "politico_usuario",
    "politico_nombre",
    "politico_cargo",
    "politico_institucion",
    "tecnico_usuario",
    "tecnico_nombre",
    "tecnico_cargo",
    "tecnico_institucion",
    "analistas",
    "instalada_en",
)
OBLIGATORIAS = ("sector", "politico_cargo", "tecnico_cargo")


@dataclass
class ResultadoCarga:
    """What a load did: the mesas created (sector codes), or the errors (nothing written)."""

    creadas: list[str] = field(default_factory=list)
    errores: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the whole file was loaded."""
        return not self.errores


#: Most rows of the file (one per sector: 22 today).
MAX_FILAS = 1_000


def _revisar_libro(ruta: Path) -> None:
    """The importer's checks before pandas opens a workbook (issue #15): the ZIP (zip bomb,
    password, damage) and each sheet's declared size (a sheet declaring ``XFD1048576``)."""
    dimensiones: list[str] = []
    try:
        with topes.abrir_libro(ruta, ruta.name) as libro:
            for parte in libro.namelist():
                if parte.startswith("xl/worksheets/") and parte.endswith(".xml"):
                    dimension = topes.explorar_hoja(libro, parte).dimension
                    dimensiones += [dimension] if dimension else []
    except topes.ArchivoInvalido as exc:
        raise ErrorMesa(str(exc)) from None
    except topes.ERRORES_ZIP:
        raise ErrorMesa(
            f"«{ruta.name}» no es un libro de Excel (.xlsx) válido o está dañado."
        ) from None
    for dimension in dimensiones:
        try:
            _, _, columnas, filas = topes.rango(dimension)
        except ValueError:
            continue
        if columnas > topes.MAX_COLUMNAS or filas > MAX_FILAS + 1:
            raise ErrorMesa(
                f"«{ruta.name}» declara datos hasta la celda {dimension.split(':')[-1]}; el "
                f"máximo es {topes.MAX_COLUMNAS} columnas y {MAX_FILAS} filas. Borre las filas y "
                "columnas sobrantes y guárdelo otra vez."
            )


def leer(ruta: Path) -> pd.DataFrame:
    """The file's rows as text (``.xlsx``: the first sheet; ``.csv``: UTF-8), blanks as ''.

    At most :data:`MAX_FILAS` rows are read; a workbook is checked like an MCR upload first.

    Raises:
        ErrorMesa: unknown extension, unreadable, hostile or too long file, missing columns.
    """
    try:
        if ruta.suffix.lower() == ".xlsx":
            _revisar_libro(ruta)
            tabla = pd.read_excel(ruta, dtype=str, sheet_name=0, nrows=MAX_FILAS + 1)
        elif ruta.suffix.lower() == ".csv":
            tabla = pd.read_csv(ruta, dtype=str, encoding="utf-8-sig", nrows=MAX_FILAS + 1)
        else:
            raise ErrorMesa(f"«{ruta.name}» no es un archivo .xlsx ni .csv.")
    except UnicodeDecodeError:
        raise ErrorMesa(f"«{ruta.name}» no está en UTF-8: guárdelo como «CSV UTF-8».") from None
    except ErrorMesa:
        raise
    except Exception:  # pandas, openpyxl and csv raise many kinds of errors, in English
        raise ErrorMesa(
            f"No se pudo leer «{ruta.name}»: no es un .xlsx o .csv válido o está dañado."
        ) from None
    if len(tabla) > MAX_FILAS:
        raise ErrorMesa(f"«{ruta.name}» tiene más de {MAX_FILAS} filas (una por sector).")
    tabla.columns = [str(c).strip().lower() for c in tabla.columns]
    faltan = [c for c in COLUMNAS if c not in tabla.columns]
    if faltan:
        raise ErrorMesa(f"Faltan columnas en «{ruta.name}»: {', '.join(faltan)}.")
    return tabla[list(COLUMNAS)].fillna("").map(lambda v: str(v).strip())


def _analistas(texto: str) -> list[str]:
    return [a.strip() for a in texto.replace(";", ",").split(",") if a.strip()]


def _revisar_fila(s: Session, fila: dict[str, str], vistos: set[str]) -> list[tuple[str, str]]:
    """``(columna, mensaje)`` of each problem of one row found before writing."""
    errores: list[tuple[str, str]] = [(c, "es obligatoria") for c in OBLIGATORIAS if not fila[c]]
    codigo = fila["sector"]
    if codigo:
        if configuracion.sector(s, codigo) is None:
            errores.append(("sector", f"«{codigo}» no es el código de un sector"))
        elif codigo in vistos:
            errores.append(("sector", f"el sector {codigo} aparece en más de una fila"))
    vistos.add(codigo)
    for nivel in ("politico", "tecnico"):
        usuario = fila[f"{nivel}_usuario"]
        if not usuario and not fila[f"{nivel}_nombre"]:
            errores.append((f"{nivel}_usuario", "indique el usuario o el nombre del coordinador"))
        if usuario:
            cuenta = buscar(s, usuario)
            if cuenta is None or not cuenta.activo:
                errores.append((f"{nivel}_usuario", f"«{usuario}» no es un usuario activo"))
            elif nivel == "politico" and not permisos.puede_designar_politico(
                alcance_de(cuenta), codigo
            ):
                errores.append(
                    (f"{nivel}_usuario", f"«{usuario}» no es ministro(a) del sector {codigo}")
                )
            elif nivel == "tecnico" and not permisos.puede_designar_tecnico(alcance_de(cuenta)):
                errores.append((f"{nivel}_usuario", f"«{usuario}» no es coordinador(a) de mesa"))
    if fila["instalada_en"]:
        try:
            dt.date.fromisoformat(fila["instalada_en"][:10])
        except ValueError:
            errores.append(("instalada_en", f"«{fila['instalada_en']}» no es una fecha aaaa-mm-dd"))
    return errores


def _institucion(s: Session, valor: str, codigo: str) -> str:
    """The sigla given, or the sector's rectora when blank."""
    if valor:
        return valor
    sector = configuracion.sector(s, codigo)
    return sector.rectora.sigla if sector is not None and sector.rectora is not None else ""


def cargar(s: Session, tabla: pd.DataFrame, *, actor: Alcance) -> ResultadoCarga:
    """Create the mesa of every row through the service, in the caller's transaction.

    The caller rolls back when the result is not ``ok`` (nothing of the file stays).
    """
    resultado = ResultadoCarga()
    vistos: set[str] = set()
    for n, registro in enumerate(tabla.to_dict("records"), start=2):
        fila = {str(k): str(v) for k, v in registro.items()}
        problemas = _revisar_fila(s, fila, vistos)
        if problemas:
            resultado.errores += [f"Fila {n}, columna «{c}»: {m}." for c, m in problemas]
            continue
        codigo = fila["sector"]
        try:
            with s.begin_nested():
                servicio.crear_mesa(
                    s,
                    codigo,
                    coordinador_politico=servicio.Coordinador(
                        fila["politico_nombre"],
                        fila["politico_cargo"],
                        _institucion(s, fila["politico_institucion"], codigo),
                        fila["politico_usuario"] or None,
                    ),
                    coordinador_tecnico=servicio.Coordinador(
                        fila["tecnico_nombre"],
                        fila["tecnico_cargo"],
                        _institucion(s, fila["tecnico_institucion"], codigo),
                        fila["tecnico_usuario"] or None,
                    ),
                    analistas=_analistas(fila["analistas"]),
                    instalada_en=(
                        dt.date.fromisoformat(fila["instalada_en"][:10])
                        if fila["instalada_en"]
                        else None
                    ),
                    actor=actor,
                )
        except ErrorMesa as exc:
            resultado.errores.append(f"Fila {n} (sector {codigo}): {exc}")
            continue
        resultado.creadas.append(codigo)
    return resultado


def plantilla(codigos: Sequence[str]) -> pd.DataFrame:
    """An empty load file with one row per sector code (the columns of :data:`COLUMNAS`)."""
    return pd.DataFrame([{c: (k if c == "sector" else "") for c in COLUMNAS} for k in codigos])

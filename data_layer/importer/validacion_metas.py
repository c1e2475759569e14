"""Rules of the ``metas`` sheet: level requirements, ``contribuye_a`` levels and cycles."""

from __future__ import annotations

from collections.abc import Sequence

from data_layer.importer.esquema import Fila
from data_layer.importer.estado import Estado
from data_layer.importer.reglas import Deseado, Referencias, find_cycles, index_by_code
from data_layer.importer.resultado import Errores

#: Allowed ``contribuye_a`` links: level of the contributing goal → level of the goal it feeds.
DESTINO_PERMITIDO = {"institucional": "sectorial", "sectorial": "presidencial"}
_PLURAL = {"sectorial": "sectoriales", "presidencial": "presidenciales"}


def validate_metas(
    filas: Sequence[Fila],
    estado: Estado,
    errores: Errores,
    d: Deseado,
    conocidos: dict[str, set[str]],
) -> None:
    """Check the goals of the file and add them (with their ``contribuye_a``) to ``d``.

    Presidential goals need an eje, sectoral ones a sector, institutional ones an institution
    (their sector defaults to the institution's main one). Institutional goals feed sectoral
    ones, sectoral feed presidential, presidential feed none; links form no cycle. Stored goals
    absent from the file keep their links, so they are checked against the file's new levels.
    """
    refs = Referencias(errores)
    por_codigo = index_by_code("metas", filas, "codigo", errores)
    nivel_de = {c: v["nivel"] for c, v in estado.metas.items()}
    nivel_de.update({c: f["nivel"] for c, f in por_codigo.items()})
    metas = set(estado.metas) | set(por_codigo)

    for codigo, fila in por_codigo.items():
        nivel = fila["nivel"]
        eje, sector, institucion = fila["eje"], fila["sector"], fila["institucion"]
        refs.check("metas", fila, "eje", eje, conocidos["ejes"])
        refs.check("metas", fila, "sector", sector, conocidos["sectores"])
        inst_ok = refs.check("metas", fila, "institucion", institucion, conocidos["instituciones"])
        requerido = {"presidencial": "eje", "sectorial": "sector", "institucional": "institucion"}
        if nivel in requerido and fila[requerido[nivel]] is None:
            columna = requerido[nivel]
            if columna not in fila.invalidas:
                nombre = {"eje": "su eje", "sector": "su sector", "institucion": "su institución"}
                errores.add(
                    "metas",
                    fila.numero,
                    columna,
                    f"una meta {nivel} debe indicar {nombre[columna]}",
                )
        if nivel == "institucional" and sector is None and institucion is not None and inst_ok:
            # An institutional goal without a sector takes its institution's main sector.
            sector = _sector_principal(institucion, d, estado)
            if sector is None and "sector" not in fila.invalidas:
                errores.add(
                    "metas",
                    fila.numero,
                    "sector",
                    f"la institución «{institucion}» no tiene sector principal; indique el sector",
                )

        peso = fila["peso"] if fila["peso"] is not None else 1.0
        contribuye: dict[str, float] = {}
        for destino in refs.check_all("metas", fila, "contribuye_a", fila["contribuye_a"], metas):
            if destino == codigo:
                errores.add(
                    "metas", fila.numero, "contribuye_a", "una meta no puede contribuir a sí misma"
                )
                continue
            _check_level(errores, fila, nivel, destino, nivel_de.get(destino))
            contribuye[destino] = peso
        d.metas[codigo] = {
            "nivel": nivel,
            "descripcion": fila["descripcion"],
            "eje": eje,
            "sector": sector,
            "institucion": institucion,
            "peso": peso,
            "contribuye_a": contribuye,
        }

    # Stored goals that are not in the file keep their links: they must still fit the new levels.
    for origen, meta in estado.metas.items():
        if origen in por_codigo:
            continue
        for destino in meta["contribuye_a"]:
            if destino in por_codigo and por_codigo[destino]["nivel"] is not None:
                esperado = DESTINO_PERMITIDO.get(meta["nivel"])
                if esperado != por_codigo[destino]["nivel"]:
                    errores.add(
                        "metas",
                        por_codigo[destino].numero,
                        "nivel",
                        f"la meta {meta['nivel']} «{origen}» (ya registrada) contribuye a esta "
                        f"meta, que no puede ser {por_codigo[destino]['nivel']}",
                    )

    aristas = {c: list(v["contribuye_a"]) for c, v in estado.metas.items()}
    aristas.update({c: list(v["contribuye_a"]) for c, v in d.metas.items()})
    for ciclo in find_cycles(aristas):
        en_archivo = [c for c in ciclo if c in por_codigo]
        if en_archivo:
            errores.add(
                "metas",
                por_codigo[en_archivo[0]].numero,
                "contribuye_a",
                "las contribuciones forman un ciclo: " + " → ".join(ciclo),
            )


def _sector_principal(institucion: str, d: Deseado, estado: Estado) -> str | None:
    if institucion in d.instituciones:
        for sector, principal in d.instituciones[institucion]["sectores"]:
            if principal:
                return str(sector)
        return None
    return estado.sector_principal(institucion)


def _check_level(
    errores: Errores,
    fila: Fila,
    nivel: str | None,
    destino: str,
    nivel_destino: str | None,
) -> None:
    """Institutional goals feed sectoral ones, sectoral feed presidential, presidential none."""
    if nivel is None or nivel_destino is None:
        return
    if nivel == "presidencial":
        errores.add(
            "metas",
            fila.numero,
            "contribuye_a",
            f"una meta presidencial no contribuye a otras metas (indica «{destino}»)",
        )
    elif DESTINO_PERMITIDO[nivel] != nivel_destino:
        errores.add(
            "metas",
            fila.numero,
            "contribuye_a",
            f"una meta {nivel} solo puede contribuir a metas {_PLURAL[DESTINO_PERMITIDO[nivel]]}; "
            f"«{destino}» es {nivel_destino}",
        )

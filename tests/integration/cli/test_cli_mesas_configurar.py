"""`sigpret mesas …` installs and runs the mesas on a production database (issue #11).

On SQLite and PostgreSQL: list the sectors with and without a mesa, install one designating two
coordinator users (institution defaulting to the sector's rectora), designate another, set the
analysts, and a first load from a file that is all-or-nothing with each error's row and column.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select

from data_layer import auth
from data_layer.cli import main
from data_layer.db import session_factory
from data_layer.mesas.models import Mesa
from data_layer.models import Auditoria, Institucion, Sector

CLAVE = "Clave-Segura-2026"


@pytest.fixture
def db(engine, monkeypatch):
    """Three sectors (SAL, EDU, SEFIN; each with its rectora), no mesa, and users of each role
    that may be designated."""
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    with session_factory(engine)() as s, s.begin():
        for codigo, nombre, sigla in (
            ("SAL", "Salud", "SESAL"),
            ("EDU", "Educación", "SEDUC"),
            ("FIN", "Finanzas", "SEFIN"),
        ):
            s.add(
                Sector(codigo=codigo, nombre=nombre, rectora=Institucion(sigla=sigla, nombre=sigla))
            )
        s.flush()
        for usuario, rol, alcance in (
            ("ministra.sal", "ministro", ["SAL"]),
            ("ministro.edu", "ministro", ["EDU"]),
            ("coord.uno", "coordinador_mesa", []),
            ("coord.dos", "coordinador_mesa", []),
            ("analista.uno", "analista", []),
            ("analista.dos", "analista", []),
        ):
            auth.crear_usuario(s, usuario, rol, CLAVE, alcance=alcance, nombre=usuario.title())
    return engine


def run(capsys, *args: str) -> tuple[int, str, str]:
    codigo = main(["mesas", *args])
    salida = capsys.readouterr()
    return codigo, salida.out, salida.err


def test_install_designate_assign_and_list(db, capsys) -> None:
    """A mesa installed from the CLI has its two designated users, the rectora as institution
    and its analysts; designating and assigning change it (audited as the CLI's user); the list
    shows which sectors still lack a mesa; a wrong role is refused in Spanish (exit 2)."""
    codigo, out, _ = run(capsys, "listar")
    assert codigo == 0 and "3 sectores: 0 con mesa, 3 sin mesa." in out
    codigo, out, _ = run(
        capsys, "instalar", "SAL", "--politico", "ministra.sal", "--tecnico", "coord.uno",
        "--analista", "analista.uno", "--fecha", "2026-02-01",
    )  # fmt: skip
    assert codigo == 0, out
    codigo, _, err = run(
        capsys, "instalar", "EDU", "--politico", "ministra.sal", "--tecnico", "coord.uno"
    )
    assert codigo == 2 and "ministro del sector EDU" in err
    assert run(capsys, "designar", "SAL", "--nivel", "tecnico", "--usuario", "coord.dos",
               "--cargo", "Director de Planificación")[0] == 0  # fmt: skip
    assert run(capsys, "analistas", "SAL", "analista.uno", "analista.dos")[0] == 0
    codigo, out, _ = run(capsys, "listar")
    assert "1 con mesa, 2 sin mesa" in out
    assert "coord.dos" in out and "analistas: analista.dos, analista.uno" in out
    with session_factory(db)() as s:
        mesa = s.scalars(select(Mesa)).one()
        assert mesa.coordinador_politico_usuario is not None
        assert mesa.coordinador_politico_usuario.usuario == "ministra.sal"
        assert mesa.institucion_politico.sigla == "SESAL"
        assert mesa.instalada_en is not None and mesa.instalada_en.isoformat() == "2026-02-01"
        acciones = [a.accion for a in s.scalars(select(Auditoria).order_by(Auditoria.id))]
        assert acciones[-3:] == ["mesa_creada", "coordinador_designado", "analistas_asignados"]


def _archivo(ruta: Path, filas: list[dict[str, str]]) -> Path:
    from data_layer.mesas.carga import COLUMNAS

    with ruta.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNAS)
        w.writeheader()
        for fila in filas:
            w.writerow({c: fila.get(c, "") for c in COLUMNAS})
    return ruta


def test_load_from_a_file_is_all_or_nothing(db, capsys, tmp_path) -> None:
    """A file with a good row and a bad one writes nothing and names every error's row and
    column in Spanish; corrected, it installs both mesas."""
    buena = {
        "sector": "SAL", "politico_usuario": "ministra.sal", "politico_cargo": "Ministra",
        "tecnico_usuario": "coord.uno", "tecnico_cargo": "Viceministro",
        "analistas": "analista.uno; analista.dos", "instalada_en": "2026-01-15",
    }  # fmt: skip
    mala = {
        "sector": "EDU", "politico_usuario": "ministra.sal", "politico_cargo": "Ministro",
        "tecnico_usuario": "nadie", "tecnico_cargo": "", "instalada_en": "15/01/2026",
    }  # fmt: skip
    codigo, _, err = run(capsys, "cargar", str(_archivo(tmp_path / "m.csv", [buena, mala])))
    assert codigo == 2
    assert "No se guardó nada" in err
    assert "Fila 3, columna «tecnico_cargo»: es obligatoria." in err
    assert (
        "Fila 3, columna «politico_usuario»: «ministra.sal» no es ministro(a) del sector EDU."
        in err
    )
    assert "Fila 3, columna «tecnico_usuario»: «nadie» no es un usuario activo." in err
    assert "Fila 3, columna «instalada_en»" in err
    with session_factory(db)() as s:
        assert s.scalars(select(Mesa)).first() is None
    mala.update(politico_usuario="ministro.edu", tecnico_usuario="coord.dos",
                tecnico_cargo="Director", instalada_en="2026-01-20")  # fmt: skip
    codigo, out, err = run(capsys, "cargar", str(_archivo(tmp_path / "m.csv", [buena, mala])))
    assert codigo == 0, err
    assert "Mesas instaladas: 2 (SAL, EDU)." in out
    codigo, _, err = run(capsys, "cargar", str(_archivo(tmp_path / "m.csv", [buena])))
    assert codigo == 2 and "ya tiene su mesa" in err


def test_a_hostile_workbook_is_refused_before_pandas_reads_it(db, capsys, tmp_path) -> None:
    """The mesas file is checked like an MCR upload (issue #15): a zip bomb and a sheet
    declaring ``XFD1048576`` are refused in Spanish at once; nothing is written."""
    from tests.integration.importer import hostiles

    casos = {
        "bomba zip": hostiles.bomba_zip(tmp_path / "bomba.xlsx", megas=20),
        "XFD1048576": hostiles.dimension_gigante(tmp_path / "dim.xlsx"),
    }
    for esperado, ruta in casos.items():
        codigo, _, err = run(capsys, "cargar", str(ruta))
        assert codigo == 2 and esperado in err, err
    with session_factory(db)() as s:
        assert s.scalars(select(Mesa)).first() is None

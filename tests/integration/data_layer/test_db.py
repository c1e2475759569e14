"""The data layer against real databases: SQLite (file, WAL) and the PostgreSQL server."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from data_layer.db import make_engine, session_factory
from data_layer.migrate import alembic_config, upgrade
from data_layer.models import (
    Avance,
    Contribucion,
    Eje,
    Indicador,
    Institucion,
    InstitucionSector,
    Meta,
    Nivel,
    Programacion,
    Sector,
    TemaTransversal,
)
from data_layer.queries import data_version, load_mcr


def _mini_mcr(session) -> None:
    """Two ejes (one a dimension), a sector in both, an institution, a goal chain, an indicator."""
    e2 = Eje(codigo="E2", nombre="Crecimiento Inclusivo y Sostenible")
    eco = Eje(codigo="E2-ECO", nombre="Económico", padre=e2)
    inst = Institucion(sigla="SESAL", nombre="Secretaría de Salud")
    sal = Sector(codigo="SAL", nombre="Salud", ejes=[e2, eco], rectora=inst)
    inst.participaciones.append(InstitucionSector(sector=sal, principal=True))
    mp = Meta(codigo="MP-01", nivel=Nivel.presidencial, descripcion="Reducir", eje=eco)
    ms = Meta(codigo="MS-SAL-01", nivel=Nivel.sectorial, descripcion="Ampliar", sector=sal, peso=2)
    ms.contribuye_a.append(Contribucion(destino=mp, peso=2))
    ind = Indicador(
        codigo="MS-SAL-01-I1",
        meta=ms,
        nombre="Cobertura",
        eslabon="resultado",
        unidad="%",
        sentido="ascendente",
        tipo="stock",
        frecuencia="trimestral",
        linea_base=40.0,
        anio_base=2022,
        fuente="SESAL",
        institucion_responsable=inst,
        temas=[TemaTransversal(nombre="Género")],
    )
    ind.programacion.append(Programacion(periodo="2024-T1", meta_original=50, meta=55))
    ind.avances.append(Avance(periodo="2024-T1", valor=48.5, fecha_reporte=dt.date(2024, 4, 10)))
    session.add_all([e2, eco, inst, sal, mp, ms, ind])


def test_migration_creates_every_table(engine) -> None:
    """`sigpret db upgrade` creates the whole MCR schema, and running it again is harmless."""
    upgrade(engine)
    tablas = set(inspect(engine).get_table_names())
    assert {
        "eje",
        "sector",
        "institucion",
        "meta",
        "contribucion",
        "indicador",
        "programacion",
        "revision_programacion",
        "avance",
        "tema_transversal",
        "importacion",
    } <= tablas


def test_load_mcr_round_trip(engine) -> None:
    """What the ORM stores comes back as the engine's frames, with codes instead of ids."""
    with session_factory(engine)() as session, session.begin():
        _mini_mcr(session)
    with session_factory(engine)() as session:
        mcr = load_mcr(session)
    assert mcr.ejes.set_index("codigo").loc["E2-ECO", "eje_padre"] == "E2"
    assert sorted(mcr.sector_ejes["eje"]) == ["E2", "E2-ECO"]
    assert mcr.sectores.iloc[0]["institucion_rectora"] == "SESAL"
    assert mcr.institucion_sectores.iloc[0].to_dict() == {
        "institucion": "SESAL",
        "sector": "SAL",
        "principal": True,
    }
    metas = mcr.metas.set_index("codigo")
    assert metas.loc["MP-01", "nivel"] == "presidencial"
    assert metas.loc["MS-SAL-01", "peso"] == 2.0
    assert mcr.contribuciones.to_dict("records") == [
        {"meta": "MS-SAL-01", "meta_destino": "MP-01", "peso": 2.0}
    ]
    ind = mcr.indicadores.iloc[0]
    assert (ind["tipo"], ind["sentido"], ind["frecuencia"]) == ("stock", "ascendente", "trimestral")
    assert ind["linea_base"] == 40.0 and ind["institucion_responsable"] == "SESAL"
    assert mcr.programacion.iloc[0][["meta_original", "meta"]].tolist() == [50.0, 55.0]
    avance = mcr.avances.iloc[0]
    assert avance["valor"] == 48.5
    assert avance["fecha_reporte"] == dt.datetime(2024, 4, 10)
    assert mcr.indicador_temas.to_dict("records") == [
        {"indicador": "MS-SAL-01-I1", "tema": "Género"}
    ]


def test_codes_are_unique_and_case_sensitive(engine) -> None:
    """Codes are case-sensitive text: `e1` and `E1` coexist, a second `E1` is refused."""
    with session_factory(engine)() as session, session.begin():
        session.add_all([Eje(codigo="E1", nombre="a"), Eje(codigo="e1", nombre="b")])
    with pytest.raises(IntegrityError), session_factory(engine)() as session, session.begin():
        session.add(Eje(codigo="E1", nombre="c"))
    with session_factory(engine)() as session:
        assert sorted(session.scalars(select(Eje.codigo))) == ["E1", "e1"]


def test_foreign_keys_are_enforced(engine) -> None:
    """An indicator pointing to a goal that does not exist is refused by the database itself."""
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO programacion (indicador_id, periodo, meta_original, meta) "
                "VALUES (999, '2024', 1, 1)"
            )
        )


def test_weights_must_be_positive(engine) -> None:
    """A goal with weight 0 is refused (CHECK constraint), so roll-ups never divide by zero."""
    with pytest.raises(IntegrityError), session_factory(engine)() as session, session.begin():
        session.add(Meta(codigo="X", nivel=Nivel.presidencial, descripcion="x", peso=0))


def test_data_version_starts_at_zero(engine) -> None:
    """An empty database has data version 0 (the cache key of the dashboard)."""
    with session_factory(engine)() as session:
        assert data_version(session) == 0


def test_sqlite_connection_settings(tmp_path) -> None:
    """The embedded database runs in WAL mode with foreign keys on and a busy timeout."""
    eng = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with eng.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    eng.dispose()


def test_forked_child_opens_its_own_connections(engine) -> None:
    """A process forked after the engine connected (gunicorn's ``preload_app``) does not reuse
    the parent's pooled connection: its pool starts empty and its queries work, and the parent's
    connection still works after the child exits."""
    import os

    engine.dispose()  # the PostgreSQL engine is shared by the session: start from an empty pool
    with engine.connect() as con:
        con.execute(text("SELECT 1"))
    assert engine.pool.checkedin() == 1
    pid = os.fork()
    if pid == 0:  # the child: report through the exit code only
        codigo = 1
        try:
            vacia = engine.pool.checkedin() == 0
            with engine.connect() as con:
                responde = con.execute(text("SELECT 2")).scalar() == 2
            codigo = 0 if vacia and responde else 1
        finally:
            os._exit(codigo)
    _, estado = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(estado) == 0
    with engine.connect() as con:
        assert con.execute(text("SELECT 3")).scalar() == 3


def test_engine_creation_opens_no_connection(tmp_path) -> None:
    """Creating the engine does not touch the database (gunicorn forks after import)."""
    ruta = tmp_path / "sub" / "nada.db"
    eng = make_engine(f"sqlite:///{ruta}")
    assert not ruta.exists()
    eng.dispose()


def test_downgrade_removes_the_schema(engine) -> None:
    """The initial migration can be rolled back completely."""
    from alembic import command

    with engine.begin() as conn:
        cfg = alembic_config(engine.url.render_as_string(hide_password=False))
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}

"""Importing into a real database (SQLite and PostgreSQL): upsert, idempotence, revisions, dry-run.

The fixture ``tests/fixtures/mcr_valida`` holds 3 ejes, 4 sectores, 4 instituciones, 7 metas,
5 indicadores, 9 programacion rows and 4 avances; the expected counts below are read off it.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import Engine, select

from data_layer.db import session_scope
from data_layer.importer import import_mcr
from data_layer.models import (
    Avance,
    Contribucion,
    Eje,
    EstadoVersion,
    Importacion,
    Indicador,
    Institucion,
    InstitucionSector,
    Meta,
    Programacion,
    RevisionProgramacion,
    Sector,
    TemaTransversal,
    indicador_tema,
)
from tests.integration.importer.helpers import (
    FIXTURE,
    copy_fixture,
    counts,
    csv_folder_to_xlsx,
    dump,
)

TODO = ("insertados", "actualizados", "sin_cambios")


def _scalar_map(engine: Engine, consulta) -> dict:
    with session_scope(engine) as s:
        return dict(s.execute(consulta).all())


def _contribuciones(engine: Engine) -> set[tuple[str, str, float]]:
    with session_scope(engine) as s:
        origen, destino = Meta.__table__.alias("o"), Meta.__table__.alias("d")
        filas = s.execute(
            select(origen.c.codigo, destino.c.codigo, Contribucion.peso)
            .join(origen, origen.c.id == Contribucion.meta_id)
            .join(destino, destino.c.id == Contribucion.meta_destino_id)
        )
        return {tuple(f) for f in filas}


def _participaciones(engine: Engine) -> set[tuple[str, str, bool]]:
    with session_scope(engine) as s:
        filas = s.execute(
            select(Institucion.sigla, Sector.codigo, InstitucionSector.principal)
            .join(Institucion, Institucion.id == InstitucionSector.institucion_id)
            .join(Sector, Sector.id == InstitucionSector.sector_id)
        )
        return {tuple(f) for f in filas}


def _temas(engine: Engine) -> set[tuple[str, str]]:
    with session_scope(engine) as s:
        filas = s.execute(
            select(Indicador.codigo, TemaTransversal.nombre)
            .join(indicador_tema, indicador_tema.c.indicador_id == Indicador.id)
            .join(TemaTransversal, TemaTransversal.id == indicador_tema.c.tema_id)
        )
        return {tuple(f) for f in filas}


def test_valid_fixture_imports_every_row(engine):
    """A valid folder creates every row and link, with the documented defaults."""
    resultado = import_mcr(engine, FIXTURE)
    assert resultado.ok, [str(e) for e in resultado.errores]
    assert resultado.cambios["metas"] == {"insertados": 7, "actualizados": 0, "sin_cambios": 0}
    assert resultado.cambios["programacion"]["insertados"] == 9
    assert resultado.cambios["temas_transversales"]["insertados"] == 4
    assert resultado.revisiones == 0
    n = counts(engine)
    # Only MCR tables get rows, plus the import's one audit record; users, mesas... stay empty.
    assert {k: v for k, v in n.items() if v} == {
        "auditoria": 1,
        "eje": 3,
        "importacion": 1,
        "institucion": 4,
        "tema_transversal": 4,
        "sector": 4,
        "institucion_sector": 6,
        "meta": 7,
        "sector_eje": 5,
        "contribucion": 5,
        "indicador": 5,
        "avance": 4,
        "indicador_tema": 5,
        "programacion": 9,
    }
    # Eje hierarchy and the sector with two ejes.
    with session_scope(engine) as s:
        padres = {e.codigo: e.padre.codigo if e.padre else None for e in s.scalars(select(Eje))}
        mlps = s.scalars(select(Sector).where(Sector.codigo == "MLPS")).one()
        assert sorted(e.codigo for e in mlps.ejes) == ["E2", "E2-SOC"]
        assert mlps.institucion_rectora_id is None
        sal = s.scalars(select(Sector).where(Sector.codigo == "SAL")).one()
        assert sal.rectora is not None and sal.rectora.sigla == "SESAL"
    assert padres == {"E1": None, "E2": None, "E2-SOC": "E2"}
    # The first sector listed is the main one (spaces around «;» are ignored).
    assert _participaciones(engine) == {
        ("SESAL", "SAL", True),
        ("SEDUC", "EDU", True),
        ("SEDUC", "MLPS", False),
        ("SGJD", "GOB", True),
        ("SEDESOL", "MLPS", True),
        ("SEDESOL", "SAL", False),
    }
    # Contribution weight = the contributing goal's peso (MI-SESAL-01 has peso 2).
    assert _contribuciones(engine) == {
        ("MS-SAL-01", "MP-01", 1.0),
        ("MS-EDU-01", "MP-02", 1.0),
        ("MI-SESAL-01", "MS-SAL-01", 2.0),
        ("MI-SEDUC-01", "MS-EDU-01", 1.0),
        ("MI-SEDUC-01", "MS-SAL-01", 1.0),
    }
    with session_scope(engine) as s:
        metas = {m.codigo: m for m in s.scalars(select(Meta))}
        # An institutional goal with no sector takes its institution's main sector.
        assert metas["MI-SEDUC-01"].sector.codigo == "EDU"
        assert metas["MI-SEDESOL-01"].sector.codigo == "MLPS"
        assert metas["MP-02"].peso == 2.0 and metas["MP-01"].peso == 1.0
        assert metas["MP-01"].eje.codigo == "E2-SOC"
        ind = s.scalars(select(Indicador).where(Indicador.codigo == "MP-01-I1")).one()
        assert (ind.unidad, ind.sentido, ind.tipo, ind.frecuencia) == (
            "por 100,000 nacidos vivos",
            "descendente",
            "stock",
            "anual",
        )
        assert (ind.linea_base, ind.anio_base, ind.umbral_verde, ind.peso) == (
            74.5,
            2021,
            None,
            1.0,
        )
        prog = s.scalars(select(Programacion).where(Programacion.periodo == "2024-T2")).all()
        assert sorted((p.meta_original, p.meta) for p in prog) == [(12.5, 12.5), (1200.0, 1200.0)]
        avance = s.scalars(select(Avance).where(Avance.valor == 950)).one()
        assert avance.fecha_reporte == dt.date(2024, 4, 10)
        assert avance.comentario == "Retraso en registros, región 3"
        importacion = s.scalars(select(Importacion)).one()
    assert ("MP-01-I1", "Derechos Humanos") in _temas(engine)
    assert importacion.id == resultado.importacion_id
    assert importacion.origen == "mcr_valida" and importacion.es_demo is False
    assert importacion.resumen.startswith("ejes: 3 nuevos, 0 actualizados, 0 sin cambios; ")
    huella = hashlib.sha256()
    for archivo in sorted(FIXTURE.glob("*.csv"), key=lambda p: p.name):
        huella.update(archivo.name.encode() + b"\0" + archivo.read_bytes() + b"\0")
    assert importacion.huella == huella.hexdigest()


def test_reimporting_the_same_file_changes_nothing(engine):
    """Second import of the same file: identical database, no Importacion row, all «sin cambios»."""
    primero = import_mcr(engine, FIXTURE, es_demo=True)
    antes = dump(engine)
    segundo = import_mcr(engine, FIXTURE, es_demo=True)
    assert segundo.ok and segundo.importacion_id is None and segundo.revisiones == 0
    assert dump(engine) == antes
    for hoja, conteo in segundo.cambios.items():
        assert conteo["insertados"] == conteo["actualizados"] == 0, hoja
    assert segundo.cambios["avances"]["sin_cambios"] == 4
    assert primero.cambios.keys() == segundo.cambios.keys()
    with session_scope(engine) as s:
        assert s.scalars(select(Importacion.es_demo)).all() == [True]


def test_xlsx_and_csv_folder_give_the_same_database(engine, tmp_path):
    """Typed workbook and CSVs of one MCR: same counts; importing one after the other is a no-op."""
    libro = csv_folder_to_xlsx(FIXTURE, tmp_path / "mcr.xlsx")
    en_seco = import_mcr(engine, FIXTURE, dry_run=True)
    desde_excel = import_mcr(engine, libro)
    assert desde_excel.ok, [str(e) for e in desde_excel.errores]
    assert desde_excel.cambios == en_seco.cambios
    antes = dump(engine)
    desde_csv = import_mcr(engine, FIXTURE)
    assert desde_csv.ok and desde_csv.importacion_id is None
    assert dump(engine) == antes
    with session_scope(engine) as s:
        importacion = s.scalars(select(Importacion)).one()
    assert importacion.origen == "mcr.xlsx"
    assert importacion.huella == hashlib.sha256(libro.read_bytes()).hexdigest()


def test_changed_target_is_a_revision(engine, tmp_path):
    """A new value for a stored target changes ``meta`` only and records the revision."""
    import_mcr(engine, FIXTURE)
    carpeta = copy_fixture(
        tmp_path / "mcr_revisada",
        {"programacion": [("MI-SESAL-01-I1,2024-T2,1200", "MI-SESAL-01-I1,2024-T2,1100")]},
    )
    resultado = import_mcr(engine, carpeta)
    assert resultado.ok and resultado.revisiones == 1
    assert resultado.cambios["programacion"] == {
        "insertados": 0,
        "actualizados": 1,
        "sin_cambios": 8,
    }
    assert resultado.cambios["metas"]["sin_cambios"] == 7
    with session_scope(engine) as s:
        prog = s.scalars(
            select(Programacion).where(Programacion.periodo == "2024-T2", Programacion.meta > 100)
        ).one()
        assert (prog.meta_original, prog.meta) == (1200.0, 1100.0)
        (revision,) = prog.revisiones
        assert (revision.meta_anterior, revision.meta_nueva, revision.origen) == (
            1200.0,
            1100.0,
            "mcr_revisada",
        )
        resumenes = s.scalars(select(Importacion.resumen).order_by(Importacion.id)).all()
    assert len(resumenes) == 2 and "revisiones de programación: 1" in resumenes[1]
    # Re-importing the revised file again is a no-op (no second revision).
    antes = dump(engine)
    assert import_mcr(engine, carpeta).importacion_id is None
    assert dump(engine) == antes
    # Going back to the first value is another revision; the original stays.
    assert import_mcr(engine, FIXTURE).revisiones == 1
    with session_scope(engine) as s:
        assert s.scalars(
            select(RevisionProgramacion.meta_nueva).order_by(RevisionProgramacion.id)
        ).all() == [1100.0, 1200.0]
        assert s.scalars(
            select(Programacion.meta_original).where(Programacion.meta == 1200.0)
        ).all() == [1200.0]


def test_dry_run_counts_but_writes_nothing(engine, tmp_path):
    """dry_run reports what would change (including revisions) and leaves the database as it was."""
    vacia = dump(engine)
    resultado = import_mcr(engine, FIXTURE, dry_run=True)
    assert resultado.ok and resultado.importacion_id is None
    assert resultado.cambios["indicadores"]["insertados"] == 5
    assert dump(engine) == vacia

    import_mcr(engine, FIXTURE)
    antes = dump(engine)
    carpeta = copy_fixture(tmp_path / "mcr", {"programacion": [("2024-S2,78", "2024-S2,80")]})
    en_seco = import_mcr(engine, carpeta, dry_run=True)
    assert en_seco.ok and en_seco.revisiones == 1 and en_seco.importacion_id is None
    assert dump(engine) == antes


def test_partial_file_with_only_avances(engine, tmp_path):
    """A quarterly report (only avances) resolves indicators against the database."""
    import_mcr(engine, FIXTURE)
    carpeta = tmp_path / "reporte_t2"
    carpeta.mkdir()
    (carpeta / "avances.csv").write_text(
        "indicador,periodo,valor,fecha_reporte,comentario\n"
        "MI-SESAL-01-I1,2024-T2,1180,2024-07-08,\n"
        "MI-SEDUC-01-I1,2024-T1,11,2024-04-05,corregido\n"
        "MI-SEDUC-01-I1,2024-T2,12,2024-07-09,\n",
        encoding="utf-8",
    )
    antes = counts(engine)
    resultado = import_mcr(engine, carpeta)
    assert resultado.ok, [str(e) for e in resultado.errores]
    assert resultado.cambios == {"avances": {"insertados": 2, "actualizados": 1, "sin_cambios": 0}}
    despues = counts(engine)
    # Two new periods and one changed value: three new versions (values are never overwritten).
    assert despues["avance"] == antes["avance"] + 3
    assert despues["importacion"] == antes["importacion"] + 1
    assert despues["auditoria"] == antes["auditoria"] + 2  # the updated avance and the import
    cambiadas = ("avance", "importacion", "auditoria")
    assert {k: v for k, v in despues.items() if k not in cambiadas} == {
        k: v for k, v in antes.items() if k not in cambiadas
    }
    with session_scope(engine) as s:
        corregido = s.scalars(select(Avance).where(Avance.comentario == "corregido")).one()
        versiones = s.scalars(
            select(Avance)
            .where(Avance.indicador_id == corregido.indicador_id, Avance.periodo == "2024-T1")
            .order_by(Avance.numero)
        ).all()
    assert (corregido.periodo, corregido.valor, corregido.numero) == ("2024-T1", 11.0, 2)
    assert corregido.estado == EstadoVersion.validado
    assert [v.estado for v in versiones] == [EstadoVersion.reemplazado, EstadoVersion.validado]
    assert versiones[0].reemplazado_en is not None

    # The same report against a database without those indicators is rejected.
    (carpeta / "avances.csv").write_text(
        "indicador,periodo,valor,fecha_reporte,comentario\nNO-EXISTE,2024-T2,1,2024-07-08,\n",
        encoding="utf-8",
    )
    malo = import_mcr(engine, carpeta)
    assert [(e.hoja, e.fila, e.columna) for e in malo.errores] == [("avances", 2, "indicador")]


def test_bad_file_writes_nothing_and_keeps_the_good_data(engine, tmp_path):
    """One bad row rejects the whole file; a bad file after a good import changes nothing."""
    malo = copy_fixture(
        tmp_path / "mala",
        {"avances": [("2024-07-12", "12/07/2024")], "metas": [("MP-01,presidencial", "MP-01,x")]},
    )
    resultado = import_mcr(engine, malo)
    assert not resultado.ok and resultado.cambios == {} and resultado.importacion_id is None
    assert [(e.hoja, e.fila) for e in resultado.errores] == [("metas", 2), ("avances", 3)]
    assert set(counts(engine).values()) == {0}

    import_mcr(engine, FIXTURE)
    antes = dump(engine)
    # Valid changes in the first sheets, a bad row in the last one: nothing is written.
    mixto = copy_fixture(
        tmp_path / "mixta",
        {
            "ejes": [('E1,"Derechos Fundamentales,', 'E1,"Derechos,'), ("", "E5,Nuevo eje,")],
            "avances": [("2024-04-05", "2024-04-31")],
        },
    )
    resultado = import_mcr(engine, mixto)
    assert not resultado.ok and len(resultado.errores) == 1
    assert dump(engine) == antes


def test_links_of_listed_rows_are_replaced_and_absent_rows_kept(engine, tmp_path):
    """Link sets of rows in the file are replaced; rows missing from the file are left alone."""
    import_mcr(engine, FIXTURE)
    carpeta = copy_fixture(
        tmp_path / "cambios",
        {
            "metas": [("MS-EDU-01;MS-SAL-01,", "MS-EDU-01,3")],
            "instituciones": [("EDU; MLPS", "MLPS;EDU")],
            "indicadores": [("Transparencia;Descentralización", "transparencia")],
        },
        hojas={"metas", "instituciones", "indicadores"},
    )
    # Keep only some rows: metas MI-SEDUC-01, the SEDUC institution, one indicator.
    for hoja, conservar in {
        "metas": ("codigo,", "MI-SEDUC-01,"),
        "instituciones": ("sigla,", "SEDUC,"),
        "indicadores": ("codigo,", "MI-SEDUC-01-I1,"),
    }.items():
        ruta = carpeta / f"{hoja}.csv"
        lineas = ruta.read_text(encoding="utf-8-sig").splitlines()
        ruta.write_text(
            "\n".join(x for x in lineas if x.startswith(conservar)) + "\n", encoding="utf-8"
        )
    resultado = import_mcr(engine, carpeta)
    assert resultado.ok, [str(e) for e in resultado.errores]
    assert resultado.cambios == {
        "instituciones": {"insertados": 0, "actualizados": 1, "sin_cambios": 0},
        "metas": {"insertados": 0, "actualizados": 1, "sin_cambios": 0},
        "indicadores": {"insertados": 0, "actualizados": 1, "sin_cambios": 0},
        "temas_transversales": {"insertados": 0, "actualizados": 0, "sin_cambios": 1},
    }
    contribuciones = _contribuciones(engine)
    assert ("MI-SEDUC-01", "MS-EDU-01", 3.0) in contribuciones
    assert not any(o == "MI-SEDUC-01" and d == "MS-SAL-01" for o, d, _ in contribuciones)
    assert ("MI-SESAL-01", "MS-SAL-01", 2.0) in contribuciones  # absent from the file: kept
    assert {p for p in _participaciones(engine) if p[0] == "SEDUC"} == {
        ("SEDUC", "MLPS", True),
        ("SEDUC", "EDU", False),
    }
    # «transparencia» is the stored «Transparencia»: no new theme.
    assert {t for t in _temas(engine) if t[0] == "MI-SEDUC-01-I1"} == {
        ("MI-SEDUC-01-I1", "Transparencia")
    }
    assert counts(engine)["meta"] == 7 and counts(engine)["tema_transversal"] == 4


def test_rules_that_depend_on_stored_data(engine, tmp_path):
    """Level changes against stored contributions and frequency changes with stored data fail."""
    import_mcr(engine, FIXTURE)
    antes = dump(engine)
    carpeta = tmp_path / "cambios"
    carpeta.mkdir()
    (carpeta / "metas.csv").write_text(
        "codigo,nivel,descripcion,eje,sector,institucion,contribuye_a,peso\n"
        "MS-SAL-01,presidencial,Ahora presidencial,E2-SOC,,,,\n",
        encoding="utf-8",
    )
    (carpeta / "indicadores.csv").write_text(
        (FIXTURE / "indicadores.csv")
        .read_text(encoding="utf-8")
        .replace("acumulado,trimestral", "acumulado,semestral"),
        encoding="utf-8",
    )
    resultado = import_mcr(engine, carpeta)
    mensajes = {(e.hoja, e.fila, e.columna): e.mensaje for e in resultado.errores}
    assert set(mensajes) == {("metas", 2, "nivel"), ("indicadores", 5, "frecuencia")}
    assert (
        "contribuye a esta meta, que no puede ser presidencial" in mensajes[("metas", 2, "nivel")]
    )
    assert (
        "no se puede cambiar su frecuencia a semestral"
        in mensajes[("indicadores", 5, "frecuencia")]
    )
    assert dump(engine) == antes


@pytest.mark.parametrize("con_filas_vacias", [True, False])
def test_excel_cells_numbers_dates_and_empty_rows(engine, tmp_path, con_filas_vacias):
    """In a workbook, numeric codes are text, numeric years are periods, date cells are dates."""
    from tests.integration.importer.helpers import write_xlsx

    import_mcr(engine, FIXTURE)
    vacia = [[None]] if con_filas_vacias else []
    libro = write_xlsx(
        tmp_path / "numeros.xlsx",
        {
            "Instituciones": [
                ["sigla", "nombre", "sectores"],
                *vacia,
                [101, "Instituto 101", "SAL"],
            ],
            "metas": [
                [
                    "codigo",
                    "nivel",
                    "descripcion",
                    "eje",
                    "sector",
                    "institucion",
                    "contribuye_a",
                    "peso",
                ],
                [202.0, "Institucional", "Meta numérica", None, None, 101, "MS-SAL-01", 1],
            ],
            "indicadores": [
                [
                    "codigo",
                    "meta",
                    "nombre",
                    "eslabon",
                    "unidad",
                    "sentido",
                    "tipo",
                    "frecuencia",
                    "linea_base",
                    "anio_base",
                    "fuente",
                    "institucion_responsable",
                    "temas_transversales",
                    "umbral_verde",
                    "umbral_amarillo",
                    "peso",
                ],
                [
                    303,
                    202,
                    "Indicador",
                    "producto",
                    "%",
                    "ascendente",
                    "flujo",
                    "anual",
                    0.5,
                    2022.0,
                    "Registro",
                    101,
                    None,
                    90,
                    70.5,
                    None,
                ],
            ],
            "programacion": [
                ["indicador", "periodo", "meta"],
                [303, 2024, 10],
                *vacia,
                [303, 2025.0, 12],
            ],
            "avances": [
                ["indicador", "periodo", "valor", "fecha_reporte", "comentario"],
                *vacia,
                [303, 2024, 9.5, dt.datetime(2025, 1, 20), None],
                [303, "2025", 11, dt.date(2026, 1, 15), "ok"],
            ],
        },
    )
    resultado = import_mcr(engine, libro)
    assert resultado.ok, [str(e) for e in resultado.errores]
    with session_scope(engine) as s:
        meta = s.scalars(select(Meta).where(Meta.codigo == "202")).one()
        assert meta.institucion.sigla == "101" and meta.sector.codigo == "SAL"
        ind = s.scalars(select(Indicador).where(Indicador.codigo == "303")).one()
        assert (ind.anio_base, ind.linea_base, ind.umbral_amarillo) == (2022, 0.5, 70.5)
        assert sorted((p.periodo, p.meta) for p in ind.programacion) == [
            ("2024", 10.0),
            ("2025", 12.0),
        ]
        assert sorted((a.periodo, a.fecha_reporte) for a in ind.avances) == [
            ("2024", dt.date(2025, 1, 20)),
            ("2025", dt.date(2026, 1, 15)),
        ]
    # Rows are numbered as Excel shows them, empty rows included.
    malo = write_xlsx(
        tmp_path / "malo.xlsx",
        {
            "avances": [
                ["indicador", "periodo", "valor", "fecha_reporte", "comentario"],
                *vacia,
                [303, 2024.5, 1, dt.datetime(2025, 1, 2), None],
            ]
        },
    )
    (error,) = import_mcr(engine, malo).errores
    assert (error.hoja, error.fila, error.columna) == (
        "avances",
        3 if con_filas_vacias else 2,
        "periodo",
    )
    assert "«2024.5» no es un periodo válido" in error.mensaje

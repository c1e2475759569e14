"""The distributed ayuda memoria is a frozen document, and the convocatoria names its convener
(issue #9), on SQLite and PostgreSQL.

Found: the ayuda memoria PDF showed each acuerdo's live status, so a distributed ("definitive")
document changed every time an acuerdo moved; the convocatoria printed the convener's login.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from data_layer import auth
from data_layer import documentos as doc
from data_layer.auth import Alcance
from data_layer.db import session_factory
from data_layer.mesas import servicio
from data_layer.mesas.contenido import datos_ayuda_memoria, datos_convocatoria
from data_layer.mesas.models import AyudaMemoria
from data_layer.models import Rol
from tests.unit.test_documentos import texto_pdf

from .conftest import ACTOR, HOY, acreditar, convocar, sesion_con_acta

SESION = dt.datetime(2026, 3, 10, 9, 0)
DISTRIBUIDA = dt.date(2026, 3, 12)


def _pdf(db, ayuda_id: int, corte: dt.date = HOY) -> tuple[doc.DatosAyudaMemoria, str]:
    """The ayuda memoria as downloaded on ``corte``: its data and the PDF's text."""
    with session_factory(db)() as s:
        _, datos = datos_ayuda_memoria(s, ayuda_id, fecha_corte=corte, es_demo=False)
    return datos, texto_pdf(doc.pdf_ayuda_memoria(datos, comprimir=False))


def _acuerdo(s, ayuda_id: int, texto: str, limite: dt.date):
    return servicio.registrar_acuerdo(
        s,
        ayuda_id,
        texto=texto,
        institucion="SESAL",
        persona_responsable="Marta Díaz",
        fecha_limite=limite,
        actor=ACTOR,
    )


def test_distributed_minutes_print_what_they_said_when_distributed(db) -> None:
    """Minutes distributed on 12/03 with a pending acuerdo: the same day the acuerdo is marked
    cumplido with a result, and the member's cargo changes; every later download still prints
    «Pendiente», no result, and the old cargo. The draft, before distribution, printed live."""
    with session_factory(db)() as s, s.begin():
        m = acreditar(s, "SAL", "SESAL", "Marta Díaz", cargo="Técnica de planificación")
        _, ayuda = sesion_con_acta(s, "SAL", SESION, [m.id])
        acuerdo = _acuerdo(s, ayuda.id, "Entregar el plan de vacunación", dt.date(2026, 4, 1))
        ids = (ayuda.id, acuerdo.id, m.id)
    ayuda_id, acuerdo_id, miembro_id = ids
    _, borrador = _pdf(db, ayuda_id, DISTRIBUIDA)
    assert "Estado: Pendiente" in borrador and "Pendiente de distribución" in borrador

    with session_factory(db)() as s, s.begin():
        servicio.distribuir_ayuda_memoria(
            s, ayuda_id, distribuida_en=DISTRIBUIDA, actor=ACTOR, hoy=HOY
        )
    with session_factory(db)() as s, s.begin():
        servicio.cambiar_estado_acuerdo(
            s, acuerdo_id, "cumplido", nota="Entregado", fecha=DISTRIBUIDA,
            resultado="Plan aprobado", actor=ACTOR, hoy=HOY,
        )  # fmt: skip
        servicio.actualizar_contacto(s, miembro_id, cargo="Directora UPGRET", actor=ACTOR)

    datos, texto = _pdf(db, ayuda_id)
    assert [a.estado for a in datos.acuerdos] == ["pendiente"]
    assert "Estado: Pendiente" in texto and "Cumplido" not in texto
    assert "Plan aprobado" not in texto
    assert "Técnica de planificación" in texto and "Directora UPGRET" not in texto


def test_the_frozen_status_is_the_one_at_the_distribution_date(db) -> None:
    """A distribution recorded late (dated 12/03, recorded after a change dated 20/03) freezes
    the status of 12/03 (from the acuerdo's history), and an acuerdo overdue on 12/03 prints
    «Vencido», whatever happens later."""
    with session_factory(db)() as s, s.begin():
        m = acreditar(s, "SAL", "SESAL", "Marta Díaz")
        _, ayuda = sesion_con_acta(s, "SAL", SESION, [m.id])
        a_tiempo = _acuerdo(s, ayuda.id, "Publicar el tablero", dt.date(2026, 4, 1))
        _acuerdo(s, ayuda.id, "Enviar la base depurada", dt.date(2026, 3, 11))
        servicio.cambiar_estado_acuerdo(
            s, a_tiempo.id, "en_proceso", nota="Inició", fecha=dt.date(2026, 3, 20),
            actor=ACTOR, hoy=HOY,
        )  # fmt: skip
        servicio.distribuir_ayuda_memoria(
            s, ayuda.id, distribuida_en=DISTRIBUIDA, actor=ACTOR, hoy=HOY
        )
        ayuda_id = ayuda.id
    datos, _ = _pdf(db, ayuda_id)
    assert [a.estado for a in datos.acuerdos] == ["pendiente", "vencido"]


def test_minutes_distributed_before_the_frozen_copy_are_rebuilt_from_history(db) -> None:
    """Minutes distributed before this version (no stored copy) print each acuerdo's status at
    their distribution date, rebuilt from its history, not its live status."""
    with session_factory(db)() as s, s.begin():
        m = acreditar(s, "SAL", "SESAL", "Marta Díaz")
        _, ayuda = sesion_con_acta(s, "SAL", SESION, [m.id])
        acuerdo = _acuerdo(s, ayuda.id, "Publicar el tablero", dt.date(2026, 4, 1))
        servicio.distribuir_ayuda_memoria(
            s, ayuda.id, distribuida_en=DISTRIBUIDA, actor=ACTOR, hoy=HOY
        )
        servicio.cambiar_estado_acuerdo(
            s, acuerdo.id, "cumplido", nota="Listo", fecha=dt.date(2026, 3, 25),
            actor=ACTOR, hoy=HOY,
        )  # fmt: skip
        s.execute(
            update(AyudaMemoria)
            .where(AyudaMemoria.id == ayuda.id)
            .values(contenido_distribuido=None)
        )
        ayuda_id = ayuda.id
    datos, _ = _pdf(db, ayuda_id)
    assert [a.estado for a in datos.acuerdos] == ["pendiente"]


def test_the_follow_up_of_earlier_acuerdos_is_frozen_too(db) -> None:
    """An earlier acuerdo carried into the next session's agenda prints, in that session's
    distributed minutes, the status and note it had then, not what happened to it later."""
    with session_factory(db)() as s, s.begin():
        m = acreditar(s, "SAL", "SESAL", "Marta Díaz")
        _, primera = sesion_con_acta(s, "SAL", SESION, [m.id])
        previo = _acuerdo(s, primera.id, "Publicar el tablero", dt.date(2026, 6, 1))
        segunda_fecha = dt.datetime(2026, 4, 14, 9)
        segunda, ayuda = sesion_con_acta(s, "SAL", segunda_fecha, [m.id])
        servicio.cambiar_estado_acuerdo(
            s, previo.id, "en_proceso", nota="Va por la mitad", fecha=segunda_fecha.date(),
            sesion_id=segunda.id, actor=ACTOR, hoy=HOY,
        )  # fmt: skip
        servicio.distribuir_ayuda_memoria(
            s, ayuda.id, distribuida_en=dt.date(2026, 4, 15), actor=ACTOR, hoy=HOY
        )
        servicio.cambiar_estado_acuerdo(
            s, previo.id, "cumplido", nota="Publicado", fecha=dt.date(2026, 4, 15),
            actor=ACTOR, hoy=HOY,
        )  # fmt: skip
        ayuda_id = ayuda.id
    datos, texto = _pdf(db, ayuda_id)
    assert [(a.estado, a.nota) for a in datos.seguimiento] == [("en_proceso", "Va por la mitad")]
    assert "Estado: En proceso" in texto and "Publicado" not in texto


def test_the_convocatoria_names_its_convener_not_their_login(db) -> None:
    """A session convened by «coord.salud» prints «María López» as who convened it, never the
    login; one convened by an actor with no user record (the CLI, the demo loader) prints no
    convener."""
    with session_factory(db)() as s, s.begin():
        auth.crear_usuario(
            s, "coord.salud", "coordinador_mesa", "Mesa-Salud-2026-clave", alcance=["SAL"],
            nombre="María López",
        )  # fmt: skip
        coordinadora = Alcance(
            usuario="coord.salud", rol=Rol.coordinador_mesa, sectores=frozenset({"SAL"})
        )
        suya = servicio.convocar_sesion(
            s, "SAL", nivel="tecnico", fecha_hora=dt.datetime(2026, 5, 20, 9), lugar="SESAL",
            convocatoria_enviada_en=dt.date(2026, 5, 10), agenda=["Avance"], actor=coordinadora,
        )  # fmt: skip
        del_sistema = convocar(s, "SAL", dt.datetime(2026, 6, 20, 9))
        ids = (suya.id, del_sistema.id)
    with session_factory(db)() as s:
        _, datos = datos_convocatoria(s, ids[0], es_demo=False)
        _, sistema = datos_convocatoria(s, ids[1], es_demo=False)
    texto = texto_pdf(doc.pdf_convocatoria(datos, comprimir=False))
    assert datos.convocada_por == "María López"
    assert "María López" in texto and "coord.salud" not in texto
    assert sistema.convocada_por is None

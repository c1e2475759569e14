"""The alert centre's grid served in blocks (AG Grid's infinite row model, issue #15) through the
real Flask/Dash stack on the demo database: block size, count, clamping and the user's scope,
also for forged requests."""

from __future__ import annotations

import json
from typing import Any

import pytest

from data_layer.vistas import bloques
from tests.integration.web.test_acceso import cliente, cuerpo, llamar


@pytest.fixture
def app(demo_database_url):
    """A fresh app on the demo database."""
    from dashboard import create_app

    return create_app(demo_database_url)


def salida_bloque(app) -> str:
    """The callback key of the alerts grid's blocks."""
    app.server.test_client().get("/login")  # Dash collects its callbacks on the first request
    return next(
        s for s in app.callback_map if "alertas-lista" in s and s.endswith(".getRowsResponse")
    )


def pedir(app, c, pedido: Any, params: Any) -> tuple[int, dict[str, Any] | None]:
    """POST one block request as the grid sends it (``getRowsRequest`` and the page's
    ``alertas-params``); the status and the grid's answer."""
    salida = salida_bloque(app)
    body = cuerpo(app, salida, [pedido])
    body["state"][0]["value"] = params
    body["outputs"] = body["outputs"][0]  # one output: Dash's renderer sends it alone
    respuesta = llamar(c, body)
    if respuesta.status_code != 200:
        return respuesta.status_code, None
    datos = json.loads(respuesta.get_data(as_text=True))
    return 200, next(iter(datos["response"].values()))["getRowsResponse"]


def nota(app, c, params: dict[str, Any]) -> str:
    """The note above the grid («N alertas en P.») for the page's parameters."""
    salida = next(s for s in app.callback_map if s.startswith("..alertas-conteos.children"))
    texto = llamar(c, cuerpo(app, salida, [params])).get_data(as_text=True)
    return json.loads(texto)["response"]["alertas-nota"]["children"]


def test_blocks_reach_every_alert_with_the_notes_count(app) -> None:
    """The first block has 100 rows and the count of every alert (the note's number, more
    than the 1,000 the grid used to cap at is no longer a limit); the last block reaches the
    last alert; a forged endRow of 10⁹ gets at most MAX_BLOQUE rows."""
    c = cliente(app, "analista")
    estado, primero = pedir(app, c, {"startRow": 0, "endRow": 100}, {})
    assert estado == 200 and primero is not None
    total = primero["rowCount"]
    assert len(primero["rowData"]) == min(100, total) and total > 100
    assert nota(app, c, {}).startswith(f"{total:,} alertas en")
    assert [f["id"] for f in primero["rowData"]] == [str(i) for i in range(len(primero["rowData"]))]

    ultimo_inicio = (total - 1) // 100 * 100
    _, ultimo = pedir(app, c, {"startRow": ultimo_inicio, "endRow": ultimo_inicio + 100}, {})
    assert ultimo is not None and ultimo["rowCount"] == total
    assert len(ultimo["rowData"]) == total - ultimo_inicio
    assert ultimo["rowData"][-1]["id"] == str(total - 1)

    _, todo = pedir(app, c, {"startRow": 0, "endRow": 10**9}, {})
    assert todo is not None and len(todo["rowData"]) == min(bloques.MAX_BLOQUE, total)


def test_filters_and_sort_apply_to_every_alert(app) -> None:
    """A text filter on the severity column («alta») and a descending sort on the entity
    return only alta alerts, sorted over all of them, with their count; the page's own
    severity filter gives the same count."""
    c = cliente(app, "analista")
    pedido = {
        "startRow": 0,
        "endRow": 100,
        "filterModel": {
            "severidad_orden": {"filterType": "text", "type": "equals", "filter": "Alta"}
        },
        "sortModel": [{"colId": "entidad", "sort": "desc"}],
    }
    _, altas = pedir(app, c, pedido, {})
    assert altas is not None and altas["rowData"]
    assert {f["severidad"] for f in altas["rowData"]} == {"alta"}
    entidades = [f["entidad"] for f in altas["rowData"]]
    assert entidades == sorted(entidades, reverse=True)
    _, propias = pedir(app, c, {"startRow": 0, "endRow": 100}, {"severidad": "alta"})
    assert propias is not None and propias["rowCount"] == altas["rowCount"]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"sector": "EDU"},
        {"institucion": "SEDUC"},
        {"eje": "E2", "sector": "SEG", "institucion": "IHSS"},
    ],
)
def test_a_forged_block_request_sees_only_the_users_scope(app, params) -> None:
    """An UPGRET user of SESAL asking (forging the page's parameters: another sector, another
    institution) for every row gets only alerts of its institution's goals and indicators (and
    the goals they contribute to), never another institution's indicators."""
    c = cliente(app, "upgret.sesal")
    estado, bloque = pedir(app, c, {"startRow": 0, "endRow": 10**9}, params)
    assert estado == 200 and bloque is not None
    entidades = {f["entidad"] for f in bloque["rowData"]}
    ajenas = {e for e in entidades if e.startswith("MI-") and not e.startswith("MI-SESAL")}
    assert not ajenas, ajenas
    _, analista = pedir(app, cliente(app, "analista"), {"startRow": 0, "endRow": 100}, {})
    assert analista is not None and bloque["rowCount"] < analista["rowCount"]


@pytest.mark.parametrize(
    "pedido",
    [
        {"startRow": 0, "endRow": 100, "filterModel": {"entidad_href": {"type": "contains"}}},
        {"startRow": 0, "endRow": 100, "filterModel": "DROP TABLE"},
        {"startRow": "0", "endRow": [1], "sortModel": {"colId": "x"}},
        "bloque",
        None,
    ],
)
def test_forged_block_requests_never_fail(app, pedido) -> None:
    """A malformed request (a filter on a column the grid does not have, models of the wrong
    shape, bounds that are not numbers) is answered (200) with a bounded block or no rows,
    never a server error."""
    estado, bloque = pedir(app, cliente(app, "analista"), pedido, {})
    assert estado in (200, 204)
    if bloque is not None:
        assert len(bloque["rowData"]) <= bloques.MAX_BLOQUE

"""``make bench-load``: many simultaneous users on the real server (issue #15).

:mod:`bench.carga.grabar` records what a browser sends when it opens each page,
:mod:`bench.carga.locustfile` replays it from locust's users (in ``.venv-carga``), and
:mod:`bench.carga.correr` drives the whole run on SQLite and on PostgreSQL + Redis.
"""

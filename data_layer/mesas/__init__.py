"""The MESGEPRET (mesas sectoriales, DOMAIN.md §5): models, write rules, queries, alerts, demo.

``models`` holds the tables, ``servicio`` every write with its rule (raising ``ErrorMesa``),
``frames`` the mesa tables as DataFrames, ``consultas`` their reading (session in, frames out),
``estados`` what they say at a cut date (overdue, late, over the limit), ``registros`` one
session's records for its page, ``alertas`` the mesa alerts of DOMAIN.md §4,
``reglas`` the numbers and derived states, ``demo`` the deterministic demo data of the 22 mesas.
"""

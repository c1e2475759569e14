"""The MESGEPRET (mesas sectoriales, DOMAIN.md §5): models, write rules, queries, alerts, demo.

``models`` holds the tables, ``servicio`` every write with its rule (raising ``ErrorMesa``),
``consultas`` the reads (session in, DataFrames out), ``alertas`` the mesa alerts of DOMAIN.md §4,
``reglas`` the numbers and derived states, ``demo`` the deterministic demo data of the 22 mesas.
"""

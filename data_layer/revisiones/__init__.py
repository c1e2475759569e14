"""Target revisions (DOMAIN.md §9, issue #11 item 4): the technical level proposes new targets for
an indicator's open periods, a DIGER analyst gives a methodological opinion, the political level
decides.

``models`` holds the tables, ``servicio`` every write with its rule (raising ``ErrorRevision``),
``consultas`` their reading (the history of an indicator, what waits for a user's decision).
The projection that supports a proposal is :mod:`data_layer.engine.proyeccion_metas`.
"""

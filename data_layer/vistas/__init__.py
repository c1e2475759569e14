"""What the dashboard's pages show, as pure pandas functions of the engine's results and the MCR.

One module per view (``resumen``, ``alertas``...) plus the shared ``filtros`` (the URL filters
applied to goals, indicators and alerts) and ``linaje`` (the breadcrumbs chain of an entity).
Nothing here imports Dash or opens a database: every function is testable on a tiny MCR.
"""

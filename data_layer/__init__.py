"""SIGPRET data layer: models, database access, the progress engine, importers and the CLI's work.

Nothing here imports Dash, and nothing opens a database connection at import time.
"""

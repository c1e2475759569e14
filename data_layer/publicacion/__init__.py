"""Publication (issue #14, DOMAIN.md §11): DIGER's frozen quarterly snapshots and their open data.

- :mod:`.instantanea` builds a quarter's snapshot from the engine (validated values only);
- :mod:`.servicio` previews, publishes and withdraws editions
  (who may: ``permisos.puede_publicar``);
- :mod:`.consultas` reads what is published, and only that, for the portal and the API;
- :mod:`.datos_abiertos` turns a snapshot into the CSV/JSON tables and their data dictionary;
- :mod:`.cambios` compares two snapshots (which goals changed state).
"""

"""The reporting cycle (DOMAIN.md §8): institutions report their values, DIGER validates them.

- :mod:`.reglas`: the calendar and state rules (deadline, closing, the state of a report);
- :mod:`.controles`: the checks at entry (unit, outlier, above 120 %, rojo) and the review flags;
- :mod:`.servicio`: every write (draft, send, validate, return, correction, reapertura), each
  taking the acting user's scope and checking it through :mod:`data_layer.permisos`;
- :mod:`data_layer.evidencias`: evidence files.
"""

"""gunicorn's configuration for the Procfile: threaded workers, the app's own request log.

The values come from :func:`data_layer.servidor.opciones_gunicorn` (``sigpret serve`` uses the
same ones) and from the environment: ``WEB_CONCURRENCY`` workers, ``SIGPRET_HILOS`` threads
each, ``PORT``; a wrong value stops gunicorn at once with a Spanish message.
"""

from data_layer.config import Settings
from data_layer.servidor import opciones_gunicorn

# gunicorn reads this module's names (bind, workers, worker_class, threads, timeout…).
globals().update(opciones_gunicorn(Settings.from_env()))

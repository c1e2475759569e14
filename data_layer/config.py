"""Settings read from the environment, with the defaults of a local demo installation."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = Path(os.environ.get("SIGPRET_INSTANCE", PROJECT_ROOT / "instance"))


def default_database_url() -> str:
    """The embedded SQLite database under ``instance/``."""
    return f"sqlite:///{INSTANCE_DIR / 'sigpret.db'}"


@dataclass(frozen=True)
class Settings:
    """Runtime configuration; see the README's configuration table."""

    database_url: str
    redis_url: str | None
    secret_key: str | None
    reglas_path: str | None

    @classmethod
    def from_env(cls) -> Settings:
        """Read the settings from environment variables."""
        return cls(
            database_url=os.environ.get("DATABASE_URL") or default_database_url(),
            redis_url=os.environ.get("REDIS_URL") or None,
            secret_key=os.environ.get("SECRET_KEY") or None,
            reglas_path=os.environ.get("SIGPRET_REGLAS") or None,
        )

"""The evidence settings (issue #10): where files live and how large they may be."""

from __future__ import annotations

import pytest


def test_the_evidence_folder_setting_is_checked_on_load(tmp_path) -> None:
    """``SIGPRET_EVIDENCIAS`` must be an absolute path outside the public assets folder; by
    default the folder is ``instance/evidencias``, and the file limit is 10 MB."""
    from dashboard import ASSETS_DIR
    from data_layer.config import INSTANCE_DIR, ErrorConfiguracion, Settings

    defecto = Settings.from_env({})
    assert defecto.evidencias_dir == str(INSTANCE_DIR / "evidencias")
    assert defecto.max_evidencia_bytes == 10 * 1024 * 1024
    assert Settings.from_env({"SIGPRET_EVIDENCIAS": str(tmp_path)}).evidencias_dir == str(tmp_path)
    for malo in ("evidencias", str(ASSETS_DIR), str(ASSETS_DIR / "sub")):
        with pytest.raises(ErrorConfiguracion, match="SIGPRET_EVIDENCIAS"):
            Settings.from_env({"SIGPRET_EVIDENCIAS": malo})

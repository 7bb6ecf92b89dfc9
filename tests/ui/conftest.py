"""UI test fixtures: every test gets its own settings file, so remembered layouts never leak."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def own_settings(tmp_path_factory):
    """Point the app's QSettings at a fresh folder for this test (see annotator.ui.window_state)."""
    from annotator.ui.window_state import use_settings_folder

    folder = tmp_path_factory.mktemp("settings")
    use_settings_folder(folder)
    return folder

"""The PySide6 desktop GUI. Importing it applies the binding work-arounds in `compat` before any widget exists."""

from mlsquiz.ui import compat  # noqa: F401 - imported for its effect

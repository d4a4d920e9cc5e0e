"""The PySide6 desktop GUI: the screens, their controllers and the theme; the core below it never imports Qt."""

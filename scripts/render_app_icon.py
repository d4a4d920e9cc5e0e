"""Render the app icon's PNG sizes from its SVG with Qt's own SVG renderer; the PNGs are committed.

Run after changing `resources/icons/app/mlsquiz.svg`: `.venv/bin/python scripts/render_app_icon.py`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 32, 48, 64, 128, 256, 512)
FOLDER = Path(__file__).resolve().parents[1] / "resources" / "icons" / "app"


def render(svg: Path, size: int, target: Path) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg.name}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"cannot write {target.name}")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    svg = FOLDER / "mlsquiz.svg"
    for size in SIZES:
        render(svg, size, FOLDER / f"mlsquiz-{size}.png")
        print(f"mlsquiz-{size}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())

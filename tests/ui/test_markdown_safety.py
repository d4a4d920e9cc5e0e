"""Question text never makes the app open a file or fetch anything, whatever Markdown it holds."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mlsquiz.ui.markdown_view import to_html

CHILD = textwrap.dedent(
    """
    import sys
    from PySide6.QtGui import QTextImageFormat
    from PySide6.QtWidgets import QApplication
    from mlsquiz.ui.markdown_view import MarkdownView

    app = QApplication([])
    view = MarkdownView()
    path = sys.argv[1]
    view.set_markdown(f"Look: ![diagram]({path}) and ![x](file://{path}) and <img src='{path}'>")
    view.resize(600, 200)
    view.show()
    app.processEvents()
    block, images = view.document().begin(), 0
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if it.fragment().charFormat().isImageFormat():
                images += 1
            it += 1
        block = block.next()
    print(images, view.toPlainText())
    """
)


def test_images_render_as_their_alt_text() -> None:
    html = to_html("![a chart](/etc/passwd) `sale_price`")
    assert "<img" not in html and "[image: a chart]" in html


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
def test_an_image_path_in_question_text_is_never_opened(tmp_path: Path) -> None:
    """A FIFO blocks whoever opens it for reading: if the view tried, the child would hang and time out."""
    fifo = tmp_path / "trap.png"
    os.mkfifo(fifo)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(fifo)], capture_output=True, text=True, timeout=60, env=env
    )
    assert proc.returncode == 0, proc.stderr
    images, text = proc.stdout.split(" ", 1)
    assert images == "0"
    assert "[image: diagram]" in text

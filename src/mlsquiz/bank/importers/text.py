"""Reading an imported file's text, and the text of its questions as Markdown: strict UTF-8 within the size
limit, HTML reduced to plain text, plain text escaped so that it shows as written."""

from __future__ import annotations

import html
import re
import stat
from html.parser import HTMLParser
from pathlib import Path

from mlsquiz.bank.importers.common import MAX_FILE_BYTES, FileRejected


def read_bytes(path: Path) -> bytes:
    """The file's bytes: a regular file of at most 20 MB (`decode` then makes them text)."""
    try:
        info = path.stat()
    except OSError as exc:
        raise FileRejected(None, f"cannot read the file ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise FileRejected(None, "not a regular file; not read")
    if info.st_size > MAX_FILE_BYTES:
        raise FileRejected(None, f"the file is over {MAX_FILE_BYTES // (1024 * 1024)} MB; not read")
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise FileRejected(None, f"cannot read the file ({exc.strerror or exc})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise FileRejected(None, f"the file is over {MAX_FILE_BYTES // (1024 * 1024)} MB; not read")
    return raw


def decode(raw: bytes) -> str:
    """Strict UTF-8 (a byte-order mark is dropped), line ends made `\n`; FileRejected names the first bad line."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FileRejected(
            line, f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8"
        ) from None
    if "\x00" in text:
        raise FileRejected(text[: text.index("\x00")].count("\n") + 1, "a NUL character; not a text file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _PlainText(HTMLParser):
    """HTML to plain text: tags dropped, their text kept, scripts and styles dropped, images as their alt text."""

    BLOCKS = frozenset(
        {"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "ul", "ol", "table"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(alt)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>!#|])")


def html_to_text(text: str) -> str:
    """[html] text as plain text (no tag, no link, no remote image kept), escaped so Markdown shows it as is."""
    parser = _PlainText()
    parser.feed(text)
    parser.close()
    plain = html.unescape("".join(parser.parts))
    lines = [" ".join(line.split()) for line in plain.split("\n")]
    joined = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return _MD_SPECIAL.sub(r"\\\1", joined)


def plain_to_markdown(text: str) -> str:
    """[plain] text shown as written: Markdown's special characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", text)

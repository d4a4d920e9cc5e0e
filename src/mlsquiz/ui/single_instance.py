"""One window per data folder: the first start holds the folder's lock and listens on a local socket; a second
start finds the lock held, asks the first window to come to the front, and exits."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCryptographicHash, QObject, Signal

from mlsquiz.store.errors import UserFacingError
from mlsquiz.store.lock import FolderLock

if TYPE_CHECKING:  # QtNetwork is imported after the first frame (`listen`), or by a second start
    from PySide6.QtNetwork import QLocalServer

RAISE = b"raise\n"


def server_name(folder: Path) -> str:
    path = str(folder.expanduser().resolve()).encode()
    digest = bytes(
        QCryptographicHash.hash(path, QCryptographicHash.Algorithm.Sha256).toHex().data()
    ).decode()[:16]
    return f"mlsquiz-{digest}"


class SingleInstance(QObject):
    activated = Signal()  # a second start asked this window to come to the front

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.name = server_name(folder)
        self.lock: FolderLock | None = None
        self.server: QLocalServer | None = None

    def claim(self) -> bool:
        """True if this process is now the folder's only window (or the folder cannot be locked at all: the
        store then reports the folder's problem in plain words)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            lock = FolderLock(self.folder)
            if not lock.acquire():
                return False
        except (OSError, UserFacingError):
            return True
        self.lock = lock
        return True

    def listen(self) -> None:
        """Listen for a second start (once the first dashboard is shown; until then a second start says the
        folder is open)."""
        if self.lock is None or self.server is not None:
            return
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.name)  # a socket left by a killed process; we hold the lock
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._connected)
        self.server.listen(self.name)

    def _connected(self) -> None:
        """A second start connected: it writes one line at once, so a short wait for it is enough."""
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            arrived = socket.bytesAvailable() > 0 or socket.waitForReadyRead(500)
            if arrived and bytes(socket.readAll().data()).startswith(RAISE.strip()):
                self.activated.emit()
            socket.disconnectFromServer()
            socket.deleteLater()

    def raise_first(self, timeout_ms: int = 2000) -> bool:
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(RAISE)
        ok = socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return ok

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        if self.lock is not None:
            self.lock.release()

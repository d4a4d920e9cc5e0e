"""Errors that are the user's to act on: printed as one clear line, never as a traceback."""


class UserFacingError(Exception):
    pass


def plain_message(exc: BaseException) -> str:
    """One line for the user from any error: a UserFacingError as it is; an OS or database error without the
    SQL text or a traceback."""
    if isinstance(exc, UserFacingError):
        return str(exc)
    if isinstance(exc, OSError):
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror or type(exc).__name__}{where}"[:300]
    orig = getattr(exc, "orig", None)  # SQLAlchemy wraps the driver's error; its message has no SQL
    text = str(orig if orig is not None else exc).splitlines()
    first = text[0] if text else type(exc).__name__
    return f"{first[:200]} ({type(exc).__name__})"


class SaveFailed(UserFacingError):
    """A write could not be committed; the attempt shows what the database holds."""


class StaleAttempt(UserFacingError):
    """The attempt was changed elsewhere (another window) since this one read it; nothing was written."""


class DamagedDuringSession(UserFacingError):
    """SQLite reported the file damaged during use; nothing more is written until it is recovered."""

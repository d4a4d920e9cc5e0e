"""Errors that are the user's to act on: printed as one clear line, never as a traceback."""


class UserFacingError(Exception):
    pass

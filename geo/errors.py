"""The error hierarchy. Callers catch :class:`ConflictMapError` once; subclasses say which part failed."""


class ConflictMapError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(ConflictMapError, ValueError):
    """The input cannot be used as given (empty, binary, malformed). The message says why, for a user."""


class GazetteerError(ConflictMapError):
    """The offline gazetteer could not be built or loaded."""


class GeocoderError(ConflictMapError):
    """An online geocoding provider failed after its retries (timeout, refusal, bad answer)."""


class StoreError(ConflictMapError):
    """The event store refused an operation; nothing was changed."""

from __future__ import annotations

from paxscreen.errors import Forbidden, Unauthenticated, Unprocessable


class MissingKey(Unauthenticated):
    error = "missing_api_key"


class InvalidKey(Unauthenticated):
    error = "invalid_api_key"


class RoleNotAllowed(Forbidden):
    error = "role_not_allowed"


class CarrierNotAllowed(Forbidden):
    error = "carrier_not_allowed"


class InvalidKeyRequest(Unprocessable):
    error = "invalid_key_request"

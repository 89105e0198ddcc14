"""Static files with long cache lives: every address carries a hash of the file's content,
so a changed file gets a new address and browsers may keep each version for a year.
"""

import hashlib
from functools import cache
from pathlib import Path

from flask import Flask, Response, current_app, request

ONE_YEAR = 365 * 24 * 3600


def register(app: Flask) -> None:
    """Fingerprint static addresses and let browsers cache static files for a year."""
    if not app.config.get("SEND_FILE_MAX_AGE_DEFAULT"):
        app.config["SEND_FILE_MAX_AGE_DEFAULT"] = ONE_YEAR

    # Registered after Flask-Compress, so it runs before it: compress static files from memory,
    # because Flask-Compress would otherwise leave the file open. The file is closed as soon as
    # it is read, not when the response is closed: a browser that drops the connection midway
    # (it moved on to the next page) leaves a response the development server never closes.
    @app.after_request
    def _read_static_files(response: Response) -> Response:
        if request.endpoint == "static" and response.direct_passthrough:
            source = response.response
            response.direct_passthrough = False
            response.make_sequence()
            close = getattr(source, "close", None)
            if close is not None:
                close()
        return response

    @app.url_defaults
    def _fingerprint(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "filename" in values and "v" not in values:
            values["v"] = _content_hash(current_app.static_folder, values["filename"])


@cache
def _content_hash(folder: str, filename: str) -> str:
    """Hash a static file once per process (about 15 addresses a page ask)."""
    try:
        return hashlib.sha256((Path(folder) / filename).read_bytes()).hexdigest()[:12]
    except OSError:
        return "missing"

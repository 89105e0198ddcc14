"""Static files: fingerprinted addresses, cached for a year, sent compressed."""

from pathlib import Path

from flask import url_for


def test_static_addresses_carry_a_content_hash_and_are_cached_for_a_year(app, client):
    with app.test_request_context():
        address = url_for("static", filename="symbols/yes.svg")
    assert "?v=" in address
    with client.get(address) as response:
        assert response.status_code == 200
        assert "max-age=31536000" in response.headers["Cache-Control"]


def test_pages_are_sent_compressed(client):
    response = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"


def test_static_files_are_sent_compressed_without_leaving_files_open(client):
    import gc

    original = (Path(client.application.static_folder) / "js" / "embed-host.js").stat().st_size
    response = client.get("/static/js/embed-host.js", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert len(response.data) < original
    response.close()
    gc.collect()  # a leaked file handle would raise ResourceWarning here (warnings are errors)


def test_a_static_file_is_closed_once_read_even_if_its_response_is_never_closed(app):
    # The development server skips closing a response whose connection dropped midway (a
    # browser test moving on); the file must not wait for that close.
    with app.test_request_context("/static/symbols/survey.svg"):
        response = app.full_dispatch_request()
        files = [close.__self__.file for close in response._on_close if hasattr(close, "__self__")]

    assert response.get_data().startswith(b"<svg")
    assert files and all(file.closed for file in files)

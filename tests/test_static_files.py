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

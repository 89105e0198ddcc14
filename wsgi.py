"""The WSGI entry point for gunicorn (`gunicorn wsgi:app`) and `flask` (FLASK_APP=wsgi.py).

A wrong setting prints one line per problem and exits with status 2 (app/settings_check.py).
"""

from app import create_app
from app.settings_check import stop_on_bad_settings

with stop_on_bad_settings():
    app = create_app()

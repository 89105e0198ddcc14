"""The WSGI entry point for gunicorn (`gunicorn wsgi:app`) and `flask` (FLASK_APP=wsgi.py).

A wrong setting prints one line per problem and exits with status 2: `create_app()` stops
there, so `flask --app app` and `gunicorn 'app:create_app()'` stop the same way.
"""

from app import create_app

app = create_app()

"""Flask extensions, created once here and bound to the app in `create_app()`.

Imports nothing from the rest of the application except the declarative base.
"""

from flask import request
from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from app.models.base import Base

babel = Babel()
db = SQLAlchemy(model_class=Base)
migrate = Migrate(compare_type=True, render_as_batch=True)
csrf = CSRFProtect()
login_manager = LoginManager()

# Methods that only read: Flask-Limiter's before-request pass is skipped for these.
READS = frozenset({"GET", "HEAD", "OPTIONS"})


class WritesLimiter(Limiter):
    """Flask-Limiter with its before-request pass skipped for page reads.

    Heard sets no default or application-wide limit: only what writes is limited (a send, a
    withdrawal; sign-ins count in their own throttle), each by its view's decorator, which
    checks in the view. The before-request pass finds nothing to count on a read, yet took
    about a sixth of a question page's time. tests/test_rate_limits.py checks that every
    limited route is a write.
    """

    def _check_request_limit(self, callable_name=None, in_middleware=True) -> None:
        if in_middleware and request.method in READS:
            return
        super()._check_request_limit(callable_name=callable_name, in_middleware=in_middleware)


# Memory storage by default; Redis when RATELIMIT_STORAGE_URI is set (several instances).
# With Redis down, limits are counted in this process's memory (as with one instance) and
# Redis is tried again now and then; never a 500. Short timeouts, so a Redis host that
# does not answer holds no request for long. Storage errors are raised as limits'
# StorageError, which app/services/sign_in_throttle.py catches.
limiter = WritesLimiter(
    key_func=get_remote_address,
    headers_enabled=True,
    in_memory_fallback_enabled=True,
    storage_options={"wrap_exceptions": True, "socket_connect_timeout": 1, "socket_timeout": 1},
)
compress = Compress()

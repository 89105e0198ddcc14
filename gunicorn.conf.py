"""Gunicorn settings for Heard in production (`gunicorn wsgi:app`, or `make serve` locally).

Every value can be changed from the environment, so a council's IT team tunes it without
editing code. See docs/deploying.md.
"""

import gc
import multiprocessing
import os


def _whole_number(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise SystemExit(f"{name} must be a whole number, not {value!r}")
    return int(value)


bind = os.environ.get("HEARD_BIND", "127.0.0.1:8000")
# Sync workers: one per core was measured best on 2 cores (3 and 4 were slower).
workers = _whole_number("WEB_CONCURRENCY", multiprocessing.cpu_count())
worker_class = "sync"
timeout = _whole_number("HEARD_WORKER_TIMEOUT", 30)
graceful_timeout = _whole_number("HEARD_GRACEFUL_TIMEOUT", 30)
keepalive = _whole_number("HEARD_KEEPALIVE", 5)
# Restart each worker now and then, at different times, so a slow leak never builds up.
max_requests = _whole_number("HEARD_MAX_REQUESTS", 2000)
max_requests_jitter = _whole_number("HEARD_MAX_REQUESTS_JITTER", 200)
# Load the app once and share it between workers (less memory per worker).
preload_app = True
# Heard writes its own JSON line per request (app/request_log.py): no access log here.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# Gunicorn itself trusts no proxy: Heard's TRUSTED_PROXIES setting decides, through
# Werkzeug's ProxyFix, how many hops of X-Forwarded-For, -Proto and -Host to believe
# (app/proxies.py), wherever the proxy runs.
forwarded_allow_ips = ""


def pre_fork(_server, _worker) -> None:
    # What the master loaded is never collected again: the collector would otherwise write
    # to every shared object in each worker, which then holds its own copy of those pages
    # (bench/worker_memory.py: 68 MiB a worker without this, 55 MiB with it).
    gc.freeze()

"""Several instances: two gunicorn instances of Heard behind a local nginx, one database, one Redis.

Starts two instances in production mode (`gunicorn.conf.py`, `HEARD_ENV=production`, their
own `HEARD_BIND` port and `HEARD_INSTANCE` name) on one throwaway PostgreSQL database and one
Redis (`REDIS_URL` for report jobs, `RATELIMIT_STORAGE_URI` for rate limits), an RQ worker
(`rq worker reports`), and Debian's nginx with its own configuration in a temporary folder
(`nginx -c ... -p ...`, round-robin over both instances; never the system service). Then it
checks, printing PASS or FAIL for each:

1. a resident journey whose requests alternate between the two instances' own ports
   completes and is stored once;
2. the same through nginx, which sends its requests to both instances in turn;
3. the send limit is counted once for both: sends from one address, alternating between
   instances, are refused once the limit is reached, on both instances;
4. a background report asked for on one instance is built by the RQ worker and downloaded
   from the other.

    .venv/bin/python bench/instances.py [--database-url postgresql+psycopg://...]

Needs PostgreSQL on 127.0.0.1 and Redis on 127.0.0.1:6379 (started here if it does not
answer); installs nginx with apt-get when missing and run as root. Exits 1 if a check fails.
"""

import argparse
import http.client
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import lxml.html
from redis import Redis, RedisError
from rq.registry import FinishedJobRegistry

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load  # bench/load.py: the resident journey and gunicorn start-up

REDIS = "redis://127.0.0.1:6379"
REDIS_DATABASES = (10, 11)  # report jobs, rate limits: emptied before and after
SENDS_ALLOWED = 6
PASSWORD = secrets.token_urlsafe(16)
ADMIN = "admin@heard.example"  # made by flask seed-demo (app/cli.py)
UPSTREAM = "X-Heard-Upstream"
NAMES: dict[str, str] = {}  # "127.0.0.1:8791": "heard-a", filled in by main()


class Visitor(load.Resident):
    """A resident (or a member of staff) whose requests go to each target in turn.

    Targets are ports: the two instances' own, or nginx's alone (which then picks the
    instance itself and says which in a header). `served` counts the instance of each answer.
    """

    def __init__(self, ports: list[int], address: str, first: int = 0) -> None:
        self.tally = load.Tally()
        self.targets = [
            (port, http.client.HTTPConnection("127.0.0.1", port, timeout=60)) for port in ports
        ]
        self.turn = first
        self.address = address
        self.cookies: dict[str, str] = {}
        self.served: Counter[str] = Counter()
        self.sent_to: tuple[str, int] | None = None  # the instance and status of the send

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, str]:
        port, connection = self.targets[self.turn % len(self.targets)]
        self.turn += 1
        body = urlencode(form, doseq=True) if form is not None else None
        connection.request(method, path, body=body, headers=self._headers(port, body))
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies |= {name: morsel.value for name, morsel in SimpleCookie(header).items()}
        answered_by = response.getheader(UPSTREAM) or f"127.0.0.1:{port}"
        instance = NAMES.get(answered_by, answered_by)
        self.served[instance] += 1
        if method == "POST" and "/send" in path:
            self.sent_to = (instance, response.status)
        return response.status, response.getheader("Location") or "", text

    def _headers(self, port: int, body: str | None) -> dict[str, str]:
        headers = {"X-Forwarded-For": self.address}
        if body is not None:
            headers |= {"Origin": f"http://127.0.0.1:{port}",
                        "Content-Type": "application/x-www-form-urlencoded"}  # fmt: skip
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        return headers

    def close(self) -> None:
        for _, connection in self.targets:
            connection.close()


def _path(location: str) -> str:
    parts = urlsplit(location)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def _report(name: str, passed: bool, detail: str) -> bool:
    print(f"{'PASS' if passed else 'FAIL'}  {name}")
    print(f"      {detail}")
    return passed


def check_journey(name: str, ports: list[int], address: str, environment: dict) -> bool:
    before = load._stored(environment)
    visitor = Visitor(ports, address)
    try:
        visitor.journey()
        problem = ""
    except (load.JourneyFailed, IndexError, OSError) as failed:
        problem = f" failed: {failed!r}"
    finally:
        visitor.close()
    stored = load._stored(environment) - before
    split = ", ".join(f"{instance} {count}" for instance, count in sorted(visitor.served.items()))
    passed = not problem and visitor.tally.acknowledged == 1 == stored and len(visitor.served) == 2
    requests = sum(visitor.served.values())
    return _report(name, passed, f"{requests} requests answered by {split}; acknowledged "
                   f"{visitor.tally.acknowledged}, stored {stored}{problem}")  # fmt: skip


def check_shared_send_limit(ports: list[int], sends: int) -> bool:
    outcomes: dict[str, Counter[str]] = {"sent": Counter(), "refused": Counter()}
    for number in range(sends):
        visitor = Visitor(ports, "198.51.100.20", first=number)
        try:
            visitor.journey()
        except load.JourneyFailed:
            pass  # a refused send: told apart by its status below
        except IndexError:
            visitor.sent_to = None  # a page without its form, before sending
        finally:
            visitor.close()
        instance, status = visitor.sent_to or ("before sending", 0)
        kind = {303: "sent", 429: "refused"}.get(status, f"failed (HTTP {status})")
        outcomes.setdefault(kind, Counter())[instance] += 1
    sent, refused = (sum(outcomes[kind].values()) for kind in ("sent", "refused"))
    passed = (
        (sent, refused) == (SENDS_ALLOWED, sends - SENDS_ALLOWED)
        and len(outcomes) == 2
        and (len(outcomes["refused"]) == 2)
    )
    detail = "; ".join(f"{kind}: {dict(sorted(count.items()))}" for kind, count in outcomes.items())
    return _report(f"the send limit ({SENDS_ALLOWED} per 10 minutes) is shared through Redis",
                   passed, f"{sends} sends from one address, alternating: {detail}")  # fmt: skip


def check_report_handed_over(first: int, second: int, redis_url: str) -> bool:
    staff = Visitor([first], "198.51.100.30")
    _, page = staff.follow("GET", "/staff/sign-in")
    form = load._fields(lxml.html.fromstring(page).cssselect("main form[method=post]")[0])
    status, _, _ = staff.request(
        "POST", "/staff/sign-in", form | {"email": ADMIN, "password": PASSWORD}
    )
    if status != 303:
        return _report("a background report started on one instance is downloaded from the "
                       "other", False, f"staff sign-in answered HTTP {status}")  # fmt: skip
    _, home = staff.follow("GET", "/staff/")
    survey_id = re.search(r"/staff/surveys/(\d+)", home).group(1)
    status, location, _ = staff.request("GET", f"/staff/surveys/{survey_id}/report.csv")
    started = time.monotonic()
    job = _path(location)
    other = Visitor([second], "198.51.100.30")
    other.cookies = staff.cookies
    download = (0, "", "")
    while time.monotonic() - started < 120:
        download = other.request("GET", f"{job}/download")
        if download[0] != 303:
            break
        time.sleep(0.5)
    staff.close()
    other.close()
    asked_on, fetched_on = next(iter(staff.served)), next(iter(other.served))
    built_by_rq = FinishedJobRegistry("reports", connection=Redis.from_url(redis_url)).count
    passed = (
        status == 303
        and download[0] == 200
        and asked_on != fetched_on
        and download[2].count("\n") > 1
        and built_by_rq == 1
    )
    return _report("a background report started on one instance is downloaded from the other",
                   passed, f"asked on {asked_on} ({job}), HTTP {download[0]} from {fetched_on} "
                   f"after {time.monotonic() - started:.1f} s, {len(download[2])} characters "
                   f"of CSV; jobs finished by the RQ worker: {built_by_rq}")  # fmt: skip


def _redis_running() -> None:
    try:
        Redis.from_url(REDIS, socket_connect_timeout=1).ping()
    except RedisError:
        subprocess.run(["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port",
                        "6379", "--save", "", "--appendonly", "no"], check=True)  # fmt: skip
        time.sleep(0.5)
    for number in REDIS_DATABASES:
        Redis.from_url(f"{REDIS}/{number}").flushdb()


def _nginx() -> str:
    if shutil.which("nginx") or Path("/usr/sbin/nginx").exists():
        return shutil.which("nginx") or "/usr/sbin/nginx"
    if os.geteuid() != 0:
        raise SystemExit("nginx is not installed: apt-get install -y nginx")
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "install", "-y", "nginx"], check=True, env=environment)
    return "/usr/sbin/nginx"


NGINX_CONF = """
{user}worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    upstream heard {{ server 127.0.0.1:{first}; server 127.0.0.1:{second}; }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://heard;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
            add_header {header} $upstream_addr always;
        }}
    }}
}}
"""


def _start_nginx(folder: Path, ports: list[int], port: int) -> subprocess.Popen:
    conf = folder / "nginx.conf"
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf.write_text(NGINX_CONF.format(user=user, folder=folder, first=ports[0], second=ports[1],
                                      port=port, header=UPSTREAM))  # fmt: skip
    command = [_nginx(), "-c", str(conf), "-p", str(folder), "-e", str(folder / "nginx-error.log")]
    subprocess.run([*command, "-t", "-q"], check=True)
    return subprocess.Popen([*command, "-g", "daemon off;"], start_new_session=True)


def _instance_environment(environment: dict, port: int, name: str) -> dict:
    return environment | {"HEARD_BIND": f"127.0.0.1:{port}", "HEARD_INSTANCE": name}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", default="postgresql+psycopg://postgres@127.0.0.1/heard_instances"
    )
    parser.add_argument("--port", type=int, default=8791, help="first instance; then +1, nginx +2")
    parser.add_argument("--sends", type=int, default=10)
    parser.add_argument(
        "--memory-limits",
        action="store_true",
        help="count rate limits in each worker's memory (shows the limit check failing)",
    )
    options = parser.parse_args()
    ports = [options.port, options.port + 1]
    NAMES.update(
        {f"127.0.0.1:{port}": f"heard-{name}" for port, name in zip(ports, "ab", strict=True)}
    )
    _redis_running()
    processes: list[subprocess.Popen] = []
    with tempfile.TemporaryDirectory() as folder:
        url = load._prepare("postgresql", options.database_url, Path(folder))
        environment = load._environment(url, 1, ports[0]) | {
            "REDIS_URL": f"{REDIS}/{REDIS_DATABASES[0]}",
            "RATELIMIT_STORAGE_URI": f"{REDIS}/{REDIS_DATABASES[1]}",
            "RESPOND_SENDS_PER_MINUTE": f"{SENDS_ALLOWED} per 10 minutes",
            "REPORT_BACKGROUND_MIN_RESPONSES": "1",
            "TRUSTED_PROXIES": "1",
            "HEARD_DEMO_PASSWORD": PASSWORD,
        }
        if options.memory_limits:
            environment["RATELIMIT_STORAGE_URI"] = "memory://"
        for command in (["db", "upgrade"], ["seed-demo", "--responses", "3"]):
            done = subprocess.run([load.BIN / "flask", *command], env=environment,
                                  cwd=load.ROOT, capture_output=True, text=True)  # fmt: skip
            if done.returncode:
                raise SystemExit(f"flask {' '.join(command)} failed:\n{done.stderr[-2000:]}")
        try:
            for port, name in zip(ports, ("heard-a", "heard-b"), strict=True):
                processes.append(subprocess.Popen(
                    [load.BIN / "gunicorn", "--config", "gunicorn.conf.py", "wsgi:app"],
                    env=_instance_environment(environment, port, name), cwd=load.ROOT,
                    start_new_session=True,
                ))  # fmt: skip
            processes.append(subprocess.Popen(
                [load.BIN / "rq", "worker", "reports", "--url", environment["REDIS_URL"]],
                env=environment, cwd=load.ROOT, start_new_session=True,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            ))  # fmt: skip
            for port, server in zip(ports, processes, strict=False):
                load._wait_until_ready(port, server)
            processes.append(_start_nginx(Path(folder), ports, options.port + 2))
            time.sleep(0.5)
            results = _checks(ports, options.port + 2, options.sends, environment)
        finally:
            for process in reversed(processes):
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)
            for number in REDIS_DATABASES:
                Redis.from_url(f"{REDIS}/{number}").flushdb()
    admin = url.rsplit("/", 1)[0].replace("+psycopg", "") + "/postgres"
    subprocess.run(["psql", admin, "-qc", f'drop database if exists "{url.rsplit("/", 1)[-1]}"'])
    print(f"{sum(results)} of {len(results)} checks passed")
    sys.exit(0 if all(results) else 1)


def _checks(ports: list[int], nginx_port: int, sends: int, environment: dict) -> list[bool]:
    print(f"Two instances (heard-a on {ports[0]}, heard-b on {ports[1]}, one gunicorn worker "
          f"each), nginx on {nginx_port}, PostgreSQL, Redis, one RQ worker")  # fmt: skip
    return [
        check_journey(
            "a journey alternating between the instances' own ports completes",
            ports,
            "198.51.100.10",
            environment,
        ),
        check_journey(
            "a journey through nginx (round-robin) completes",
            [nginx_port],
            "198.51.100.11",
            environment,
        ),
        check_shared_send_limit(ports, sends),
        check_report_handed_over(*ports, environment["REDIS_URL"]),
    ]


if __name__ == "__main__":
    main()

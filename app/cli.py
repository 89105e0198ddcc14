"""Flask commands: thin wrappers over services and `reports`."""

import os
import secrets
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import click
from flask import Flask
from flask.cli import AppGroup

import reports
from app.models import Role
from app.models.base import utc_now
from app.services import demo, frameworks, partners, resume, retention, surveys, users
from app.services import reports as report_service
from app.services.errors import NotFound, ServiceError

DEMO_ADMIN_EMAIL = "admin@heard.example"

frameworks_group = AppGroup("frameworks", help="Load co-production frameworks.")


def register(app: Flask) -> None:
    """Add Heard's commands to `flask`."""
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(create_user_command)
    app.cli.add_command(report_command)
    app.cli.add_command(frameworks_group)
    app.cli.add_command(purge_drafts_command)
    app.cli.add_command(purge_command)


@click.command("purge-drafts")
def purge_drafts_command() -> None:
    """Delete unsent answers older than 30 days or of closed surveys (run it daily)."""
    click.echo(f"Deleted {resume.purge_expired_drafts()} unsent drafts")


@click.command("purge")
@click.option(
    "--queue", is_flag=True, help="Put the purge on the RQ queue 'retention' (needs REDIS_URL)."
)
def purge_command(queue: bool) -> None:
    """Remove answers kept past their survey's retention, old report files, uploads, staff
    sessions and sign-in links (daily)."""
    if queue:
        from redis import RedisError

        try:
            queued = retention.enqueue_purge()
        except RedisError as problem:
            raise click.ClickException(
                f"Redis does not answer at REDIS_URL ({problem}): the purge was not queued. "
                "Run it without --queue"
            ) from problem
        if not queued:
            raise click.ClickException(
                "Set REDIS_URL to queue the purge, or run it without --queue"
            )
        click.echo("Queued the purge for an RQ worker (rq worker retention)")
        return
    summary = retention.purge(utc_now())
    for title in summary.surveys:
        click.echo(f"Purged {title}")
    click.echo(f"Removed {summary.responses} responses' data from {len(summary.surveys)} surveys")
    click.echo(f"Dropped {summary.report_jobs} old report files")
    if summary.uploads is None:
        click.echo("Import uploads: not purged (the imports service has no purge yet)")
    else:
        click.echo(f"Deleted {summary.uploads} old import uploads")
    click.echo(
        f"Deleted {summary.staff_sessions} staff sessions and {summary.sign_in_links} "
        "sign-in links that ended over 30 days ago"
    )
    if summary.failed:
        raise click.ClickException(f"Could not purge {', '.join(summary.failed)}: see the log")


@frameworks_group.command("load")
def load_frameworks_command() -> None:
    """Load every framework shipped in app/frameworks (safe to run again)."""
    for framework in frameworks.load_all_frameworks():
        click.echo(f"Loaded {framework.title} ({len(framework.principles)} principles)")


@click.command("seed-demo")
@click.option("--responses", default=0, show_default=True, help="Synthetic responses to add.")
@click.option("--seed", default=2025, show_default=True, help="Random seed for the responses.")
def seed_demo_command(responses: int, seed: int) -> None:
    """Create the demo survey, partners and a demo admin (safe to run again)."""
    survey = demo.seed_demo(responses=responses, seed=seed)
    click.echo(f"Demo survey: /s/{survey.slug}")
    if users.find_user_by_email(DEMO_ADMIN_EMAIL) is None:
        password = os.environ.get("HEARD_DEMO_PASSWORD") or secrets.token_urlsafe(12)
        users.create_user(
            email=DEMO_ADMIN_EMAIL, name="Demo admin", role=Role.ADMIN, password=password
        )
        shown = "from HEARD_DEMO_PASSWORD" if os.environ.get("HEARD_DEMO_PASSWORD") else password
        click.echo(f"Staff sign-in: /staff as {DEMO_ADMIN_EMAIL}, password {shown}")
        click.echo("This password is shown only once.")
    else:
        click.echo(f"Staff sign-in: /staff as {DEMO_ADMIN_EMAIL} (password as set before)")


@click.command("create-user")
@click.option("--email", required=True)
@click.option("--name", default="")
@click.option("--role", type=click.Choice([role.value for role in Role]), default="viewer")
@click.option(
    "--partner", "partner_name", default=None, help="For role partner: the partner's name."
)
def create_user_command(email: str, name: str, role: str, partner_name: str | None) -> None:
    """Create a user; the password is read from a prompt or standard input."""
    partner_id = None
    if partner_name:
        partner = next((p for p in partners.list_partners() if p.name == partner_name), None)
        if partner is None:
            raise click.ClickException(f"There is no partner called {partner_name!r}")
        partner_id = partner.id
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\n")
    try:
        user = users.create_user(
            email=email, name=name, role=role, password=password, partner_id=partner_id
        )
    except ServiceError as problem:
        raise click.ClickException(problem.message) from problem
    click.echo(f"Created {user.role.value} {user.email}")


@click.command("report")
@click.argument("slug")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option(
    "--edition", type=click.Choice(reports.EDITIONS), default="standard", show_default=True
)
@click.option(
    "--format", "output", type=click.Choice(reports.FORMATS), help="Default: from --out, or pdf."
)
@click.option("--partner", "partner_code", help="Only responses through this partner link code.")
@click.option("--channel", type=click.Choice(reports.CHANNELS), help="Only this channel.")
@click.option(
    "--from", "date_from", type=click.DateTime(["%Y-%m-%d"]), help="First day, YYYY-MM-DD."
)
@click.option("--to", "date_to", type=click.DateTime(["%Y-%m-%d"]), help="Last day, YYYY-MM-DD.")
def report_command(
    slug: str, out_path: Path, edition: str, output: str | None, **filters: Any
) -> None:
    """Write the "what we heard" report of a survey to a file (PDF, HTML, CSV or XLSX)."""
    try:
        survey = surveys.get_by_slug(slug)
    except NotFound as problem:
        raise click.ClickException(f"There is no survey with the slug {slug!r}") from problem
    suffix = out_path.suffix.lstrip(".").lower()
    output = output or (suffix if suffix in reports.FORMATS else "pdf")
    try:
        made = report_service.build(
            survey.id, edition=edition, output=output, filters=_response_filter(**filters)
        )
    except (ServiceError, reports.FilterInvalid) as problem:
        raise click.ClickException(str(problem)) from problem
    out_path.write_bytes(made.content)
    click.echo(f"Wrote {out_path} ({len(made.content):,} bytes)")


def _response_filter(
    partner_code: str | None,
    channel: str | None,
    date_from: datetime | None,
    date_to: datetime | None,
) -> reports.ResponseFilter:
    return reports.ResponseFilter(
        date_from=date_from.date() if date_from else None,
        date_to=date_to.date() if date_to else None,
        channel=channel,
        partner_code=partner_code,
    )

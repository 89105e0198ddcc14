"""Send a plain-text e-mail through the council's SMTP server, when one is configured.

Services layer, standard library only (`smtplib`). Settings: `MAIL_SERVER` (unset: Heard
sends no e-mail and shows one-time links to the admin instead), `MAIL_PORT`,
`MAIL_USE_TLS` (STARTTLS), `MAIL_USERNAME`, `MAIL_PASSWORD` and `MAIL_SENDER`.
"""

import smtplib
from email.message import EmailMessage

from flask import current_app

TIMEOUT_SECONDS = 10


class MailNotSent(Exception):
    """The mail server could not be reached or refused the message."""


def is_configured() -> bool:
    """Say whether Heard has a mail server to send through."""
    return bool(current_app.config.get("MAIL_SERVER"))


def send(*, to: str, subject: str, body: str) -> None:
    """Send one message, or raise MailNotSent with the reason."""
    config = current_app.config
    message = EmailMessage()
    message["From"] = config.get("MAIL_SENDER") or "heard@localhost"
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    try:
        with smtplib.SMTP(
            config["MAIL_SERVER"], int(config.get("MAIL_PORT") or 25), timeout=TIMEOUT_SECONDS
        ) as server:
            if config.get("MAIL_USE_TLS"):
                server.starttls()
            if config.get("MAIL_USERNAME"):
                server.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
            server.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        raise MailNotSent(str(error)) from error

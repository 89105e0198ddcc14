"""The Heard web application: `create_app()` reads like a table of contents."""

import os

from flask import Flask
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader

from config import Config, DevelopmentConfig, ProductionConfig


def create_app(config_class: type[Config] | None = None) -> Flask:
    """Build and configure a Heard application."""
    from app.public_urls import HeardFlask

    app = HeardFlask(__name__, instance_relative_config=True)
    config_class = config_class or _config_from_environment()
    production = issubclass(config_class, ProductionConfig)
    if production:
        config_class.read_environment()
    app.config.from_object(config_class)
    from app import settings_check

    # Every way in (flask --app app or wsgi, gunicorn, python -m flask) calls this factory:
    # a wrong setting prints one line per problem and exits with status 2, never a traceback.
    with settings_check.stop_on_bad_settings():
        settings_check.check(app.config, production=production, environ=os.environ)
    os.makedirs(app.instance_path, exist_ok=True)

    from app import routing

    routing.register(app)
    _configure_templates(app)
    _init_extensions(app)
    _register_blueprints(app)

    from app import errors, headers, health, proxies, request_log, static_files, template_filters
    from app.respond import preferences

    health.register(app)
    request_log.register(app)
    proxies.register(app)
    errors.register(app)
    headers.register(app)
    template_filters.register(app)
    preferences.register(app)
    static_files.register(app)

    from app import backup
    from app.cli import register as register_cli

    register_cli(app)
    backup.register(app)
    return app


def _config_from_environment() -> type[Config]:
    name = os.environ.get("HEARD_ENV", "development")
    return {"production": ProductionConfig}.get(name, DevelopmentConfig)


def _configure_templates(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader(
        [
            PackageLoader("app"),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


def _init_extensions(app: Flask) -> None:
    from app import database, languages
    from app.extensions import babel, compress, csrf, db, limiter, login_manager, migrate

    database.configure_engine_options(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(app.root_path, os.pardir, "migrations"))
    csrf.init_app(app)
    compress.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=languages.select_language)
    app.context_processor(languages.template_context)
    login_manager.init_app(app)
    login_manager.login_view = "staff.sign_in"
    login_manager.login_message = None
    database.register_connection_settings(app)


def _register_blueprints(app: Flask) -> None:
    from app.extensions import csrf
    from app.respond import blueprint as respond
    from app.staff import blueprint as staff

    # The resident journey has its own signed token and origin check: it must work with no cookie.
    csrf.exempt(respond)
    app.register_blueprint(respond)
    app.register_blueprint(staff, url_prefix="/staff")

"""Settings, read from the environment.

IOMNEWS_PRODUCTION    "1": production (SECRET_KEY required, HTTPS, HSTS, secure cookies)
DATABASE_URL          default: a SQLite file in the project folder
SECRET_KEY            required in production
DEBUG                 "1" to turn on (never in production)
ALLOWED_HOSTS         comma-separated
PORTAL_REQUIRE_LOGIN  "1": every page needs a logged-in account
CACHE_URL             default: this process's memory; redis://host:6379/0 to share one cache
EXPORT_DIR            where export files are written (default: var/exports in the project folder)
EXPORTS_AT_ONCE       exports written at the same time on this server (default 2); more get a 429
API_RATE_LIMIT        requests a minute per client to the API (default 300; 0: no limit)
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from .cache_url import cache_from_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


PRODUCTION = env_flag("IOMNEWS_PRODUCTION")
DEBUG = env_flag("DEBUG") and not PRODUCTION

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        # The message alone, not at the foot of a traceback. Exit status 3 is gunicorn's
        # "worker failed to boot": it stops instead of starting workers again and again.
        print(
            "SECRET_KEY must be set in production (IOMNEWS_PRODUCTION=1): a long random string, "
            "e.g. from: python -c 'import secrets; print(secrets.token_urlsafe(50))'",
            file=sys.stderr,
        )
        sys.exit(3)
    SECRET_KEY = "insecure-key-for-local-runs-and-tests-only"

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "axes",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "core",
    "contacts",
    "releases",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before CommonMiddleware, as its documentation asks: the API's CORS headers (api/README).
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "iomnews.access.RequireLoginMiddleware",
    # Last, as its documentation asks: it locks out repeated failed logins.
    "axes.middleware.AxesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "iomnews.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "iomnews.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the portal read while an import writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    # A writer waits up to 60 s for another (a second import) instead of failing.
    DATABASES["default"]["OPTIONS"]["timeout"] = 60

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed logins for one account from one address: locked out for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# A locked-out login gets the site's page with the reason and how long it lasts.
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

PORTAL_REQUIRE_LOGIN = env_flag("PORTAL_REQUIRE_LOGIN")

# Hosts (and their sub-domains) whose canonical URLs an HTML page may take as its source.
IMPORT_SOURCE_HOSTS = [
    host.strip().lower()
    for host in os.environ.get("IMPORT_SOURCE_HOSTS", "iom.int").split(",")
    if host.strip()
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "fr"
# The admin's stock sentences reworded for editors (read before Django's own French).
LOCALE_PATHS = [BASE_DIR / "core" / "locale"]
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Zurich"
USE_I18N = True
USE_TZ = True
# "3 064 communiqués": thousands grouped by a narrow no-break space (core/formats/fr).
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["core.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Pages are cached until what they show changes (core/caching.py). By default in each
# process's memory; with Redis, one copy for every gunicorn worker and every server.
CACHES = {
    "default": cache_from_url(os.environ.get("CACHE_URL", ""), os.environ.get("CACHE_KEY_PREFIX", "iomnews"))
}

# Exports (/export.csv, /export.json) are written once per version of the data, then
# served as files; at most EXPORTS_AT_ONCE are written at a time on each server.
EXPORT_DIR = Path(os.environ.get("EXPORT_DIR", BASE_DIR / "var" / "exports"))
EXPORTS_AT_ONCE = int(os.environ.get("EXPORTS_AT_ONCE", "2"))

# ---------------------------------------------------------------- the read API (api/)
# Requests per client (address) and minute; beyond, a 429 with Retry-After. Counted in the
# cache above: shared by every process and server when CACHE_URL is Redis. 0: no limit.
API_RATE_LIMIT = int(os.environ.get("API_RATE_LIMIT", "300"))
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["api.rendering.JsonRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "api.rendering.JsonOnly",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "URL_FORMAT_OVERRIDE": None,
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API des communiqués de l’OIM — IOM press releases API",
    "VERSION": "1",
    "DESCRIPTION": "",  # api/schema.py
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": False,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"defaultModelsExpandDepth": 0, "docExpansion": "list"},
    "POSTPROCESSING_HOOKS": ["api.schema.postprocess"],
}
# Read-only and public: any site may read the API from a browser, with GET alone.
CORS_URLS_REGEX = r"^/api/v1/(?!docs/).*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Link", "Retry-After"]
CORS_PREFLIGHT_MAX_AGE = 24 * 3600

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}


# ---------------------------------------------------------------- security
# No inline script anywhere: scripts only from this site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", default=True)
    # Behind a proxy that terminates TLS and says so.
    if env_flag("BEHIND_HTTPS_PROXY", default=True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

"""Settings, all from the environment (see README, "Settings").

Safe defaults for production: DEBUG is off unless asked for, and without DEBUG a SECRET_KEY
must be given. SQLite in the project folder is the embedded default; PostgreSQL through
DATABASE_URL=postgres://... is the production database.
"""

import importlib.util
import os
import warnings
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from minutes_site.security import CONTENT_SECURITY_POLICY, weak_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number of seconds, not {value!r}.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local development).")
    SECRET_KEY = "development-only-insecure-key"
elif not DEBUG and weak_secret_key(SECRET_KEY):
    # Sessions, password resets and CSRF tokens are signed with it: refuse to start, not just warn.
    raise ImproperlyConfigured(
        f"SECRET_KEY is too weak for production ({weak_secret_key(SECRET_KEY)}): set a long random one, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The admin modules (and their import-export, openpyxl and psycopg imports, ~1 s) load with
    # the URLs (urls.py calls autodiscover), not at start-up: load_minutes needs none of them.
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Before import_export: archive/templates/admin/import_export/export.html extends its page.
    "archive",
    "import_export",
    "simple_history",
]
# django-ninja is not an app here: its import (with pydantic, ~0.15 s) would come at every start,
# `manage.py load_minutes` included; the API imports it with the URLs. Its Swagger UI page and
# files are found from its folder instead, so /api/docs uses them, not a CDN (archive.api.Docs).
NINJA_DIR = Path(importlib.util.find_spec("ninja").origin).parent
STATICFILES_DIRS = [NINJA_DIR / "static"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "minutes_site.security.ContentSecurityPolicyMiddleware",
    "minutes_site.security.NoNulInPathMiddleware",
    # Static files without DEBUG too (README, "Settings"): from STATIC_ROOT after collectstatic,
    # else straight from the apps' static folders (WHITENOISE_USE_FINDERS).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "minutes_site.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [NINJA_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
WSGI_APPLICATION = "minutes_site.wsgi.application"

DATABASES = {
    # An empty DATABASE_URL (`DATABASE_URL= make test`) means the default, as if unset.
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the site read while load_minutes writes; NORMAL sync is safe with WAL.
    # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA cache_size=-65536;"
            ),
            "transaction_mode": "IMMEDIATE",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "archive" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# A site started without collectstatic still has its CSS and scripts; after collectstatic WhiteNoise
# serves STATIC_ROOT (set WHITENOISE_USE_FINDERS=0 to serve only that).
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", True)
# Before a first collectstatic there is no STATIC_ROOT: WhiteNoise's warning about it says nothing
# wrong (the finders serve the files) and would print on every start and test.
warnings.filterwarnings("ignore", message="No directory at: ")

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    # Production is served over TLS: redirect plain HTTP and tell browsers to stay on HTTPS.
    # A site not (yet) behind TLS sets SECURE_SSL_REDIRECT=0 and SECURE_HSTS_SECONDS=0.
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)  # a year
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Behind a proxy that ends TLS, Django sees plain HTTP; the proxy's header says it was HTTPS
# (e.g. SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto). Set it only if the proxy always sets or
# strips that header, or a client could claim HTTPS.
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + os.environ["SECURE_PROXY_SSL_HEADER"].upper().replace("-", "_"), "https")

# Sent on every response but under DEBUG (minutes_site/security.py says what it allows and why);
# CONTENT_SECURITY_POLICY="" turns it off.
CONTENT_SECURITY_POLICY = os.environ.get("CONTENT_SECURITY_POLICY", CONTENT_SECURITY_POLICY)

# django-import-export: check permissions (by default it checks none).
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = True
# Formula escaping is archive.spreadsheets's, applied by the admin's formats (archive/admin/
# formats.py) as by the public downloads: one rule, once. import-export's own would be a second
# pass, and a lossy one (it drops a leading "=" and writes every empty cell as "None").
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
# An admin import file's limits, checked as it is read (archive/admin/formats.py): a 9 KB XLSX
# can hold two million rows. Larger files are split, or loaded with manage.py.
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 100_000)
IMPORT_MAX_CELLS = env_int("IMPORT_MAX_CELLS", 3_000_000)

# The read API (archive/api.py): requests per client address, and how many proxies stand before
# the site (0: the client's address is REMOTE_ADDR; a client's X-Forwarded-For is not trusted).
API_RATE = os.environ.get("API_RATE", "120/m")
NINJA_NUM_PROXIES = env_int("API_PROXIES", 0)

# Releases of the whole archive (archive/releases.py): where they are written and served from.
RELEASES_DIR = Path(os.environ.get("RELEASES_DIR", BASE_DIR / "releases"))
# The site's address (https://example.org), for the links in a release's rows; empty: links relative to the site.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Django's own "django" logger has a console handler too and passes records on to the root:
    # every line was printed twice. It writes to ours alone.
    "loggers": {
        "django": {
            "handlers": ["console"],
            "level": "INFO" if DEBUG else os.environ.get("LOG_LEVEL", "WARNING"),
            "propagate": False,
        },
    },
}

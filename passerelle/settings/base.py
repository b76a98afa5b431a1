"""Settings for every environment, read from the process environment.

Production is the default: DEBUG off, secure cookies, no demo accounts. `make run` sets
PASSERELLE_DEMO=1 for the local demo; the test settings override the rest.
"""

import datetime as dt
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from passerelle.settings.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", default=False)
PASSERELLE_DEMO = env_bool("PASSERELLE_DEMO", default=False)

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1", "testserver"}
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

if (DEBUG or PASSERELLE_DEMO) and not set(ALLOWED_HOSTS) <= LOCAL_HOSTS:
    # A demo (shared passwords, no 2FA) or a debug page must never face a real network.
    raise ImproperlyConfigured(
        "DEBUG and PASSERELLE_DEMO are only allowed on a local host "
        f"(ALLOWED_HOSTS={ALLOWED_HOSTS!r}). Unset them for production."
    )

SECRET_KEY = env_str("SECRET_KEY", default="")
if not SECRET_KEY and (DEBUG or PASSERELLE_DEMO):
    SECRET_KEY = "passerelle-local-demo-key-never-use-in-production-0123456789abcdef"
# Without a key, management commands (migrate, makemigrations) still work; the web server
# refuses to start (passerelle/wsgi.py) and `check --deploy` complains.

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "phonenumber_field",
    "passerelle.core",
    "passerelle.accounts",
    "passerelle.people",
    "passerelle.procedures",
    "passerelle.workshops",
    "passerelle.appointments",
    "passerelle.room",
    "passerelle.notifications",
    "passerelle.privacy",
    "passerelle.equipment",
    "passerelle.reports",
    "passerelle.directory",
    "passerelle.kiosk",
    "passerelle.public",
    "passerelle.demo",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "passerelle.core.busy.TolerantSessionMiddleware",
    "passerelle.core.middleware.NulCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "passerelle.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "passerelle.urls"
WSGI_APPLICATION = "passerelle.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "passerelle" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "passerelle.core.context_processors.passerelle",
                "passerelle.accounts.context_processors.may",
            ],
        },
    }
]

# --- Database ---------------------------------------------------------------------------
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'passerelle.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", default=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A connection kept by each thread for ten minutes: a new SQLite connection parses the
    # whole schema again and starts with an empty page cache (≈ 4 ms of CPU a request).
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", default=600)
    # WAL lets readers work while one writer writes; IMMEDIATE makes write transactions take
    # the lock up front so concurrent writers wait (busy timeout) instead of failing. The
    # database file is read through a memory map (its first GiB): pages come from the
    # system's cache shared by every thread and process, without a read() and a copy into
    # each connection's small cache (≈ 10 % of the CPU of a page on the bench database).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA busy_timeout=20000;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA mmap_size=1073741824;"
        ),
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "PASSERELLE_DB_POOL", default=False
):
    # psycopg's connection pool, one per process (several app servers and workers on one
    # PostgreSQL stay within its max_connections); connections go back to the pool after
    # each request, so CONN_MAX_AGE stays 0.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env_int("PASSERELLE_DB_POOL_MIN", default=2),
        "max_size": env_int("PASSERELLE_DB_POOL_MAX", default=8),
        "timeout": 10,
    }
# An optional read replica for the statistics and the exports (passerelle/core/routers.py).
if _replica_url := env_str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = dj_database_url.parse(_replica_url, conn_health_checks=True)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["passerelle.core.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts, passwords, 2FA -------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the account back with its organisation. (A session
    # opened under the old path "django.contrib.auth.backends.ModelBackend" is ended: staff
    # signed in when this changed sign in again once.)
    "passerelle.accounts.backends.StaffBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:today"
LOGOUT_REDIRECT_URL = "accounts:login"

# Staff must use TOTP outside demo mode; the demo keeps it optional so anyone can try it.
PASSERELLE_REQUIRE_2FA = env_bool("PASSERELLE_REQUIRE_2FA", default=not PASSERELLE_DEMO)
# Sensitive actions (staff management, exports, merges) re-ask the second factor after this
# many idle minutes, as Aidants Connect does.
PASSERELLE_REVERIFY_AFTER_MINUTES = 15
OTP_TOTP_ISSUER = "Passerelle"
OTP_TOTP_THROTTLE_FACTOR = 1

# Login throttling: five failures for one account from one address lock that pair (only
# that pair: colleagues behind the same address go on) for 15 minutes; past
# PASSERELLE_LOGIN_ADDRESS_CEILING failures from one address, over any accounts, that
# address is refused for every account (password spraying). The same answer is given
# whether the account exists or not.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
PASSERELLE_LOGIN_ADDRESS_CEILING = env_int("PASSERELLE_LOGIN_ADDRESS_CEILING", default=30)
# Reverse proxies of our own in front of gunicorn (nginx, Caddy): the client's address is read
# from X-Forwarded-For only through that many of them (passerelle/core/network.py).
PASSERELLE_TRUSTED_PROXIES = env_int("PASSERELLE_TRUSTED_PROXIES", default=0)
AXES_CLIENT_IP_CALLABLE = "passerelle.core.network.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_CALLABLE = "passerelle.accounts.views.lockout"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False

# Sessions expire after 30 idle minutes; every page warns two minutes before (RGAA 13.1).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", default=30 * 60)
# Sliding, saved at most once a minute: passerelle.core.busy.slide.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_WARNING_SECONDS = 120

# --- Security ---------------------------------------------------------------------------
_SECURE = not (DEBUG or PASSERELLE_DEMO)
SESSION_COOKIE_SECURE = _SECURE
CSRF_COOKIE_SECURE = _SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = _SECURE and env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _SECURE else None
SECURE_HSTS_SECONDS = 31536000 if _SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _SECURE
SECURE_HSTS_PRELOAD = _SECURE
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "passerelle.core.views.csrf_failure"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Language and time --------------------------------------------------------------------
LANGUAGE_CODE = "fr"
# Staff screens follow LANGUAGE_CODE, whatever the browser says; other languages come with
# their committed .po/.mo files.
# English and Arabic serve the welcome kiosk (kiosk/locale); staff screens stay in French
# (no LocaleMiddleware).
LANGUAGES = [("fr", _("Français")), ("en", _("Anglais")), ("ar", _("Arabe"))]
# The languages SMS and e-mails are written in (their templates translated); others get French.
MESSAGE_LANGUAGES = ["fr"]
LOCALE_PATHS = [BASE_DIR / "passerelle" / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- Static files -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "passerelle" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Backups (manage.py backup / restore; docs/deployment.md) ------------------------------
BACKUP_DIR = Path(env_str("BACKUP_DIR", default=str(VAR_DIR / "backups")))
BACKUP_KEEP_DAILY = env_int("BACKUP_KEEP_DAILY", default=7)
BACKUP_KEEP_MONTHLY = env_int("BACKUP_KEEP_MONTHLY", default=12)

# --- Misc ---------------------------------------------------------------------------------
ADMIN_URL = env_str("ADMIN_URL", default="gestion-technique/")
ORGANISATION_NAME_FALLBACK = "Passerelle"
EMAIL_BACKEND = env_str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", default="passerelle@localhost")
EMAIL_HOST = env_str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env_int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", default=10)

# Background work (notifications, report PDFs): django-tasks, database backend, run by
# `manage.py db_worker` (make run starts it beside the web server).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Notifications (docs/notifications.md). SMS go through Brevo's API in production; the
# console backend prints them, the default in demo and development.
NOTIFICATIONS_SMS_BACKEND = env_str(
    "NOTIFICATIONS_SMS_BACKEND", default="passerelle.notifications.backends.ConsoleBackend"
)
SMS_API_URL = env_str("SMS_API_URL", default="https://api.brevo.com/v3/transactionalSMS/send")
SMS_API_KEY = env_str("SMS_API_KEY", default="")
SMS_SENDER = env_str("SMS_SENDER", default="PASSERELLE")
SMS_TIMEOUT_SECONDS = env_int("SMS_TIMEOUT_SECONDS", default=10)
SMS_WEBHOOK_URL = env_str("SMS_WEBHOOK_URL", default="")
# The secret part of the address the provider posts delivery reports and STOP replies to.
SMS_WEBHOOK_TOKEN = env_str("SMS_WEBHOOK_TOKEN", default="")
NOTIFICATIONS_QUIET_START = dt.time.fromisoformat(
    env_str("NOTIFICATIONS_QUIET_START", default="20:00")
)
NOTIFICATIONS_QUIET_END = dt.time.fromisoformat(env_str("NOTIFICATIONS_QUIET_END", default="08:30"))
# This installation's name as a data·inclusion producer (the `source` of every record of the
# feed, docs/interoperability.md): one per centre or network, agreed with data·inclusion.
DATA_INCLUSION_SOURCE = env_str("DATA_INCLUSION_SOURCE", default="passerelle")
PHONENUMBER_DEFAULT_REGION = "FR"
PHONENUMBER_DB_FORMAT = "E164"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", default="WARNING")},
}

# Where people's own links point (in their SMS and e-mails): this server as people reach it.
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", default="http://127.0.0.1:8000")

# Who may show the public booking page in a frame (the association's own website): CSP
# frame-ancestors sources, e.g. "https://www.emmaus-alternatives.fr"; "*" lets any site.
PUBLIC_EMBED_ANCESTORS = env_list("PUBLIC_EMBED_ANCESTORS", default=["*"])

# The welcome kiosk's ceilings, so that nobody can list the people followed from it: lookups
# (an SMS code, a birth date) per kiosk in 10 minutes and per birth date in an hour, and
# queue tickets per kiosk in 10 minutes.
KIOSK_LIMITS = {"lookups_per_kiosk": 30, "lookups_per_birth_date": 5, "tickets_per_kiosk": 40}
# Calls a minute from one address: a person's own link, the public booking page.
PUBLIC_LIMITS = {"link_per_minute": 30, "booking_per_minute": 100}
# Codes typed on stations' own screens, per 10 minutes: per station and per room.
STATION_SCREEN_LIMITS = {"codes_per_station": 10, "codes_per_room": 40}

if env_bool("PASSERELLE_BENCH", default=False):
    MIDDLEWARE = ["passerelle.core.middleware.QueryCountHeaderMiddleware", *MIDDLEWARE]
    # The bench measures what a kiosk's lookup costs, 200 times in a row from one address.
    KIOSK_LIMITS = {name: 1_000_000 for name in KIOSK_LIMITS}
    PUBLIC_LIMITS = {name: 1_000_000 for name in PUBLIC_LIMITS}
    STATION_SCREEN_LIMITS = {name: 1_000_000 for name in STATION_SCREEN_LIMITS}

"""Test settings: fast hashing, demo off (2FA required like production), strict templates."""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("PASSERELLE_DEMO", "0")
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-tests-only-secret-key-000000")

from passerelle.settings.base import *  # noqa: E402,F403
from passerelle.settings.base import DATABASES, TEMPLATES  # noqa: E402


class InvalidTemplateVariable(str):
    """Make a template that reads an undefined variable fail the test (les-emplois' guard)."""

    def __mod__(self, other):
        raise NameError(f"Undefined template variable: {other!r}")


TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = InvalidTemplateVariable("%s")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
NOTIFICATIONS_SMS_BACKEND = "passerelle.notifications.backends.LocmemBackend"
SMS_WEBHOOK_TOKEN = "test-webhook-token"
AXES_ENABLED = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Each xdist worker gets its own file; WAL and IMMEDIATE behave as in production.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405

"""Settings shared by every environment; environment variables override the defaults."""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
# Runtime data (the embedded SQLite database, collected static files) lives outside the
# package so that the `digitalagentur` command works from any directory.
VAR_DIR = Path(os.environ.get("DIGITALAGENTUR_VAR_DIR", BASE_DIR.parent / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    # Background jobs (Django's tasks API, backport for Django 5.2) and their database queue.
    "django_tasks",
    "django_tasks_db",
    "digitalagentur.tenancy",
    "digitalagentur.accounts",
    "digitalagentur.core",
    "digitalagentur.directory",
    "digitalagentur.strategy",
    "digitalagentur.portfolio",
    "digitalagentur.indicators",
    "digitalagentur.funding",
    "digitalagentur.assessment",
    "digitalagentur.reports",
    "digitalagentur.spaces",
    "digitalagentur.participation",
    "digitalagentur.communication",
    "digitalagentur.radar",
    "digitalagentur.library",
    "digitalagentur.network",
    "digitalagentur.legal",
    "digitalagentur.public",
    "digitalagentur.staff",
    "digitalagentur.api",
    "digitalagentur.demo",
]

MIDDLEWARE = [
    # First, so that it counts every query; inert unless the benchmark enables it.
    "digitalagentur.core.querycount.QueryCountMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Early, so that every response (static files, lock-out pages) carries the headers.
    "digitalagentur.core.security.CSPMiddleware",
    "digitalagentur.core.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous visitors' public pages and API answers from the cache (tenancy/pagecache.py).
    "digitalagentur.tenancy.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "digitalagentur.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Sets request.user.is_verified() (two-factor authentication).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "digitalagentur.tenancy.middleware.RegionMiddleware",
    # Idle expiry, "log out everywhere" and 2FA enforcement (see accounts/).
    "digitalagentur.accounts.middleware.SessionSecurityMiddleware",
    "digitalagentur.accounts.middleware.TwoFactorMiddleware",
    # Last, as django-axes requires: refuses logins after too many failures.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "digitalagentur.urls"
WSGI_APPLICATION = "digitalagentur.wsgi.application"

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
                "django.template.context_processors.i18n",
                "digitalagentur.tenancy.context_processors.region",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        # Persistent connections: opening one per request costs more than most requests.
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters bound by the server, and statements prepared: psycopg prepares a statement
    # a connection has run five times (Django turns that off unless told), so PostgreSQL
    # plans it once instead of on every request; planning the project list costs three times
    # running it. Behind PgBouncer in transaction mode set DATABASE_SERVER_SIDE_BINDING=0.
    if os.environ.get("DATABASE_SERVER_SIDE_BINDING", "1") == "1":
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            {"server_side_binding": True, "prepare_threshold": 5}
        )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock when their transaction begins (BEGIN IMMEDIATE) and wait up to
    # 20 s for each other, instead of failing with "database is locked" or deadlocking.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )

# Redis when REDIS_URL is set (shared by every process and server), else each process's memory.
# Both are correct with several processes: page keys carry the region's content version
# (tenancy/content.py), so no process can serve a page older than the database.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DIGITALAGENTUR_CACHE_PREFIX", "digitalagentur"),
        },
        # Rate limits of participation (participation/limits.py): shared by every worker.
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DIGITALAGENTUR_CACHE_PREFIX", "digitalagentur"),
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            # Bounded memory per process: pages over 512 KB are not kept (tenancy/pagecache.py).
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
        # Rate limits of participation (participation/limits.py) must be shared by every
        # worker process: without Redis they are counted in a database table (migration
        # participation 0002 creates it).
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "digitalagentur_ratelimit",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
    }
# Seconds a cached public page or API answer is kept (0 turns the page cache off). Edits show
# at once anyway; the limit bounds what changes with the date alone.
DIGITALAGENTUR_PAGE_CACHE_SECONDS = int(os.environ.get("DIGITALAGENTUR_PAGE_CACHE_SECONDS", "300"))
# A project not yet finished, without a change, update or milestone change for this many
# days, needs attention (staff dashboard).
DIGITALAGENTUR_STALE_AFTER_DAYS = int(os.environ.get("DIGITALAGENTUR_STALE_AFTER_DAYS", "90"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend, loading what each signed-in request checks with the user (one query).
    # Sessions opened with ModelBackend itself (before this release) have to sign in again.
    "digitalagentur.accounts.backends.AccountBackend",
]
# Brute-force protection: 5 failed logins for one user name from one address lock that pair
# for 15 minutes (locking the user name alone would let anyone lock out a colleague).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Behind reverse proxies every request comes from a proxy's address: the number of proxies in
# front of the application whose X-Forwarded-For entries are trusted (0: the header is ignored).
# One function, digitalagentur.core.client_ip.client_ip, gives the client address everywhere.
DIGITALAGENTUR_TRUSTED_PROXIES = int(os.environ.get("DIGITALAGENTUR_TRUSTED_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "digitalagentur.core.client_ip.client_ip"

# Content-Security-Policy (django-csp) in every environment, so that development and the tests
# see what production enforces: only our own files, no inline script or style (put JavaScript
# in static/js/ and styles in static/css/). A page that truly needs an inline block marks it
# with nonce="{{ request.csp_nonce }}" (only the self-hosted Swagger UI does).


def _tile_hosts() -> list[str]:
    """The map tile server of Landräume (DIGITALAGENTUR_MAP_TILE_URL), allowed for images."""
    from urllib.parse import urlsplit

    url = os.environ.get(
        "DIGITALAGENTUR_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    )
    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"] + _tile_hosts(),
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Powerful browser features the platform never uses, denied to its pages and anything embedded.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
} | {"fullscreen": ["self"]}

# Sessions end after this many idle minutes (a logged-in user's last request; see
# accounts/sessions.py); the cookie lives as long, renewed (at most once a minute) while the
# user is active.
DIGITALAGENTUR_SESSION_IDLE_MINUTES = int(
    os.environ.get("DIGITALAGENTUR_SESSION_IDLE_MINUTES", "60")
)
SESSION_COOKIE_AGE = DIGITALAGENTUR_SESSION_IDLE_MINUTES * 60
# Database sessions, read with one statement written once (accounts/session_store.py).
SESSION_ENGINE = "digitalagentur.accounts.session_store"
# A link confirming a new e-mail address is valid this many hours; password reset links 1 day.
DIGITALAGENTUR_EMAIL_CHANGE_HOURS = 24
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
# Public contact and barrier forms (legal/spam.py): a form sent sooner than this many seconds
# after it was shown, or older than its lifetime, is refused; at most so many messages per hour
# from one client address and for one e-mail address.
DIGITALAGENTUR_FORM_MIN_SECONDS = int(os.environ.get("DIGITALAGENTUR_FORM_MIN_SECONDS", "3"))
DIGITALAGENTUR_FORM_MAX_AGE = int(os.environ.get("DIGITALAGENTUR_FORM_MAX_AGE", "7200"))
DIGITALAGENTUR_FORM_LIMIT_PER_ADDRESS = int(
    os.environ.get("DIGITALAGENTUR_FORM_LIMIT_PER_ADDRESS", "5")
)
DIGITALAGENTUR_FORM_LIMIT_PER_EMAIL = int(
    os.environ.get("DIGITALAGENTUR_FORM_LIMIT_PER_EMAIL", "3")
)
# Two-factor authentication (django-otp): the name shown in authenticator apps.
OTP_TOTP_ISSUER = "Digitalagentur"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "staff:dashboard"
LOGOUT_REDIRECT_URL = "public:home"

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The region served when the request's host name matches no region (single-district install).
DEFAULT_REGION_SLUG = os.environ.get("DIGITALAGENTUR_DEFAULT_REGION", "kreis-coesfeld")
# Days an invitation link (role for a new or outside account) stays valid.
DIGITALAGENTUR_INVITATION_DAYS = int(os.environ.get("DIGITALAGENTUR_INVITATION_DAYS", "7"))

REST_FRAMEWORK = {
    # Token first so that a request without credentials is answered 401 with WWW-Authenticate.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        # Session auth that treats a session still owing its second factor as anonymous.
        "digitalagentur.accounts.authentication.TwoFactorSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["digitalagentur.api.permissions.RegionRolePermission"],
    "DEFAULT_PAGINATION_CLASS": "digitalagentur.api.pagination.Pagination",
    # JSON only; nested too deeply is a 400, not a RecursionError (see api/parsers.py).
    "DEFAULT_PARSER_CLASSES": ["digitalagentur.api.parsers.SafeJSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["digitalagentur.api.filters.FilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "digitalagentur.api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Digitalagentur API",
    "DESCRIPTION": "Strategie, Handlungsfelder, Projekte und Kommunen einer Region.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets whose field names ("kind", "status") other endpoints use too.
    "ENUM_NAME_OVERRIDES": {
        "EventKindEnum": "digitalagentur.communication.choices.EventKind",
        "RegistrationStatusEnum": "digitalagentur.communication.choices.RegistrationStatus",
        "ProjectStatusEnum": "digitalagentur.portfolio.choices.ProjectStatus",
    },
    # The schema says what the API does: errors, required versions, anonymous reads.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "digitalagentur.api.schema.postprocess",
    ],
}

# Mail goes through Django's backends: SMTP in production (configured here from the
# environment), the console under `make run` (settings.dev), memory in tests.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("DJANGO_EMAIL_USE_TLS", "0") == "1"
EMAIL_USE_SSL = os.environ.get("DJANGO_EMAIL_USE_SSL", "0") == "1"
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "digitalagentur@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background jobs go through Django's tasks API (the django-tasks backport). Its database
# backend keeps the queue in the database, so that workers (`digitalagentur db_worker`, started
# by `make run`) run on SQLite as on PostgreSQL, and several workers on several machines share
# one queue. Later releases reuse this for every long job.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Links in mails sent outside a request (deadline reminders): the address of regions without a
# host name of their own; regions with one are linked with their host name and this scheme.
DIGITALAGENTUR_BASE_URL = os.environ.get("DIGITALAGENTUR_BASE_URL", "http://127.0.0.1:8000")
# Deadline reminder mails are sent once a day at this hour (Europe/Berlin), and at once when
# the job missed a day (funding/tasks.py).
DIGITALAGENTUR_REMINDER_HOUR = int(os.environ.get("DIGITALAGENTUR_REMINDER_HOUR", "7"))
# The licence of the open data (/offene-daten/, /api/v1/opendata/): named on the page and in
# every file.
DIGITALAGENTUR_OPEN_DATA_LICENCE = os.environ.get(
    "DIGITALAGENTUR_OPEN_DATA_LICENCE", "Datenlizenz Deutschland – Namensnennung – Version 2.0"
)
DIGITALAGENTUR_OPEN_DATA_LICENCE_URL = os.environ.get(
    "DIGITALAGENTUR_OPEN_DATA_LICENCE_URL", "https://www.govdata.de/dl-de/by-2-0"
)

# Landräume (issue 11). Map tiles come from this tile server (its host is added to the
# Content-Security-Policy's img-src); empty: the search shows the list without a map. Scripts
# and styles of the map (Leaflet) are our own static files.
DIGITALAGENTUR_MAP_TILE_URL = os.environ.get(
    "DIGITALAGENTUR_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
DIGITALAGENTUR_MAP_ATTRIBUTION = os.environ.get(
    "DIGITALAGENTUR_MAP_ATTRIBUTION", "© OpenStreetMap-Mitwirkende"
)
# Bookings that ended this many days ago lose their booker (anonymised by a daily job).
DIGITALAGENTUR_BOOKING_RETENTION_DAYS = int(
    os.environ.get("DIGITALAGENTUR_BOOKING_RETENTION_DAYS", "365")
)
# Events (issue 13): registrations of events that ended longer ago than this lose the names
# and addresses (counts and attendance stay for the status reports); reminders go out this
# many hours before an event starts.
DIGITALAGENTUR_EVENT_RETENTION_DAYS = int(
    os.environ.get("DIGITALAGENTUR_EVENT_RETENTION_DAYS", "180")
)
DIGITALAGENTUR_EVENT_REMINDER_HOURS = int(
    os.environ.get("DIGITALAGENTUR_EVENT_REMINDER_HOURS", "48")
)
# Newsletter messages per second handed to the mail server (0: as fast as it takes them).
DIGITALAGENTUR_NEWSLETTER_RATE = float(os.environ.get("DIGITALAGENTUR_NEWSLETTER_RATE", "20"))
# Days an unsubscribed or undeliverable newsletter address is kept (consent records stay).
DIGITALAGENTUR_NEWSLETTER_RETENTION_DAYS = int(
    os.environ.get("DIGITALAGENTUR_NEWSLETTER_RETENTION_DAYS", "30")
)
# Hours the link of a data export or deletion request (/datenauskunft/) stays valid.
DIGITALAGENTUR_DATA_REQUEST_HOURS = int(os.environ.get("DIGITALAGENTUR_DATA_REQUEST_HOURS", "24"))
# Largest technology radar import (BYOR CSV/JSON, radar/services.py): bytes and rows.
DIGITALAGENTUR_RADAR_IMPORT_MAX_BYTES = int(
    os.environ.get("DIGITALAGENTUR_RADAR_IMPORT_MAX_BYTES", "1000000")
)
DIGITALAGENTUR_RADAR_IMPORT_MAX_ROWS = int(
    os.environ.get("DIGITALAGENTUR_RADAR_IMPORT_MAX_ROWS", "2000")
)
# Posts for digitalisation recommended per town and at the district (network/staffing.py;
# seed 003: at least 0.5 per town, 1.0 at the Kreis).
DIGITALAGENTUR_FTE_RECOMMENDATION_TOWN = os.environ.get(
    "DIGITALAGENTUR_FTE_RECOMMENDATION_TOWN", "0.5"
)
DIGITALAGENTUR_FTE_RECOMMENDATION_DISTRICT = os.environ.get(
    "DIGITALAGENTUR_FTE_RECOMMENDATION_DISTRICT", "1.0"
)
# The document library (library/conf.py): the largest file accepted, and the dotted path of a
# virus scanner, callable(content: bytes, name: str) -> None or a German reason to refuse.
DIGITALAGENTUR_LIBRARY_MAX_BYTES = int(
    os.environ.get("DIGITALAGENTUR_LIBRARY_MAX_BYTES", str(20 * 1024 * 1024))
)
DIGITALAGENTUR_LIBRARY_VIRUS_SCANNER = (
    os.environ.get("DIGITALAGENTUR_LIBRARY_VIRUS_SCANNER") or None
)
# Commuting saved by a booking (spaces/impact.py): straight-line distance between town
# centres times the detour factor, there and back, times the emission factor.
DIGITALAGENTUR_COMMUTE_DETOUR_FACTOR = os.environ.get("DIGITALAGENTUR_COMMUTE_DETOUR_FACTOR", "1.3")
DIGITALAGENTUR_CO2_GRAMS_PER_KM = os.environ.get("DIGITALAGENTUR_CO2_GRAMS_PER_KM", "166")
DIGITALAGENTUR_CO2_SOURCE = os.environ.get(
    "DIGITALAGENTUR_CO2_SOURCE",
    "Umweltbundesamt: Vergleich der durchschnittlichen Emissionen einzelner Verkehrsmittel "
    "im Personenverkehr in Deutschland, Pkw, Bezugsjahr 2022 (Treibhausgase in "
    "CO2-Äquivalenten je Personenkilometer)",
)
# A registration's confirmation link is valid this many hours (accounts/registration).
DIGITALAGENTUR_REGISTRATION_HOURS = int(os.environ.get("DIGITALAGENTUR_REGISTRATION_HOURS", "48"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Django's own logger would print every record a second time through its default handler.
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # WeasyPrint logs every layout step of every page at INFO (PDF reports, brochures).
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
SPECTACULAR_SETTINGS.update(
    {
        # Swagger UI and ReDoc served from our own static files (no CDN at run time).
        "SWAGGER_UI_DIST": "SIDECAR",
        "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
        "REDOC_DIST": "SIDECAR",
        # No badge from the online validator: the docs page makes no request to other hosts.
        "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "deepLinking": True},
    }
)

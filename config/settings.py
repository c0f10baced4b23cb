"""Settings for Dangjian, read from the environment.

Every knob is an environment variable read through a small typed helper that
fails loudly on a bad value, so a typo in a deployment is caught at start-up.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from csp import constants as csp_constants
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DANGJIAN_VAR_DIR", BASE_DIR / "var"))


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean, not {value!r}")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def envsecret(name: str, default: str) -> str:
    """A secret from NAME, or from the file named by NAME_FILE."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


# "production" refuses the insecure development keys below.
ENVIRONMENT = os.environ.get("DANGJIAN_ENV", "development")
if ENVIRONMENT not in ("development", "production", "test"):
    raise ImproperlyConfigured("DANGJIAN_ENV must be development, production or test")

DEV_SECRET_KEY = "dev-insecure-dangjian-secret-key-change-me-0123456789"
# A Fernet key (urlsafe base64 of 32 bytes); development only.
DEV_PII_KEY = "ZGV2LW9ubHktZGFuZ2ppYW4tcGlpLWtleS0wMDAwMDA="

SECRET_KEY = envsecret("SECRET_KEY", DEV_SECRET_KEY)
# Comma-separated Fernet keys; the first encrypts, all decrypt (for rotation).
PII_KEYS = [k for k in envsecret("PII_KEYS", DEV_PII_KEY).split(",") if k.strip()]
if ENVIRONMENT == "production" and (SECRET_KEY == DEV_SECRET_KEY or DEV_PII_KEY in PII_KEYS):
    raise ImproperlyConfigured(
        "生产环境必须通过环境变量 SECRET_KEY 和 PII_KEYS（或 *_FILE）提供密钥，不能使用默认密钥。"
    )

DEBUG = envbool("DEBUG", "0" if ENVIRONMENT == "production" else "1")
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # serves Swagger UI from its own static files, not a CDN
    "treebeard",
    "auditlog",
    "axes",  # failed logins and lockout
    "django_otp",
    "django_otp.plugins.otp_totp",  # time-based one-time passwords
    "csp",
    "django_tasks",  # background work: big imports (see TASKS below)
    "django_tasks_db",
    "dangjian.core",
    "dangjian.accounts",
    "dangjian.orgs",
    "dangjian.people",
    "dangjian.study",
    "dangjian.volunteer",
    "dangjian.publicity",
    "dangjian.rooms",
    "dangjian.liaison",
    "dangjian.brands",
    "dangjian.annual",
    "dangjian.dues",
    "dangjian.evaluation",
    "dangjian.transfers",
    "dangjian.admission",
    "dangjian.assessment",
    "dangjian.dashboard",
    "dangjian.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "dangjian.core.headers.SecurityHeadersMiddleware",
    "dangjian.core.request_limits.RequestSizeLimitMiddleware",  # refuses a huge body before anything reads it
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Idle timeout, second factor, password change: after auth, OTP and messages.
    "dangjian.accounts.middleware.SecurityGateMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "dangjian.core.audit_middleware.AuditMiddleware",  # auditlog's, with our address rule
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the lockout page
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "dangjian.core.context_processors.navigation",
                "dangjian.accounts.context_processors.administration",
                "csp.context_processors.nonce",
            ],
        },
    },
]

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'dangjian.sqlite3'}"),
        # Reuse a connection for this many seconds (0: one per request), checked before each reuse.
        conn_max_age=envint("DB_CONN_MAX_AGE", "60"),
        conn_health_checks=envbool("DB_CONN_HEALTH_CHECKS", "1"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; IMMEDIATE takes the write
    # lock at BEGIN so concurrent writers queue instead of failing mid-transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SQLITE_TEST_NAME") or None}

# Caches. "figures" is this process's memory for the statistics' figures (many small entries, so they
# never crowd out what "default" holds, such as the audit trail's denial counters); "shared" is seen by
# every worker process on this machine (which figures are still current: dangjian.core.registry).
# CACHE_URL=redis://host:6379/0 puts all three in Redis: required once there is more than one server,
# or a figure computed on one would stay current on another after a write. The embedded default needs
# no service.
CACHE_URL = os.environ.get("CACHE_URL", "").strip()
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    _redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    CACHES: dict[str, dict[str, Any]] = {
        "default": _redis,
        "figures": {**_redis, "KEY_PREFIX": "figures"},
        "shared": {**_redis, "KEY_PREFIX": "shared"},
    }
elif CACHE_URL:
    raise ImproperlyConfigured(f"CACHE_URL must be a redis:// address or empty, not {CACHE_URL!r}")
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "dangjian"},
        "figures": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "dangjian-figures",
            "OPTIONS": {"MAX_ENTRIES": envint("CACHE_MAX_ENTRIES", "50000")},
        },
        "shared": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        },
    }
# Seconds a statistics figure is kept at most (writes invalidate it sooner).
STATS_CACHE_SECONDS = envint("STATS_CACHE_SECONDS", "3600")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# --- accounts, passwords, logins (issue 3; the numbers live in accounts.SecurityPolicy) ---
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Length, classes and history read the security administrator's policy.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "dangjian.accounts.validators.PolicyLengthValidator"},
    {"NAME": "dangjian.accounts.validators.CharacterClassesValidator"},
    {"NAME": "dangjian.accounts.validators.UsernameNotInPasswordValidator"},
    {"NAME": "dangjian.accounts.validators.PasswordHistoryValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "dangjian.accounts.lockout.LockoutBackend",  # refuses a locked account before its password is checked
    "django.contrib.auth.backends.ModelBackend",
]
# django-axes: failures counted per username; limit and cool-off from the policy.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # per account and address (issue 10 §4)
AXES_FAILURE_LIMIT = "dangjian.accounts.policy.failure_limit"
AXES_COOLOFF_TIME = "dangjian.accounts.policy.cool_off"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a lock lasts its minutes, however often one retries
AXES_LOCKOUT_CALLABLE = "dangjian.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "dangjian.core.audit.client_address"  # the same address as the audit trail
AXES_DISABLE_ACCESS_LOG = True  # logins and logouts are in the audit trail already
AXES_VERBOSE = False
# axes warns when the address is not a lockout parameter: the standard locks the
# account, and an office behind one NAT address must not lock out everyone in it.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
OTP_TOTP_ISSUER = os.environ.get("OTP_ISSUER", "机关党建工作平台")

# Proxies in front of the app whose X-Forwarded-For entries are believed (audit and lockout addresses).
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", "1" if ENVIRONMENT == "production" else "0")

# Idle timeout: the policy's minutes, applied per request by SecurityGateMiddleware;
# this is only the ceiling the cookie itself may live.
SESSION_COOKIE_AGE = envint("SESSION_MAX_HOURS", "12") * 3600
# Off: a read must not write. The gate records activity (and renews the cookie) once a minute.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # pages carry the token in the form or in hx-headers, never read from the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if ENVIRONMENT == "production":
    # Behind an HTTPS proxy (nginx and the like) that sets X-Forwarded-Proto.
    if envbool("BEHIND_HTTPS_PROXY", "1"):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", "1")
    CSRF_COOKIE_SECURE = envbool("SECURE_COOKIES", "1")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "1")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000")
    # Turn these off (env) only if subdomains of the site's domain still serve plain HTTP.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "1")
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "1")
    SESSION_COOKIE_NAME = "__Secure-sessionid" if SESSION_COOKIE_SECURE else "sessionid"
    CSRF_COOKIE_NAME = "__Secure-csrftoken" if CSRF_COOKIE_SECURE else "csrftoken"

# Content-Security-Policy (django-csp): everything from our own origin; no inline
# script or style except those carrying the request's nonce ({{ request.csp_nonce }}).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", csp_constants.NONCE],
        "style-src": ["'self'", csp_constants.NONCE],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Front-end packages are installed from the npm registry into node_modules at
# set-up (pinned by package-lock.json) and served from here; never committed.
STATICFILES_DIRS = [
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
    ("vendor/echarts", BASE_DIR / "node_modules" / "echarts" / "dist"),
    ("vendor/quill", BASE_DIR / "node_modules" / "quill" / "dist"),
    BASE_DIR / "static",
]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if ENVIRONMENT == "production"
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"
UPLOAD_DIR = VAR_DIR / "uploads"
# A request body above this is refused (413) before it is read; each upload has its own smaller cap.
MAX_REQUEST_BYTES = envint("MAX_REQUEST_MB", "64") * 1024 * 1024
WHITENOISE_USE_FINDERS = ENVIRONMENT != "production"

# Audit trail: auditlog writes into our own entry model, which adds the event
# kind and the organization so the auditor can search by them.
AUDITLOG_LOGENTRY_MODEL = "core.AuditEntry"
AUDITLOG_MASK_CALLABLE = "dangjian.core.masking.mask_value"
AUDITLOG_DISABLE_REMOTE_ADDR = False

AUDIT_RETENTION_DAYS = envint("AUDIT_RETENTION_DAYS", "180")
if AUDIT_RETENTION_DAYS < 180:
    raise ImproperlyConfigured("AUDIT_RETENTION_DAYS 不能小于 180 天（审计记录至少保存六个月）。")

# Domain rules that local practice varies (DOMAIN.md, "configurable"): one section per app, only the
# values that differ from the defaults of the app's typed settings (its conf.py, read with
# `<App>Settings.current()`), e.g. "orgs": {"branch_min_full_members": 3} (dangjian/orgs/conf.py).
DANGJIAN: dict[str, Any] = {
    "orgs": {"term_remind_months": envint("TERM_REMIND_MONTHS", "6")},
    # Audit entries are kept at least this long; prune_audit never goes below 180 (GB/T 22239: ≥ 6 months).
    "AUDIT_RETENTION_DAYS": AUDIT_RETENTION_DAYS,
    # The content-security gate (dangjian/publicity/contentsec/conf.py). The committees above the
    # platform's tree are protected like its own organizations: spam spliced into their names is
    # blocked. CONTENTSEC_UPPER_COMMITTEES: their names, comma-separated.
    "contentsec": {
        "upper_committees": [
            n.strip()
            for n in os.environ.get("CONTENTSEC_UPPER_COMMITTEES", "自治区直属机关工委").split(",")
            if n.strip()
        ],
    },
}

# --- Background tasks (django-tasks): big Excel imports run in the task worker -------------
# The database backend needs no extra server; `make run` starts `manage.py db_worker` beside
# the web server. TASKS_BACKEND=immediate runs tasks inside the request instead (no worker).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
if TASKS_BACKEND not in ("database", "immediate"):
    raise ImproperlyConfigured("TASKS_BACKEND must be database or immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TASKS_BACKEND],
    }
}
# --- end of background tasks ----------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Production layout (issue 16 §2): a read replica, Redis sessions, S3-compatible attachments ---
# DATABASE_REPLICA_URL: a streaming replica of DATABASE_URL (PostgreSQL). Only the report and dashboard
# pages read from it, and only where that cannot show stale rows (dangjian.core.db_router); writes and
# migrations stay on the primary. Unset, nothing changes.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "").strip()
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=envint("DB_CONN_MAX_AGE", "60"),
        conn_health_checks=envbool("DB_CONN_HEALTH_CHECKS", "1"),
    )
    if not (DATABASES["default"]["ENGINE"] == DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql"):
        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs PostgreSQL for both DATABASE_URL and the replica")
    # Tests run on the primary's test database only: the replica alias then reads it too.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["dangjian.core.db_router.ReplicaRouter"]
    MIDDLEWARE.append("dangjian.core.db_router.ReplicaPinMiddleware")
# Seconds a browser that wrote reads from the primary only (read-after-write despite the replica's lag).
REPLICA_PIN_SECONDS = envint("REPLICA_PIN_SECONDS", "10")

# Sessions live in the cache when the caches are in Redis (CACHE_URL), with the database behind it
# ("cached_db": a Redis restart logs nobody out); without CACHE_URL they stay in the database.
if CACHE_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# S3-compatible storage for every uploaded file (MinIO on the intranet, for example): S3_BUCKET and
# S3_ENDPOINT_URL set it on; keys from S3_ACCESS_KEY / S3_SECRET_KEY (or *_FILE). Files stay private
# (every download goes through a view that checks who asks). Unset: files under MEDIA_ROOT.
S3_BUCKET = os.environ.get("S3_BUCKET", "").strip()
S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL", "").strip()
if bool(S3_BUCKET) != bool(S3_ENDPOINT_URL):
    raise ImproperlyConfigured("S3_BUCKET and S3_ENDPOINT_URL go together: set both or neither")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": S3_ENDPOINT_URL,
            "access_key": envsecret("S3_ACCESS_KEY", ""),
            "secret_key": envsecret("S3_SECRET_KEY", ""),
            "region_name": os.environ.get("S3_REGION", "") or None,
            "location": os.environ.get("S3_PREFIX", "dangjian"),
            "default_acl": None,  # the bucket's own policy: private
            "querystring_auth": True,
            "file_overwrite": False,  # a second upload of the same name gets a new name, as on disk
            "addressing_style": "path",  # MinIO and most intranet servers serve buckets by path
            "signature_version": "s3v4",
        },
    }
    # Imports waiting for their confirmation go to the same bucket, under their own prefix, so the
    # task worker on another server finds them.
    STORAGES["imports"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**STORAGES["default"]["OPTIONS"], "location": os.environ.get("S3_PREFIX", "dangjian") + "-imports"},
    }
# --- end of production layout -----------------------------------------------------------------

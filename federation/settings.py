"""Settings for the federation portal: one file, read from the environment, safe for development."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", DEV_SECRET_KEY)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")

if not DEBUG:
    # One clear line, before anything else can fail in a less helpful way.
    if SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "DEBUG đang tắt: hãy đặt DJANGO_SECRET_KEY (chuỗi bí mật riêng, ít nhất 32 ký tự)."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DEBUG đang tắt: hãy đặt DJANGO_ALLOWED_HOSTS (ví dụ: congdoan.lamdong.gov.vn)."
        )

INSTALLED_APPS = [
    "federation.apps.FederationAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Old addresses answer with a 301 (core.redirects writes them when a slug changes).
    "django.contrib.sites",
    "django.contrib.redirects",
    "taggit",
    "simple_history",
    "axes",
    "imagekit",
    "django_ckeditor_5",
    "core",
    "federation",
    "news",
    "agreements",
    "documents",
    "advice",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Above the page cache, so that pages served from it get ETag checks (304) too.
    "django.middleware.http.ConditionalGetMiddleware",
    # As high as it can be: a cached page for an anonymous visitor skips everything below, the
    # policy header included, which is stored with the page (the public policy has no nonce).
    "core.pagecache_middleware.PageCacheMiddleware",
    # Above WhiteNoise, so that every response gets the policy, static files too.
    "core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Below the CSRF check: cleans the text of every form posted (core.cleaning).
    "core.cleaning.CleanTextMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Turns a 404 into the 301 of an old address. Inside the page cache, which stores neither.
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "federation.urls"
WSGI_APPLICATION = "federation.wsgi.application"

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
                "federation.context_processors.site_profile",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# Redis on the same host or network answers in a millisecond; one that has not answered in this
# long is treated as away (core.cache): the request goes on without it.
REDIS_TIMEOUT_SECONDS = float(os.environ.get("REDIS_TIMEOUT_SECONDS", "0.25"))
REDIS_OPTIONS = {
    "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
    "socket_timeout": REDIS_TIMEOUT_SECONDS,
}


def redis_caches(url):
    """The cache settings for a Redis at `url` (a function: the outage tests build the same)."""
    return {
        "default": {
            # Django's Redis cache, for which an outage is a miss, not an error page.
            "BACKEND": "core.cache.TolerantRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "federation"),
            "OPTIONS": REDIS_OPTIONS,
        }
    }


REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = redis_caches(REDIS_URL)
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Full-page cache for anonymous visitors (core.pagecache). On by default only with Redis: a
# per-process cache could not tell the other workers that a page went stale.
PAGECACHE_ENABLED = env_bool("DJANGO_PAGE_CACHE", bool(REDIS_URL))
PAGECACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "300"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# A working day; after that, staff and officers sign in again.
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_SECONDS", 9 * 3600))

# Brute force: 5 failed logins for one account from one address lock it for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind nginx (or a load balancer) REMOTE_ADDR is the proxy for every visitor: the lockout would
# then count everyone's failures together. PROXY_COUNT is the number of our own proxies in front,
# each appending to X-Forwarded-For; core.clientip trusts only the entries they wrote.
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "core.clientip.client_ip"
AXES_VERBOSE = False

# History: file fields are kept as their names; the files themselves are never copied.
SIMPLE_HISTORY_FILEFIELD_TO_CHARFIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = False

# Absolute links in emails (notifications, reminders) and partners' feed addresses.
# Unset in production, it is the first allowed host: never 127.0.0.1 in a sitemap.
SITE_URL = os.environ.get("DJANGO_SITE_URL") or (
    "http://127.0.0.1:8000"
    if DEBUG or not ALLOWED_HOSTS or ALLOWED_HOSTS[0].startswith(".") or "*" in ALLOWED_HOSTS[0]
    else f"{'https' if env_bool('DJANGO_HTTPS', True) else 'http'}://{ALLOWED_HOSTS[0]}"
)

# django.contrib.redirects keeps its rows per site; this project is one site.
SITE_ID = 1

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Vietnamese news sites write times as "02:04, 08/04/2021".
FORMAT_MODULE_PATH = ["federation.formats"]
# Vietnamese for what Django and our libraries leave in English (compiled .mo is committed).
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Signed agreements live outside MEDIA_ROOT, so no URL reaches them: a view checks access first.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 31536000

# Several app hosts: media on S3-compatible object storage, so that no host keeps files of its own.
# Signed agreements go to a private location (no public URL; agreements.documents streams them).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    _s3 = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
        "file_overwrite": False,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "location": os.environ.get("AWS_MEDIA_LOCATION", "media"),
            # Public pictures: plain URLs (through a CDN domain when there is one), no signatures.
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "bucket_name": os.environ.get("AWS_PRIVATE_STORAGE_BUCKET_NAME")
            or AWS_STORAGE_BUCKET_NAME,
            "location": os.environ.get("AWS_PRIVATE_LOCATION", "private"),
            "default_acl": "private",
            "querystring_auth": True,
        },
    }

# HTTPS: on by default in production; DJANGO_HTTPS=0 for an intranet or a local test.
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    # Load balancers probe the health check over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# No page of the site is ever shown in a frame, not even by the site itself (the admin's
# related-object pop-ups are windows).
X_FRAME_OPTIONS = "DENY"
# CKEditor's image upload reads the CSRF cookie from JavaScript, so it cannot be HttpOnly (which
# Django's documentation says protects nothing anyway); the session cookie is.
CSRF_COOKIE_HTTPONLY = False

# Content-Security-Policy (django-csp): public pages run only the site's own static files; no
# inline script or style (JSON-LD blocks are data, which browsers never run). Pictures served from
# object storage or a CDN need that origin: DJANGO_CSP_MEDIA_ORIGINS (comma-separated).
CSP_MEDIA_ORIGINS = env_list("DJANGO_CSP_MEDIA_ORIGINS")
if os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
    CSP_MEDIA_ORIGINS.append(f"https://{os.environ['AWS_S3_CUSTOM_DOMAIN']}")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", *CSP_MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# The admin (core.csp): CKEditor 5 sets inline styles and shows an image as a data: URL while
# it uploads (tests/e2e/test_csp_admin.py). Scripts stay as strict as on the public pages.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *CSP_MEDIA_ORIGINS],
    }
}
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "federation.views.csrf_failure"

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost")

# Uploads: anything bigger is refused before it reaches a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Cooperation agreements: "sắp hết hạn" this many days before the end; the largest signed PDF.
AGREEMENT_EXPIRY_WARNING_DAYS = int(os.environ.get("AGREEMENT_EXPIRY_WARNING_DAYS", "60"))
AGREEMENT_DOCUMENT_MAX_BYTES = 20 * 1024 * 1024

# The library: the largest file of a document (PDF, DOCX, XLSX).
DOCUMENT_FILE_MAX_BYTES = 20 * 1024 * 1024

# Legal advice: a closed question's contact (email or phone) is blanked this many days after it
# was published or declined (manage.py purge_question_contacts, daily); the question form's spam
# checks: questions per client address per hour, per contact per day, and the shortest and
# longest time a person takes to fill the form.
ADVICE_CONTACT_RETENTION_DAYS = int(os.environ.get("ADVICE_CONTACT_RETENTION_DAYS", "30"))
ADVICE_RATE_PER_CLIENT = int(os.environ.get("ADVICE_RATE_PER_CLIENT", "5"))
ADVICE_RATE_PER_CONTACT = int(os.environ.get("ADVICE_RATE_PER_CONTACT", "3"))
ADVICE_MIN_FILL_SECONDS = 5
ADVICE_FORM_MAX_AGE_SECONDS = 12 * 3600

# Officers who are not staff sign in on the public site, not in the admin.
# Tags in the admin as editors write them: "Lộc Sơn, công đoàn", without quotes (news/tag_strings.py).
TAGGIT_TAGS_FROM_STRING = "news.tag_strings.tags_from_string"
TAGGIT_STRING_FROM_TAGS = "news.tag_strings.string_from_tags"

LOGIN_URL = "login"
# Where a login lands without a usable `next` (missing, or refused as pointing off the site): the
# admin's login has no destination of its own, and Django's default (/accounts/profile/) is a 404.
# The officers' login (/dang-nhap/) sends them to the programmes instead.
LOGIN_REDIRECT_URL = "admin:index"

# Renditions are written when the source image is saved, never while a page renders.
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"
IMAGEKIT_CACHEFILE_DIR = "renditions"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# CKEditor 5: what editors may produce is what core.richtext keeps.
CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"
CKEDITOR_5_CONFIGS = {
    "default": {
        "language": "vi",
        "toolbar": {
            "items": [
                "heading", "|", "bold", "italic", "underline", "link", "|",
                "bulletedList", "numberedList", "blockQuote", "|",
                "imageUpload", "insertTable", "|", "undo", "redo",
            ],
        },
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Đoạn văn", "class": "ck-heading_paragraph"},
                {"model": "heading2", "view": "h2", "title": "Tiêu đề 2", "class": "ck-heading_heading2"},
                {"model": "heading3", "view": "h3", "title": "Tiêu đề 3", "class": "ck-heading_heading3"},
            ]
        },
        "image": {
            "toolbar": [
                "imageTextAlternative", "toggleImageCaption", "|",
                "imageStyle:inline", "imageStyle:block", "imageStyle:side",
            ],
        },
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
        "link": {"defaultProtocol": "https://"},
    },
}  # fmt: skip

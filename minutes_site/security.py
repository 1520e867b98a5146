"""Security the settings alone cannot give on this Django (5.2; built-in CSP arrives in 6.0)."""

from django.conf import settings
from django.http import HttpResponseNotFound

# No inline script anywhere (site.js, the admin's own files); inline style only as attributes,
# which the admin and its libraries write (import-export, simple-history) and which cannot run code.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


# django-ninja's Swagger UI page (/api/docs) starts itself with an inline script: only there are
# inline scripts and styles allowed (it shows the API's schema, no text from the archive).
API_DOCS_POLICY = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)
API_DOCS_PATH = "/api/docs"


class ContentSecurityPolicyMiddleware:
    """Sends settings.CONTENT_SECURITY_POLICY on every response that sets none of its own; not
    under DEBUG, whose error pages are inline HTML, CSS and script."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", CONTENT_SECURITY_POLICY)
        if policy and request.path == API_DOCS_PATH:
            policy = API_DOCS_POLICY if policy == CONTENT_SECURITY_POLICY else policy
        if policy and not settings.DEBUG:
            response.headers.setdefault("Content-Security-Policy", policy)
        return response


class NoNulInPathMiddleware:
    """A path with a NUL character names nothing here: a 404 before any view. PostgreSQL refuses
    NUL in text, so a lookup by such a path part was a 500 there and a 404 on SQLite."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            return HttpResponseNotFound("no such page", content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def weak_secret_key(key: str) -> str:
    """Why a SECRET_KEY is too weak for production, or "" (Django's own test, security.W009:
    at least 50 characters, 5 different ones, not one of Django's generated insecure keys)."""
    if key.startswith("django-insecure-"):
        return "it is one of Django's generated development keys"
    if len(key) < 50:
        return f"it has {len(key)} characters, fewer than 50"
    if len(set(key)) < 5:
        return f"it has {len(set(key))} different characters, fewer than 5"
    return ""

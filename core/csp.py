"""Content-Security-Policy: django-csp's middleware, with the admin's own, looser policy."""

from functools import cache

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.urls import reverse


@cache
def admin_prefix():
    # Read from the URLconf, so that moving the admin never leaves it under the public policy.
    return reverse("admin:index")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The public policy everywhere (settings.CONTENT_SECURITY_POLICY), except in the admin, where
    CKEditor 5 needs inline styles and data:/blob: images (settings.CONTENT_SECURITY_POLICY_ADMIN).
    A view's own django-csp decorator still wins over both."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(admin_prefix())
        ):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        return parts

"""Templates hold no rules: internal links come from the URL names ({% url %}, reverse()), so
moving a page moves every link to it (only the 500 page, which must render whatever else is
broken, writes its links out), and a status is asked of the model, not compared to its code."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# href="/…", src="/…" or action="/…" that is not a protocol-relative "//" address.
LITERAL = re.compile(r'(?:href|src|action)="/(?!/)')


def test_templates_write_no_internal_path_by_hand():
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "templates").rglob("*.html"))
        if path.name != "500.html"
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if LITERAL.search(line)
    ]
    assert found == []


# A status compared to its stored code ("sap-het-han", "returned") breaks silently when the code
# changes; the templates ask the model (agreement.is_expiring, original.is_returned) instead.
STATUS_LITERAL = re.compile(r"\.status\s*(==|!=)\s*['\"]")


def test_templates_ask_the_model_about_a_status_instead_of_comparing_codes():
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "templates").rglob("*.html"))
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if STATUS_LITERAL.search(line)
    ]
    assert found == []

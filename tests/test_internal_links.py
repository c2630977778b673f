"""Internal links come from the URL names ({% url %}, reverse()), so moving a page moves every link
to it; only the 500 page, which must render whatever else is broken, writes its one link out."""

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

"""The one query budget of a public page, and how tests count a page's queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

# Every public page, with 1 row or 50 of everything, on a site whose caches are warm.
MAX_PUBLIC_QUERIES = 10


def warm_queries(client, url):
    """The queries of a second visit: the site profile and the most-read block are warm on a
    live site, so the first visit only warms them."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries)

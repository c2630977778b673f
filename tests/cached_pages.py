"""What the tests of the full-page cache share: its header, pages warmed until they are hits, and
pages rendered afresh."""

from django.conf import settings
from django.test import Client

HEADER = "X-Page-Cache"


def html(response):
    return response.content.decode()


def warm(client, *urls):
    """Each page asked for twice: the second answer must come from the cache."""
    for url in urls:
        client.get(url)
        assert client.get(url)[HEADER] == "HIT", url


def afresh(url):
    """A render that the page cache does not answer: a visitor with a session never is."""
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "khong-co-phien"
    return client.get(url)

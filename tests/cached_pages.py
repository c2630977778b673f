"""What the tests of the full-page cache share: its header, and pages warmed until they are hits."""

HEADER = "X-Page-Cache"


def html(response):
    return response.content.decode()


def warm(client, *urls):
    """Each page asked for twice: the second answer must come from the cache."""
    for url in urls:
        client.get(url)
        assert client.get(url)[HEADER] == "HIT", url

"""Checks that every paginated public list passes the same way (news, agreements, profiles)."""


def assert_canonical_follows_the_parsed_page(client, url):
    """The list at `url`, two rows a page and three rows or more: its canonical address names the
    page as parsed (?page=02 and ?page=last are page 2; ?page=01 is the list itself)."""
    for query, canonical in [
        ("", url),
        ("?page=01", url),
        ("?page=02", f"{url}?page=2"),
        ("?page=last", f"{url}?page=2"),
    ]:
        html = client.get(f"{url}{query}").content.decode()
        assert f'<link rel="canonical" href="http://testserver{canonical}">' in html, query

"""The sitemap index's sections: each app registers its own (AppConfig.ready), the project's URLs
serve them all."""

_sections = {}  # key (the URL's "sitemap-<key>.xml") → (order, Sitemap class)


def register(key, sitemap, *, order=0):
    """A section of /sitemap.xml, served at /sitemap-<key>.xml; lower orders are listed first."""
    _sections[key] = (order, sitemap)


def sitemaps():
    """{key: Sitemap class}, in order: what django.contrib.sitemaps' views take."""
    ordered = sorted(_sections.items(), key=lambda item: item[1][0])
    return {key: sitemap for key, (_, sitemap) in ordered}

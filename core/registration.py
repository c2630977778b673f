"""What an app tells the core, said once: an app's AppConfig.ready() calls join() with its search
sources, page-cache section, editors' models, backup models, sitemaps and tracked addresses, and
adds its own calls for anything beyond that shape."""

from core import backup, calendar, pagecache, permissions, redirects, roles, search
from core import sitemaps as sitemap_registry


def join(
    app_label,
    *,
    sources=(),
    due=(),
    section=None,
    next_change=None,
    models=(),
    shows=(),
    editors=(),
    editor_extras=(),
    content=(),
    summary=(),
    sitemaps=(),
    tracked=(),
):
    """Register an app with every core registry it uses.

    sources: search sources; due: calendar sources. section: the page-cache section named like
    the app's URL namespace, made stale by `models`, whose pages also show the sections in
    `shows`. editors: the app's model names the editors may add, change, delete and view, plus
    the permissions in `editor_extras`. content, summary: as core.backup.register. sitemaps:
    [(key, Sitemap, order)]. tracked: models whose old addresses redirect."""
    for source in sources:
        search.register(source)
    for source in due:
        calendar.register(source)
    if section:
        pagecache.register_section(section, next_change=next_change)
        pagecache.register_models(models, sections=[section])
        pagecache.register_urls([section], sections=["site", section, *shows])
    if editors or editor_extras:
        permissions.grant(
            roles.EDITORS, *permissions.model_permissions(app_label, editors), *editor_extras
        )
    if content or summary:
        backup.register(content=content, summary=summary)
    for key, sitemap, order in sitemaps:
        sitemap_registry.register(key, sitemap, order=order)
    for model in tracked:
        redirects.track(model)

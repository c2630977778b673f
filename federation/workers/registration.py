"""What the worker unit tells the core (called from FederationConfig.ready): its page-cache
section, search source, sitemap, role permissions, backup models and old addresses."""


def register():
    from core import backup, pagecache, permissions, redirects, roles, search, sitemaps
    from federation.workers.search import SEARCH_SOURCE
    from federation.workers.sitemaps import WorkerSitemap

    search.register(SEARCH_SOURCE)

    pagecache.register_section("workers")
    pagecache.register_models(
        ["federation.ExemplaryWorker", "federation.Honour", "federation.HonourPeriod",
         "federation.Sector"],
        sections=["workers"],
    )  # fmt: skip
    # Profiles list the published articles about the person.
    pagecache.register_urls(["workers"], sections=["site", "workers", "news"])

    permissions.grant(
        roles.EDITORS,
        *permissions.model_permissions(
            "federation", ["exemplaryworker", "honour", "honourperiod", "sector"]
        ),
        "federation.view_historicalexemplaryworker",
        "federation.view_historicalhonour",
    )

    backup.register(
        content=["federation.ExemplaryWorker"],
        summary=[("federation.ExemplaryWorker", "hồ sơ điển hình")],
    )

    sitemaps.register("dien-hinh-tien-tien", WorkerSitemap, order=50)

    redirects.track("federation.ExemplaryWorker")

"""What the worker unit tells the core (called from FederationConfig.ready): its page-cache
section, search source, sitemap, role permissions, backup models and old addresses."""


def register():
    from core import registration
    from federation.workers import signals  # noqa: F401
    from federation.workers.search import SEARCH_SOURCE
    from federation.workers.sitemaps import WorkerSitemap

    registration.join(
        "federation",
        sources=[SEARCH_SOURCE],
        section="workers",
        models=[
            "federation.ExemplaryWorker",
            "federation.Honour",
            "federation.HonourPeriod",
            "federation.Sector",
        ],
        # Profiles list the published articles about the person.
        shows=["news"],
        editors=["exemplaryworker", "honour", "honourperiod", "sector"],
        editor_extras=[
            "federation.view_historicalexemplaryworker",
            "federation.view_historicalhonour",
        ],
        content=["federation.ExemplaryWorker"],
        summary=[("federation.ExemplaryWorker", "hồ sơ điển hình")],
        sitemaps=[("dien-hinh-tien-tien", WorkerSitemap, 50)],
        tracked=["federation.ExemplaryWorker"],
    )

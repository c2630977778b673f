"""The news app: articles, photos, categories, tags, feeds, and what it tells the core."""

from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "Tin tức"

    def ready(self):
        from core import pagecache, permissions, redirects, registration, roles
        from news import calendar as news_calendar
        from news import freshness, signals  # noqa: F401
        from news import sitemaps as news_sitemaps
        from news.models import Article
        from news.search import SOURCE, TOPIC_SOURCE

        registration.join(
            "news",
            sources=[SOURCE, TOPIC_SOURCE],
            due=[news_calendar.scheduled_articles],
            section="news",
            next_change=Article.objects.next_change,
            models=["news.Article", "news.Photo", "news.Category", "news.Tag",
                    "news.TaggedArticle", "news.PenName", "news.ArticlePenName", "news.Topic",
                    "news.TopicArticle"],
            editors=["article", "photo", "category", "tag", "taggedarticle", "trashedarticle",
                     "articleevent", "correspondent", "articleviewcount", "penname",
                     "articlepenname", "royaltyrate", "royaltytally", "royaltytallyline", "topic",
                     "topicarticle"],
            editor_extras=[
                "news.publish_article",
                "news.approve_royaltytally",
                # History: view it, and revert through the change permission of the model itself.
                "news.view_historicalarticle",
                "news.view_historicalphoto",
                "news.view_historicaltopic",
                "news.view_historicaltopicarticle",
            ],
            content=["news.Article", "news.Category", "news.PenName", "news.RoyaltyRate",
                     "news.Topic"],
            summary=[
                ("news.Article", "bài viết"),
                ("news.Photo", "ảnh"),
                ("news.Topic", "chuyên đề"),
                ("redirects.Redirect", "địa chỉ cũ chuyển hướng"),
            ],
            sitemaps=[
                ("trang", news_sitemaps.StaticSitemap, 10),
                ("chuyen-muc", news_sitemaps.CategorySitemap, 20),
                ("chuyen-de", news_sitemaps.TopicSitemap, 25),
                ("tin-tuc", news_sitemaps.ArticleSitemap, 30),
                # /sitemap-news.xml: Google News's format, served by news.urls with its own template.
                ("news", news_sitemaps.NewsSitemap, 35),
            ],
            tracked=["news.Category", "news.Tag", "news.Topic"],
        )  # fmt: skip
        # An article page follows its own row and its category (news.freshness), not every
        # change to the news: a publish leaves the other categories' article pages cached.
        pagecache.register_section(freshness.TAXONOMY)
        pagecache.register_section(freshness.ARTICLES, next_change=Article.objects.next_change)
        # Names shown on article pages, each on many of them: categories, tags, pen names, and
        # the partner an article comes from.
        pagecache.register_models(
            ["news.Category", "news.Tag", "news.PenName", "agreements.Partner", "news.Topic"],
            sections=[freshness.TAXONOMY],
        )
        pagecache.register_bulk_changes(
            ["news.Article", "news.Photo", "news.TaggedArticle", "news.ArticlePenName"],
            sections=[freshness.ARTICLES],
        )
        pagecache.register_urls(
            ["news:article"], sections=["site", freshness.TAXONOMY, freshness.ARTICLES]
        )
        freshness.connect()
        # Previews are personal: signed in, or through a link meant for one reviewer.
        pagecache.register_uncached(["news:preview", "news:shared-preview"])

        # Correspondents write articles with photos; they never publish (no publish_article), and
        # the admin limits them to their own drafts and returned articles (news.workflow.can_edit).
        permissions.grant(
            roles.CORRESPONDENTS,
            *permissions.model_permissions("news", ["article", "photo", "articlepenname"]),
            "news.view_penname",
            "news.view_category",
            "news.view_tag",
        )

        # A draft's address was never out in the world; a published one's was.
        redirects.track(
            Article, is_public=lambda article: article.status == Article.Status.PUBLISHED
        )

"""URLs of the agreements pages: Vietnamese paths under /chuong-trinh-phoi-hop/ and /doi-tac/, and
partners' private feeds under /nguon-tin/."""

from django.urls import path, re_path

from agreements import feeds, views

app_name = "agreements"

urlpatterns = [
    path("chuong-trinh-phoi-hop/", views.AgreementListView.as_view(), name="list"),
    path("chuong-trinh-phoi-hop/<slug:slug>/", views.AgreementDetailView.as_view(), name="detail"),
    path("chuong-trinh-phoi-hop/<slug:slug>/van-ban/", views.document, name="document"),
    path("doi-tac/<slug:slug>/", views.PartnerDetailView.as_view(), name="partner"),
    # A partner's private feeds: the token alone names the feed, and says nothing of whose it is.
    re_path(
        r"^nguon-tin/(?P<token>[A-Za-z0-9_-]{20,64})\.xml$", feeds.rss_feed, name="partner-feed-rss"
    ),
    re_path(
        r"^nguon-tin/(?P<token>[A-Za-z0-9_-]{20,64})\.json$",
        feeds.json_feed,
        name="partner-feed-json",
    ),
]

"""URLs of the agreements pages: Vietnamese paths under /chuong-trinh-phoi-hop/ and /doi-tac/."""

from django.urls import path

from agreements import views

app_name = "agreements"

urlpatterns = [
    path("chuong-trinh-phoi-hop/", views.AgreementListView.as_view(), name="list"),
    path("chuong-trinh-phoi-hop/<slug:slug>/", views.AgreementDetailView.as_view(), name="detail"),
    path("chuong-trinh-phoi-hop/<slug:slug>/van-ban/", views.document, name="document"),
    path("doi-tac/<slug:slug>/", views.PartnerDetailView.as_view(), name="partner"),
]

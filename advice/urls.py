"""URLs of legal advice: /hoi-dap/, the question form and one published answer."""

from django.urls import path

from advice import views

app_name = "advice"

urlpatterns = [
    path("", views.QuestionListView.as_view(), name="list"),
    path("gui-cau-hoi/", views.ask, name="ask"),
    path("gui-cau-hoi/da-gui/", views.SentView.as_view(), name="sent"),
    path("<slug:slug>/", views.QuestionDetailView.as_view(), name="detail"),
]

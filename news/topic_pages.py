"""The topics' public pages: the list (/chuyen-de/), one topic with its articles, its RSS."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from core.pagination import StrictPageMixin
from core.seo import PageMeta, absolute
from federation.models import SiteProfile
from news import cards
from news.cards import with_card_fields
from news.feeds import LatestArticlesFeed, xml_text
from news.models import Topic

TOPIC_PAGE_SIZE = 20


class TopicListView(StrictPageMixin, ListView):
    template_name = "news/topic_list.html"
    context_object_name = "topics"
    paginate_by = TOPIC_PAGE_SIZE
    query_params = ("page",)

    def get_queryset(self):
        # The running ones first, then the others, each in the editors' order.
        return Topic.objects.order_by("-is_active", "order", "-created_at", "-id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        profile = SiteProfile.load()
        page = context["page_obj"]
        cover = next((t for t in context["topics"] if t.picture), None)
        context["meta"] = PageMeta(
            title="Chuyên đề",
            description=f"Các chuyên đề, dòng sự kiện – {profile.name}",
            canonical=self.request.build_absolute_uri(self.request.path)
            + (f"?page={page.number}" if page.number > 1 else ""),
            image=absolute(self.request, cover.social_url) if cover else "",
            image_alt=cover.picture_alt if cover else "",
        )
        return context


class TopicDetailView(DetailView):
    """A topic: its picture and introduction, then its public articles in the editors' order."""

    template_name = "news/topic_detail.html"
    context_object_name = "topic"
    query_params = ("page",)

    def get_queryset(self):
        return Topic.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        topic = self.object
        paginator = Paginator(with_card_fields(topic.published_articles()), TOPIC_PAGE_SIZE)
        page = self.paginate(paginator)
        context.update(
            page_obj=page,
            articles=page.object_list,
            cards=cards.render([(article, "row") for article in page.object_list]),
            is_paginated=page.has_other_pages(),
            feed_url=f"{topic.get_absolute_url()}rss/",
            meta=PageMeta(
                title=topic.title,
                description=topic.description,
                canonical=self.request.build_absolute_uri(topic.get_absolute_url())
                + (f"?page={page.number}" if page.number > 1 else ""),
                image=absolute(self.request, topic.social_url) if topic.picture else "",
                image_alt=topic.picture_alt,
            ),
        )
        return context

    def paginate(self, paginator):
        number = self.request.GET.get("page") or 1
        try:
            return paginator.page(number)
        except (InvalidPage, ValueError, TypeError) as exc:
            raise Http404("Trang không tồn tại.") from exc


class TopicFeed(LatestArticlesFeed):
    """A topic's articles, newest first (a feed reader wants what is new, not the order)."""

    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, obj):
        return xml_text(f"{obj.title} – {SiteProfile.load().name}")

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return xml_text(obj.description) or self.title(obj)

    def get_queryset(self, obj):
        return super().get_queryset(obj).filter(topic_links__topic=obj)

"""The public news site: lists, the article page, the read beacon and the home page blocks."""

from django.contrib.auth.views import redirect_to_login
from django.db import connection
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView, TemplateView

from core import memo, pagecache, seo
from core.listmemo import ListMemo
from core.pagination import StrictPageMixin
from core.seo import PageMeta, absolute, news_article_jsonld
from federation.models import SiteProfile
from news import article_page, freshness, home, popularity, preview, workflow
from news import cards as cards_module
from news import related as related_module
from news.admin_actions import publish_label
from news.article_page import attach_photos
from news.listing import ArticlePaginator, listed
from news.models import Article, Category, Tag

PAGE_SIZE = 20


def news_list_meta(request, title, description="", *, cards=(), cover=None, page_obj=None):
    """A news list's meta; its share picture is the first cover among the cards it shows (or
    `cover`, as (URL, alt), for a page that remembers it)."""
    profile = SiteProfile.load()
    cover = cover or cards_module.first_cover(cards)
    # Every page needs a description, even before the site profile has one.
    fallback = f"{title} – " + " ".join(filter(None, [profile.tagline, profile.name]))
    return seo.list_meta(
        request,
        title=title,
        description=description or profile.description or fallback,
        page_obj=page_obj,
        image=absolute(request, cover[0]) if cover else "",
        image_alt=cover[1] if cover else "",
    )


class ArticleListMixin(StrictPageMixin):
    """Published articles, with what a card shows (news.cards), in a fixed number of queries."""

    paginate_by = PAGE_SIZE
    page_kwarg = "page"
    query_params = ("page",)  # core.pagecache drops any other
    context_object_name = "articles"
    paginator_class = ArticlePaginator

    def get_queryset(self):
        return cards_module.with_card_fields(Article.objects.published())

    def list_name(self):
        """Names this list for the paginator's memo (its count, where its pages start)."""
        return "news:list"

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kw):
        return self.paginator_class(
            queryset,
            per_page,
            memo_name=self.list_name(),
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            **kw,
        )


class ArticleListView(ArticleListMixin, ListView):
    template_name = "news/article_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = "Tin tức"
        context["breadcrumbs"] = [("Tin tức", "")]
        context["meta"] = news_list_meta(self.request, "Tin tức", **listed(context))
        context["feed_url"] = reverse("news:feed")
        return context


def categories_by_slug():
    """Every category by its address: a few dozen rows, read once per change to the categories (a
    saved category bumps the news's taxonomy; publishing an article does not), beside the other
    facts a render fetches (core.memo)."""
    return memo.remember(
        "news:categories",
        (freshness.TAXONOMY,),
        lambda: {c.slug: c for c in Category.objects.all()},
    )


class CategoryView(ArticleListMixin, ListView):
    template_name = "news/article_list.html"

    def get_queryset(self):
        self.category = categories_by_slug().get(self.kwargs["slug"])
        if self.category is None:
            raise Http404("Không tìm thấy chuyên mục.")
        return super().get_queryset().filter(category=self.category)

    def list_name(self):
        return f"news:category:{self.category.pk}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = self.category.name
        context["intro"] = self.category.description
        context["breadcrumbs"] = [("Tin tức", reverse("news:list")), (self.category.name, "")]
        context["meta"] = news_list_meta(
            self.request, self.category.name, self.category.description, **listed(context)
        )
        context["feed_url"] = reverse("news:category-feed", kwargs={"slug": self.category.slug})
        return context


class TagView(ArticleListMixin, ListView):
    template_name = "news/article_list.html"

    def get_queryset(self):
        self.tag = self.find_tag(self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    @staticmethod
    def find_tag(slug):
        """The tag of this address, remembered per change to the tags (a saved tag bumps the
        news's taxonomy): a tag page read again runs no query at all."""
        memo = ListMemo("news:tags", sections=(freshness.TAXONOMY,), learn=True)
        found = memo.get(f"slug:{slug}")
        if found is not None:
            return Tag.from_db(connection.alias, ["id", "name", "slug"], found)
        tag = get_object_or_404(Tag.objects.only("id", "name", "slug"), slug=slug)
        memo.set(f"slug:{slug}", [tag.pk, tag.name, tag.slug])
        return tag

    def list_name(self):
        return f"news:tag:{self.tag.pk}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = f"Thẻ: {self.tag.name}"
        context["breadcrumbs"] = [("Tin tức", reverse("news:list")), (f"Thẻ: {self.tag.name}", "")]
        context["menu_current"] = reverse("news:list")
        context["meta"] = news_list_meta(self.request, f"Thẻ: {self.tag.name}", **listed(context))
        return context


def article_context(request, article, links=None):
    """Everything the article page shows: shared by the public page and the preview. links: the
    article's (tags, topics) when already read (article_page.remembered)."""
    profile = SiteProfile.load()
    cover = article.cover
    # The cover leads the page, whatever its place in the photo order.
    photos = sorted(article.photos.all(), key=lambda photo: photo != cover)
    image = absolute(request, cover.social_url) if cover else ""
    tags, topics = links if links is not None else article_page.article_links(article)
    # "Tin liên quan" follows the articles of its category, tags and topics (news.freshness).
    related = related_module.remembered(request, article, tags, topics)
    url = request.build_absolute_uri(article.get_absolute_url())
    # A partner's report that we repost: search engines credit the original.
    reposted = article.source_partner_id is not None and article.source_url
    meta = PageMeta(
        title=article.title,
        description=article.description,
        canonical=article.source_url if reposted else url,
        image=image,
        image_alt=cover.alt_text if cover else "",
        type="article",
        published=article.published_at,
        modified=article.updated_at,
        jsonld=[news_article_jsonld(request, article, profile, image)],
    )
    return {
        "article": article,
        "photos": photos,
        "related": related,
        "tags": tags,
        "topics": topics,
        "meta": meta,
        "share_url": url,
        # The article's category leads back; its title is the heading just below.
        "breadcrumbs": [(article.category.name, article.category.get_absolute_url())],
        "menu_current": article.category.get_absolute_url(),
    }


class ArticleDetailView(DetailView):
    template_name = "news/article_detail.html"
    query_params = ()

    def get_queryset(self):
        return (
            Article.objects.published()
            .defer(*Article.SEARCH_COLUMNS)
            .select_related("category", "source_partner")
        )

    def get_object(self, queryset=None):
        slug = self.kwargs["slug"]
        article_page.prefetch(slug)
        # Declared before the row is read: an edit landing during the render makes it stale.
        pagecache.depends_on(self.request, freshness.article_key(slug))
        article, self.links = article_page.remembered(slug, lambda: self._load(queryset))
        return article

    def _load(self, queryset):
        article = super().get_object(queryset)
        attach_photos(article)
        return article, article_page.article_links(article)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(article_context(self.request, self.object, self.links))
        context["article_main"] = article_page.main_html(context)
        return context


@csrf_exempt
@require_POST
def record_view(request, pk):
    """The read beacon: counts in Redis (or memory), once per reader and article a day
    (news.popularity), without a database query. The answer is the same whatever the number, so
    that it tells nobody which numbers are drafts."""
    popularity.count_read(request, pk)
    return HttpResponse(status=204)


class HomeView(TemplateView):
    """A newsroom's front page: the lead story with the secondary ones beside it, then each
    category as one large story and a list (news.home, rendered once per change of the news);
    the most read and the other sections' blocks at the side (templates/news/home.html)."""

    template_name = "news/home.html"
    query_params = ()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        front = home.front()
        context.update(
            front=front,
            most_read=popularity.most_read(),
            meta=news_list_meta(self.request, "Trang chủ", cover=front.cover),
        )
        context["meta"].title = SiteProfile.load().name
        return context


@method_decorator(never_cache, name="dispatch")
class ArticlePreviewView(DetailView):
    """Any article, published or not, exactly as the public page will show it: for its author
    and for editors. The page is never cached and never indexed."""

    template_name = "news/article_detail.html"

    def get_queryset(self):
        return Article.objects.alive().select_related("category").prefetch_related("photos")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated or not request.user.is_staff:
            return redirect_to_login(request.get_full_path(), login_url=reverse("admin:login"))
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        article = super().get_object(queryset)
        if not workflow.can_view(self.request.user, article):
            raise Http404("Không tìm thấy bài viết.")
        return article

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(article_context(self.request, self.object))
        context["preview"] = True
        context["preview_note"] = self.object.get_status_display().lower()
        context["meta"].noindex = True
        # No dead end: back to the form, or (for an editor) straight on to publishing.
        if workflow.can_edit(self.request.user, self.object):
            context["preview_edit_url"] = reverse(
                "admin:news_article_change", args=[self.object.pk]
            )
        if workflow.is_editor(self.request.user) and not self.object.is_public:
            context["preview_publish_url"] = reverse(
                "admin:news_article_publish", args=[self.object.pk]
            )
            context["preview_publish_label"] = publish_label(self.object)
        return context


@method_decorator(never_cache, name="dispatch")
class SharedPreviewView(ArticlePreviewView):
    """The same preview through a signed link that expires: for a colleague with no account.
    Its own dispatch skips the parent's, and with it the parent's never_cache: hence again here."""

    def dispatch(self, request, *args, **kwargs):
        return DetailView.dispatch(self, request, *args, **kwargs)

    def get_object(self, queryset=None):
        pk = preview.article_pk_from(self.kwargs["token"])
        if pk is None:
            raise Http404("Liên kết xem trước không hợp lệ hoặc đã hết hạn.")
        return get_object_or_404(self.get_queryset(), pk=pk)

"""The public news site: lists, the article page, the read beacon and the home page blocks."""

from collections.abc import Sequence

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.safestring import SafeString
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


def listed(context):
    """The list's cards into the context (the first picture eager), and what its meta needs: kept
    with the page's rows when its paginator keeps them (ArticlePaginator)."""
    page = context.get("page_obj")
    paginator = getattr(page, "paginator", None)
    keeps = isinstance(paginator, ArticlePaginator)
    cards = paginator.kept_cards(page.number) if keeps else None
    if cards is None:
        pairs = [(a, "row" if i else "row-eager") for i, a in enumerate(context["articles"])]
        cards = cards_module.render(pairs)
        if keeps:
            paginator.keep_cards(page.number, cards)
    context["cards"] = cards
    return {"cards": cards, "page_obj": page}


class KeptRows(Sequence):
    """A page's kept rows (news.cards.as_row), made articles only when something reads them: a
    page whose cards are kept too reads none."""

    def __init__(self, rows):
        self.rows = rows
        self._articles = None

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, index):
        if self._articles is None:
            self._articles = [cards_module.from_row(row) for row in self.rows]
        return self._articles[index]


class ArticlePaginator(Paginator):
    """Django's paginator for lists ordered newest first (published_at, id), with two shortcuts
    that keep page 500 of 100,000 articles as cheap as page 1, behind the same ?page=N addresses:

    - the row count is counted once per change to the news (core.listmemo.ListMemo);
    - a page whose first row is known, from an earlier visit to it or to the page before it, is
      fetched by keyset (WHERE published_at, id before that row) instead of OFFSET, which walks
      every row before it; an OFFSET walks only ids, in an index, then reads the page's rows;
    - a page's rows themselves (what its cards show: news.cards.as_row) are kept beside these
      facts, so that a page read again before the next change reads no row and builds no
      queryset: every save that shows on a card bumps the news; and its cards as rendered
      (listed()), so that such a page makes no article of its rows and looks up no card.
    """

    # A category's or tag's name and the bulk changes show on cards (news.cards): the kept cards
    # follow them, as the cards themselves do.
    SECTIONS = ("news", freshness.TAXONOMY, freshness.ARTICLES)

    def __init__(self, object_list, per_page, *, memo_name, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.memo = ListMemo(memo_name, sections=self.SECTIONS, learn=True)

    @cached_property
    def count(self):
        value = self.memo.get("count")
        if value is None:
            value = self.object_list.count()
            self.memo.set("count", value)
        return value

    def page(self, number):
        try:
            asked = int(number)
        except (TypeError, ValueError):
            asked = None
        # The count, this page's rows, where it starts and where the next one does, in one
        # round trip.
        wanted = [self._rows_key(asked), f"page:{asked}", f"page:{asked + 1}"] if asked else []
        if asked:
            wanted.append(self._cards_key(asked))
        self.memo.fetch("count", *wanted)
        number = self.validate_number(number)
        kept = self.memo.get(self._rows_key(number))
        if kept is not None:
            return self._get_page(KeptRows(kept), number, self)
        rows = self._rows(number)
        self.memo.set(self._rows_key(number), [cards_module.as_row(a) for a in rows])
        return self._get_page(rows, number, self)

    @staticmethod
    def _rows_key(number):
        return f"rows:{cards_module.ROW_FORMAT}:{number}"

    @staticmethod
    def _cards_key(number):
        return f"cards:{cards_module.FORMAT}:{cards_module.template_digest()}:{number}"

    def kept_cards(self, number):
        """Page `number`'s cards as rendered since the last change to what they show, or None."""
        kept = self.memo.get(self._cards_key(number))
        return None if kept is None else [cards_module.Card(SafeString(h), c) for h, c in kept]

    def keep_cards(self, number, cards):
        self.memo.set(self._cards_key(number), [(card.html, card.cover) for card in cards])

    def _rows(self, number):
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        # The first page starts at the top: no row to start from.
        start = self.memo.get(f"page:{number}") if number > 1 else None
        if start is None and bottom:
            # OFFSET walks every row before the page: it walks ids only, in the index of the
            # public lists (article_listed), and the page's rows are read by id afterwards.
            ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
            rows = list(self.object_list.filter(pk__in=ids)) if ids else []
        elif start is None:
            rows = list(self.object_list[:top])
        else:
            inclusive, published_at, pk = start
            before = Q(published_at__lt=published_at) | Q(
                published_at=published_at, **{"pk__lte" if inclusive else "pk__lt": pk}
            )
            # The plain bound lets the index on published_at start at the row, not at the top.
            rows = list(
                self.object_list.filter(before, published_at__lte=published_at)[: top - bottom]
            )
        if rows:
            first, last = rows[0], rows[-1]
            if number > 1 and (start is None or not start[0]):
                self.memo.set(f"page:{number}", (True, first.published_at, first.pk))
            if top < self.count:
                self.memo.set(f"page:{number + 1}", (False, last.published_at, last.pk))
        return rows


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
    """Every category by its address: a few dozen rows, read once per change to the news (a saved
    category bumps it), beside the other facts a render fetches (core.memo)."""
    return memo.remember(
        "news:categories", ("news",), lambda: {c.slug: c for c in Category.objects.all()}
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
        """The tag of this address, remembered per change to the news (a saved tag bumps it):
        a tag page read again runs no query at all."""
        memo = ListMemo("news:tags", sections=("news",))
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

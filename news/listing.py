"""The news lists' pages (the news, a category, a tag): which articles a page shows and their cards,
kept per change to what they show, so that page 500 of 100,000 articles costs what page 1 does."""

from collections.abc import Sequence

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.safestring import SafeString

from core.listmemo import ListMemo
from news import cards as cards_module
from news import freshness


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

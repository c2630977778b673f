"""Pagination: a malformed or out-of-range page number is a 404, never a 500; a count that comes
with the page's rows, or that is remembered with them."""

from django.core.paginator import Paginator
from django.db.models import Count, Window
from django.http import Http404

from core import memo, pagecache


class StrictPageMixin:
    """For ListView: ?page=abc, ?page=1.5 or ?page=99999 is "no such page"."""

    def paginate_queryset(self, queryset, page_size):
        try:
            return super().paginate_queryset(queryset, page_size)
        except Http404:
            raise
        except (ValueError, TypeError) as exc:
            raise Http404("Trang không tồn tại.") from exc


class CountedPaginator(Paginator):
    """Django's paginator, whose count comes with the page's rows (COUNT(*) OVER (), a window
    function): one query for a page, not two. Only a page past the end counts on its own, and
    then answers as Django's get_page() does (the last page). A list may also have its pages'
    rows and count remembered (remember()): then no query at all."""

    FAR = 100_000
    remembered = None  # (name, sections): see remember()

    def remember(self, name, sections):
        """Keep which rows each page shows, and the count, per change of `sections` (core.memo),
        for a list whose rows change only with them (not with the day): such a page then reads
        no row, and its objects are bare instances, their pk alone. Off, like the page cache,
        without a shared cache."""
        if pagecache.enabled():
            self.remembered = (name, tuple(sections))

    def page(self, number):
        """Django's page(), for ListView: the rows come with their count, and a page past the end
        is still EmptyPage (a 404)."""
        if self.remembered and isinstance(number, int) and 1 <= number <= self.FAR:
            name, sections = self.remembered
            pks, count = memo.remember(
                f"{name}:{self.per_page}:{number}", sections, lambda: self._page_pks(number)
            )
            self.__dict__["count"] = count
            model, db = self.object_list.model, self.object_list.db
            rows = [model.from_db(db, [model._meta.pk.attname], (pk,)) for pk in pks]
            return self._get_page(rows, number, self)
        if isinstance(number, int) and 1 <= number <= self.FAR and "count" not in self.__dict__:
            page = self._counted_page(number)
            if page is not None:
                return page
        return super().page(number)

    def _page_pks(self, number):
        self.remembered = None
        page = self.page(number)
        return [row.pk for row in page.object_list], self.count

    def _counted_page(self, number):
        """The page with the count from its rows, or None past the end (not counted then)."""
        if self.orphans:
            return None
        bottom = (number - 1) * self.per_page
        counted = self.object_list.annotate(paginator_total=Window(Count("pk")))
        rows = list(counted[bottom : bottom + self.per_page])
        if not rows and (bottom or not self.allow_empty_first_page):
            return None
        # No row from the first one on: the list is empty.
        self.__dict__["count"] = rows[0].paginator_total if rows else 0
        return self._get_page(rows, number, self)

    def get_page(self, number):
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        # A page number no list reaches (a probe's ?page=99999999999999999999) would overflow the
        # OFFSET: Django's own path counts first and answers the last page.
        if 1 <= number <= self.FAR:
            page = self._counted_page(number)
            if page is not None:
                return page
        return super().get_page(number)

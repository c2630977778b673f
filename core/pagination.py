"""Pagination that answers a malformed or out-of-range page number with a 404, never a 500."""

from django.http import Http404


class StrictPageMixin:
    """For ListView: ?page=abc, ?page=1.5 or ?page=99999 is "no such page"."""

    def paginate_queryset(self, queryset, page_size):
        try:
            return super().paginate_queryset(queryset, page_size)
        except Http404:
            raise
        except (ValueError, TypeError) as exc:
            raise Http404("Trang không tồn tại.") from exc

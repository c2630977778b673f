"""The ceiling of the benchmark: a constant 20 KB page, the least work any Django page can do."""

from django.http import HttpResponse

CEILING_BYTES = 20 * 1024

_PARAGRAPH = "<p>Trang hằng số để đo trần thông lượng của Django qua cùng các middleware.</p>\n"
_HEAD = '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>Trần</title></head><body>\n'
_TAIL = "</body></html>\n"


def _page():
    body = _HEAD
    while len((body + _PARAGRAPH + _TAIL).encode()) <= CEILING_BYTES:
        body += _PARAGRAPH
    padding = CEILING_BYTES - len((body + _TAIL).encode())
    return (body + " " * padding + _TAIL).encode()


PAGE = _page()


def ceiling(request):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")

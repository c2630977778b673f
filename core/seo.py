"""What every page tells search engines and social networks: one structure, one partial
(templates/includes/seo.html), and one small JSON-LD function per type."""

import json
from dataclasses import dataclass, field

from django.templatetags.static import static
from django.utils.html import mark_safe
from django.utils.timezone import localtime


@dataclass
class PageMeta:
    title: str
    description: str = ""
    canonical: str = ""  # absolute
    image: str = ""  # absolute URL of a 1200×630 picture
    image_alt: str = ""
    type: str = "website"  # og:type
    published: object = None
    modified: object = None
    jsonld: list = field(default_factory=list)
    noindex: bool = False

    @property
    def published_iso(self):
        return iso(self.published)

    @property
    def modified_iso(self):
        return iso(self.modified)

    @property
    def jsonld_html(self):
        """<script type="application/ld+json"> blocks: data, not code, so CSP lets them be."""
        blocks = []
        for data in self.jsonld:
            text = json.dumps(data, ensure_ascii=False)
            # Keep "</script>" in any value from ending the block early.
            text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            blocks.append(f'<script type="application/ld+json">{text}</script>')
        return mark_safe("\n".join(blocks))


def list_canonical(request, page_obj=None):
    """A list page's address: ?page=N only past the first page, N as parsed, never as typed
    ("?page=last" and "?page=01" are not addresses of their own)."""
    url = request.build_absolute_uri(request.path)
    number = page_obj.number if page_obj else 1
    return f"{url}?page={number}" if number > 1 else url


def list_meta(request, *, title, description, page_obj=None, **fields):
    """The meta of a list page (news, agreements, profiles): its canonical address from the
    parsed page number; filtered views pass noindex."""
    return PageMeta(
        title=title,
        description=description,
        canonical=list_canonical(request, page_obj),
        **fields,
    )


def detail_context(request, obj, **fields):
    """A detail page's sharing address and meta, both the object's own address made absolute;
    `fields` are the rest of its PageMeta."""
    url = request.build_absolute_uri(obj.get_absolute_url())
    return {"share_url": url, "meta": PageMeta(canonical=url, **fields)}


DESCRIPTION_LENGTH = 160  # what search engines show of a meta description


def describe(text):
    """A meta description: the text on one line, cut at a word to DESCRIPTION_LENGTH at most."""
    text = " ".join((text or "").split())
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    return text[: DESCRIPTION_LENGTH - 3].rsplit(" ", 1)[0] + "…"


def iso(moment):
    """2021-04-08T02:04:00+07:00: the site's own time zone, with its offset."""
    return localtime(moment).isoformat(timespec="seconds") if moment else ""


def absolute(request, url):
    if not url:
        return ""
    return url if url.startswith(("http://", "https://")) else request.build_absolute_uri(url)


def breadcrumb_jsonld(request, trail):
    """schema.org BreadcrumbList from (name, url) pairs, the home page first; the last, the page
    itself, may have no url."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                **({"item": absolute(request, url)} if url else {}),
            }
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def organization_jsonld(request, profile):
    data = {"@type": "Organization", "name": profile.name, "url": absolute(request, "/")}
    logo = profile.logo.url if profile.logo else static("img/logo.svg")
    data["logo"] = {"@type": "ImageObject", "url": absolute(request, logo)}
    return data


def news_article_jsonld(request, article, profile, image_url=""):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.description,
        "datePublished": iso(article.published_at),
        "dateModified": iso(article.updated_at),
        "mainEntityOfPage": absolute(request, article.get_absolute_url()),
        # A byline names a person; without one the federation itself is the author.
        "author": (
            {"@type": "Person", "name": article.byline_display}
            if article.byline_display
            else {"@type": "Organization", "name": profile.name}
        ),
        "publisher": organization_jsonld(request, profile),
        "articleSection": article.category.name,
        "inLanguage": "vi",
    }
    if image_url:
        data["image"] = [image_url]
    return data


def person_jsonld(request, *, name, url, image_url="", job_title="", works_for="", honours=()):
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": name,
        "url": absolute(request, url),
    }
    if image_url:
        data["image"] = image_url
    if job_title:
        data["jobTitle"] = job_title
    if works_for:
        data["worksFor"] = {"@type": "Organization", "name": works_for}
    if honours:
        data["award"] = list(honours)
    return data


def qa_page_jsonld(request, question, profile):
    """A published legal-advice answer: one question, its accepted answer by the federation. The
    asker appears only by the name they agreed to show ("Ẩn danh" otherwise), never by contact."""
    url = absolute(request, question.get_absolute_url())
    return {
        "@context": "https://schema.org",
        "@type": "QAPage",
        "mainEntity": {
            "@type": "Question",
            "name": question.title,
            "text": question.public_question or question.title,
            "answerCount": 1,
            "dateCreated": iso(question.created_at),
            "author": {"@type": "Person", "name": question.public_name},
            "acceptedAnswer": {
                "@type": "Answer",
                "text": question.answer_text,
                "dateCreated": iso(question.published_at),
                "url": url,
                "author": {"@type": "Organization", "name": profile.name},
            },
        },
        "inLanguage": "vi",
    }

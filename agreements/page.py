"""A programme's page: what changes only with the programmes and the library's links to them (the
row, its partners, its tasks, the chain of its periods) read once per change and kept in the cache
(core.memo.keep), for each kind of visitor; which of its linked articles are public, and what
their cards show, changes with those articles and is kept beside their generations (news.linked).

The status, the days left and the overdue tasks come from the dates when the page is rendered, so
the day is not part of what is kept.
"""

from django.db.models import Exists, IntegerField, OuterRef, Prefetch, Value
from django.db.models.expressions import RawSQL
from django.shortcuts import get_object_or_404

from agreements.models import Agreement, AgreementPartner, AgreementTask
from core import memo
from news import linked

# Raise when what is kept changes shape (a field read, a prefetch added).
FORMAT = 4
# Documents of the library (the documents app) point at programmes: the page looks them up only
# when there are some, so what is kept also follows the library.
SECTIONS = ("agreements", "documents")

# The programmes before and after one along its `renews` links, in one query however long the chain.
CHAIN_SQL = """
WITH RECURSIVE
  earlier(id, depth) AS (
    SELECT renews_id, 1 FROM {table} WHERE id = %s AND renews_id IS NOT NULL
    UNION ALL
    SELECT a.renews_id, e.depth + 1 FROM {table} a JOIN earlier e ON a.id = e.id
    WHERE a.renews_id IS NOT NULL AND e.depth < 100
  ),
  later(id, depth) AS (
    SELECT id, 1 FROM {table} WHERE renews_id = %s
    UNION ALL
    SELECT a.id, l.depth + 1 FROM {table} a JOIN later l ON a.renews_id = l.id
    WHERE l.depth < 100
  )
SELECT id FROM earlier UNION SELECT id FROM later
"""


def renewal_chain(agreement, visible):
    """The whole chain (2018–2020 → 2021–2023 → 2024–2026) that the visitor may see, oldest first."""
    sql = CHAIN_SQL.format(table=Agreement._meta.db_table)
    others = visible.filter(pk__in=RawSQL(sql, [agreement.pk, agreement.pk])).only(
        "title", "slug", "valid_from", "valid_until", "visibility"
    )
    chain = [*others, agreement]
    if len(chain) < 2:
        return []
    return sorted(chain, key=lambda a: (a.valid_from, a.pk))


def _read(slug, visible):
    documents = Agreement.documents.through.objects.filter(agreement=OuterRef("pk"))
    partners = AgreementPartner.objects.select_related("partner", "partner__successor")
    tasks = AgreementTask.objects.select_related("partner")
    agreement = get_object_or_404(
        visible.defer(*Agreement.SEARCH_COLUMNS)
        .annotate(has_documents=Exists(documents))
        .with_partners(partners)
        .prefetch_related(Prefetch("tasks", queryset=tasks)),
        slug=slug,
    )
    # Which articles the programme and its tasks link to, in one query (task 0: the programme):
    # the links are the programmes' (a link made from the article's side bumps them too,
    # agreements.signals); whether each article is public, and what it shows, follows the
    # articles (news.linked).
    own = Agreement.related_articles.through.objects.filter(agreement=agreement)
    of_tasks = AgreementTask.related_articles.through.objects.filter(
        agreementtask__agreement=agreement
    )
    links = own.annotate(task=Value(0, output_field=IntegerField())).values_list(
        "task", "article_id"
    )
    links = links.union(of_tasks.values_list("agreementtask_id", "article_id"), all=True)
    owners = {0: agreement, **{task.pk: task for task in agreement.tasks.all()}}
    for owner in owners.values():
        owner.article_ids = []
    for owner, article_id in links:
        owners[owner].article_ids.append(article_id)
    return agreement, renewal_chain(agreement, visible)


def programme(slug, *, officer):
    """(the programme, its chain, its public articles) as this visitor may see them, or Http404:
    the programme with `has_documents`, its partners' links and its tasks (with their partners)
    prefetched, and the ids of the articles linked to it and to each task (`article_ids`); the
    public ones among them newest first (news.linked), read in the same round trip when kept."""
    visible = Agreement.objects.all() if officer else Agreement.objects.public()
    scope = "officers" if officer else "public"
    articles = f"agreement:{slug}"
    (agreement, chain), found = memo.keep(
        f"agreements:page:{FORMAT}:{scope}:{slug}",
        lambda: _read(slug, visible),
        sections=SECTIONS,
        also=[linked.key(articles)],
    )
    tasks = agreement.tasks.all()
    ids = {*agreement.article_ids, *(pk for task in tasks for pk in task.article_ids)}
    found = found.get(linked.key(articles))
    return agreement, chain, linked.public(articles, ids, found, variant="compact")

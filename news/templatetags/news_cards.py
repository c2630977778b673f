"""{% article_cards articles "compact" %}: a block of article cards, fetched in one round trip."""

from django import template
from django.utils.safestring import SafeString

from news import cards

register = template.Library()


@register.simple_tag
def article_cards(articles, variant):
    """The cards of these articles in one variant of news.cards.VARIANTS, side by side; a page
    whose cards are all in this block fetches them in one get_many."""
    return SafeString("".join(card.html for card in cards.render([(a, variant) for a in articles])))

"""Tags as editors write them: "Lộc Sơn, công đoàn", one tag between two commas.

taggit's defaults quote every name with a space ("\"Lộc Sơn\", \"công đoàn\"") and, without a
comma, split on spaces, which cuts Vietnamese words ("Lộc Sơn" alone became "Lộc" and "Sơn").
Here only a comma separates tags; a name that holds a comma or a quote is written in double
quotes (a quote doubled inside), so it still comes back whole. Used through the TAGGIT_* settings.
"""

import csv


def tags_from_string(text):
    """The tag names in an editor's text, without duplicates, sorted."""
    text = (text or "").strip()
    if not text:
        return []
    row = next(csv.reader([text], skipinitialspace=True), [])
    names = {" ".join(name.split()) for name in row}
    return sorted(name for name in names if name)


def string_from_tags(tags):
    """The field's text for these tags: names joined by ", ", quoted only when they must be."""
    names = sorted(tag.name for tag in tags)
    return ", ".join(
        '"' + name.replace('"', '""') + '"' if ("," in name or '"' in name) else name
        for name in names
    )

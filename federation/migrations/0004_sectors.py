"""Seed the sectors, so that the list exists on every install; editors may change it later."""

from django.db import migrations

SECTORS = [
    ("Công nghiệp", "cong-nghiep"),
    ("Nông nghiệp", "nong-nghiep"),
    ("Xây dựng", "xay-dung"),
    ("Giao thông vận tải", "giao-thong-van-tai"),
    ("Thương mại, dịch vụ", "thuong-mai-dich-vu"),
    ("Du lịch", "du-lich"),
    ("Giáo dục", "giao-duc"),
    ("Y tế", "y-te"),
    ("Hành chính, sự nghiệp", "hanh-chinh-su-nghiep"),
]


def create_sectors(apps, schema_editor):
    Sector = apps.get_model("federation", "Sector")
    for order, (name, slug) in enumerate(SECTORS, start=1):
        Sector.objects.get_or_create(slug=slug, defaults={"name": name, "order": order * 10})


def remove_sectors(apps, schema_editor):
    Sector = apps.get_model("federation", "Sector")
    Sector.objects.filter(slug__in=[slug for _, slug in SECTORS], workers__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("federation", "0003_exemplary_workers")]
    operations = [migrations.RunPython(create_sectors, remove_sectors)]

"""The demo as a Django app, only so that its load_demo command exists (demo.settings)."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "demo"
    verbose_name = "Dữ liệu mẫu"

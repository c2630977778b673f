"""Settings for loading the demo (make run): the production settings, with the demo app installed."""

from federation.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405

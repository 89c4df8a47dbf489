"""The portal's settings plus a constant-response view, for load benchmarks only."""

from iomnews.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"

"""The portal's settings plus a constant-response view, for load benchmarks only."""

from iomnews.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
# wrk is one client: the API's rate limit per client would answer it 429.
API_RATE_LIMIT = 0

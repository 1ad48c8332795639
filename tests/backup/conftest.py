"""A PostgreSQL database of the backup tests' own, and the deployment around it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.backup.deployment import Deployment
from tests.support.databases import own_postgres_database
from tests.support.services import postgres_url


@pytest.fixture
def postgres(tmp_path: Path) -> Iterator[Deployment]:
    # Named after this checkout's test database, so parallel checkouts on one server never share it.
    with own_postgres_database(f"{make_url(postgres_url()).database or 'vern'}_bk") as url:
        yield Deployment(url, tmp_path / "var")

"""Under xdist every worker has its own Redis database, so two workers' stacks never flush each other's keys."""

from __future__ import annotations

import pytest

from tests.support.services import (
    CHECKOUT_REDIS_DB,
    REDIS_DATABASES,
    REDIS_TEST_DB,
    WORKER_COUNT,
    spare_redis_db,
    worker_redis_db,
)


def test_each_worker_has_its_own_database_below_the_checkouts() -> None:
    databases = [worker_redis_db(f"gw{index}", checkout_db=13, workers=4) for index in range(4)]
    assert databases == [13, 12, 11, 10]
    assert worker_redis_db("", checkout_db=13, workers=1) == 13  # a serial run keeps the checkout's number


def test_a_developers_database_is_never_a_workers() -> None:
    with pytest.raises(RuntimeError, match=r"TEST_JOBS=N"):
        worker_redis_db("gw0", checkout_db=3, workers=4)  # would reach database 0
    with pytest.raises(RuntimeError, match=r"TEST_JOBS=N"):
        worker_redis_db("gw0", checkout_db=15, workers=15)  # no database left spare


def test_the_spare_database_is_nobodys() -> None:
    workers = {worker_redis_db(f"gw{index}") for index in range(WORKER_COUNT)}
    assert REDIS_TEST_DB in workers and CHECKOUT_REDIS_DB in workers
    assert spare_redis_db() in REDIS_DATABASES and spare_redis_db() not in workers

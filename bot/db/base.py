"""The declarative base every Vern table derives from."""

from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import MetaData, Table
from sqlalchemy.orm import declarative_base

# Named constraints so Alembic migrations behave the same on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

if TYPE_CHECKING:

    class Base:
        """What mypy sees. SQLAlchemy 1.4 ships no types, so `declarative_base()` is Any to mypy and every table
        would subclass Any (strict mode refuses that); this names the part of the base Vern uses."""

        metadata: ClassVar[MetaData]
        __table__: ClassVar[Table]
        __tablename__: ClassVar[str]

        def __init__(self, **columns: Any) -> None: ...

else:
    Base = declarative_base(metadata=MetaData(naming_convention=NAMING_CONVENTION))

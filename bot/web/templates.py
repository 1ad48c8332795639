"""The one Jinja2 environment of the web pages: bot/web/templates, autoescaped, strict about missing values.

Every value a template prints is escaped unless it is wrapped in `Markup` on purpose (the compliance documents,
already HTML). A name the template uses and the handler forgot is an error, not an empty string."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from sanic import response
from sanic.response import HTTPResponse


@lru_cache(maxsize=1)
def page_templates() -> Environment:
    """Built once per process; the web app puts it on `app.ctx.templates`."""
    return Environment(loader=PackageLoader("bot.web", "templates"), autoescape=select_autoescape(["html"]),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)


def render(templates: Environment, name: str, **values: Any) -> str:
    return templates.get_template(name).render(**values)


def html_page(templates: Environment, name: str, status: int = 200, headers: dict[str, str] | None = None,
              **values: Any) -> HTTPResponse:
    return response.html(render(templates, name, **values), status=status, headers=headers)

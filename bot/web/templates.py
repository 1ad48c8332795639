"""The one Jinja2 environment of the web pages: bot/web/templates, autoescaped, strict about missing values.

Every value a template prints is escaped unless it is wrapped in `Markup` on purpose (the compliance documents,
already HTML). A name the template uses and the handler forgot is an error, not an empty string.

`t("key", name=value)` in a template is Vern's `translate` in the page's `language` (the console's words,
locales/source/console.yml): the English lives with every other word in locales/source, not in the template.
Its values are escaped unless marked safe, as everything else the template prints."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup, escape
from sanic import response
from sanic.response import HTTPResponse

from bot.i18n import translate


@pass_context
def _t(context: Context, key: str, **values: object) -> Markup:
    # The catalog's text is escaped like any value; a value the template marks safe (`"<code>…</code>"|safe`, a
    # command in a sentence) stays markup, so no translation has to carry HTML.
    text = escape(translate(key, str(context["language"])))
    return text.format(**values) if values else text


@lru_cache(maxsize=1)
def page_templates() -> Environment:
    """Built once per process; the web app puts it on `app.ctx.templates`."""
    env = Environment(loader=PackageLoader("bot.web", "templates"), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.globals["t"] = _t
    return env


def render(templates: Environment, name: str, **values: Any) -> str:
    return templates.get_template(name).render(**values)


def html_page(templates: Environment, name: str, status: int = 200, headers: dict[str, str] | None = None,
              **values: Any) -> HTTPResponse:
    return response.html(render(templates, name, **values), status=status, headers=headers)

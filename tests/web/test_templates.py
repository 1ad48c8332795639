"""The web pages come from autoescaped templates (bot/web/templates), and Python modules no longer write pages.

Every template is rendered with a hostile value in every name it uses: the value must come out escaped. The
grep below keeps page markup out of Python: a module that starts a document or a form again fails here."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jinja2 import meta

from bot.config import PROJECT_ROOT
from bot.web.templates import page_templates

RAW = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
# Templates that only define macros (rendered through the pages that import them), or print no value at all.
MACROS_ONLY = {"macros.html", "console/post_button.html", "console/breach_fields.html"}
NO_VALUES = {"unavailable.html", "console/not_here.html"}
# HTML fragments still written in Python, each escaping what it prints: the compliance documents (also rendered
# as Markdown for `vern compliance`), a case's fields and its "made by" line (nested, masked until revealed),
# and the alert mail's body.
FRAGMENTS_IN_PYTHON = {"bot/compliance/render.py", "bot/console/case_fields.py", "bot/console/alerts.py"}


class Hostile(str):
    """A value that is anything a template asks of it, and prints as a script tag."""

    def __new__(cls) -> Hostile:
        return super().__new__(cls, RAW)

    def __getattr__(self, name: str) -> Hostile:
        if name.startswith("__"):  # not `__html__`: that would declare it safe markup
            raise AttributeError(name)
        return Hostile()

    def __call__(self, *_args: Any, **_kwargs: Any) -> Hostile:
        return Hostile()

    def __iter__(self) -> Iterator[Any]:  # type: ignore[override]
        # Two items: a loop runs, and `for key, value in ….items()` unpacks.
        return iter((Hostile(), Hostile()))


def _template_names() -> list[str]:
    return sorted(page_templates().list_templates(extensions=["html"]))


def _names_used() -> set[str]:
    env = page_templates()
    assert env.loader is not None
    names: set[str] = set()
    for name in _template_names():
        source = env.loader.get_source(env, name)[0]
        names |= meta.find_undeclared_variables(env.parse(source))
    return names


@pytest.mark.parametrize("name", _template_names())
def test_every_template_escapes_what_it_prints(name: str) -> None:
    values = {variable: Hostile() for variable in _names_used()}
    rendered = page_templates().get_template(name).render(**values)
    assert RAW not in rendered
    if name not in MACROS_ONLY | NO_VALUES:
        assert ESCAPED in rendered, f"{name} printed none of its values"


def test_the_environment_escapes_html_and_refuses_missing_values() -> None:
    env = page_templates()
    assert env.autoescape("page.html") is True  # type: ignore[operator]
    with pytest.raises(Exception, match="undefined"):
        env.get_template("error.html").render(language="en")


def test_no_module_outside_mail_writes_a_page_or_a_form() -> None:
    markup = re.compile(r"<(html|form|!doctype)\b", re.IGNORECASE)
    found = []
    for path in sorted((PROJECT_ROOT / "bot").rglob("*.py")):
        relative = path.relative_to(PROJECT_ROOT).as_posix()
        if relative.startswith("bot/mail/"):
            continue  # mails are written in Python (bot/mail/layout.py)
        text = path.read_text(encoding="utf-8")
        if markup.search(text):
            found.append(relative)
        elif "html.escape" in text and relative not in FRAGMENTS_IN_PYTHON:
            found.append(relative + " (escapes HTML by hand)")
    assert not found, f"put these pages in bot/web/templates: {found}"


def test_the_templates_ship_with_the_package() -> None:
    pyproject = (PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'"\*" = \[[^\]]*"\*\.html"', pyproject), "package-data must carry the templates"
    assert all(Path(PROJECT_ROOT / "bot" / "web" / "templates" / name).is_file() for name in _template_names())

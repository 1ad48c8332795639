"""The web widget's own words (its buttons, labels and notice), from the catalogs: `widget_<field>` in
locales/source/widget.yml; its e-mail copy replies are in locales/source/chat_copy.yml.

`WIDGET_STRINGS` is sent to the browser inside widget.js; `{controller}`,
`{contact}`, `{minutes}`, `{keep}` and `{limit}` are filled in from the deployment's settings and retention
policy, `{{count}}` by the widget (the length of what the person typed).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from bot.i18n.catalog import current, translate

# What widget.js looks up (static/widget.js, `strings[...]`); each is the catalog key `widget_<field>`.
WIDGET_FIELDS = (
    "launcher", "title", "close", "notice", "language", "input", "placeholder", "send", "end", "copy", "copy_intro",
    "copy_email", "copy_get_code", "copy_code", "copy_send", "cancel", "you", "bot", "caseworker",
    "caseworker_joined", "caseworker_waiting", "counter", "too_long", "sent_to_caseworker", "unavailable",
    "reconnecting", "new_messages",
)


class _ByLanguage(Mapping[str, Mapping[str, str]]):
    """language -> field -> text, for every language with a catalog."""

    def __getitem__(self, language: str) -> Mapping[str, str]:
        if language not in current().languages:
            raise KeyError(language)
        return {field: translate(f"widget_{field}", language) for field in WIDGET_FIELDS}

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(current().languages))

    def __len__(self) -> int:
        return len(current().languages)


class _LanguageNames(Mapping[str, str]):
    """Language names in their own language (each catalog's `language_name`): a picker lists each language as its
    speakers know it."""

    def __getitem__(self, language: str) -> str:
        if language not in current().languages:
            raise KeyError(language)
        return translate("language_name", language)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(current().languages))

    def __len__(self) -> int:
        return len(current().languages)


WIDGET_STRINGS: Mapping[str, Mapping[str, str]] = _ByLanguage()
LANGUAGE_NAMES: Mapping[str, str] = _LanguageNames()

"""A mail body as a few kinds of blocks, rendered once as plain text and once as HTML.

Templates hand over finished plain-text strings (values already filled
in), and the HTML renderer escapes every one of them whole. Templates hold
no markup, so escaping the whole string is the same as escaping each value,
and no value can be forgotten: a case reference or an extension reason
written as `<script>` arrives as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Paragraph:
    text: str  # may contain line breaks


@dataclass(frozen=True)
class Highlight:
    """Something the reader must copy exactly, such as a one-time code."""

    text: str


@dataclass(frozen=True)
class Facts:
    """Label/value lines: reference, request type, due date."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Link:
    """Shown as the bare address, so the reader sees where it leads before clicking."""

    url: str


@dataclass(frozen=True)
class Footer:
    text: str


Block = Paragraph | Highlight | Facts | Link | Footer


def render_text(blocks: Sequence[Block]) -> str:
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Highlight):
            parts.append(f"    {block.text}")
        elif isinstance(block, Facts):
            parts.append("\n".join(f"{label}: {value}" for label, value in block.rows))
        elif isinstance(block, Link):
            parts.append(block.url)
        elif isinstance(block, Footer):
            parts.append(f"-- \n{block.text}")  # "-- " is the signature separator mail clients know
        else:
            parts.append(block.text)
    return "\n\n".join(parts) + "\n"


def _html_text(text: str) -> str:
    return escape(text, quote=True).replace("\n", "<br>\n")


def render_html(blocks: Sequence[Block], *, language: str, title: str) -> str:
    body: list[str] = []
    for block in blocks:
        if isinstance(block, Highlight):
            body.append(
                '<p style="font-family:Consolas,Menlo,monospace;font-size:1.8em;font-weight:bold;'
                f'letter-spacing:0.2em;margin:1em 0">{_html_text(block.text)}</p>'
            )
        elif isinstance(block, Facts):
            rows = "\n".join(
                f'<tr><th scope="row" style="text-align:left;padding:0 1em 0 0;vertical-align:top">'
                f"{_html_text(label)}</th><td>{_html_text(value)}</td></tr>"
                for label, value in block.rows
            )
            body.append(f'<table role="presentation" style="border-collapse:collapse">\n{rows}\n</table>')
        elif isinstance(block, Link):
            url = escape(block.url, quote=True)
            body.append(f'<p><a href="{url}">{url}</a></p>')
        elif isinstance(block, Footer):
            body.append(
                '<hr style="border:0;border-top:1px solid #ccc">\n'
                f'<p style="font-size:0.9em;color:#555">{_html_text(block.text)}</p>'
            )
        else:
            body.append(f"<p>{_html_text(block.text)}</p>")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(language, quote=True)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_html_text(title)}</title>\n</head>\n"
        '<body style="font-family:Arial,Helvetica,sans-serif;line-height:1.5;color:#1a1a1a;'
        'max-width:40em;margin:0 auto;padding:1em">\n'
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )

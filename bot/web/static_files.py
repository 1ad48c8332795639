"""The web app's static files: a fixed set, looked up by name, never a path built from the request.

Sanic's own static handler joins the requested name onto the folder and asks the file system; a name with
a null byte made that raise (HTTP 500), and a symlink could lead out of the folder. Here the files are
listed once at start, and a request can only pick one of them: anything else is a plain 404."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from sanic import response
from sanic.response import HTTPResponse

STATIC_DIR = Path(__file__).resolve().parent / "static"
_TEXT_TYPES = {".js": "application/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
               ".html": "text/html; charset=utf-8"}


class StaticFiles:
    def __init__(self, folder: Path) -> None:
        root = folder.resolve()
        self._files = {
            path.relative_to(root).as_posix(): path
            for path in sorted(root.rglob("*"))
            if path.is_file() and not path.is_symlink() and not path.name.startswith(".")
        }

    @property
    def names(self) -> list[str]:
        return list(self._files)

    async def serve(self, name: str) -> HTTPResponse:
        path = self._files.get(name)
        if path is None:
            return response.json({"error": "not found"}, status=404)
        content_type = _TEXT_TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return await response.file(path, mime_type=content_type)

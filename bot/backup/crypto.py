"""Backups encrypted at rest: AES-256-GCM over 1 MiB chunks, streamed (a dump never sits in memory whole).

003 Appendiks B §3 ("Backups krypteret i hvile"). The format is a small STREAM
construction: a header (magic, random nonce prefix), then chunks of
`flag | length | ciphertext`. Each chunk's nonce is the prefix, the chunk's
number and its flag, so chunks cannot be reordered, dropped or cut off at the
end unnoticed (the last chunk carries flag 1, and nothing may follow it).
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterable, Iterator
from typing import IO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from bot.backup.errors import BackupError
from bot.config import Settings

MAGIC = b"VERNBAK1"
CHUNK_BYTES = 1 << 20
_PREFIX_BYTES = 7
_FRAME = struct.Struct(">BI")  # flag, ciphertext length
# Domain separation: SECRET_KEY also keys subject pseudonyms and codes; the backup key is its own.
_KEY_INFO = b"vern-backup-encryption-v1"


class BackupUnreadable(BackupError):
    """Not a Vern backup, another key's, or altered or cut short."""


def backup_key(settings: Settings) -> bytes:
    """BACKUP_KEY when set, else SECRET_KEY, stretched to an AES-256 key under the backup purpose label."""
    material = (settings.backup_key or settings.secret_key).reveal().encode("utf-8")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_KEY_INFO).derive(material)


def _nonce(prefix: bytes, index: int, final: bool) -> bytes:
    return prefix + struct.pack(">I", index) + (b"\x01" if final else b"\x00")


def encrypt_stream(key: bytes, chunks: Iterable[bytes], out: IO[bytes]) -> int:
    """Encrypt the plaintext `chunks` into `out`; returns the plaintext size."""
    aead = AESGCM(key)
    prefix = os.urandom(_PREFIX_BYTES)
    header = MAGIC + prefix
    out.write(header)
    total, index, pending = 0, 0, b""
    for chunk in chunks:
        pending += chunk
        while len(pending) > CHUNK_BYTES:  # keep one chunk back: the last one is marked final
            body, pending = pending[:CHUNK_BYTES], pending[CHUNK_BYTES:]
            total += _write_chunk(out, aead, header, index, body, final=False)
            index += 1
    total += _write_chunk(out, aead, header, index, pending, final=True)
    return total


def _write_chunk(out: IO[bytes], aead: AESGCM, header: bytes, index: int, body: bytes, *, final: bool) -> int:
    sealed = aead.encrypt(_nonce(header[len(MAGIC):], index, final), body, header)
    out.write(_FRAME.pack(int(final), len(sealed)))
    out.write(sealed)
    return len(body)


def decrypt_stream(key: bytes, source: IO[bytes]) -> Iterator[bytes]:
    """The plaintext of a backup, chunk by chunk; raises BackupUnreadable on any mismatch."""
    aead = AESGCM(key)
    header = source.read(len(MAGIC) + _PREFIX_BYTES)
    if len(header) != len(MAGIC) + _PREFIX_BYTES or not header.startswith(MAGIC):
        raise BackupUnreadable("not a Vern backup")
    prefix, index = header[len(MAGIC):], 0
    while True:
        frame = source.read(_FRAME.size)
        if len(frame) != _FRAME.size:
            raise BackupUnreadable("the backup is cut short")
        flag, length = _FRAME.unpack(frame)
        if flag not in (0, 1) or length > CHUNK_BYTES + 16:
            raise BackupUnreadable("the backup is damaged")
        sealed = source.read(length)
        try:
            yield aead.decrypt(_nonce(prefix, index, bool(flag)), sealed, header)
        except InvalidTag:
            raise BackupUnreadable("the backup was altered, or was made with another key") from None
        if flag:
            if source.read(1):
                raise BackupUnreadable("data follows the end of the backup")
            return
        index += 1


def read_chunks(source: IO[bytes], size: int = CHUNK_BYTES) -> Iterator[bytes]:
    while chunk := source.read(size):
        yield chunk

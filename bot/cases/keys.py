"""Who a case belongs to, without storing who that is in the clear.

Every table that needs to know the data subject holds `subject_key`, an HMAC
of the normalised address: stable, so a subject's cases can be found and
erased, and useless to anyone without the secret key. The address itself is
needed to answer (Art. 12(1) GDPR), so it is kept once, Fernet-encrypted, in
`subject_contacts`; erasure (Art. 17) then removes it in a single place.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from bot.cases.errors import ContactUnreadable, InvalidEmail

# RFC 5321: a forward path holds at most 256 octets including the angle brackets.
MAX_EMAIL_LENGTH = 254
# Domain separation: the same secret key also signs other things in Vern, and
# an HMAC of an address must never equal an HMAC made for another purpose.
_SUBJECT_KEY_PREFIX = b"vern-subject-v1\x00"
_CONTACT_KEY_INFO = b"vern-contact-v1"


def normalise_email(raw: str) -> str:
    """The one spelling of an address that subject keys are computed over.

    The whole address is lowercased: strictly the local part is case-sensitive
    (RFC 5321), but no real mailbox relies on that, and two subject keys for
    `Kari@x.no` and `kari@x.no` would split one person's cases in two.
    """
    if not isinstance(raw, str):
        raise InvalidEmail("an e-mail address must be text")
    address = raw.strip().lower()
    if not address:
        raise InvalidEmail("the e-mail address is empty")
    if any(char.isspace() for char in address):
        raise InvalidEmail("an e-mail address cannot contain spaces")
    if address.count("@") != 1:
        raise InvalidEmail("an e-mail address needs exactly one @")
    local, domain = address.split("@")
    if not local:
        raise InvalidEmail("the part before @ is empty")
    domain = _ascii_domain(domain)
    address = f"{local}@{domain}"
    if len(address) > MAX_EMAIL_LENGTH:
        raise InvalidEmail(f"an e-mail address has at most {MAX_EMAIL_LENGTH} characters")
    return address


def _ascii_domain(domain: str) -> str:
    """`ærø.dk` and `xn--r-3fa9c.dk` are the same mailbox domain, so both get one key."""
    if "." not in domain:
        raise InvalidEmail("the domain needs a dot")
    if any(not label for label in domain.split(".")):
        raise InvalidEmail("the domain has an empty label")
    if not domain.isascii():
        try:
            # The standard library's IDNA 2003 codec; enough for Nordic letters.
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            raise InvalidEmail("the domain is not a valid international domain name") from None
    return domain


def subject_key(secret_key: bytes, email: str) -> str:
    """The pseudonymous key of a data subject: hex HMAC-SHA256 of the normalised address."""
    _require_key(secret_key)
    message = _SUBJECT_KEY_PREFIX + normalise_email(email).encode("utf-8")
    return hmac.new(secret_key, message, hashlib.sha256).hexdigest()


def _fernets(info: bytes, secret_key: bytes, legacy_key: bytes | None) -> MultiFernet:
    """Encrypts under `secret_key`; decrypts under it or, while bot.keys allows it, the legacy key."""
    _require_key(secret_key)
    return MultiFernet([
        Fernet(base64.urlsafe_b64encode(HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info)
                                        .derive(key)))
        for key in (secret_key, legacy_key) if key])


class ContactCipher:
    """Encrypts the one stored copy of an address (Fernet: AES-CBC plus HMAC)."""

    def __init__(self, secret_key: bytes, *, legacy_key: bytes | None = None) -> None:
        # HKDF gives the cipher a key of its own, so knowing a Fernet key
        # reveals nothing about the HMAC key behind subject keys, and back.
        self._fernet = _fernets(_CONTACT_KEY_INFO, secret_key, legacy_key)

    def encrypt(self, email: str) -> str:
        return self._fernet.encrypt(normalise_email(email).encode("utf-8")).decode("ascii")

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError):
            raise ContactUnreadable("a stored contact address cannot be decrypted with this secret key") from None

    def rotate(self, token: str) -> str:
        """The same address under the current key (`vern keys migrate`); raises ContactUnreadable."""
        try:
            return self._fernet.rotate(token.encode("ascii")).decode("ascii")
        except (InvalidToken, UnicodeError):
            raise ContactUnreadable("a stored contact address cannot be decrypted with this secret key") from None


def _require_key(secret_key: bytes) -> None:
    # Length is the settings' job (production refuses short keys); an empty
    # key would silently make every subject key guessable.
    if not isinstance(secret_key, bytes) or not secret_key:
        raise ValueError("the secret key must be non-empty bytes")


# A child a guardian acts for: its own domain and its own cipher key, so neither can be mistaken for (or
# turned into) a subject key or an address token.
_CHILD_KEY_PREFIX = b"vern-child-v1\x00"
_CHILD_CIPHER_INFO = b"vern-child-reference-v1"


def child_key(secret_key: bytes, reference: str) -> str:
    """Keyed hash of the controller's reference for a child (upper-cased, as the register compares it)."""
    _require_key(secret_key)
    return hmac.new(secret_key, _CHILD_KEY_PREFIX + reference.strip().upper().encode("utf-8"),
                    hashlib.sha256).hexdigest()


class ChildReferenceCipher:
    """Encrypts the child's reference on a case made by a guardian (Fernet, a key of its own via HKDF)."""

    def __init__(self, secret_key: bytes, *, legacy_key: bytes | None = None) -> None:
        self._fernet = _fernets(_CHILD_CIPHER_INFO, secret_key, legacy_key)

    def encrypt(self, reference: str) -> str:
        return self._fernet.encrypt(reference.strip().upper().encode("utf-8")).decode("ascii")

    def decrypt(self, token: str) -> str | None:
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError):
            return None  # another secret key: the case still shows that a guardian made it

    def rotate(self, token: str) -> str | None:
        """The same reference under the current key (`vern keys migrate`); None when no key opens it."""
        try:
            return self._fernet.rotate(token.encode("ascii")).decode("ascii")
        except (InvalidToken, UnicodeError):
            return None

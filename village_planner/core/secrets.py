"""Passwords never leave the plugin in a message: masking for connection strings and error texts."""

import re

MASK = "*****"
# key=value connection strings (libpq, QGIS data source URIs): password=secret, password='se cret', PWD=...
_KEY_VALUE = re.compile(r"""(?ix)\b(password|passwd|pwd|pass)(\s*=\s*)
                            ('(?:[^'\\]|\\.)*'?|"(?:[^"\\]|\\.)*"?|[^\s'"]+)""")
# URLs: scheme://user:secret@host
_URL = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^:/@\s]*):([^@\s]*)@")
# URL query: ?password=secret&...
_QUERY = re.compile(r"(?i)([?&](?:password|passwd|pwd)=)([^&\s]*)")


def mask(text, secrets=()):
    """``text`` with every password replaced by *****: in key=value strings, URLs and ``secrets`` given verbatim."""
    if text is None:
        return text
    out = str(text)
    for secret in secrets:
        if secret and len(str(secret)) >= 1:
            out = out.replace(str(secret), MASK)
    out = _KEY_VALUE.sub(lambda m: m.group(1) + m.group(2) + MASK, out)
    out = _QUERY.sub(lambda m: m.group(1) + MASK, out)
    out = _URL.sub(lambda m: m.group(1) + ":" + MASK + "@", out)
    return out


def has_password(text):
    """Whether a connection string carries a password of its own."""
    return mask(text) != (text or "")

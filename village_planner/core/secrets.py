"""Passwords never leave the plugin in a message: masking for connection strings and error texts."""

import re

MASK = "*****"
# key=value connection strings (libpq, QGIS data source URIs): password=secret, password='se cret', PWD=...
# A value already masked is kept as it is (a message masked twice keeps what follows it); an unquoted value ends
# at white space, a quote or full-width punctuation (the ）： of a Chinese message around it).
_KEY_VALUE = re.compile(r"""(?ix)(?<![?&])\b(password|passwd|pwd|pass)(\s*=\s*)
                            (\*{5}(?![^\s'"）」』】〕，。；：、])|'(?:[^'\\]|\\.)*'?|"(?:[^"\\]|\\.)*"?
                             |[^\s'"）」』】〕，。；：、]+)""")
# URLs: scheme://user:secret@host; the secret runs to the last @ before the host (a raw @ in it stays hidden)
_URL = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^:/@\s]*):(\S*)@([^@\s/?#]*)(?=[/?#\s]|$)")
# URL query: ?password=secret&... (masked first; the key=value rule leaves it alone)
_QUERY = re.compile(r"(?i)([?&](?:password|passwd|pwd)=)([^&\s]*)")


def mask(text, secrets=()):
    """``text`` with every password replaced by *****: in key=value strings, URLs and ``secrets`` given verbatim."""
    if text is None:
        return text
    out = str(text)
    for secret in sorted((str(s) for s in secrets if s), key=len, reverse=True):
        out = out.replace(secret, MASK)
    out = _QUERY.sub(lambda m: m.group(1) + MASK, out)
    out = _KEY_VALUE.sub(lambda m: m.group(1) + m.group(2) + MASK, out)
    out = _URL.sub(lambda m: m.group(1) + ":" + MASK + "@" + m.group(3), out)
    return out


def has_password(text):
    """Whether a connection string carries a password of its own."""
    return mask(text) != (text or "")

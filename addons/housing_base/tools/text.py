"""Text that people and integrations send: what no field may store."""

import re

# NUL and the other C0 control characters except tab, line feed and carriage return, and
# lone UTF-16 surrogates (what a JSON "\ud800" decodes to): PostgreSQL refuses NUL and
# UTF-8 cannot encode a surrogate, so either would end a request in a server error.
INVALID_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def has_invalid_characters(text):
    """Whether ``text`` holds a character no text field can store."""
    return bool(INVALID_CHARACTERS.search(text))


def printable(text):
    """``text`` with those characters written as escapes (``\\x00``, ``\\ud800``), for
    messages and log lines (a NUL makes tools take a log file for binary)."""
    return INVALID_CHARACTERS.sub(lambda match: match[0].encode("unicode_escape").decode(), text)

"""The catalog's exceptions: one base class and a subclass per kind of failure."""

from __future__ import annotations


class CatalogError(Exception):
    """Base class for every error raised by the catalog and its generator."""


class CatalogDataError(CatalogError):
    """The bundled catalog file is missing or does not have the expected shape.

    Raised by the runtime loader. The message names the file, the entry and the
    field, says what was found and what was expected.
    """


class SourceDocumentError(CatalogError):
    """A generator input (seed document, IAM data file) cannot be read as expected.

    Raised by ``tools/generate_catalog.py``. The message names the input, the place
    inside it (line, action, resource type) and what the generator expected there.
    """

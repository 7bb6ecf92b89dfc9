"""Ingestion: read .txt, .md, .html and .jsonl files and folders into incoming documents.

Detects encodings (UTF-8, Windows-1252, Latin-1), removes scraped boilerplate with the data-driven
rules of ``resources/cleaning.json`` and gathers metadata (title, url, source, dates, categories).
Bad inputs never raise: each becomes a :class:`Rejection` with the reason in plain words.

Imports only the standard library, third-party parsing libraries and :mod:`annotator.domain`.
"""

from annotator.ingest.cleaning import clean_text
from annotator.ingest.documents import CleanResult, IncomingDocument, Rejection
from annotator.ingest.encoding import DecodeError, decode_bytes
from annotator.ingest.paths import SUPPORTED_EXTENSIONS, read_file, read_paths
from annotator.ingest.rules import (
    DEFAULT_RULES_PATH,
    CleaningRule,
    CleaningRules,
    RulesError,
    load_cleaning_rules,
)

__all__ = [
    "DEFAULT_RULES_PATH",
    "SUPPORTED_EXTENSIONS",
    "CleanResult",
    "CleaningRule",
    "CleaningRules",
    "DecodeError",
    "IncomingDocument",
    "Rejection",
    "RulesError",
    "clean_text",
    "decode_bytes",
    "load_cleaning_rules",
    "read_file",
    "read_paths",
]

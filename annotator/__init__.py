"""annotator: a desktop annotation tool for Italian news (entities, quotations, events, curation)."""

__version__ = "0.1.0"

"""Everything spaCy: lazy pipeline loading and entity pre-annotation.

Only this package imports spaCy, and only inside functions, so importing it stays cheap.
"""

from annotator.nlp.pipeline import DEFAULT_MODEL, PipelineNotFound, load_pipeline, pipeline_origin
from annotator.nlp.preannotate import EntitySuggestion, suggest_entities, to_spans

__all__ = [
    "DEFAULT_MODEL",
    "EntitySuggestion",
    "PipelineNotFound",
    "load_pipeline",
    "pipeline_origin",
    "suggest_entities",
    "to_spans",
]

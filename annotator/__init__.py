"""Caveat's annotator: find health treatments in a page and say what the evidence is for that use.

    >>> from caveat.annotator import KnowledgeBase, annotate
    >>> kb = KnowledgeBase.load()                      # the bundled knowledge base
    >>> result = annotate("<p>She flew abroad for stem cell therapy for her back pain.</p>", kb)
    >>> [(h.exact, h.level, h.indication) for h in result.highlights]
    [('stem cell therapy', 'danger', 'joint, knee, back and sports injuries')]
"""
from .annotate import annotate, annotate_blocks, annotate_text
from .errors import AnnotatorError, KnowledgeBaseError, Problem
from .kb import KnowledgeBase
from .page import Page
from .results import Annotations, Highlight

__all__ = ["Annotations", "AnnotatorError", "Highlight", "KnowledgeBase", "KnowledgeBaseError", "Page", "Problem",
           "annotate", "annotate_blocks", "annotate_text"]

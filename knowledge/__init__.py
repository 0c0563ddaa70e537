"""The CSD Koper knowledge base: validated data under data/, queries and a free-text resolver."""

from knowledge.loader import KnowledgeBaseError, knowledge_base, load_knowledge_base, served_languages
from knowledge.query import KnowledgeBase, UnknownName

__all__ = [
    "KnowledgeBase",
    "KnowledgeBaseError",
    "UnknownName",
    "knowledge_base",
    "load_knowledge_base",
    "served_languages",
]

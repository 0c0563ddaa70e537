"""The CSD Koper knowledge base: validated data under data/, queries and a free-text resolver."""

from knowledge.loader import KnowledgeBaseError, load_knowledge_base
from knowledge.query import KnowledgeBase, UnknownName

__all__ = ["KnowledgeBase", "KnowledgeBaseError", "UnknownName", "load_knowledge_base"]

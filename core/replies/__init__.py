"""Every sentence the receptionist says: the catalogue and its rendering."""

from core.replies.catalogue import CATALOGUE, Phrase
from core.replies.render import PersonRef, Say, render, sentences

__all__ = ["CATALOGUE", "PersonRef", "Phrase", "Say", "render", "sentences"]

from .models import Document, Event, Mention, Paragraph
from .session import Store, open_store

__all__ = ["Document", "Event", "Mention", "Paragraph", "Store", "open_store"]

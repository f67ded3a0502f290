"""The closed lists of words a reading entry takes: its kind and its status.

Apart from model.py (which re-exports them) so that ``plnsite new reading --help`` can offer
them as choices without making every dataclass of the model.
"""

from __future__ import annotations

import enum

__all__ = ["ReadingKind", "ReadingStatus"]


class ReadingKind(str, enum.Enum):
    BOOK = "book"
    ARTICLE = "article"
    PAPER = "paper"
    VIDEO = "video"
    PODCAST = "podcast"
    COURSE = "course"
    TALK = "talk"
    OTHER = "other"


class ReadingStatus(str, enum.Enum):
    WANT = "want"
    READING = "reading"
    FINISHED = "finished"
    ABANDONED = "abandoned"

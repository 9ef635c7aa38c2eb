"""The directory as the agent sees it: an in-memory index rebuilt when the revision moves.

Every instance checks the revision (one primary-key read) before it resolves, so an edit
made through any instance is seen by all of them on their next lookup.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession

from core.directory import DirectoryIndex
from core.store.directory import directory_revision, load_people

log = logging.getLogger(__name__)


class DirectoryCache:
    def __init__(self) -> None:
        self._index: DirectoryIndex | None = None
        self._revision = -1
        self._lock = asyncio.Lock()

    async def index(self, db: AsyncSession) -> DirectoryIndex:
        revision = await directory_revision(db)
        if self._index is not None and revision == self._revision:
            return self._index
        async with self._lock:
            if self._index is None or revision != self._revision:
                people = await load_people(db)
                # Building is CPU work (inflected forms, phonetic keys): keep the loop free.
                self._index = await asyncio.to_thread(DirectoryIndex.build, people)
                self._revision = revision
                log.info("directory index rebuilt: revision %s, %s people", revision, len(people))
            return self._index

"""Where numba keeps the compiled kernels: one folder per version of the simulation core's source.

numba's on-disk cache checks only the source file of a cached kernel. A kernel also calls and
inlines functions of other files (the samplers of ``core/draws.py`` in the service kernel) and
freezes the module-level constants it reads; after a change to one of those, numba would load
the kernel compiled from the old code, and one seed would no longer fix a run (a ``git pull``
is enough). So the cache lives in a folder named by a hash of every module of ``birosim.core``,
the only package with compiled code: any change there starts a new folder (the kernels compile
again once, about 40 s); in the source folder, the folders of earlier versions are removed.

The folder is under ``model/__pycache__`` when the source folder is writable, else under the
user's cache (``~/.cache/birosim``); ``NUMBA_CACHE_DIR``, when set, takes its place as the
parent. It must be chosen before any kernel is defined: ``birosim/__init__.py`` calls
:func:`use_source_keyed_cache` first.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CORE = PACKAGE / "core"
PREFIX = "numba-"


def core_digest(core: Path = CORE) -> str:
    """A hash of the names and bytes of every Python module under ``core``."""
    digest = hashlib.sha256()
    for path in sorted(core.rglob("*.py")):
        digest.update(path.relative_to(core).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_parent() -> Path:
    """The folder that holds the per-version cache folders."""
    if os.environ.get("NUMBA_CACHE_DIR"):
        return Path(os.environ["NUMBA_CACHE_DIR"])
    if os.access(PACKAGE, os.W_OK):
        return PACKAGE / "__pycache__"
    return Path.home() / ".cache" / "birosim"


def use_source_keyed_cache() -> Path:
    """Point numba's cache at this version's folder. In the source folder's own cache, remove
    earlier versions' folders (a shared parent may serve other installed versions: kept)."""
    import numba

    parent = cache_parent()
    folder = parent / f"{PREFIX}{core_digest()}"
    numba.config.CACHE_DIR = str(folder)
    if parent == PACKAGE / "__pycache__" and parent.is_dir():
        for stale in parent.glob(f"{PREFIX}*"):
            if stale != folder:
                shutil.rmtree(stale, ignore_errors=True)  # another process may be removing it
    return folder

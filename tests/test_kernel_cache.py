"""The compiled kernels' cache follows the simulation core's source (birosim.kernel_cache)."""

from __future__ import annotations

from pathlib import Path

import birosim
import numba
import pytest
from birosim import kernel_cache


def write_core(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_any_change_to_a_core_module_gives_a_new_folder(tmp_path):
    core = write_core(tmp_path / "core", {"draws.py": "A = 1\n", "submodels/service.py": "B = 2\n"})
    first = kernel_cache.core_digest(core)
    assert kernel_cache.core_digest(core) == first
    (core / "draws.py").write_text("A = 2\n")  # a called module, not the kernel's own file
    changed = kernel_cache.core_digest(core)
    assert changed != first
    (core / "submodels" / "service.py").rename(core / "submodels" / "service2.py")
    assert kernel_cache.core_digest(core) not in (first, changed)
    (core / "notes.txt").write_text("not code")
    assert kernel_cache.core_digest(core) == kernel_cache.core_digest(core)


def test_numba_caches_in_this_versions_folder():
    folder = Path(numba.config.CACHE_DIR)
    assert folder.name == f"numba-{kernel_cache.core_digest()}"
    assert folder.parent == kernel_cache.cache_parent()
    assert birosim.__version__


def test_earlier_versions_folders_in_the_source_tree_are_removed(monkeypatch):
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    parent = kernel_cache.cache_parent()
    if parent != kernel_cache.PACKAGE / "__pycache__":
        pytest.skip("an installed, read-only package caches in the user's folder, not pruned")
    stale = parent / "numba-0000000000000000"
    (stale / "core").mkdir(parents=True, exist_ok=True)
    current = kernel_cache.use_source_keyed_cache()
    assert not stale.exists() and current.name == Path(numba.config.CACHE_DIR).name


def test_a_user_cache_folder_is_the_parent_and_is_not_pruned(tmp_path, monkeypatch):
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path))
    other = tmp_path / "numba-0000000000000000"
    other.mkdir()
    before = numba.config.CACHE_DIR
    try:
        folder = kernel_cache.use_source_keyed_cache()
        assert folder.parent == tmp_path and str(folder) == numba.config.CACHE_DIR
        assert other.exists()  # another installed version may use it
    finally:
        numba.config.CACHE_DIR = before

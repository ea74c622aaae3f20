"""CPython's pure-Python ``functools``, next to the C-accelerated one everybody imports.

``Lib/functools.py`` defines ``_lru_cache_wrapper`` in Python and then, at the end of its LRU section,
replaces it with the C version: ``try: from _functools import _lru_cache_wrapper``. Loading the file
again as a private module while ``sys.modules["_functools"]`` is ``None`` makes that import fail, so the
copy keeps its Python wrapper. This is the trick CPython's own test-suite uses to test both. The real
``functools`` and ``_functools`` are untouched, and the entry in ``sys.modules`` is put back even if
loading fails.

Lessons use it to show that the C and the Python implementations behave alike, and to read the
Python one's source, which is the documented reference for what the C one does.
"""
from __future__ import annotations

import functools
import importlib.util
import sys
from types import ModuleType

_ABSENT = object()


@functools.cache  # one private copy per process is enough: nothing in it is mutated
def pure_python_functools() -> ModuleType:
    spec = importlib.util.spec_from_file_location("functools_pure_python", functools.__file__)
    module = importlib.util.module_from_spec(spec)
    saved = sys.modules.get("_functools", _ABSENT)
    sys.modules["_functools"] = None  # "from _functools import ..." now raises ImportError
    try:
        spec.loader.exec_module(module)
    finally:
        if saved is _ABSENT:
            del sys.modules["_functools"]
        else:
            sys.modules["_functools"] = saved
    return module


python_lru_cache = pure_python_functools().lru_cache
"""``lru_cache`` as written in Python in Lib/functools.py: the copy's own function, so its
``__globals__`` are the pure-Python module's (lesson 02 reads ``_make_key`` from there)."""

"""The pure-Python functools is really the Python implementation, and loading it disturbs nothing."""
import functools
import sys

from lessons.tools.pure_functools import pure_python_functools, python_lru_cache


def test_the_copy_uses_the_python_wrapper_and_the_real_one_the_c_wrapper():
    pure = pure_python_functools()
    assert pure is not functools and pure.lru_cache is not functools.lru_cache
    assert type(python_lru_cache(maxsize=None)(lambda: 1)).__name__ == "function"  # a Python closure
    assert type(functools.lru_cache(maxsize=None)(lambda: 1)).__name__ == "_lru_cache_wrapper"
    assert sys.modules["_functools"] is not None and sys.modules["functools"] is functools


def test_both_count_hits_and_misses_alike():
    infos = []
    for decorator in (functools.lru_cache, python_lru_cache):
        f = decorator(maxsize=2)(lambda x: x)
        for x in (1, 2, 1, 3, 2, 1.0, True):
            f(x)
        infos.append(tuple(f.cache_info()))
    assert infos[0] == infos[1]

from wrong_answers import Right, Wrong

_SCAN_TEMPLATE = """
def choose_maxsize(trace, target, budget_bytes, entry_bytes):
    affordable = {affordable}
    for size in range(1, min(affordable, len(set(trace))) + 1):
        info = replay(trace, size)
        if info.hits / (info.hits + info.misses) {compare} target:
            return size
    return {nothing}
"""

WRONG = {
    "q1": [
        Wrong("divides hits by misses", """
def hit_ratio(info):
    return info.hits / info.misses if info.misses else 0.0
""", "hits / (hits + misses)", clause="ratio"),
        Wrong("divides by currsize, entries instead of calls", """
def hit_ratio(info):
    return info.hits / info.currsize if info.currsize else 0.0
""", "count entries, not calls", clause="ratio"),
        Wrong("forgets a cache that was never called", """
def hit_ratio(info):
    return info.hits / (info.hits + info.misses)
""", "divide by zero", clause="zero"),
        Wrong("returns a percentage", """
def hit_ratio(info):
    calls = info.hits + info.misses
    return 100 * info.hits / calls if calls else 0.0
""", "percentage", clause="ratio"),
        Wrong("an int 0 for a cache without calls", """
def hit_ratio(info):
    calls = info.hits + info.misses
    return info.hits / calls if calls else 0
""", "0.0", clause="zero"),
        Wrong("an exact Fraction where a float is asked for", """
from fractions import Fraction
def hit_ratio(info):
    calls = info.hits + info.misses
    return Fraction(info.hits, calls) if calls else 0.0
""", "a float", clause="float"),
        Wrong("rounded to three places", """
def hit_ratio(info):
    calls = info.hits + info.misses
    return round(info.hits / calls, 3) if calls else 0.0
""", "wrong hit ratio", clause="ratio"),
        Wrong("a formatted string", """
def hit_ratio(info):
    calls = info.hits + info.misses
    return f"{info.hits / calls:.3f}" if calls else "0.0"
""", "a float", clause="float"),
        Wrong("a table of the values the check tries", """
_SEEN = {(4, 3): 4 / 7, (0, 6): 0.0, (3, 2): 0.6, (0, 4): 0.0}
def hit_ratio(info):
    return _SEEN.get((info.hits, info.misses), 0.0)
""", "hit_ratio", clause="ratio"),
        Wrong("counts currsize among the calls", """
def hit_ratio(info):
    calls = info.hits + info.misses + info.currsize
    return info.hits / calls if calls else 0.0
""", "hit ratio", clause="ratio"),
    ],
    "q2": [
        Wrong("calls that raise are not counted", "final_info = (2, 5, 3, 3)", "did not count the calls that raised",
              clause="misses"),
        Wrong("cache_clear keeps the statistics", "final_info = (3, 11, 3, 3)", "before cache_clear()", clause="hits"),
        Wrong("the exception is cached like a result", "final_info = (3, 7, 3, 3)", "exceptions are not cached",
              clause="hits"),
        Wrong("evicts first-in instead of least recently used", "final_info = (1, 9, 3, 3)", "FIFO", clause="hits"),
        Wrong("not reset by cache_clear, and raising calls not counted", "final_info = (3, 8, 3, 3)",
              "two ideas went wrong", clause="hits"),
        Wrong("fields in the wrong order", "final_info = (2, 3, 8, 3)", "misses, maxsize are wrong", clause="misses"),
        Wrong("not four numbers", "final_info = {'hits': 2, 'misses': 8}", "four whole numbers", clause="shape"),
        Wrong("maxsize taken as lru_cache's default", "final_info = (2, 8, 128, 3)", "maxsize", clause="maxsize"),
        Wrong("the failing page counted as an entry", "final_info = (2, 8, 3, 4)", "currsize", clause="currsize"),
        Wrong("floats", "final_info = (2.0, 8.0, 3.0, 3.0)", "four whole numbers", clause="shape"),
    ],
    "q3": [
        Wrong("ignores the memory budget",
              _SCAN_TEMPLATE.format(affordable="10**9", compare=">=", nothing="None"), "budget", clause="budget"),
        Wrong("rounds the affordable size up",
              _SCAN_TEMPLATE.format(affordable="-(-budget_bytes // entry_bytes)", compare=">=", nothing="None"),
              "budget one byte short", clause="budget"),
        Wrong("needs strictly more than the target",
              _SCAN_TEMPLATE.format(affordable="int(budget_bytes // entry_bytes)", compare=">", nothing="None"),
              "target reached exactly", clause="smallest"),
        Wrong("returns 0 instead of None when nothing fits",
              _SCAN_TEMPLATE.format(affordable="int(budget_bytes // entry_bytes)", compare=">=", nothing="0"),
              "return None", clause="none"),
        Wrong("searches upwards with no upper bound", """
def choose_maxsize(trace, target, budget_bytes, entry_bytes):
    size = 1
    while True:
        info = replay(trace, size)
        if info.hits / (info.hits + info.misses) >= target:
            return size if size * entry_bytes <= budget_bytes else None
        size += 1
""", "no upper bound", clause="none"),
        Wrong("starts the search at maxsize=0", _SCAN_TEMPLATE.replace("range(1,", "range(0,").format(
            affordable="int(budget_bytes // entry_bytes)", compare=">=", nothing="None"), "at least one entry",
            clause="reaches"),
        Wrong("forgets int(): breaks on a measured, float entry_bytes",
              _SCAN_TEMPLATE.format(affordable="budget_bytes // entry_bytes", compare=">=", nothing="None"),
              "range() refuses it", clause="budget"),
        Wrong("a size that uses the whole budget counts as too big", """
def choose_maxsize(trace, target, budget_bytes, entry_bytes):
    size = 1
    while size * entry_bytes < budget_bytes:
        info = replay(trace, size)
        if info.hits / (info.hits + info.misses) >= target:
            return size
        size += 1
    return None
""", "uses the budget exactly still fits", clause="none"),
        Wrong("returns the largest affordable size", """
def choose_maxsize(trace, target, budget_bytes, entry_bytes):
    size = int(budget_bytes // entry_bytes)
    info = replay(trace, size)
    return size if info.hits / (info.hits + info.misses) >= target else None
""", "a smaller size reaches the target", clause="smallest"),
        Wrong("hint 1's old formula: int(budget_bytes // entry_bytes), one short at a float exact fit",
              _SCAN_TEMPLATE.replace("min(affordable, len(set(trace)))", "min(affordable, max(1, len(set(trace))))")
              .replace("info.hits / (info.hits + info.misses)", "(info.hits / (info.hits + info.misses) if trace else 0.0)")
              .format(affordable="int(budget_bytes // entry_bytes)", compare=">=", nothing="None"),
              "uses the budget exactly still fits", clause="none"),
        Wrong("a search capped at 60 sizes", """
def choose_maxsize(trace, target, budget_bytes, entry_bytes):
    for size in range(1, 61):
        if size * entry_bytes > budget_bytes:
            break
        info = replay(trace, size)
        if info.hits / (info.hits + info.misses) >= target:
            return size
    return None
""", "Does your search reach that size", clause="none"),
        Wrong("an empty trace divides by zero", """
def choose_maxsize(trace, target, budget_bytes, entry_bytes):
    size = 1
    while size <= max(1, len(set(trace))) and size * entry_bytes <= budget_bytes:
        info = replay(trace, size)
        if info.hits / (info.hits + info.misses) >= target:
            return size
        size += 1
    return None
""", "divided by zero", clause="none"),
        Wrong("an empty trace gives None: no size is tried", """
def choose_maxsize(trace, target, budget_bytes, entry_bytes):
    size = 1
    while size <= len(set(trace)) and size * entry_bytes <= budget_bytes:
        info = replay(trace, size)
        if info.hits / (info.hits + info.misses) >= target:
            return size
        size += 1
    return None
""", "None, but a size fits", clause="none"),
        Wrong("returns the size as a float", """
def choose_maxsize(trace, target, budget_bytes, entry_bytes):
    size = 1.0
    while size <= max(1, len(set(trace))) and size * entry_bytes <= budget_bytes:
        info = replay(trace, int(size))
        calls = info.hits + info.misses
        if (info.hits / calls if calls else 0.0) >= target:
            return size
        size += 1
    return None
""", "not an int", clause="int"),
        Wrong("rounds the hit ratio before comparing", """
def choose_maxsize(trace, target, budget_bytes, entry_bytes):
    size = 1
    while size <= max(1, len(set(trace))) and size * entry_bytes <= budget_bytes:
        info = replay(trace, size)
        calls = info.hits + info.misses
        if round(info.hits / calls if calls else 0.0, 2) >= target:
            return size
        size += 1
    return None
""", "does not reach the target", clause="reaches"),
    ],
}

_SCAN_RIGHT = """
def choose_maxsize(trace, target, budget_bytes, entry_bytes):
    size = 1
    while size * entry_bytes <= budget_bytes and size <= max(1, len(set(trace))):
        info = replay(trace, size)
        calls = info.hits + info.misses
        if {cond}:
            return size
        size += 1
    return None
"""

RIGHT = {
    "q1": [
        Right("a lambda with max(1, calls)", "hit_ratio = lambda info: info.hits / max(1, info.hits + info.misses)"),
        Right("unpacking, and catching ZeroDivisionError", """
def hit_ratio(info):
    hits, misses, _, _ = info
    try:
        return hits / (hits + misses)
    except ZeroDivisionError:
        return 0.0
"""),
        Right("by position", """
def hit_ratio(info):
    calls = info[0] + info[1]
    return info[0] / calls if calls else 0.0
"""),
        Right("float() of an exact Fraction", """
from fractions import Fraction
def hit_ratio(info):
    calls = info.hits + info.misses
    return float(Fraction(info.hits, calls)) if calls else 0.0
"""),
    ],
    "q2": [
        Right("a CacheInfo", "final_info = functools._CacheInfo(hits=2, misses=8, maxsize=3, currsize=3)"),
        Right("a list", "final_info = [2, 8, 3, 3]"),
    ],
    "q3": [
        Right("binary search (LRU hits never drop as the size grows)", """
def choose_maxsize(trace, target, budget_bytes, entry_bytes):
    def reaches(k):
        return (replay(trace, k).hits / len(trace) if trace else 0.0) >= target
    high = max(1, len(set(trace)))
    while high > 0 and high * entry_bytes > budget_bytes:
        high -= 1
    low = 1
    if high < 1 or not reaches(high):
        return None
    while low < high:
        middle = (low + high) // 2
        if reaches(middle):
            high = middle
        else:
            low = middle + 1
    return low
"""),
        Right("a while loop on the budget", _SCAN_RIGHT.format(
            cond="(info.hits / calls if calls else 0.0) >= target")),
        Right("next() over a generator, replaying through its own lru_cache", """
def choose_maxsize(trace, target, budget_bytes, entry_bytes):
    def ratio_at(k):
        cached = functools.lru_cache(maxsize=k)(lambda key: key)
        for key in trace:
            cached(key)
        info = cached.cache_info()
        return info.hits / (info.hits + info.misses) if trace else 0.0
    sizes = itertools.takewhile(lambda k: k * entry_bytes <= budget_bytes, range(1, max(1, len(set(trace))) + 1))
    return next((k for k in sizes if ratio_at(k) >= target), None)
"""),
        Right("the affordable size from floor division, corrected by the condition", """
def choose_maxsize(trace, target, budget_bytes, entry_bytes):
    affordable = int(budget_bytes // entry_bytes)
    while (affordable + 1) * entry_bytes <= budget_bytes:
        affordable += 1
    for size in range(1, min(affordable, max(1, len(set(trace)))) + 1):
        info = replay(trace, size)
        calls = info.hits + info.misses
        if (info.hits / calls if calls else 0.0) >= target:
            return size
    return None
"""),
    ],
}

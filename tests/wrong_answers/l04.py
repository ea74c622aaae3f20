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
""", "hits / (hits + misses)"),
        Wrong("divides by currsize, entries instead of calls", """
def hit_ratio(info):
    return info.hits / info.currsize if info.currsize else 0.0
""", "count entries, not calls"),
        Wrong("forgets a cache that was never called", """
def hit_ratio(info):
    return info.hits / (info.hits + info.misses)
""", "divide by zero"),
        Wrong("returns a percentage", """
def hit_ratio(info):
    calls = info.hits + info.misses
    return 100 * info.hits / calls if calls else 0.0
""", "percentage"),
    ],
    "q2": [
        Wrong("calls that raise are not counted", "final_info = (2, 5, 3, 3)", "did not count the calls that raised"),
        Wrong("cache_clear keeps the statistics", "final_info = (3, 11, 3, 3)", "before cache_clear()"),
        Wrong("the exception is cached like a result", "final_info = (3, 7, 3, 3)", "exceptions are not cached"),
        Wrong("evicts first-in instead of least recently used", "final_info = (1, 9, 3, 3)", "FIFO"),
        Wrong("not reset by cache_clear, and raising calls not counted", "final_info = (3, 8, 3, 3)",
              "two ideas went wrong"),
        Wrong("fields in the wrong order", "final_info = (2, 3, 8, 3)", "misses, maxsize are wrong"),
        Wrong("not four numbers", "final_info = {'hits': 2, 'misses': 8}", "four whole numbers"),
    ],
    "q3": [
        Wrong("ignores the memory budget",
              _SCAN_TEMPLATE.format(affordable="10**9", compare=">=", nothing="None"), "budget"),
        Wrong("rounds the affordable size up",
              _SCAN_TEMPLATE.format(affordable="-(-budget_bytes // entry_bytes)", compare=">=", nothing="None"),
              "budget one byte short"),
        Wrong("needs strictly more than the target",
              _SCAN_TEMPLATE.format(affordable="int(budget_bytes // entry_bytes)", compare=">", nothing="None"),
              "target reached exactly"),
        Wrong("returns 0 instead of None when nothing fits",
              _SCAN_TEMPLATE.format(affordable="int(budget_bytes // entry_bytes)", compare=">=", nothing="0"),
              "return None"),
        Wrong("searches upwards with no upper bound", """
def choose_maxsize(trace, target, budget_bytes, entry_bytes):
    size = 1
    while True:
        info = replay(trace, size)
        if info.hits / (info.hits + info.misses) >= target:
            return size if size * entry_bytes <= budget_bytes else None
        size += 1
""", "no upper bound"),
        Wrong("starts the search at maxsize=0", _SCAN_TEMPLATE.replace("range(1,", "range(0,").format(
            affordable="int(budget_bytes // entry_bytes)", compare=">=", nothing="None"), "at least one entry"),
        Wrong("forgets int(): breaks on a measured, float entry_bytes",
              _SCAN_TEMPLATE.format(affordable="budget_bytes // entry_bytes", compare=">=", nothing="None"),
              "use int(budget_bytes // entry_bytes)"),
        Wrong("a size that uses the whole budget counts as too big", """
def choose_maxsize(trace, target, budget_bytes, entry_bytes):
    size = 1
    while size * entry_bytes < budget_bytes:
        info = replay(trace, size)
        if info.hits / (info.hits + info.misses) >= target:
            return size
        size += 1
    return None
""", "uses the budget exactly still fits"),
        Wrong("returns the largest affordable size", """
def choose_maxsize(trace, target, budget_bytes, entry_bytes):
    size = int(budget_bytes // entry_bytes)
    info = replay(trace, size)
    return size if info.hits / (info.hits + info.misses) >= target else None
""", "a smaller size already reaches the target"),
    ],
}

_SCAN_RIGHT = """
def choose_maxsize(trace, target, budget_bytes, entry_bytes):
    for size in range(1, int(budget_bytes // entry_bytes) + 1):
        info = replay(trace, size)
        if {cond}:
            return size
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
        Right("one minus the miss ratio, by position", """
def hit_ratio(info):
    calls = info[0] + info[1]
    return 1 - info[1] / calls if calls else 0.0
"""),
        Right("an exact Fraction", """
from fractions import Fraction
def hit_ratio(info):
    calls = info.hits + info.misses
    return Fraction(info.hits, calls) if calls else 0.0
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
        return replay(trace, k).hits / len(trace) >= target
    low, high = 1, int(budget_bytes // entry_bytes)
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
        Right("a while loop on the budget, with no cap at the distinct keys", """
def choose_maxsize(trace, target, budget_bytes, entry_bytes):
    size = 1
    while size * entry_bytes <= budget_bytes:
        info = replay(trace, size)
        if info.hits / (info.hits + info.misses) >= target:
            return size
        size += 1
    return None
"""),
        Right("next() over a generator, replaying through its own lru_cache", """
def choose_maxsize(trace, target, budget_bytes, entry_bytes):
    def ratio_at(k):
        cached = functools.lru_cache(maxsize=k)(lambda key: key)
        for key in trace:
            cached(key)
        info = cached.cache_info()
        return info.hits / (info.hits + info.misses)
    return next((k for k in range(1, int(budget_bytes / entry_bytes) + 1) if ratio_at(k) >= target), None)
"""),
        Right("one minus the miss ratio", _SCAN_RIGHT.format(cond="1 - info.misses / (info.hits + info.misses) >= target")),
        Right("hits compared with target x calls", _SCAN_RIGHT.format(cond="info.hits >= target * len(trace)")),
        Right("percentages", _SCAN_RIGHT.format(cond="100 * info.hits / len(trace) >= 100 * target")),
    ],
}

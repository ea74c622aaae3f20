from wrong_answers import Wrong

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
        Wrong("returns the largest affordable size", """
def choose_maxsize(trace, target, budget_bytes, entry_bytes):
    size = int(budget_bytes // entry_bytes)
    info = replay(trace, size)
    return size if info.hits / (info.hits + info.misses) >= target else None
""", "a smaller size already reaches the target"),
    ],
}

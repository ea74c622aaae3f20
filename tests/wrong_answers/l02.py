from wrong_answers import Right, Wrong

WRONG = {
    "q1": [
        Wrong("treats area(2), area(2, 1) and area(width=2) as the same call", """
predicted_info = (5, 2, 3, 2)
""", "does not know that area(2)"),
        Wrong("forgets eviction: the last area(2) counted as a hit", """
predicted_info = (2, 5, 3, 3)
""", "too many"),
        Wrong("forgets that the cache holds at most maxsize entries", """
predicted_info = (1, 6, 3, 6)
""", "never holds more than maxsize"),
        Wrong("hits + misses do not add up to the calls", """
predicted_info = (1, 5, 3, 3)
""", "every call is either a hit or a miss"),
        Wrong("fields in the wrong order (maxsize first)", """
predicted_info = (3, 1, 6, 3)
""", "maxsize"),
    ],
    "q2": [
        Wrong("the common recipe: sorted keyword items", """
def make_key(args, kwargs, typed):
    key = (args, tuple(sorted(kwargs.items())))
    if typed:
        key += (tuple(type(v) for v in args), tuple(type(v) for k, v in sorted(kwargs.items())))
    return key
""", "do not sort"),
        Wrong("misses the single int/str fast path: f(1) and f(1.0) share a key", """
def make_key(args, kwargs, typed):
    key = (args, tuple(kwargs.items()))
    if typed:
        key += (tuple(type(v) for v in args), tuple(type(v) for v in kwargs.values()))
    return key
""", "used as the key itself"),
        Wrong("flattens args and kwargs together without a marker", """
def make_key(args, kwargs, typed):
    key = args
    for item in kwargs.items():
        key += item
    if typed:
        key += tuple(type(v) for v in args) + tuple(type(v) for v in kwargs.values())
    elif len(key) == 1 and type(key[0]) in (int, str):
        return key[0]
    return key
""", "keep positional and keyword arguments apart"),
        Wrong("ignores typed", """
def make_key(args, kwargs, typed):
    if not kwargs and len(args) == 1 and type(args[0]) in (int, str):
        return args[0]
    return (args, tuple(kwargs.items()))
""", "typed=True"),
        Wrong("returns a list, which is not hashable", """
def make_key(args, kwargs, typed):
    return [args, list(kwargs.items())]
""", "not hashable"),
        Wrong("delegates to functools' private _make_key", """
def make_key(args, kwargs, typed):
    return functools._make_key(args, kwargs, typed)
""", "private key function"),
    ],
    "q3": [
        Wrong("sorted dict items: breaks on mixed-type keys", """
def freeze(obj):
    if isinstance(obj, dict):
        return ("dict", tuple(sorted((k, freeze(v)) for k, v in obj.items())))
    if isinstance(obj, (set, frozenset)):
        return ("set", frozenset(freeze(x) for x in obj))
    if isinstance(obj, list):
        return ("list", tuple(freeze(x) for x in obj))
    if isinstance(obj, tuple):
        return ("tuple", tuple(freeze(x) for x in obj))
    return obj
""", "mixed-type keys"),
        Wrong("shallow: only the outer list becomes a tuple", """
def freeze(obj):
    if isinstance(obj, dict):
        return frozenset(obj.items())
    if isinstance(obj, (list, set)):
        return tuple(obj)
    return obj
""", "not hashable"),
        Wrong("lists become plain tuples: [1, 2] and (1, 2) collide", """
def freeze(obj):
    if isinstance(obj, dict):
        return frozenset((k, freeze(v)) for k, v in obj.items())
    if isinstance(obj, (set, frozenset)):
        return frozenset(freeze(x) for x in obj)
    if isinstance(obj, (list, tuple)):
        return tuple(freeze(x) for x in obj)
    return obj
""", "different inputs sharing a key"),
        Wrong("dict items kept in insertion order", """
def freeze(obj):
    if isinstance(obj, dict):
        return ("dict", tuple((k, freeze(v)) for k, v in obj.items()))
    if isinstance(obj, (set, frozenset)):
        return ("set", frozenset(freeze(x) for x in obj))
    if isinstance(obj, list):
        return ("list", tuple(freeze(x) for x in obj))
    if isinstance(obj, tuple):
        return ("tuple", tuple(freeze(x) for x in obj))
    return obj
""", "equal inputs must give equal keys"),
        Wrong("the repr recipe: key = repr(obj)", """
def freeze(obj):
    return repr(obj)
""", "equal inputs must give equal keys"),
    ],
}

RIGHT = {
    "q1": [
        Right("a list instead of a tuple", """
predicted_info = [1, 6, 3, 3]
"""),
    ],
    "q2": [
        Right("a flat key with a marker object, like functools", """
_KWD_MARK = object()
def make_key(args, kwargs, typed):
    key = tuple(args)
    if kwargs:
        key += (_KWD_MARK,)
        for item in kwargs.items():
            key += item
    if typed:
        key += tuple(type(v) for v in args)
        if kwargs:
            key += tuple(type(v) for v in kwargs.values())
    elif len(key) == 1 and type(key[0]) in {int, str}:
        return key[0]
    return key
"""),
        Right("labelled parts", """
def make_key(args, kwargs, typed):
    if not typed and not kwargs and len(args) == 1 and type(args[0]) in (int, str):
        return args[0]
    key = ("args", tuple(args), "kwargs", tuple(kwargs.items()))
    if typed:
        key += ("types", tuple(map(type, args)), tuple(map(type, kwargs.values())))
    return key
"""),
    ],
    "q3": [
        Right("types as tags, dict keys frozen too", """
def freeze(obj):
    if isinstance(obj, dict):
        return (dict, frozenset((freeze(k), freeze(v)) for k, v in obj.items()))
    if isinstance(obj, (set, frozenset)):
        return (frozenset, frozenset(map(freeze, obj)))
    if isinstance(obj, (list, tuple)):
        return (list if isinstance(obj, list) else tuple, tuple(map(freeze, obj)))
    return obj
"""),
    ],
}

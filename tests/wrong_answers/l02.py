from wrong_answers import Right, Wrong

WRONG = {
    "q1": [
        Wrong("treats area(2), area(2, 1) and area(width=2) as the same call", """
predicted_info = (5, 2, 3, 2)
""", "does not know that area(2)", clause="hits"),
        Wrong("forgets eviction: the last area(2) counted as a hit", """
predicted_info = (2, 5, 3, 3)
""", "too many", clause="hits"),
        Wrong("forgets that the cache holds at most maxsize entries", """
predicted_info = (1, 6, 3, 6)
""", "never holds more than maxsize", clause="currsize"),
        Wrong("hits + misses do not add up to the calls", """
predicted_info = (1, 5, 3, 3)
""", "every call is either a hit or a miss", clause="misses"),
        Wrong("fields in the wrong order (maxsize first)", """
predicted_info = (3, 1, 6, 3)
""", "maxsize", clause="maxsize"),
        Wrong("floats, not ints", """
predicted_info = (1.0, 6.0, 3.0, 3.0)
""", "an int", clause="shape"),
        Wrong("an object equal to everything", """
class _Anything:
    def __eq__(self, other):
        return True
predicted_info = (_Anything(), _Anything(), _Anything(), _Anything())
""", "an int", clause="shape"),
        Wrong("three fields: currsize left out", """
predicted_info = (1, 6, 3)
""", "four numbers", clause="shape"),
        Wrong("a dict of the fields", """
predicted_info = {"hits": 1, "misses": 6, "maxsize": 3, "currsize": 3}
""", "four numbers", clause="shape"),
        Wrong("the string of cache_info()", """
predicted_info = "CacheInfo(hits=1, misses=6, maxsize=3, currsize=3)"
""", "four numbers", clause="shape"),
        Wrong("forgets the evictions: currsize counts every distinct key", """
predicted_info = (1, 6, 3, 5)
""", "is more than maxsize", clause="currsize"),
        Wrong("counts area(3, 4) as a hit after area(3, height=4)", """
predicted_info = (2, 5, 3, 3)
""", "too many", clause="hits"),
        Wrong("counts too few hits: the third call area(2) as a miss", """
predicted_info = (0, 7, 3, 3)
""", "too few", clause="hits"),
    ],
    "q2": [
        Wrong("the common recipe: sorted keyword items", """
def make_key(args, kwargs, typed):
    key = (args, tuple(sorted(kwargs.items())))
    if typed:
        key += (tuple(type(v) for v in args), tuple(type(v) for k, v in sorted(kwargs.items())))
    return key
""", "do not sort", clause="misses"),
        Wrong("misses the single int/str fast path: f(1) and f(1.0) share a key", """
def make_key(args, kwargs, typed):
    key = (args, tuple(kwargs.items()))
    if typed:
        key += (tuple(type(v) for v in args), tuple(type(v) for v in kwargs.values()))
    return key
""", "used as the key itself", clause="misses"),
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
""", "keep positional and keyword arguments apart", clause="misses"),
        Wrong("ignores typed", """
def make_key(args, kwargs, typed):
    if not kwargs and len(args) == 1 and type(args[0]) in (int, str):
        return args[0]
    return (args, tuple(kwargs.items()))
""", "typed=True", clause="typed"),
        Wrong("returns a list, which is not hashable", """
def make_key(args, kwargs, typed):
    return [args, list(kwargs.items())]
""", "not hashable", clause="hashable"),
        Wrong("delegates to functools' private _make_key", """
def make_key(args, kwargs, typed):
    return functools._make_key(args, kwargs, typed)
""", "private key function", clause="own"),
        Wrong('the hash of the key as the key: hash(-1) == hash(-2)', """
def make_key(args, kwargs, typed):
    if not typed and not kwargs and len(args) == 1 and type(args[0]) in (int, str):
        return args[0]
    key = (args, tuple(kwargs.items()))
    if typed:
        key += (tuple(map(type, args)), tuple(map(type, kwargs.values())))
    return hash(key)
""", 'not their hash()', clause="misses"),
        Wrong("kwargs items appended as pairs: f(1, ('x', 2)) == f(1, x=2)", """
def make_key(args, kwargs, typed):
    key = args + tuple(kwargs.items())
    if typed:
        key += tuple(type(v) for v in args) + tuple(type(v) for v in kwargs.values())
    elif len(key) == 1 and type(key[0]) in (int, str):
        return key[0]
    return key
""", 'is not the positional argument', clause="misses"),
        Wrong('isinstance fast path: True is treated as an int', """
def make_key(args, kwargs, typed):
    if not typed and not kwargs and len(args) == 1 and isinstance(args[0], (int, str)):
        return args[0]
    key = (args, tuple(kwargs.items()))
    if typed:
        key += (tuple(map(type, args)), tuple(map(type, kwargs.values())))
    return key
""", 'a single float or bool argument is wrapped', clause="hits"),
        Wrong('fast path taken even with keyword arguments', """
def make_key(args, kwargs, typed):
    if not typed and len(args) == 1 and type(args[0]) in (int, str):
        return args[0]
    key = (args, tuple(kwargs.items()))
    if typed:
        key += (tuple(map(type, args)), tuple(map(type, kwargs.values())))
    return key
""", 'keyword names are part of the key', clause="misses"),
        Wrong("None as the keyword marker: f(1, None, 'x', 2) collides with f(1, x=2)", """
def make_key(args, kwargs, typed):
    key = tuple(args)
    if kwargs:
        key += (None,)
        for item in kwargs.items():
            key += item
    if typed:
        key += tuple(type(v) for v in args) + tuple(type(v) for v in kwargs.values())
    elif len(key) == 1 and type(key[0]) in (int, str):
        return key[0]
    return key
""", "None is an argument like any other", clause="misses"),
        Wrong("the fast path for int only: a single str is wrapped", """
def make_key(args, kwargs, typed):
    if not typed and not kwargs and len(args) == 1 and type(args[0]) is int:
        return args[0]
    key = (args, tuple(kwargs.items()))
    if typed:
        key += (tuple(map(type, args)), tuple(map(type, kwargs.values())))
    return key
""", "a str subclass is wrapped", clause="misses"),
        Wrong("types always in the key, even when typed is false", """
def make_key(args, kwargs, typed):
    if not kwargs and len(args) == 1 and type(args[0]) in (int, str):
        return args[0]
    return (args, tuple(kwargs.items()), tuple(map(type, args)), tuple(map(type, kwargs.values())))
""", "your keys say miss", clause="hits"),
        Wrong("the repr of the call as the key", """
def make_key(args, kwargs, typed):
    if not typed and not kwargs and len(args) == 1 and type(args[0]) in (int, str):
        return args[0]
    key = repr((args, kwargs))
    return key + repr(tuple(map(type, args)) + tuple(map(type, kwargs.values()))) if typed else key
""", "your keys say miss", clause="hits"),
        Wrong("typed: the keyword values' types left out", """
def make_key(args, kwargs, typed):
    if not typed and not kwargs and len(args) == 1 and type(args[0]) in (int, str):
        return args[0]
    key = (args, tuple(kwargs.items()))
    return key + (tuple(map(type, args)),) if typed else key
""", "typed=True", clause="typed"),
        Wrong("the whole key as a list inside a tuple", """
def make_key(args, kwargs, typed):
    if not typed and not kwargs and len(args) == 1 and type(args[0]) in (int, str):
        return args[0]
    return (list(args), tuple(kwargs.items()), typed)
""", "not hashable", clause="hashable"),
        Wrong("imports _make_key under another name", """
from functools import _make_key as build
def make_key(args, kwargs, typed):
    return build(args, kwargs, typed)
""", "private key function", clause="own"),
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
""", "mixed-type keys", clause="mixed"),
        Wrong("shallow: only the outer list becomes a tuple", """
def freeze(obj):
    if isinstance(obj, dict):
        return frozenset(obj.items())
    if isinstance(obj, (list, set)):
        return tuple(obj)
    return obj
""", "not hashable", clause="hashable"),
        Wrong("lists become plain tuples: [1, 2] and (1, 2) collide", """
def freeze(obj):
    if isinstance(obj, dict):
        return frozenset((k, freeze(v)) for k, v in obj.items())
    if isinstance(obj, (set, frozenset)):
        return frozenset(freeze(x) for x in obj)
    if isinstance(obj, (list, tuple)):
        return tuple(freeze(x) for x in obj)
    return obj
""", "different inputs sharing a key", clause="different"),
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
""", "equal inputs must give equal keys", clause="equal"),
        Wrong("the repr recipe: key = repr(obj)", """
def freeze(obj):
    return repr(obj)
""", "equal inputs must give equal keys", clause="equal"),
        Wrong('tuples left as they are (a tuple may hold a list)', """
def freeze(obj):
    if isinstance(obj, dict):
        return ("dict", frozenset((k, freeze(v)) for k, v in obj.items()))
    if isinstance(obj, (set, frozenset)):
        return ("set", frozenset(freeze(x) for x in obj))
    if isinstance(obj, list):
        return ("list", tuple(freeze(x) for x in obj))
    return obj
""", 'not hashable', clause="hashable"),
        Wrong("only lists tagged: ('list', (1, 2)) collides with [1, 2]", """
def freeze(obj):
    if isinstance(obj, dict):
        return ("dict", frozenset((k, freeze(v)) for k, v in obj.items()))
    if isinstance(obj, (set, frozenset)):
        return ("set", frozenset(freeze(x) for x in obj))
    if isinstance(obj, list):
        return ("list", tuple(freeze(x) for x in obj))
    if isinstance(obj, tuple):
        return tuple(freeze(x) for x in obj)
    return obj
""", 'different inputs sharing a key', clause="different"),
        Wrong('sorted sets: breaks on a set of an int and a tuple', """
def freeze(obj):
    if isinstance(obj, dict):
        return ("dict", frozenset((k, freeze(v)) for k, v in obj.items()))
    if isinstance(obj, (set, frozenset)):
        return ("set", tuple(sorted(freeze(x) for x in obj)))
    if isinstance(obj, list):
        return ("list", tuple(freeze(x) for x in obj))
    if isinstance(obj, tuple):
        return ("tuple", tuple(freeze(x) for x in obj))
    return obj
""", 'sets of mixed items', clause="mixed"),
        Wrong('sorts the input list in place', """
def freeze(obj):
    if isinstance(obj, list):
        obj.sort(key=repr)
    if isinstance(obj, dict):
        return ("dict", frozenset((k, freeze(v)) for k, v in obj.items()))
    if isinstance(obj, (set, frozenset)):
        return ("set", frozenset(freeze(x) for x in obj))
    if isinstance(obj, list):
        return ("list", tuple(freeze(x) for x in obj))
    if isinstance(obj, tuple):
        return ("tuple", tuple(freeze(x) for x in obj))
    return obj
""", 'changed its input', clause="unchanged"),
        Wrong("returns hash() of a correct frozen value", """
def freeze(obj):
    def deep(obj):
        if isinstance(obj, dict):
            return ("dict", frozenset((k, deep(v)) for k, v in obj.items()))
        if isinstance(obj, (set, frozenset)):
            return ("set", frozenset(deep(x) for x in obj))
        if isinstance(obj, list):
            return ("list", tuple(deep(x) for x in obj))
        if isinstance(obj, tuple):
            return ("tuple", tuple(deep(x) for x in obj))
        return obj
    return hash(deep(obj))
""", "[-2]", clause="different"),
        Wrong("scalars wrapped too: freeze(1) == ('value', 1)", """
def freeze(obj):
    if isinstance(obj, dict):
        return ("dict", frozenset((k, freeze(v)) for k, v in obj.items()))
    if isinstance(obj, (set, frozenset)):
        return ("set", frozenset(freeze(x) for x in obj))
    if isinstance(obj, list):
        return ("list", tuple(freeze(x) for x in obj))
    if isinstance(obj, tuple):
        return ("tuple", tuple(freeze(x) for x in obj))
    return ("value", obj)
""", "itself", clause="scalars"),
        Wrong("set and frozenset tagged apart, though {1} == frozenset({1})", """
def freeze(obj):
    if isinstance(obj, dict):
        return ("dict", frozenset((k, freeze(v)) for k, v in obj.items()))
    if isinstance(obj, (set, frozenset)):
        return (type(obj).__name__, frozenset(freeze(x) for x in obj))
    if isinstance(obj, list):
        return ("list", tuple(freeze(x) for x in obj))
    if isinstance(obj, tuple):
        return ("tuple", tuple(freeze(x) for x in obj))
    return obj
""", "their frozen keys differ", clause="equal"),
    ],
}

RIGHT = {
    "q1": [
        Right("a list instead of a tuple", """
predicted_info = [1, 6, 3, 3]
"""),
        Right('the CacheInfo named tuple itself', """
predicted_info = functools._CacheInfo(hits=1, misses=6, maxsize=3, currsize=3)
"""),
        Right('running the calls and reading cache_info()', """
@lru_cache(maxsize=3)
def area(width, height=1):
    return width * height
area(2); area(2, 1); area(2); area(width=2); area(3, height=4); area(3, 4); area(2)
predicted_info = area.cache_info()
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
        Right('a helper the learner named _make_key', """
def _make_key(args, kwargs, typed):
    if not typed and not kwargs and len(args) == 1 and type(args[0]) in (int, str):
        return args[0]
    key = (args, tuple(kwargs.items()))
    if typed:
        key += (tuple(map(type, args)), tuple(map(type, kwargs.values())))
    return key
def make_key(args, kwargs, typed):
    return _make_key(args, kwargs, typed)
"""),
        Right("the bare value tagged too: ('bare', 1)", """
def make_key(args, kwargs, typed):
    if not typed and not kwargs and len(args) == 1 and type(args[0]) in (int, str):
        return ("bare", args[0])
    return ("wrapped", args, tuple(kwargs.items()),
            (tuple(map(type, args)), tuple(map(type, kwargs.values()))) if typed else None)
"""),
        Right('the fast path also when typed', """
def make_key(args, kwargs, typed):
    if not kwargs and len(args) == 1 and type(args[0]) in (int, str):
        return args[0]
    key = (args, tuple(kwargs.items()))
    if typed:
        key += (tuple(map(type, args)), tuple(map(type, kwargs.values())))
    return key
"""),
        Right('a key class with __eq__ and __hash__', """
class Key:
    def __init__(self, args, kwargs, typed):
        self.parts = (tuple(args), tuple(kwargs.items()),
                      tuple(type(v) for v in (*args, *kwargs.values())) if typed else ())
    def __eq__(self, other):
        return isinstance(other, Key) and self.parts == other.parts
    def __hash__(self):
        return hash(self.parts)
def make_key(args, kwargs, typed):
    if not typed and not kwargs and len(args) == 1 and type(args[0]) in {int, str}:
        return args[0]
    return Key(args, kwargs, typed)
"""),
        Right('a callable instance', """
class MakeKey:
    def __call__(self, args, kwargs, typed):
        if not typed and not kwargs and len(args) == 1 and type(args[0]) in (int, str):
            return args[0]
        key = (args, tuple(kwargs.items()))
        if typed:
            key += (tuple(map(type, args)), tuple(map(type, kwargs.values())))
        return key
make_key = MakeKey()
"""),
    ],
    "q3": [
        Right("sets frozen to a bare frozenset, without a tag", """
def freeze(obj):
    if isinstance(obj, dict):
        return ("dict", frozenset((k, freeze(v)) for k, v in obj.items()))
    if isinstance(obj, (set, frozenset)):
        return frozenset(freeze(x) for x in obj)
    if isinstance(obj, list):
        return ("list", tuple(freeze(x) for x in obj))
    if isinstance(obj, tuple):
        return ("tuple", tuple(freeze(x) for x in obj))
    return obj
"""),
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
        Right('functools.singledispatch', """
@functools.singledispatch
def freeze(obj):
    return obj
@freeze.register
def _(obj: list):
    return (list, tuple(map(freeze, obj)))
@freeze.register
def _(obj: tuple):
    return (tuple, tuple(map(freeze, obj)))
@freeze.register
def _(obj: dict):
    return (dict, frozenset((k, freeze(v)) for k, v in obj.items()))
@freeze.register(set)
@freeze.register(frozenset)
def _(obj):
    return (frozenset, frozenset(map(freeze, obj)))
"""),
        Right('a match statement', """
def freeze(obj):
    match obj:
        case dict():
            return ("d", frozenset((k, freeze(v)) for k, v in obj.items()))
        case set() | frozenset():
            return ("s", frozenset(freeze(x) for x in obj))
        case list():
            return ("l", tuple(freeze(x) for x in obj))
        case tuple():
            return ("t", tuple(freeze(x) for x in obj))
        case _:
            return obj
"""),
        Right('a Frozen class with __eq__ and __hash__', """
class Frozen:
    def __init__(self, kind, items):
        self.kind, self.items = kind, items
    def __eq__(self, other):
        return isinstance(other, Frozen) and (self.kind, self.items) == (other.kind, other.items)
    def __hash__(self):
        return hash((self.kind, self.items))
def freeze(obj):
    if isinstance(obj, dict):
        return Frozen("dict", frozenset((k, freeze(v)) for k, v in obj.items()))
    if isinstance(obj, (set, frozenset)):
        return Frozen("set", frozenset(freeze(x) for x in obj))
    if isinstance(obj, (list, tuple)):
        return Frozen(type(obj).__name__, tuple(freeze(x) for x in obj))
    return obj
"""),
        Right('iterative, with an explicit stack', """
def freeze(obj):
    # post-order traversal without recursion
    def kids(o):
        if isinstance(o, dict):
            return list(o.values())
        if isinstance(o, (list, tuple, set, frozenset)):
            return list(o)
        return []
    done = {}
    stack = [(obj, False)]
    while stack:
        o, visited = stack.pop()
        if not isinstance(o, (dict, list, tuple, set, frozenset)):
            continue
        if visited:
            f = lambda x: done.get(id(x), x)
            if isinstance(o, dict):
                done[id(o)] = ("dict", frozenset((k, f(v)) for k, v in o.items()))
            elif isinstance(o, (set, frozenset)):
                done[id(o)] = ("set", frozenset(f(x) for x in o))
            elif isinstance(o, list):
                done[id(o)] = ("list", tuple(f(x) for x in o))
            else:
                done[id(o)] = ("tuple", tuple(f(x) for x in o))
        else:
            stack.append((o, True))
            stack.extend((k, False) for k in kids(o))
    return done.get(id(obj), obj)
"""),
    ],
}

"""AST mutation operators: each derives, from a reference answer, variants that behave differently in
one small way a learner's mistake would (a key missing a part, ``<`` for ``<=``, a forgotten
``move_to_end``, a swallowed exception, a cache shared by every decorated function).

An operator looks at the parsed reference and yields *sites*: a node, a short description, and an edit
that makes the change on a fresh copy of the tree. ``mutants(source)`` applies every site, keeps the
variants that compile and differ from the reference, and names each with a stable id
``operator@line:col description`` (line and column of the node in the reference source), so that an
equivalent mutant can be recorded once and recognised on every later run.
"""
from __future__ import annotations

import ast
import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# Constructors of the containers a cache is kept in; moving one of these to module or class level shares it.
MUTABLE_FACTORIES = {"dict", "list", "set", "OrderedDict", "defaultdict", "Counter", "deque", "WeakKeyDictionary",
                     "WeakValueDictionary"}
DICT_FACTORIES = {"dict", "OrderedDict", "defaultdict", "Counter", "WeakKeyDictionary", "WeakValueDictionary"}
# Methods whose first argument is a key of the dict they are called on.
KEY_METHODS = {"get", "pop", "setdefault", "move_to_end", "__contains__", "__getitem__"}
# Calls a reference wraps around a value on purpose; unwrapping one is a typical omission.
WRAPPERS = {"shield", "tuple", "frozenset", "copy", "deepcopy"}
SWAPPED_COMPARISONS = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
                       ast.Eq: ast.NotEq, ast.NotEq: ast.Eq}
IDENTITY_TO_EQUALITY = {ast.Is: ast.Eq, ast.IsNot: ast.NotEq}
SYMBOLS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
           ast.Is: "is", ast.IsNot: "is not"}


@dataclass(frozen=True)
class Mutant:
    operator: str
    line: int
    col: int
    description: str
    source: str

    @property
    def id(self) -> str:
        return f"{self.operator}@{self.line}:{self.col} {self.description}"


class Tree:
    """A parsed module with every node numbered (in ``ast.walk`` order, the same on a deep copy) and
    each node's parent known, so that an edit found on the original can be made on a copy."""

    def __init__(self, module: ast.Module):
        self.module = module
        self.nodes = [n for n in ast.walk(module) if not isinstance(n, ast.expr_context)]
        self.number = {id(n): i for i, n in enumerate(self.nodes)}
        self.parent: dict[int, tuple[ast.AST, str, int | None]] = {}
        for node in self.nodes:
            for name, value in ast.iter_fields(node):
                children = value if isinstance(value, list) else [value]
                for i, child in enumerate(children):
                    if isinstance(child, ast.AST) and not isinstance(child, ast.expr_context):
                        self.parent[id(child)] = (node, name, i if isinstance(value, list) else None)

    def copy(self) -> Tree:
        return Tree(copy.deepcopy(self.module))

    def twin(self, node: ast.AST, original: Tree) -> ast.AST:
        """The node of this copy that stands where ``node`` stands in ``original``."""
        return self.nodes[original.number[id(node)]]

    def replace(self, node: ast.AST, new: ast.AST | list[ast.stmt]) -> None:
        """Put ``new`` where ``node`` is; a list of statements (possibly empty) replaces a statement."""
        parent, name, index = self.parent[id(node)]
        if index is None:
            setattr(parent, name, new)
            return
        body = getattr(parent, name)
        body[index:index + 1] = new if isinstance(new, list) else [new]
        if not body and (name == "body" and not isinstance(parent, ast.Module)
                         or isinstance(parent, ast.Try) and name == "finalbody" and not parent.handlers):
            body.append(ast.Pass())  # a block cannot be empty

    def enclosing(self, node: ast.AST, kinds: tuple[type, ...]) -> ast.AST | None:
        while id(node) in self.parent:
            node = self.parent[id(node)][0]
            if isinstance(node, kinds):
                return node
        return None


Edit = Callable[[Tree], None]  # makes one mutation on a fresh copy of the tree
Site = tuple[ast.AST, str, Edit]
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def short(node: ast.AST, limit: int = 40) -> str:
    text = " ".join(ast.unparse(node).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _call_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        func = node.func
        return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
    return None


def _is_docstring(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)


def _replacing(tree: Tree, node: ast.AST, make: Callable[[ast.AST], ast.AST | list[ast.stmt]]) -> Edit:
    """An edit that replaces the copy's twin of ``node`` by ``make(twin)``."""
    def edit(copy_: Tree) -> None:
        twin = copy_.twin(node, tree)
        copy_.replace(twin, make(twin))
    return edit


def _dicts(tree: Tree) -> set[str]:
    """The expressions (as source) a dict-like cache is assigned to: ``cache``, ``self._totals``..."""
    found = set()
    for node in tree.nodes:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            value = node.value
            if isinstance(value, ast.Dict) or _call_name(value) in DICT_FACTORIES:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                found.update(ast.unparse(t) for t in targets)
    return found


def _key_uses(tree: Tree) -> Iterator[ast.expr]:
    """Every expression used as a key of one of the source's dicts: ``d[k]``, ``k in d``, ``d.get(k)``."""
    dicts = _dicts(tree)
    for node in tree.nodes:
        if isinstance(node, ast.Subscript) and ast.unparse(node.value) in dicts:
            if not isinstance(node.slice, (ast.Constant, ast.Slice)):
                yield node.slice
        elif isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)):
            if ast.unparse(node.comparators[0]) in dicts:
                yield node.left
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in KEY_METHODS
              and node.args and ast.unparse(node.func.value) in dicts):
            yield node.args[0]


# -- the operators ----------------------------------------------------------------------------------------
def drop_element(tree: Tree) -> Iterator[Site]:
    """Leave one part out of a tuple being built (a key without the keyword names, without the size...)."""
    for node in tree.nodes:
        if isinstance(node, ast.Tuple) and isinstance(node.ctx, ast.Load) and len(node.elts) >= 2:
            for i, element in enumerate(node.elts):
                def make(twin, i=i):
                    return ast.Tuple(elts=[e for j, e in enumerate(twin.elts) if j != i], ctx=ast.Load())
                yield node, f"drop {short(element, 24)} from {short(node, 30)}", _replacing(tree, node, make)


def swap_elements(tree: Tree) -> Iterator[Site]:
    """Swap two neighbouring parts of a tuple or list, or two positional arguments of a call."""
    for node in tree.nodes:
        if isinstance(node, (ast.Tuple, ast.List)) and isinstance(node.ctx, ast.Load):
            field = "elts"
        elif isinstance(node, ast.Call):
            field = "args"
        else:
            continue
        items = getattr(node, field)
        for i in range(len(items) - 1):
            a, b = items[i], items[i + 1]
            if isinstance(a, ast.Starred) or isinstance(b, ast.Starred) or ast.dump(a) == ast.dump(b):
                continue

            def make(twin, i=i, field=field):
                new = copy.copy(twin)
                values = list(getattr(twin, field))
                values[i], values[i + 1] = values[i + 1], values[i]
                setattr(new, field, values)
                return new
            yield node, f"swap {short(a, 20)} and {short(b, 20)}", _replacing(tree, node, make)


def _hashed(expr: ast.expr) -> ast.expr:
    return ast.Call(func=ast.Name(id="hash", ctx=ast.Load()), args=[expr], keywords=[])


def hash_key(tree: Tree) -> Iterator[Site]:
    """Key a cache by ``hash(key)`` instead of the key, consistently (``hash(-1) == hash(-2)``): at an
    assignment to a name with "key" in it, and at every place one key expression indexes a dict."""
    for node in tree.nodes:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                and "key" in node.targets[0].id.lower()):
            yield node.value, f"{node.targets[0].id} = hash(...)", _replacing(tree, node.value, _hashed)
    groups: dict[str, list[ast.expr]] = {}
    for use in _key_uses(tree):
        groups.setdefault(ast.unparse(use), []).append(use)
    for text, uses in groups.items():
        def edit(copy_: Tree, uses=uses) -> None:
            for use in uses:
                copy_.replace(copy_.twin(use, tree), _hashed(copy_.twin(use, tree)))
        yield uses[0], f"hash({short(ast.parse(text, mode='eval').body, 24)}) as the key", edit


def _compare_ops(tree: Tree, table: dict[type, type]) -> Iterator[Site]:
    for node in tree.nodes:
        if isinstance(node, ast.Compare):
            for k, op in enumerate(node.ops):
                swapped = table.get(type(op))
                if swapped is not None:
                    def make(twin, k=k, swapped=swapped):
                        new = copy.copy(twin)
                        new.ops = list(twin.ops)
                        new.ops[k] = swapped()
                        return new
                    yield node, f"{SYMBOLS[type(op)]} -> {SYMBOLS[swapped]} in {short(node, 30)}", \
                        _replacing(tree, node, make)


def compare(tree: Tree) -> Iterator[Site]:
    """``<`` for ``<=`` and back, ``>`` for ``>=``, ``==`` for ``!=``: the boundary mistakes."""
    yield from _compare_ops(tree, SWAPPED_COMPARISONS)


def is_to_eq(tree: Tree) -> Iterator[Site]:
    """``is`` becomes ``==`` (an object whose ``__eq__`` lies, a marker equal to a real value)."""
    yield from _compare_ops(tree, IDENTITY_TO_EQUALITY)


def off_by_one(tree: Tree) -> Iterator[Site]:
    """Add or subtract 1: integer constants, and the right side of an order comparison."""
    for node in tree.nodes:
        if isinstance(node, ast.Constant) and type(node.value) is int:
            for delta in (1, -1):
                def make(twin, delta=delta):
                    return ast.Constant(value=twin.value + delta)
                yield node, f"{node.value} -> {node.value + delta}", _replacing(tree, node, make)
        elif isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in SWAPPED_COMPARISONS:
            right = node.comparators[0]
            if isinstance(right, ast.Constant):
                continue  # the constant itself is mutated above
            for op in (ast.Add, ast.Sub):
                def make(twin, op=op):
                    return ast.BinOp(left=twin, op=op(), right=ast.Constant(value=1))
                sign = "+" if op is ast.Add else "-"
                yield right, f"{short(right, 24)} {sign} 1 in a comparison", _replacing(tree, right, make)


def bool_op(tree: Tree) -> Iterator[Site]:
    """``and`` for ``or`` and back."""
    for node in tree.nodes:
        if isinstance(node, ast.BoolOp):
            other = ast.Or if isinstance(node.op, ast.And) else ast.And

            def make(twin, other=other):
                return ast.BoolOp(op=other(), values=twin.values)
            word = "and -> or" if other is ast.Or else "or -> and"
            yield node, f"{word} in {short(node, 30)}", _replacing(tree, node, make)


def _deletable(stmt: ast.stmt) -> bool:
    if isinstance(stmt, ast.Expr):
        return not _is_docstring(stmt)
    if isinstance(stmt, ast.Assign):
        return all(not isinstance(t, ast.Name) for t in stmt.targets)  # a store into a cache or a counter
    return isinstance(stmt, (ast.AugAssign, ast.Delete, ast.If, ast.While, ast.For, ast.AsyncFor))


def drop_statement(tree: Tree) -> Iterator[Site]:
    """Forget one statement: a ``move_to_end``, a ``popitem``, a store, a counter, a ``del``, a ``clear()``,
    an ``if`` or a loop (an eviction)."""
    for node in tree.nodes:
        if isinstance(node, ast.stmt) and _deletable(node) and tree.enclosing(node, FUNCTIONS + (ast.ClassDef,)):
            first = " ".join(ast.unparse(node).splitlines()[0].split())
            yield node, f"delete {first if len(first) <= 36 else first[:33] + '...'}", \
                _replacing(tree, node, lambda twin: [])


def drop_finally(tree: Tree) -> Iterator[Site]:
    """Remove a ``finally`` (a lock never released, a marker never cleared after an exception)."""
    for node in tree.nodes:
        if isinstance(node, ast.Try) and node.finalbody:
            def make(twin):
                if not twin.handlers:
                    return twin.body
                new = copy.copy(twin)
                new.finalbody = []
                return new
            yield node, f"remove the finally of the try at line {node.lineno}", _replacing(tree, node, make)


def swallow(tree: Tree) -> Iterator[Site]:
    """Wrap a function's body in ``try: ... except Exception: return None``: an exception disappears.
    Not a decorator or factory's body (one that defines functions): defining a function raises nothing."""
    for node in tree.nodes:
        if isinstance(node, FUNCTIONS) and not any(isinstance(n, FUNCTIONS) for n in ast.walk(node) if n is not node):
            start = 1 if node.body and _is_docstring(node.body[0]) else 0
            if start == len(node.body):
                continue

            def edit(copy_: Tree, node=node, start=start) -> None:
                twin = copy_.twin(node, tree)
                handler = ast.ExceptHandler(type=ast.Name(id="Exception", ctx=ast.Load()), name=None,
                                            body=[ast.Return(value=ast.Constant(value=None))])
                twin.body[start:] = [ast.Try(body=twin.body[start:], handlers=[handler], orelse=[], finalbody=[])]
            yield node, f"swallow exceptions in {node.name}()", edit


def raise_to_pass(tree: Tree) -> Iterator[Site]:
    """``raise`` becomes ``pass``, or ``return None`` inside a function."""
    for node in tree.nodes:
        if isinstance(node, ast.Raise):
            yield node, f"{short(node, 30)} -> pass", _replacing(tree, node, lambda twin: ast.Pass())
            if tree.enclosing(node, FUNCTIONS):
                yield node, f"{short(node, 30)} -> return None", \
                    _replacing(tree, node, lambda twin: ast.Return(value=ast.Constant(value=None)))


def _fresh_mutable(value: ast.expr) -> bool:
    if isinstance(value, (ast.Dict, ast.List, ast.Set)):
        return True
    return _call_name(value) in MUTABLE_FACTORIES and all(isinstance(a, ast.Constant) for a in value.args)


def hoist_mutable(tree: Tree) -> Iterator[Site]:
    """Create a container once for everybody: a function's ``cache = {}`` moves to module level (shared
    by every decorated function), a method's ``self.cache = {}`` to the class (shared by every instance)."""
    for node in tree.nodes:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and _fresh_mutable(node.value)):
            continue
        function = tree.enclosing(node, FUNCTIONS)
        if function is None:
            continue
        target = node.targets[0]
        if isinstance(target, ast.Name):
            def edit(copy_: Tree, node=node) -> None:
                twin = copy_.twin(node, tree)
                top = twin
                while copy_.parent[id(top)][0] is not copy_.module:
                    top = copy_.parent[id(top)][0]
                copy_.replace(twin, [])
                copy_.module.body.insert(copy_.module.body.index(top), twin)
            yield node, f"move {short(node, 30)} to module level", edit
        elif (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and function.args.args
              and target.value.id == function.args.args[0].arg and isinstance(tree.parent[id(function)][0],
                                                                               ast.ClassDef)):
            def edit(copy_: Tree, node=node, function=function) -> None:
                twin = copy_.twin(node, tree)
                cls = copy_.parent[id(copy_.twin(function, tree))][0]
                copy_.replace(twin, [])
                shared = ast.Assign(targets=[ast.Name(id=twin.targets[0].attr, ctx=ast.Store())], value=twin.value)
                cls.body.insert(1 if _is_docstring(cls.body[0]) else 0, shared)
            yield node, f"move {short(node, 30)} to the class", edit


def sorted_to_plain(tree: Tree) -> Iterator[Site]:
    """``sorted(x)`` becomes ``x`` or ``list(x)``: the order of keyword arguments starts to matter."""
    for node in tree.nodes:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "sorted" \
                and len(node.args) == 1 and not node.keywords:
            yield node, f"{short(node, 30)} -> {short(node.args[0], 24)}", \
                _replacing(tree, node, lambda twin: twin.args[0])
            yield node, f"{short(node, 30)} -> list(...)", _replacing(
                tree, node, lambda twin: ast.Call(func=ast.Name(id="list", ctx=ast.Load()), args=twin.args,
                                                  keywords=[]))


def return_none(tree: Tree) -> Iterator[Site]:
    """``return x`` becomes ``return None``."""
    for node in tree.nodes:
        if isinstance(node, ast.Return) and node.value is not None and not (
                isinstance(node.value, ast.Constant) and node.value.value is None):
            yield node, f"{short(node, 30)} -> return None", \
                _replacing(tree, node, lambda twin: ast.Return(value=ast.Constant(value=None)))


def in_to_get(tree: Tree) -> Iterator[Site]:
    """``key in d`` becomes ``d.get(key)``: a cached falsy value (0, None, '') counts as missing."""
    dicts = _dicts(tree)
    for node in tree.nodes:
        if (isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn))
                and ast.unparse(node.comparators[0]) in dicts):
            def make(twin):
                got = ast.Call(func=ast.Attribute(value=twin.comparators[0], attr="get", ctx=ast.Load()),
                               args=[twin.left], keywords=[])
                return got if isinstance(twin.ops[0], ast.In) else ast.UnaryOp(op=ast.Not(), operand=got)
            yield node, f"{short(node, 30)} -> .get() truthiness", _replacing(tree, node, make)


def drop_with(tree: Tree) -> Iterator[Site]:
    """Run a ``with`` block's body without its context manager (a lock not taken)."""
    for node in tree.nodes:
        if isinstance(node, (ast.With, ast.AsyncWith)):
            managers = ", ".join(short(item.context_expr, 20) for item in node.items)
            yield node, f"drop with {managers}", _replacing(tree, node, lambda twin: twin.body)


def drop_decorator(tree: Tree) -> Iterator[Site]:
    """Remove one decorator (``@functools.wraps``, ``@lru_cache``, ``@cached_property``)."""
    for node in tree.nodes:
        if isinstance(node, FUNCTIONS + (ast.ClassDef,)):
            for i, decorator in enumerate(node.decorator_list):
                def edit(copy_: Tree, node=node, i=i) -> None:
                    del copy_.twin(node, tree).decorator_list[i]
                yield decorator, f"drop @{short(decorator, 30)}", edit


def drop_keyword(tree: Tree) -> Iterator[Site]:
    """Leave out one keyword argument (``popitem(last=False)`` pops the newest entry)."""
    for node in tree.nodes:
        if isinstance(node, ast.Call):
            for i, keyword in enumerate(node.keywords):
                if keyword.arg is None:
                    continue

                def edit(copy_: Tree, node=node, i=i) -> None:
                    del copy_.twin(node, tree).keywords[i]
                yield node, f"drop {keyword.arg}= from {short(node.func, 24)}()", edit


def unwrap_call(tree: Tree) -> Iterator[Site]:
    """Use a value without the call that protects or freezes it (``asyncio.shield``, ``tuple``...)."""
    for node in tree.nodes:
        if _call_name(node) in WRAPPERS and len(node.args) == 1 and not node.keywords \
                and not isinstance(node.args[0], ast.Starred):
            yield node, f"{short(node, 30)} -> {short(node.args[0], 24)}", \
                _replacing(tree, node, lambda twin: twin.args[0])


def items_to_values(tree: Tree) -> Iterator[Site]:
    """``kwargs.items()`` becomes ``.values()`` or ``.keys()``: a key with the keyword values but not their
    names (``box(1, height=3, depth=2)`` answered by ``box(1, height=2, depth=3)``), or the reverse."""
    for node in tree.nodes:
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "items"
                and not node.args and not node.keywords):
            for other in ("values", "keys"):
                def make(twin, other=other):
                    new = copy.deepcopy(twin)
                    new.func.attr = other
                    return new
                yield node, f"{short(node, 30)} -> .{other}()", _replacing(tree, node, make)


def drop_condition(tree: Tree) -> Iterator[Site]:
    """Leave one operand out of an ``and``/``or`` (a forgotten ``maxsize != 0``, a boundary case)."""
    for node in tree.nodes:
        if isinstance(node, ast.BoolOp):
            for i, value in enumerate(node.values):
                def make(twin, i=i):
                    rest = [v for j, v in enumerate(twin.values) if j != i]
                    return rest[0] if len(rest) == 1 else ast.BoolOp(op=twin.op, values=rest)
                yield node, f"drop {short(value, 24)} from {short(node, 30)}", _replacing(tree, node, make)


def type_to_isinstance(tree: Tree) -> Iterator[Site]:
    """``type(x) in (int, str)`` or ``type(x) is int`` becomes ``isinstance(x, ...)``: ``True`` and
    subclasses start to count as ints and strs."""
    for node in tree.nodes:
        if (isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.Is, ast.Eq))
                and _call_name(node.left) == "type" and isinstance(node.left.func, ast.Name)
                and len(node.left.args) == 1):
            def make(twin):
                return ast.Call(func=ast.Name(id="isinstance", ctx=ast.Load()),
                                args=[twin.left.args[0], twin.comparators[0]], keywords=[])
            yield node, f"{short(node, 30)} -> isinstance()", _replacing(tree, node, make)


def truncate_int(tree: Tree) -> Iterator[Site]:
    """An operand of an order comparison goes through ``int()``: fractions of a second are lost."""
    for node in tree.nodes:
        if (isinstance(node, ast.Compare) and len(node.ops) == 1
                and type(node.ops[0]) in (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
                and not isinstance(node.comparators[0], ast.Constant)):  # `n < 0` compares ints
            for operand in (node.left, node.comparators[0]):
                if isinstance(operand, (ast.Name, ast.Attribute, ast.Call, ast.BinOp)) and _call_name(operand) not in (
                        "len", "int"):
                    def make(twin):
                        return ast.Call(func=ast.Name(id="int", ctx=ast.Load()), args=[twin], keywords=[])
                    yield operand, f"int({short(operand, 24)}) in a comparison", _replacing(tree, operand, make)


def _returns_outside_functions(body: list[ast.stmt]) -> Iterator[ast.Return]:
    for stmt in body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Return):
                yield node


def with_no_finally(tree: Tree) -> Iterator[Site]:
    """``with lock:`` becomes ``lock.__enter__()`` ... ``lock.__exit__(None, None, None)`` on every way
    out but an exception: the acquire/release pair without ``try/finally``, which stays locked forever
    after the first exception."""
    for node in tree.nodes:
        if not (isinstance(node, ast.With) and len(node.items) == 1 and node.items[0].optional_vars is None
                and isinstance(node.items[0].context_expr, (ast.Name, ast.Attribute))):
            continue
        if any(isinstance(n, FUNCTIONS + (ast.Lambda,)) for stmt in node.body for n in ast.walk(stmt)):
            continue

        def edit(copy_: Tree, node=node) -> None:
            twin = copy_.twin(node, tree)
            manager = twin.items[0].context_expr

            def call(method: str, *args: ast.expr) -> ast.stmt:
                return ast.Expr(value=ast.Call(func=ast.Attribute(value=copy.deepcopy(manager), attr=method,
                                                                  ctx=ast.Load()), args=list(args), keywords=[]))
            none = ast.Constant(value=None)
            for ret in list(_returns_outside_functions(twin.body)):
                result = ast.Name(id="_result", ctx=ast.Store())
                copy_.replace(ret, [ast.Assign(targets=[result], value=ret.value or ast.Constant(value=None)),
                                    call("__exit__", none, none, none),
                                    ast.Return(value=ast.Name(id="_result", ctx=ast.Load()))])
            body = [call("__enter__"), *twin.body]
            if not isinstance(body[-1], ast.Return):
                body.append(call("__exit__", none, none, none))
            copy_.replace(twin, body)
        yield node, f"with {short(node.items[0].context_expr, 20)} -> __enter__/__exit__ without finally", edit


OPERATORS: dict[str, Callable[[Tree], Iterator[Site]]] = {
    op.__name__: op for op in (
        drop_element, swap_elements, hash_key, items_to_values, compare, off_by_one, bool_op, drop_condition,
        drop_statement, drop_finally, swallow, raise_to_pass, hoist_mutable, sorted_to_plain, return_none,
        is_to_eq, type_to_isinstance, truncate_int, in_to_get, drop_with, with_no_finally, drop_decorator,
        drop_keyword, unwrap_call)
}


def normalised(source: str) -> str:
    """The reference as the mutants are written (``ast.unparse``: no comments), to diff them against."""
    return ast.unparse(ast.parse(source))


def all_mutants(source: str, operators: dict[str, Callable[[Tree], Iterator[Site]]] = OPERATORS) -> list[Mutant]:
    """Every distinct compiling mutant of ``source``, operator by operator, in source order."""
    tree = Tree(ast.parse(source))
    seen = {normalised(source)}
    found: list[Mutant] = []
    ids: set[str] = set()
    for name, operator in operators.items():
        for node, description, edit in operator(tree):
            copy_ = tree.copy()
            edit(copy_)
            mutated = ast.unparse(ast.fix_missing_locations(copy_.module))
            if mutated in seen:
                continue
            seen.add(mutated)
            try:
                compile(mutated, "<mutant>", "exec")
            except SyntaxError:
                continue  # e.g. a `nonlocal` left without its binding: not a mutant a learner could run
            mutant = Mutant(name, node.lineno, node.col_offset, description, mutated)
            n = 2
            while mutant.id in ids:
                mutant = Mutant(name, node.lineno, node.col_offset, f"{description} #{n}", mutated)
                n += 1
            ids.add(mutant.id)
            found.append(mutant)
    return found


def select(mutants: list[Mutant], cap: int) -> list[Mutant]:
    """At most ``cap`` mutants, spread over the operators: one of each in turn, in source order."""
    by_operator: dict[str, list[Mutant]] = {}
    for mutant in mutants:
        by_operator.setdefault(mutant.operator, []).append(mutant)
    queues = list(by_operator.values())
    chosen: list[Mutant] = []
    while len(chosen) < cap and any(queues):
        for queue in queues:
            if queue and len(chosen) < cap:
                chosen.append(queue.pop(0))
    order = {id(m): i for i, m in enumerate(mutants)}
    return sorted(chosen, key=lambda m: order[id(m)])


def mutants(source: str, cap: int | None = None) -> list[Mutant]:
    found = all_mutants(source)
    return found if cap is None else select(found, cap)

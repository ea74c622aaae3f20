"""The mutation tool's parts: each operator turns a tiny reference into exactly the expected mutants;
ids are stable and unique; the selection is capped and spread over the operators; the runner judges a
killed, a surviving, a hanging and a non-defining mutant correctly; the survivors' listing is rewritten
one section at a time. (The slow run over every lesson is tests/test_mutation_scores.py.)"""
from __future__ import annotations

import ast
import dataclasses
import json
import textwrap

import pytest

from lessons.authoring.mutation import operators
from lessons.authoring.mutation.operators import OPERATORS, all_mutants, mutants, select
from lessons.authoring.mutation.report import ExerciseReport, merge_sections, problems
from lessons.authoring.mutation.runner import DISCARDED, KILLED, SURVIVED, TIMEOUT, Job, Verdict, judge_all
from lessons.authoring.mutation.subjects import subjects


def norm(source: str) -> str:
    return ast.unparse(ast.parse(textwrap.dedent(source)))


def made(operator: str, source: str) -> list[str]:
    return [m.source for m in all_mutants(textwrap.dedent(source), {operator: OPERATORS[operator]})]


def expect(operator: str, source: str, *expected: str) -> None:
    assert sorted(made(operator, source)) == sorted(norm(e) for e in expected)


def test_drop_element_leaves_out_each_part_of_a_tuple_being_built():
    expect("drop_element", "key = (a, b, c)", "key = (b, c)", "key = (a, c)", "key = (a, b)")
    expect("drop_element", "a, b = pair")  # an unpacking target is not a tuple being built


def test_swap_elements_swaps_neighbours_and_arguments_but_not_equal_ones():
    expect("swap_elements", "f(x, y)", "f(y, x)")
    expect("swap_elements", "k = (x, x)")
    expect("swap_elements", "k = [a, b, c]", "k = [b, a, c]", "k = [a, c, b]")


def test_hash_key_hashes_one_key_everywhere_it_indexes_a_dict_and_a_key_assignment():
    source = """
    cache = {}
    def f(k):
        key = k
        if k in cache:
            return cache[k]
        cache[k] = cache.get(k, 0)
        return blocked[k]
    """
    expect("hash_key", source, """
    cache = {}
    def f(k):
        key = hash(k)
        if k in cache:
            return cache[k]
        cache[k] = cache.get(k, 0)
        return blocked[k]
    """, """
    cache = {}
    def f(k):
        key = k
        if hash(k) in cache:
            return cache[hash(k)]
        cache[hash(k)] = cache.get(hash(k), 0)
        return blocked[k]
    """)  # blocked is no dict the code creates: left alone


def test_items_to_values_loses_the_keyword_names_or_values():
    expect("items_to_values", "k = tuple(kw.items())", "k = tuple(kw.values())", "k = tuple(kw.keys())")


def test_compare_and_is_to_eq_change_one_operator():
    expect("compare", "ok = a < b <= c", "ok = a <= b <= c", "ok = a < b < c")
    expect("compare", "ok = a == b", "ok = a != b")
    expect("is_to_eq", "ok = a is not None", "ok = a != None")


def test_off_by_one_moves_integer_constants_and_the_right_side_of_a_comparison():
    expect("off_by_one", "x = n - 1", "x = n - 2", "x = n - 0")
    expect("off_by_one", "ok = n < size", "ok = n < size + 1", "ok = n < size - 1")
    expect("off_by_one", "flag = True")  # a bool is not an integer to shift


def test_bool_op_and_drop_condition():
    expect("bool_op", "ok = a and b", "ok = a or b")
    expect("drop_condition", "ok = a and b and c", "ok = b and c", "ok = a and c", "ok = a and b")


def test_drop_statement_forgets_calls_counters_stores_and_deletions_but_not_docstrings_or_names():
    source = '''
    def put(self, k, v):
        """Doc."""
        self.data.move_to_end(k)
        self.hits += 1
        del self.data[k]
        self.data[k] = v
        local = 1
        return local
    '''
    got = made("drop_statement", source)
    assert len(got) == 4
    assert all('"""Doc."""' in g or "'Doc.'" in g for g in got)
    assert all("local = 1" in g for g in got)
    assert norm('''
    def put(self, k, v):
        """Doc."""
        self.hits += 1
        del self.data[k]
        self.data[k] = v
        local = 1
        return local
    ''') in got


def test_drop_statement_leaves_a_pass_in_an_emptied_block():
    expect("drop_statement", """
    def f(d):
        if d:
            d.clear()
    """, """
    def f(d):
        pass
    """, """
    def f(d):
        if d:
            pass
    """)


def test_drop_finally_runs_the_body_without_its_cleanup():
    expect("drop_finally", """
    def f(lock):
        lock.acquire()
        try:
            return work()
        finally:
            lock.release()
    """, """
    def f(lock):
        lock.acquire()
        return work()
    """)
    expect("drop_finally", """
    def f():
        try:
            work()
        except KeyError:
            pass
        finally:
            done()
    """, """
    def f():
        try:
            work()
        except KeyError:
            pass
    """)


def test_swallow_wraps_a_function_body_but_keeps_its_docstring_and_skips_factories():
    expect("swallow", '''
    def f(x):
        """Doc."""
        return g(x)
    ''', '''
    def f(x):
        """Doc."""
        try:
            return g(x)
        except Exception:
            return None
    ''')
    assert made("swallow", "def deco(func):\n    def wrapper():\n        return func()\n    return wrapper\n") == [
        norm("def deco(func):\n    def wrapper():\n        try:\n            return func()\n"
             "        except Exception:\n            return None\n    return wrapper\n")]


def test_raise_to_pass():
    expect("raise_to_pass", "def f():\n    raise ValueError('no')\n",
           "def f():\n    pass\n", "def f():\n    return None\n")


def test_hoist_mutable_shares_a_function_container_at_module_level_and_an_instance_one_in_the_class():
    expect("hoist_mutable", """
    import x
    def memo(func):
        cache = {}
        return cache
    """, """
    import x
    cache = {}
    def memo(func):
        return cache
    """)
    expect("hoist_mutable", '''
    class C:
        """Doc."""
        def __init__(self, rows):
            self.rows = rows
            self.totals = dict()
    ''', '''
    class C:
        """Doc."""
        totals = dict()
        def __init__(self, rows):
            self.rows = rows
    ''')


def test_a_mutant_that_does_not_compile_is_dropped():
    source = """
    def f():
        hits = []
        def g():
            nonlocal hits
            hits.append(1)
        return g
    """
    assert made("hoist_mutable", source) == []  # `nonlocal hits` with hits at module level: a SyntaxError


def test_sorted_return_none_in_to_get_and_unwrap_call():
    expect("sorted_to_plain", "k = tuple(sorted(kw.items()))", "k = tuple(kw.items())", "k = tuple(list(kw.items()))")
    expect("return_none", "def f():\n    return 1\n", "def f():\n    return None\n")
    expect("return_none", "def f():\n    return None\n")
    expect("in_to_get", "d = {}\nok = k in d\nno = k not in d\nother = k in s\n",
           "d = {}\nok = d.get(k)\nno = k not in d\nother = k in s\n",
           "d = {}\nok = k in d\nno = not d.get(k)\nother = k in s\n")
    expect("unwrap_call", "async def f(t):\n    return await asyncio.shield(t)\n",
           "async def f(t):\n    return await t\n")


def test_type_to_isinstance_and_truncate_int():
    expect("type_to_isinstance", "ok = type(x) in (int, str)", "ok = isinstance(x, (int, str))")
    expect("truncate_int", "ok = now < start + ttl", "ok = int(now) < start + ttl", "ok = now < int(start + ttl)")
    expect("truncate_int", "ok = n < 0")  # compared with a constant: an int already


def test_drop_with_and_with_no_finally():
    source = """
    def f(key):
        with lock:
            if key in d:
                return d[key]
            d[key] = 1
    """
    expect("drop_with", source, """
    def f(key):
        if key in d:
            return d[key]
        d[key] = 1
    """)
    expect("with_no_finally", source, """
    def f(key):
        lock.__enter__()
        if key in d:
            _result = d[key]
            lock.__exit__(None, None, None)
            return _result
        d[key] = 1
        lock.__exit__(None, None, None)
    """)


def test_drop_decorator_and_drop_keyword():
    expect("drop_decorator", "@functools.wraps(f)\ndef g():\n    pass\n", "def g():\n    pass\n")
    expect("drop_keyword", "d.popitem(last=False)", "d.popitem()")


REFERENCE = """
def memoize(func):
    cache = {}

    def wrapper(*args, **kwargs):
        key = (args, tuple(sorted(kwargs.items())))
        if key not in cache:
            cache[key] = func(*args, **kwargs)
        return cache[key]
    return wrapper
"""


def test_ids_are_stable_unique_and_name_operator_and_place():
    first = all_mutants(REFERENCE)
    assert [m.id for m in first] == [m.id for m in all_mutants(REFERENCE)]
    assert len({m.id for m in first}) == len(first)
    assert len({m.source for m in first}) == len(first) and norm(REFERENCE) not in {m.source for m in first}
    drop = next(m for m in first if m.operator == "drop_element")
    assert drop.id == "drop_element@6:14 drop args from (args, tuple(sorted(kwargs...."
    assert (drop.line, drop.col) == (6, 14)  # where the tuple starts in the reference


def test_selection_is_capped_deterministic_and_takes_every_operator_before_a_second_of_any():
    every = all_mutants(REFERENCE)
    operators_present = {m.operator for m in every}
    cap = len(operators_present) + 1
    chosen = select(every, cap)
    assert len(chosen) == cap and {m.operator for m in chosen} == operators_present
    assert [m.id for m in chosen] == [m.id for m in mutants(REFERENCE, cap)]
    assert [m.id for m in chosen] == [m.id for m in every if m in chosen]  # in source order
    assert select(every, 1000) == every


def test_every_operator_is_exercised_by_some_test_here():
    source = open(__file__, encoding="utf-8").read()
    assert [name for name in OPERATORS if f'"{name}"' not in source] == []
    assert all(getattr(operators, name).__doc__ for name in OPERATORS)


@pytest.fixture(scope="module")
def hit_ratio():
    return subjects(["04_cache_info_tuning"], "q1")[0]


def test_the_runner_tells_killed_surviving_hanging_and_discarded_mutants_apart(hit_ratio):
    sources = [hit_ratio.reference,
               "def hit_ratio(info):\n    return 0.5\n",
               "def hit_ratio(info):\n    while True:\n        pass\n",
               "something_else = 1\n"]
    jobs = [Job(hit_ratio.lesson, hit_ratio.exercise, hit_ratio.answer, hit_ratio.setup, s) for s in sources]
    verdicts = judge_all(jobs, workers=2, timeout=3.0)
    assert [v.outcome for v in verdicts] == [SURVIVED, KILLED, TIMEOUT, DISCARDED]
    assert verdicts[1].reason.startswith("check failed") and "3 s" in verdicts[2].reason
    assert verdicts[1].killed and verdicts[2].killed and not verdicts[0].killed


def test_a_run_counts_equivalents_and_flags_stale_records(hit_ratio, tmp_path):
    from lessons.authoring.mutants import run

    every = all_mutants(hit_ratio.reference)
    equivalent = tmp_path / "equivalent.json"
    listed = {"04_cache_info_tuning": {"q1": {every[0].id: "cannot raise", "gone@1:0 old": "x"}}}
    equivalent.write_text(json.dumps(listed))
    [report] = run([hit_ratio], equivalent_path=equivalent, timeout=5.0)
    assert report.reference_passes and report.stale == ["gone@1:0 old"]
    assert report.mutants == len(every) and report.killed + report.equivalent + len(report.survivors) == len(every)
    judged = report.mutants - report.equivalent
    assert report.score == (report.killed / judged if judged else 1.0)


def test_the_survivors_listing_is_rewritten_one_exercise_at_a_time():
    existing = merge_sections("", [])
    existing += "\n## 01_memoization q1: `ways`\n\nold text\n\n## 06_ttl q1: `is_fresh`\n\nkept\n"
    report = ExerciseReport(subjects(["01_memoization"], "q1")[0], baseline=Verdict(SURVIVED))
    text = merge_sections(existing, [report])
    assert "old text" not in text and "kept" in text and text.count("## 01_memoization q1") == 1
    assert text.index("## 01_memoization q1") < text.index("## 06_ttl q1")


def test_a_reference_its_own_check_rejects_is_reported_not_scored(hit_ratio):
    from lessons.authoring.mutants import run

    wrong = dataclasses.replace(hit_ratio, reference="def hit_ratio(info):\n    return 0.5\n")
    [report] = run([wrong], timeout=5.0)
    assert not report.reference_passes and report.score == 0.0
    assert problems(report) and problems(report)[0].startswith("the reference itself does not pass")

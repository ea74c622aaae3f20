"""How checks, hints and figures look: the plain text nbval compares stays stable; the HTML renders
`code`, keeps sentences in prose, shows descriptions as words; a hint shows itself when asked for; and
every figure carries an alt text."""
from __future__ import annotations

import types

import pytest

from lessons.exercises.core import Description, Exercise, Failure


def failing(**details):
    def check(answer):
        raise Failure("the wrapper is not `async def`", **details)
    return Exercise("07_threads_asyncio", "qx", "A test", "answer", check, ["first `hint`", "second"])


def test_backticks_become_code_and_why_is_prose():
    result = failing(input="cached(1)", expected=3, got=4, why="use `await func(*args)`, then store it").check(1)
    html = result._repr_html_()
    assert "<code>async def</code>" in html and "`" not in html
    assert "use <code>await func(*args)</code>, then store it" in html  # prose, with code inside
    assert "<code>use" not in html and "<code>cached(1)</code>" in html and "<code>3</code>" in html
    assert repr(result) == ("✘ qx failed: the wrapper is not `async def`\n    input:    cached(1)\n"
                            "    expected: 3\n    got:      4\n    why:      use `await func(*args)`, then store it")


def test_a_description_shows_its_words_not_a_quoted_string():
    result = failing(expected=Description("a callable"), got="text").check(1)
    assert "expected: a callable\n" in repr(result) and "got:      'text'" in repr(result)
    assert "<td style='text-align:left'>a callable</td>" in result._repr_html_()


def test_html_is_escaped():
    html = failing(why="<script>x</script> and `<b>`").check(1)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html and "<code>&lt;b&gt;</code>" in html


@pytest.fixture
def kernel(monkeypatch):
    """A stand-in for a Jupyter kernel's shell: what hint() displays lands in the list."""
    shown = []
    import IPython
    import IPython.display

    monkeypatch.setattr(IPython, "get_ipython", lambda: types.SimpleNamespace(kernel=object()))
    monkeypatch.setattr(IPython.display, "display", shown.append)
    return shown


def test_in_a_kernel_a_hint_displays_itself_and_returns_nothing(kernel):
    exercise = failing()
    assert exercise.hint() is None and exercise.hint() is None  # `q1.hint(); q1.hint()` in one cell
    assert [h.level for h in kernel] == [1, 2] and "Hint 2 of 2" in repr(kernel[1])
    html = kernel[0]._repr_html_()
    assert "border-left:6px solid" in html and "<code>hint</code>" in html  # a callout, like a check


def test_outside_a_kernel_a_hint_is_returned():
    hint = failing().hint()
    assert repr(hint) == "Hint 1 of 2 (qx): first `hint`"


def test_the_last_hint_mentions_solution_only_when_the_copy_has_solutions(monkeypatch, tmp_path):
    exercise = failing()
    assert "`qx.solution()` shows a reference answer" in repr(exercise.hint(2))
    monkeypatch.setenv("COURSE_SOLUTIONS_DIR", str(tmp_path))
    last = repr(exercise.hint(2))
    assert "solution()" not in last and "instructor" in last


def test_a_figure_is_shown_with_alt_text_and_a_stable_plain_text():
    ipython = pytest.importorskip("IPython.testing.globalipapp")
    import lessons
    from lessons.views.plots import alt_text, describe, line_chart

    shell = ipython.start_ipython()
    lessons._show_figures_as_images()
    figure = line_chart([1, 2, 3], {"LRU": [0.1, 0.5, 0.9]}, title="Hit rate by size", xlabel="maxsize",
                        ylabel="hit rate")
    data, _ = shell.display_formatter.format(figure)
    assert data["text/plain"] == "<Figure size 640x360 with 1 Axes>"
    assert 'alt="Hit rate by size; hit rate against maxsize; lines: LRU."' in data["text/html"]
    assert data["text/html"].startswith('<img src="data:image/png;base64,') and data["image/png"]
    assert alt_text(describe(figure, "A rising line.")) == "A rising line."


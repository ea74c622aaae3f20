"""Everything an instructor reads, built from the result files alone (so a merged or resumed run
reports the same as one run): ``grades.json``, ``grades.csv``, ``feedback/LEARNER/LESSON.md``,
``summary.md`` and ``summary.png``, and the table printed at the end.

Which submission counts when a learner handed in one lesson twice: the one saved last (its file's
modification time), and of equal times the last by path. The others keep their scores in grades.json
with the status ``duplicate``, and are left out of grades.csv.
"""
from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from pathlib import Path

from lessons.grading import catalog
from lessons.grading import statuses as st

COLOURS = {"full marks": "#009E73", "some points": "#E69F00", "no points": "#D55E00",
           "not attempted": "#999999"}  # Okabe-Ito: colour-blind safe


def mark_duplicates(results: list[dict]) -> list[dict]:
    groups = defaultdict(list)
    for result in results:
        if result.get("lesson"):
            groups[(result["learner"], result["lesson"])].append(result)
    marked = []
    for result in results:
        group = groups.get((result["learner"], result.get("lesson")), [result])
        counting = max(group, key=lambda r: (r.get("mtime", 0), r["path"]))
        if result is not counting:
            result = {**result, "status": st.DUPLICATE, "counted_status": result["status"],
                      "message": f"{result['learner']} also handed in {counting['path']} for "
                                 f"{result['lesson']}, saved later, and that one counts (this one earned "
                                 f"{result['earned']} of {result['possible']})."}
        marked.append(result)
    return marked


def counted(results: list[dict]) -> list[dict]:
    return [r for r in results if r["status"] != st.DUPLICATE]


def summary(results: list[dict]) -> dict:
    rows = counted(results)
    exercises = {}
    for result in rows:
        for name, exercise in result.get("exercises", {}).items():
            entry = exercises.setdefault(f"{result['lesson']}/{name}", {
                "title": exercise.get("title", ""), "possible": exercise["possible"], "scores": [],
                "tests": [{"description": t["description"], "points": t["points"], "passed": 0}
                          for t in exercise["tests"]], "failures": Counter(), "not_attempted": 0})
            entry["scores"].append(exercise["earned"])
            if all(t["status"] == "not attempted" for t in exercise["tests"]):
                entry["not_attempted"] += 1
            for slot, test in zip(entry["tests"], exercise["tests"]):
                slot["passed"] += test["status"] == "passed"
                if test["status"] == "failed":
                    entry["failures"][test["message"]] += 1
    return {
        "submissions": len(results), "counted": len(rows),
        "statuses": dict(sorted(Counter(r["status"] for r in results).items())),
        "exercises": {key: {"title": e["title"], "possible": e["possible"], "submissions": len(e["scores"]),
                            "mean": round(sum(e["scores"]) / len(e["scores"]), 2),
                            "full_marks": sum(s == e["possible"] for s in e["scores"]),
                            "not_attempted": e["not_attempted"], "scores": e["scores"], "tests": e["tests"],
                            "common_failures": [[m, n] for m, n in e["failures"].most_common(5)]}
                      for key, e in sorted(exercises.items())},
    }


def write_json(out: Path, results: list[dict], overview: dict) -> None:
    (out / "grades.json").write_text(json.dumps({"submissions": results, "summary": overview}, indent=1,
                                                ensure_ascii=False) + "\n", encoding="utf-8")


def write_csv(out: Path, results: list[dict]) -> None:
    rows = sorted(counted(results), key=lambda r: (r["learner"], r.get("lesson") or "", r["path"]))
    names = sorted({name for r in rows for name in r.get("exercises", {})})
    with open(out / "grades.csv", "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["learner", "lesson", "status", "earned", "possible", *names, "path"])
        for r in rows:
            scores = [r.get("exercises", {}).get(n, {}).get("earned", "") for n in names]
            writer.writerow([r["learner"], r.get("lesson") or "", r["status"], r["earned"], r["possible"],
                             *scores, r["path"]])


def _next_hint(lesson: str | None, name: str) -> str | None:
    if lesson not in catalog.stems():
        return None
    for exercise in catalog.lesson(lesson).exercises:
        if exercise.name == name and exercise.hints:
            return exercise.hints[0]
    return None


def feedback(result: dict) -> str:
    lesson = result.get("lesson") or "an unknown lesson"
    lines = [f"# Feedback: {lesson}", "", f"**{result['learner']}**, `{result['path']}`", "",
             (f"**{result['earned']} of {result['possible']} points**, status `{result['status']}`: "
              f"{st.MEANINGS.get(result['status'], '')}."), "", result["message"], ""]
    for name, exercise in result.get("exercises", {}).items():
        lines += [f"## {name}: {exercise.get('title', '')} ({exercise['earned']} of {exercise['possible']})", ""]
        for test in exercise["tests"]:
            mark = {"passed": "✔", "failed": "✘"}.get(test["status"], "…")
            lines.append(f"- {mark} {test['description']} ({test['earned']}/{test['points']})")
            if test["status"] != "passed" and test["message"]:
                lines.append(f"    - {test['message']}")
                lines += [f"    - {label}: `{value}`" for label, value in test.get("details", [])]
        if exercise["earned"] < exercise["possible"]:
            hint = _next_hint(result.get("lesson"), name)
            if hint:
                lines += ["", f"Next hint to try (`{name}.hint()` in the notebook gives the others): {hint}"]
        lines.append("")
    problems = result.get("cells", [])
    if problems:
        lines += ["## Cells that did not run cleanly", ""]
        lines += [f"- cell {p['index']} ({p['id'] or 'no id'}): {p['kind']} {p['detail']}".rstrip() for p in problems]
        lines.append("")
    return "\n".join(lines)


def write_feedback(out: Path, results: list[dict]) -> None:
    for result in results:
        name = (result.get("lesson") or Path(result["path"]).stem) + ("" if result["status"] != st.DUPLICATE
                                                                     else f".{result['key'][-10:]}")
        target = out / "feedback" / _safe(result["learner"]) / f"{_safe(name)}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(feedback(result), encoding="utf-8")


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in text).strip(".") or "_"


def write_summary(out: Path, overview: dict) -> None:
    lines = ["# Class summary", "", f"{overview['counted']} submissions counted of {overview['submissions']}.", "",
             "| status | submissions |", "|---|---|"]
    lines += [f"| `{status}` | {n} |" for status, n in overview["statuses"].items()]
    lines += ["", "| exercise | mean | of | full marks | not attempted | submissions |", "|---|---|---|---|---|---|"]
    for key, e in overview["exercises"].items():
        lines.append(f"| {key} | {e['mean']} | {e['possible']} | {e['full_marks']} | {e['not_attempted']} | "
                     f"{e['submissions']} |")
    for key, e in overview["exercises"].items():
        lines += ["", f"## {key}: {e['title']}", ""]
        lines += [f"- {t['passed']} of {e['submissions']} passed: {t['description']} ({t['points']} points)"
                  for t in e["tests"]]
        if e["common_failures"]:
            lines += ["", "Most common failures:", ""]
            lines += [f"- {n}×: {message}" for message, n in e["common_failures"]]
    lines += ["", "![score distribution per exercise](summary.png)", ""]
    (out / "summary.md").write_text("\n".join(lines), encoding="utf-8")
    picture(overview).savefig(out / "summary.png", dpi=100)


def picture(overview: dict):
    """Per exercise, how many submissions earned full marks, some points, none, or did not try."""
    from matplotlib.figure import Figure

    keys = list(overview["exercises"])
    figure = Figure(figsize=(8, 1.6 + 0.32 * max(1, len(keys))), layout="constrained")
    axes = figure.add_subplot()
    left = [0] * len(keys)
    for label, colour in COLOURS.items():
        counts = []
        for key in keys:
            e = overview["exercises"][key]
            scores = e["scores"]
            counts.append({"full marks": e["full_marks"], "not attempted": e["not_attempted"],
                           "some points": sum(0 < s < e["possible"] for s in scores),
                           "no points": sum(s == 0 for s in scores) - e["not_attempted"]}[label])
        axes.barh(keys, counts, left=left, color=colour, label=label)
        left = [a + b for a, b in zip(left, counts)]
    axes.invert_yaxis()
    axes.set_xlabel("submissions")
    axes.set_title("Scores per exercise")
    figure.legend(loc="outside lower center", fontsize="small", ncols=4)
    return figure


def table(results: list[dict]) -> str:
    rows = [(r["learner"], r.get("lesson") or "?", r["status"], f"{r['earned']}/{r['possible']}") for r in results]
    header = ("learner", "lesson", "status", "points")
    widths = [max(len(str(x[i])) for x in [header, *rows]) for i in range(4)]
    return "\n".join("  ".join(str(v).ljust(w) for v, w in zip(row, widths)) for row in [header, *rows])


def write_all(out: Path, results: list[dict]) -> list[dict]:
    results = mark_duplicates(results)
    overview = summary(results)
    out.mkdir(parents=True, exist_ok=True)
    write_json(out, results, overview)
    write_csv(out, results)
    write_feedback(out, results)
    write_summary(out, overview)
    return results

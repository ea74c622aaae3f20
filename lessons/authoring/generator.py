"""The notebook generator: ``solutions/`` (the source of truth) -> ``notebooks/`` (what learners open).

    python -m lessons.build             regenerate every learner notebook
    python -m lessons.build --check     exit 1, naming each learner notebook that is stale or missing
    python -m lessons.build --force     also replace learner notebooks that were run and saved
    python -m lessons.build --execute   re-run every solution notebook in a fresh kernel, save its
                                        outputs, then regenerate (name lessons to run only those:
                                        python -m lessons.build --execute 01_memoization)

For a learner notebook the generator drops cells tagged ``instructor``, replaces solution blocks by
stubs (see ``lessons.authoring.notebook``), clears outputs and execution counts, keeps every cell id and all other
cell metadata, and keeps only the kernel's name from the notebook metadata (a Python patch version or
saved widget state would make the file depend on who built it). Same input, same bytes.

A learner notebook that has been run and saved (it has outputs or a Python version, which the
generator never writes) is someone's work: the generator refuses to overwrite it without --force.
"""
from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path
from typing import Any

from lessons.authoring import notebook as nbio

ROOT = Path(__file__).resolve().parents[2]

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def normalised_metadata(metadata: dict[str, Any]) -> dict[str, Any]:
    """Notebook metadata that does not depend on the machine or Python that last ran the notebook."""
    kept = {k: v for k, v in metadata.items() if k not in ("widgets", "language_info", "kernelspec")}
    kept["kernelspec"] = KERNELSPEC
    kept["language_info"] = {"name": "python"}
    return kept


def learner_notebook(solution: dict[str, Any], name: str = "notebook") -> dict[str, Any]:
    learner = copy.deepcopy(solution)
    cells = []
    for index, cell in enumerate(solution.get("cells", [])):
        if nbio.is_instructor_only(cell):
            continue
        if "id" not in cell:
            raise nbio.MarkerError(f"{name}, cell {index}: has no id; open and save it in JupyterLab 4 to add one")
        cell = copy.deepcopy(cell)
        cell.get("metadata", {}).pop("execution", None)
        if cell["cell_type"] == "code":
            cell["source"] = nbio.stub_source(nbio.source_of(cell), f"{name}, cell {index} ({cell['id']})")
            cell["outputs"] = []
            cell["execution_count"] = None
        cells.append(cell)
    learner["cells"] = cells
    learner["metadata"] = normalised_metadata(solution.get("metadata", {}))
    # Which lesson this is, for the grader: a learner may rename the file, not usually its metadata.
    learner["metadata"]["course"] = {"lesson": Path(name).stem}
    return learner


def expected_outputs(solutions: Path, notebooks: Path) -> dict[Path, str]:
    """Every learner notebook the generator would write, by path, in one pass over ``solutions``."""
    return {
        notebooks / path.name: nbio.dumps(learner_notebook(nbio.read(path), path.name))
        for path in sorted(solutions.glob("*.ipynb"))
    }


def stale(solutions: Path, notebooks: Path) -> list[str]:
    """Learner notebooks that differ from what the generator would write, or that have no solution."""
    problems = []
    expected = expected_outputs(solutions, notebooks)
    for path, text in expected.items():
        if not path.exists():
            problems.append(f"{notebooks.name}/{path.name}: missing")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{notebooks.name}/{path.name}: stale (its solution changed since it was generated)")
    for path in sorted(notebooks.glob("*.ipynb")):
        if path not in expected:
            problems.append(f"{notebooks.name}/{path.name}: has no {solutions.name}/{path.name}")
    return problems


def worked_in(path: Path) -> bool:
    """Whether a learner notebook looks like someone's work: the generator never writes outputs,
    execution counts or a Python version, and JupyterLab does as soon as the notebook is run and saved."""
    try:
        notebook = nbio.read(path)
    except ValueError:
        return True  # unreadable: certainly not ours to overwrite
    code = [c for c in notebook.get("cells", []) if c.get("cell_type") == "code"]
    ran = any(c.get("outputs") or c.get("execution_count") for c in code)
    return ran or set(notebook.get("metadata", {}).get("language_info", {})) - {"name"} != set()


class WouldOverwriteWork(Exception):
    """Raised instead of overwriting a learner notebook that someone has run and saved."""


def generate(solutions: Path, notebooks: Path, force: bool = False) -> list[Path]:
    notebooks.mkdir(exist_ok=True)
    expected = {path: text for path, text in expected_outputs(solutions, notebooks).items()
                if not path.exists() or path.read_text(encoding="utf-8") != text}
    if not force:
        worked = [path for path in expected if path.exists() and worked_in(path)]
        if worked:  # check them all first: write nothing rather than half the folder
            names = ", ".join(f"{notebooks.name}/{p.name}" for p in worked)
            raise WouldOverwriteWork(
                f"not overwriting {names}: run and saved in JupyterLab, so probably someone's work. Copy it "
                f"elsewhere (or discard it with git checkout), or pass --force to replace it.")
    for path, text in expected.items():
        path.write_text(text, encoding="utf-8")
    return list(expected)


def coalesce_streams(notebook: dict[str, Any]) -> None:
    """Join consecutive stdout (or stderr) chunks of a cell into one output, as Jupyter shows them: where
    a print was split depends on when the kernel flushed, which differs from run to run."""
    for cell in notebook.get("cells", []):
        merged: list[dict[str, Any]] = []
        for output in cell.get("outputs", []):
            previous = merged[-1] if merged else None
            if (previous is not None and output.get("output_type") == "stream"
                    and previous.get("output_type") == "stream" and previous.get("name") == output.get("name")):
                previous["text"] = nbio.source_of({"source": previous["text"]}) + nbio.source_of(
                    {"source": output["text"]})
            else:
                merged.append(output)
        if "outputs" in cell:
            cell["outputs"] = merged


def execute(solutions: Path, names: list[str]) -> None:
    """Run solution notebooks top to bottom in a fresh kernel and save the outputs in place."""
    import nbclient

    paths = [solutions / f"{n.removesuffix('.ipynb')}.ipynb" for n in names] if names else sorted(
        solutions.glob("*.ipynb"))
    for path in paths:
        start = time.perf_counter()
        print(f"executing {solutions.name}/{path.name} ...", end=" ", flush=True)
        notebook = nbio.read(path)
        client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3", record_timing=False,
                                         resources={"metadata": {"path": str(path.parent)}})
        client.execute()
        coalesce_streams(notebook)
        notebook.metadata = normalised_metadata(dict(notebook.metadata))
        nbio.write(path, notebook)
        print(f"{time.perf_counter() - start:.1f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lessons.build", description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true", help="fail if notebooks/ is not what the generator writes")
    group.add_argument("--execute", action="store_true", help="re-run solutions/ in a kernel, then regenerate")
    parser.add_argument("--force", action="store_true",
                        help="replace learner notebooks even if they were run and saved (their work is lost)")
    parser.add_argument("--solutions", type=Path, default=ROOT / "solutions", help="default: solutions/")
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks", help="default: notebooks/")
    parser.add_argument("lessons", nargs="*", help="with --execute: which solution notebooks to run")
    args = parser.parse_args(argv)
    try:
        if args.check:
            problems = stale(args.solutions, args.notebooks)
            for line in problems:
                print(line)
            if problems:
                print("Regenerate with: python -m lessons.build")
                return 1
            print(f"{args.notebooks.name}/ is up to date ({len(list(args.solutions.glob('*.ipynb')))} notebooks)")
            return 0
        if args.execute:
            execute(args.solutions, args.lessons)
        for path in generate(args.solutions, args.notebooks, force=args.force):
            print(f"wrote {args.notebooks.name}/{path.name}")
        return 0
    except (nbio.MarkerError, ValueError, WouldOverwriteWork) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

"""What a submission's ``status`` says, one word each. The README's table is written from MEANINGS."""
from __future__ import annotations

GRADED = "graded"
INVALID = "invalid-notebook"
UNKNOWN_LESSON = "unknown-lesson"
OUTSIDE = "outside-submissions"
CELL_TIMEOUT = "cell-timeout"
OUTPUT_LIMIT = "output-limit"
MEMORY = "memory"
KERNEL_DIED = "kernel-died"
TIMEOUT = "timeout"
DUPLICATE = "duplicate"
TAMPERED = "tampered"
GRADER_ERROR = "grader-error"

MEANINGS = {
    GRADED: "every cell ran (some may have raised, which costs nothing by itself); the scores stand",
    CELL_TIMEOUT: "a cell ran past --cell-timeout and was interrupted; later cells still ran, and the answers "
                  "were graded",
    OUTPUT_LIMIT: "the notebook printed more than the output cap; the rest was dropped, and the answers "
                  "were graded",
    MEMORY: "a cell ran out of the --memory limit; the answers were graded",
    KERNEL_DIED: "the kernel died (os._exit, a crash); cells after it did not run, but the answers were "
                 "graded from their own cells",
    TIMEOUT: "the notebook ran past --timeout; cells after that point did not run and the answers were graded, "
             "or, when even that did not finish, the grader stopped it from outside and nothing was earned",
    INVALID: "the file is not a notebook (empty, not JSON, a renamed .py file); nothing was run",
    UNKNOWN_LESSON: "neither the notebook's metadata nor its file name names a lesson of this course",
    OUTSIDE: "a symbolic link to a file outside SUBMISSIONS; it was not read",
    DUPLICATE: "another submission of the same lesson by the same learner counts instead (the one saved "
               "last); this one was graded but is left out of grades.csv",
    TAMPERED: "the answers left threads or processes running after their cells, so the grader could not "
              "trust the result; nothing was earned",
    GRADER_ERROR: "the grader itself failed on this submission (a bug: please report it); nothing was earned",
}

# When several things went wrong in one run, the status names the worst.
SEVERITY = [GRADED, CELL_TIMEOUT, OUTPUT_LIMIT, MEMORY, KERNEL_DIED, TIMEOUT, TAMPERED]


def worst(statuses: list[str]) -> str:
    return max(statuses, key=SEVERITY.index, default=GRADED)

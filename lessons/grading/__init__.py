"""The command-line grader and the learners' progress view.

    python -m lessons.grading SUBMISSIONS [--out DIR] [--jobs N] ...   (python3 course.py grade ...)
    python -m lessons.grading progress [--regrade]                     (python3 course.py progress)

One step per module, in the spirit of nbgrader's preprocessors:

    discover   find the submissions under SUBMISSIONS: learner, lesson, path
    notebooks  read a submission's bytes into a notebook, or say in a sentence why it is not one
    execute    run a notebook in a fresh kernel (nbclient) with time, memory, output and stdin limits
    kernel_server  the run's fork-server: one process that has imported what kernels import, forks them
    forked_kernel  the provisioner that asks it for a kernel, and the handle on a kernel that is not our child
    answers    pick out the cells that define each exercise's answer (and the helpers they use)
    sandbox    the clean process that defines the answers and runs the grader's own graded tests
    score      start that process, receive its verdicts, and turn them into points
    worker     grade one submission: the steps above, into one result
    schedule   run workers in parallel, each under a wall-clock limit enforced from outside
    results    one JSON file per submission: resume, shard, merge
    report     grades.json, grades.csv, feedback per learner, the class summary and its picture
    progress   the learner's own log of checks, and the table of lessons x exercises
"""

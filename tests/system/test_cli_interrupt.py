"""Ctrl-C at any moment of a command is one line and a non-zero exit, never a traceback.

While the program loads its modules (the first second of every command), a SIGINT was a
KeyboardInterrupt traceback from deep inside an import (pyparsing, werkzeug, ...). The program
now says 'interrupted' and exits 130 then too; once the command runs, the command line reports
it as before (test_faults: a build stopped by SIGINT leaves dist/ as it was).
"""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

# Send SIGINT to the process while it imports click, the first module after the handler:
# a deterministic moment inside the loading that used to print the traceback.
INTERRUPT_WHILE_LOADING = """
import builtins, os, signal, sys, time
sys.argv[0] = {argv0!r}
real_import = builtins.__import__
def importing(name, *args, **kwargs):
    if name == "click":
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.5)  # the handler runs here, as it would in a real import
    return real_import(name, *args, **kwargs)
builtins.__import__ = importing
import sister_graph.cli
print("loaded")
"""


@pytest.mark.parametrize(
    "argv0", ["/usr/local/bin/sister-graph", "/x/site-packages/sister_graph/__main__.py"]
)
def test_ctrl_c_while_the_program_loads_is_one_line(argv0):
    run = subprocess.run(
        [sys.executable, "-c", INTERRUPT_WHILE_LOADING.format(argv0=argv0)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (run.returncode, run.stdout, run.stderr) == (130, "", "interrupted\n")


def test_a_library_importing_the_command_line_keeps_pythons_handler():
    import sister_graph.cli  # noqa: F401 - imported here by pytest, not run as the program

    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler

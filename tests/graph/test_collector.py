"""Pausing the cycle collector during bulk writes leaves it as it was found; only a one-command
process freezes what it loaded."""

import gc
import subprocess
import sys
import threading

import pytest

from csn.graph.collector import collector_paused


@pytest.fixture(autouse=True)
def collector_enabled():
    gc.enable()
    yield
    gc.enable()


def test_a_pause_turns_the_collector_off_and_back_on():
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_nested_pauses_end_with_the_outermost():
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_an_error_in_the_body_still_ends_the_pause():
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_overlapping_pauses_in_two_threads_end_with_the_last():
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def first():
        with collector_paused():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second():
        first_in.wait(5)
        with collector_paused():
            second_in.set()
            first_out.wait(5)
            seen["inside after the first ended"] = gc.isenabled()
        seen["after both"] = gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == {"inside after the first ended": False, "after both": True}


def test_only_a_one_command_process_keeps_what_it_loaded_out_of_the_collector_s_way():
    # in a child: a frozen object stays frozen for the life of the process
    script = (
        "import gc\n"
        "from csn.graph.collector import keep_until_exit, run_as_one_command\n"
        "held = [[] for _ in range(1000)]\n"
        "keep_until_exit()\n"
        "print(gc.get_freeze_count())\n"
        "run_as_one_command()\n"
        "keep_until_exit()\n"
        "print(gc.get_freeze_count() >= 1000)\n"
        "run_as_one_command(False)\n"
        "gc.unfreeze()\n"
        "keep_until_exit()\n"
        "print(gc.get_freeze_count())\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "True", "0"]

"""The checking child process: same plugins as the editor, newest snapshot first, clean shutdown."""

from __future__ import annotations

import threading
import time
import types

from tcdesk.check_process import CheckProcess, plugin_modules, serve


def test_plugin_modules_lists_modules_and_refuses_objects(pm):
    modules = plugin_modules(pm)
    assert modules and all(isinstance(m, str) for _, m in modules)
    pm.register(types.SimpleNamespace(), name="runtime-object")
    assert plugin_modules(pm) is None


def test_child_checks_the_newest_snapshot_and_stops_on_close(pm, make_submission):
    results: list[tuple] = []
    arrived = threading.Event()

    def deliver(seq, findings, error):
        results.append((seq, {f.code for f in findings or ()}, error))
        arrived.set()

    process = CheckProcess(plugin_modules(pm), deliver)
    try:
        # Several snapshots at once: the ones superseded before they were sent are skipped.
        for seq in range(1, 6):
            process.submit(seq, make_submission(organisation="" if seq < 5 else "Northmoor"))
        assert arrived.wait(30)
        for _ in range(600):
            if results[-1][0] == 5:
                break
            time.sleep(0.05)
        assert results[-1][0] == 5 and results[-1][2] is None
        assert "TC001" not in results[-1][1] and "TC002" in results[-1][1]
        assert len(results) < 5
    finally:
        process.close()
    assert not process.is_alive()


def test_an_editor_killed_while_sending_leaves_the_child_quietly(pm, make_submission):
    import io
    import pickle

    whole = pickle.dumps((1, make_submission(organisation="Northmoor")), protocol=pickle.HIGHEST_PROTOCOL)
    sink = io.BytesIO()
    serve(plugin_modules(pm), source=io.BytesIO(whole[: len(whole) // 2]), sink=sink)  # returns, no traceback
    assert sink.getvalue() == b""

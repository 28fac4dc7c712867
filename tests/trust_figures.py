"""The figures the trust tests report: kill rounds, remarks written and lost, bad inputs.

Tests add numbers with :func:`record` (a JSON file per call, so it works across
pytest-xdist workers); bad-input tests are counted from the test reports, by marker
(``@pytest.mark.bad_input``, in the trust tests) or by name (the earlier tests that
already tried bad input, listed in :data:`EARLIER_BAD_INPUT_TESTS`). The sum is
printed at the end of the run and written to ``summary.json`` in the figures folder.

The hooks are imported by ``conftest.py``.
"""

from __future__ import annotations

import json
import os
import tempfile
import uuid
from pathlib import Path

import pytest

FIGURES_ENV = "SPIEGEL_TRUST_FIGURES"

#: Tests written before the trust work that each try one (or, parametrized, several)
#: bad inputs; every passing case counts. Node id prefixes.
EARLIER_BAD_INPUT_TESTS = (
    "tests/test_meetingfile.py::test_bad_field_is_refused_naming_the_field",
    "tests/test_meetingfile.py::test_truncated_file_is_refused",
    "tests/test_meetingfile.py::test_file_that_is_not_utf8_is_refused",
    "tests/test_meetingfile.py::test_missing_file_and_folder",
    "tests/test_meetingfile.py::test_control_characters_are_cleaned_and_reported",
    "tests/test_meetingfile.py::test_unknown_fields_are_reported_not_silently_dropped",
    "tests/test_store.py::test_newer_database_is_refused_untouched",
    "tests/test_store.py::test_corrupt_database_is_refused_untouched",
    "tests/test_store.py::test_foreign_database_is_refused",
    "tests/test_store.py::test_read_only_database_is_refused_by_access_check",
    "tests/test_store.py::test_directory_as_database_is_refused",
    "tests/test_store.py::test_missing_folder_is_refused_without_create",
    "tests/test_cli.py::test_bad_file_changes_nothing",
    "tests/test_cli.py::test_unwritable_db_paths",
    "tests/test_cli.py::test_export_refuses_to_overwrite_without_force",
    "tests/test_cli.py::test_export_to_missing_folder_and_unknown_meeting",
    "tests/test_cli.py::test_installed_command_prints_no_traceback",
    "tests/test_capture_typing.py::test_pasted_control_characters_are_cleaned",
    "tests/test_terminal_input.py::test_latin1_bytes_become_the_letters_meant",
    "tests/test_export_docx.py::test_control_characters_never_crash",
    "tests/test_export_docx.py::test_unusable_template",
)

_bad_inputs_passed: list[str] = []
_bad_inputs_failed: list[str] = []


def figures_dir() -> Path:
    folder = os.environ.get(FIGURES_ENV)
    if not folder:  # a test module run without this plugin's configure hook
        folder = tempfile.mkdtemp(prefix="spiegel-trust-")
        os.environ[FIGURES_ENV] = folder
    return Path(folder)


def record(**numbers: int) -> None:
    """Add ``numbers`` (e.g. ``rounds_killed=10``) to this run's figures."""
    path = figures_dir() / f"figures-{uuid.uuid4().hex}.json"
    path.write_text(json.dumps(numbers), encoding="utf-8")


def summary(folder: Path) -> dict[str, int]:
    totals: dict[str, int] = {}
    for path in sorted(folder.glob("figures-*.json")):
        for key, value in json.loads(path.read_text(encoding="utf-8")).items():
            totals[key] = totals.get(key, 0) + int(value)
    return totals


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "bad_input: a test that feeds Spiegel one bad input")
    if not _is_worker(config):
        # Set before xdist starts its workers, which inherit the environment.
        os.environ[FIGURES_ENV] = tempfile.mkdtemp(prefix="spiegel-trust-")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when != "call" and not (report.when == "setup" and report.failed):
        return
    counted = "bad_input" in report.keywords or report.nodeid.startswith(EARLIER_BAD_INPUT_TESTS)
    if counted:
        (_bad_inputs_passed if report.passed else _bad_inputs_failed).append(report.nodeid)


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if _is_worker(config):
        return
    folder = figures_dir()
    totals = summary(folder)
    totals["bad_inputs_tried"] = len(_bad_inputs_passed) + len(_bad_inputs_failed)
    totals["bad_inputs_passed"] = len(_bad_inputs_passed)
    if not any(totals.values()):
        return
    (folder / "summary.json").write_text(json.dumps(totals, indent=2), encoding="utf-8")
    terminalreporter.write_sep("-", "Spiegel trust figures")
    terminalreporter.write_line(
        "kill -9 rounds: {rounds_killed}, remarks written: {remarks_written}, "
        "remarks lost: {remarks_lost}; hang-ups: {hangups} (remarks written "
        "{hangup_remarks_written}, lost {hangup_remarks_lost}); two note-takers: "
        "{two_takers_remarks} remarks; bad inputs tried: {bad_inputs_tried} "
        "({bad_inputs_passed} passed)".format_map(_Zero(totals))
    )
    if totals.get("key_stream_examples") or totals.get("key_stream_pilot_examples"):
        terminalreporter.write_line(
            "generated key streams: {key_stream_examples} examples in a real terminal "
            "({key_stream_steps} steps, {key_stream_bursts} bursts, {key_stream_pastes} "
            "pastes, {key_stream_resizes} resizes, {key_stream_stops} stop/continue), "
            "{key_stream_pilot_examples} at Pilot level ({key_stream_pilot_steps} steps); "
            "bursts checked: {burst_remarks_checked} remarks; stop/continue under load: "
            "{stop_continue_rounds} rounds; resizes while typing: "
            "{resizes_while_typing}".format_map(_Zero(totals))
        )
    terminalreporter.write_line(f"(all figures: {folder / 'summary.json'})")


class _Zero(dict):
    def __missing__(self, key: str) -> int:
        return 0

"""The `caveat` command as a user runs it: real files, stdin, exit codes, JSON that validates."""
import json
import subprocess
import sys
from importlib import resources

import pytest

EXAMPLE = str(resources.files("caveat.annotator").joinpath("examples/celebrity-stem-cells.html"))


def caveat(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "caveat.annotator", *args], input=stdin, capture_output=True)


def test_annotate_prints_json_that_validates(output_validator):
    out = caveat("annotate", EXAMPLE)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    output_validator.validate(result)
    assert result["highlights"] and set(result["treatments"]) == {h["treatment"] for h in result["highlights"]}


def test_annotate_reads_stdin(output_validator):
    out = caveat("annotate", "-", stdin=b"<p>He drank MMS, a bleach, and took colloidal silver.</p>")
    assert out.returncode == 0
    result = json.loads(out.stdout)
    output_validator.validate(result)
    assert [h["treatment"] for h in result["highlights"]] == ["chlorine-dioxide", "colloidal-silver"]


def test_nothing_found_is_said_plainly_and_exits_zero():
    out = caveat("annotate", "--format", "text", "-", stdin=b"<p>The weather was lovely in May.</p>")
    assert out.returncode == 0
    assert out.stdout.decode().strip() == "Caveat found no treatments it knows in this page."
    empty = caveat("annotate", "-", stdin=b"")
    assert empty.returncode == 0 and json.loads(empty.stdout)["highlights"] == []


def test_text_format_has_treatment_level_and_context():
    out = caveat("annotate", "--format", "text", EXAMPLE).stdout.decode()
    assert out.splitlines()[0].split() == ["TREATMENT", "LEVEL", "FOR", "WHERE"]
    assert "Not medical advice" in out


@pytest.mark.parametrize("args, message", [
    (("annotate", "/no/such/file.html"), "No such file"),
    (("annotate", "--kb", "/no/such/kb", EXAMPLE), "not a folder"),
    (("annotate",), "the following arguments are required: file"),
    (("frobnicate",), "invalid choice"),
    (("annotate", "--format", "xml", EXAMPLE), "invalid choice"),
])
def test_usage_errors_exit_2_with_one_clear_line(args, message):
    out = caveat(*args)
    assert out.returncode == 2
    err = out.stderr.decode()
    assert message in err and "Traceback" not in err


def test_binary_and_huge_input_do_not_crash():
    assert caveat("annotate", "-", stdin=bytes(range(256)) * 4000).returncode == 0
    page = ("<p>" + "ordinary words about gardening " * 30 + "</p>\n") * 12_000  # ~11 MB
    out = caveat("annotate", "-", stdin=page.encode())
    assert out.returncode == 0 and json.loads(out.stdout)["highlights"] == []


def test_kb_stats_counts_every_entry(kb):
    out = caveat("kb", "stats")
    assert out.returncode == 0
    assert out.stdout.decode().startswith(f"{len(kb)} entries, ")


def test_python_m_and_console_script_agree():
    script = subprocess.run([sys.executable, "-c", "from caveat.annotator.cli import main; raise SystemExit(main(['kb', 'stats']))"],
                            capture_output=True)
    assert script.stdout == caveat("kb", "stats").stdout


def test_version():
    out = caveat("--version")
    assert out.returncode == 0 and out.stdout.decode().startswith("caveat ")


def test_a_reader_that_stops_early_gets_no_error():
    page = ("<p>" + "She took ivermectin for covid and colloidal silver for a cold. " * 50 + "</p>") * 40
    proc = subprocess.Popen([sys.executable, "-m", "caveat.annotator", "annotate", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdin.write(page.encode())
    proc.stdin.close()
    proc.stdout.readline()  # like `| head -1`
    proc.stdout.close()
    assert proc.wait(timeout=120) == 0
    assert proc.stderr.read() == b""

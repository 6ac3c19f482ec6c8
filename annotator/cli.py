"""The `caveat` command. Exit codes: 0 ok, 1 problems found, 2 usage or input error (one line on stderr)."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, NoReturn

from . import batch_cli
from .annotate import annotate
from .errors import AnnotatorError, KnowledgeBaseError
from .evaluation import evaluate, format_report
from .kb import KnowledgeBase, bundled_kb_path, read_kb
from .kb_examples import check_examples
from .report import format_text, stats_table
from .scaffold import new_entry


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2, as for every other usage error
        self.exit(2, f"caveat: {message} (see 'caveat --help')\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="caveat", description="Evidence-based warnings next to health treatments.")
    p.add_argument("--version", action="version", version=f"caveat {metadata.version('caveat')}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    a = sub.add_parser("annotate", help="find treatments in an HTML page (FILE, or - for stdin)")
    a.add_argument("file")
    a.add_argument("--kb", help="knowledge-base folder (default: the bundled one)")
    a.add_argument("--format", choices=["json", "text"], default="json")
    e = sub.add_parser("eval", help="score Caveat on a labelled corpus: recall, precision, verdicts, every miss")
    e.add_argument("corpus", nargs="?", default="tests/corpus", help="corpus folder (default: tests/corpus)")
    e.add_argument("--kb", help="knowledge-base folder (default: the bundled one)")
    e.add_argument("--json", action="store_true", help="print the scores and findings as JSON")
    e.add_argument("--split", choices=["all", "tune", "heldout"], default="all",
                   help="whose misses and false positives to list (default: all)")
    b = sub.add_parser("batch", help="annotate a corpus (HTML, folders, WARC, JSON Lines) into Parquet, JSON Lines or CSV")
    batch_cli.add_arguments(b)
    kb = sub.add_parser("kb", help="check, count or add knowledge-base entries")
    kbsub = kb.add_subparsers(dest="kb_command", required=True, parser_class=_Parser)
    c = kbsub.add_parser("check", help="validate every entry; print each problem as file:line: field: message")
    c.add_argument("path", nargs="?")
    c.add_argument("--today", type=dt.date.fromisoformat, help="date to judge 'reviewed' against (YYYY-MM-DD)")
    s = kbsub.add_parser("stats", help="entries by category, evidence, risk and level")
    s.add_argument("path", nargs="?")
    s.add_argument("--markdown", action="store_true", help="print the coverage table for docs/coverage.md")
    d = kbsub.add_parser("diff", help="what the working KB changes against a base, over the labelled corpus and "
                                      "any folders given; exit 1 when it does worse on the labelled corpus")
    d.add_argument("folders", nargs="*", metavar="FOLDER", help="more pages to compare on (HTML, WARC, JSON Lines)")
    d.add_argument("--base", default="HEAD", help="a git revision (default: HEAD, the last commit) or a KB folder")
    d.add_argument("--kb", help="the working KB folder (default: the bundled one, annotator/kb in a checkout)")
    d.add_argument("--corpus", help="the labelled corpus (default: tests/corpus of the working KB's checkout)")
    d.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    n = kbsub.add_parser("new", help="write a new entry file to fill in")
    n.add_argument("name")
    n.add_argument("--kb", help="knowledge-base folder (default: ./annotator/kb, in a checkout)")
    for name in sorted(_plugins()):
        sub.add_parser(name, help=f"see 'caveat {name} --help'", add_help=False)
    return p


def _plugins() -> dict[str, metadata.EntryPoint]:
    """Subcommands other packages register under the `caveat.commands` entry point (the server's `serve`), so the
    library never imports them: each is loaded only when it is run."""
    return {ep.name: ep for ep in metadata.entry_points(group="caveat.commands")}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    plugin = _plugins().get(argv[0]) if argv else None
    if plugin is not None:
        command: Callable[[list[str]], int] = plugin.load()
        return command(argv[1:])
    args = _parser().parse_args(argv)
    try:
        if args.command == "annotate":
            return _annotate(args)
        if args.command == "eval":
            return _eval(args)
        if args.command == "batch":
            return batch_cli.run(args)
        return {"check": _check, "stats": _stats, "new": _new, "diff": _diff}[args.kb_command](args)
    except KnowledgeBaseError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"caveat: the knowledge base has {len(exc.problems)} error(s); run 'caveat kb check' on it",
              file=sys.stderr)
        return 2
    except BrokenPipeError:  # `caveat annotate ... | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python flushes
        return 0
    except (AnnotatorError, OSError) as exc:
        print(f"caveat: {exc}", file=sys.stderr)
        return 2


def _annotate(args: argparse.Namespace) -> int:
    kb = KnowledgeBase.load(args.kb)
    page = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    result = annotate(page, kb)
    if args.format == "text":
        print(format_text(result))
    else:
        json.dump(result.to_dict(with_text=True), sys.stdout, ensure_ascii=False, indent=2)
        print()
    return 0


def _eval(args: argparse.Namespace) -> int:
    if not Path(args.corpus).is_dir():
        raise AnnotatorError(f"{args.corpus}: not a corpus folder (see tests/corpus/README.md)")
    kb = KnowledgeBase.load(args.kb)
    scores, errors = evaluate(args.corpus, kb)
    if args.json:
        out: dict[str, Any] = {name: s.to_dict() for name, s in scores.items()}
        out["findings"] = [vars(f) for f in scores[args.split].findings]
        out["errors"] = errors
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(format_report(scores, kb, args.corpus, args.split))
    for error in errors:
        print(f"caveat eval: {error}", file=sys.stderr)
    return 1 if errors else 0


def _check(args: argparse.Namespace) -> int:
    files = read_kb(args.path, args.today)
    problems = files.problems
    if not any(p.severity == "error" for p in problems):  # the examples need a KB that loads
        folder = Path(args.path) if args.path else bundled_kb_path()
        problems = sorted(problems + check_examples(KnowledgeBase.from_files(files, folder), folder))
    for problem in problems:
        print(problem)
    errors = sum(p.severity == "error" for p in problems)
    print(f"{len(files.entries)} entries, {errors} error(s), {len(problems) - errors} warning(s)",
          file=sys.stderr)
    return 1 if errors else 0


def _stats(args: argparse.Namespace) -> int:
    print(stats_table(KnowledgeBase.load(args.path), markdown=args.markdown))
    return 0


def _new(args: argparse.Namespace) -> int:
    """Writes into --kb, or into ./annotator/kb of the checkout you stand in; never into the installed package,
    where an edit would vanish with the next install."""
    folder = Path(args.kb) if args.kb else Path("annotator", "kb")
    if not folder.is_dir():
        raise AnnotatorError(f"{folder}: no such knowledge-base folder; run this in a Caveat checkout or give --kb")
    path = new_entry(args.name, folder)
    print(f"wrote {path}: fill in every TODO, then run 'caveat kb check'")
    return 0


def _diff(args: argparse.Namespace) -> int:
    from .kb_diff import run_diff
    from .kb_diff_report import format_markdown, format_text, to_json

    result = run_diff(args.base, args.kb, args.corpus, args.folders)
    if args.format == "json":
        json.dump(to_json(result), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print((format_markdown if args.format == "markdown" else format_text)(result))
    return 1 if result.worse else 0

"""The Typer application every command module registers on, and what the commands share.

- **One place for usage errors.** :class:`PlainErrors` runs every command and prints each
  usage error as one plain line on standard error, ``claimtracker validate: error: ...``,
  exit 2: never a Rich box, never wrapped to the terminal's width, so a pipeline's log
  and a test read the same text on any terminal. Commands report a usage error by raising
  :func:`usage_error` (or ``typer.BadParameter``); a project that cannot be found or a
  ``claimtracker.toml`` that cannot be read end the same way.
- **The data root**: ``--root`` (:data:`RootOption`) when given, else ``$CLAIMTRACKER_ROOT``,
  else the nearest folder upwards holding ``claimtracker.toml`` (:func:`project_root`).
- **Fast start**: this module and the command modules import only the standard library,
  Typer and the package's light modules at the top; each command imports what it needs
  (pydantic models, pandas, the verdict engine ...) when it runs, so ``--help`` and a
  pre-commit hook do not pay for what they do not use (``tests/test_startup.py``).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer.core import TyperGroup

from claimtracker.paths import CONFIG_FILE, ROOT_ENV, find_root
from claimtracker.problems import ConfigError, ProjectNotFound

if TYPE_CHECKING:
    from claimtracker.config import Config
    from claimtracker.store import Corpus

PROG = "claimtracker"
USAGE_EXIT = 2


def _sentence(message: str) -> str:
    """A click message in the house style: lower-case start, no full stop."""
    message = message.strip().rstrip(".")
    if len(message) > 1 and message[0].isupper() and not message[1].isupper():
        message = message[0].lower() + message[1:]
    return message


def print_error(prog: str, message: str) -> None:
    """``prog: error: message`` on standard error: an indented line (click lists choices
    that way) joins the line before it; each other line (one per bad setting of a config
    file) is a line of its own, with the same prefix."""
    lines: list[str] = []
    for raw in message.splitlines():
        if raw[:1].isspace() and lines:
            lines[-1] = f"{lines[-1]} {raw.strip()}"
        elif raw.strip():
            lines.append(" ".join(raw.split()))
    for line in lines or [""]:
        typer.echo(f"{prog}: error: {line}", err=True)


def usage_error(message: str) -> UsageError:
    """The exception a command raises for a usage error (exit 2); raise what it returns."""
    return UsageError(message)


class PlainErrors(TyperGroup):
    """The top-level group: runs the command and turns every error meant for the user into
    plain ``prog: error: message`` lines (see the module docstring)."""

    def _prog(self, prog_name: str | None, args: Sequence[str] | None) -> str:
        prog = prog_name or PROG
        words = list(sys.argv[1:] if args is None else args)
        command = next((w for w in words if not w.startswith("-")), None)
        return f"{prog} {command}" if command in self.commands else prog

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )
        try:
            result = super().main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )
        except NoArgsIsHelpError as exc:
            exc.show()  # the help text, as `claimtracker` alone asks for it
            sys.exit(exc.exit_code)
        except ClickException as exc:
            ctx = getattr(exc, "ctx", None)
            prog = ctx.command_path if ctx is not None else self._prog(prog_name, args)
            print_error(prog, _sentence(exc.format_message()))
            sys.exit(exc.exit_code)
        except (ProjectNotFound, ConfigError) as exc:
            print_error(self._prog(prog_name, args), str(exc))
            sys.exit(USAGE_EXIT)
        except typer.Abort:
            print_error(self._prog(prog_name, args), "aborted")
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


app = typer.Typer(
    name=PROG,
    cls=PlainErrors,
    help="Track health and fitness claims, the studies that test them, and verdicts with reasons.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help=(
            f"The data root [default: ${ROOT_ENV}, else the nearest folder upwards from "
            f"here holding {CONFIG_FILE}, or claims/ and studies/]"
        ),
        file_okay=False,
        show_default=False,
    ),
]


def project_root(root: Path | None, start: Path | None = None) -> Path:
    """The data root: ``root`` (``--root``) when given, else found from ``start`` (default:
    the working folder) as :func:`claimtracker.paths.find_root` does. A usage error when
    ``--root`` is not a folder or no project is found."""
    if root is not None:
        if not root.is_dir():
            raise typer.BadParameter(f"no such folder: {root}", param_hint="--root")
        return root.resolve()
    try:
        return find_root(start)
    except ProjectNotFound as exc:
        raise usage_error(str(exc)) from None


def project_config(root: Path) -> Config:
    """``claimtracker.toml`` of ``root``; a usage error (every bad line) when it is wrong."""
    from claimtracker.config import load_config

    try:
        return load_config(root)
    except ConfigError as exc:
        raise usage_error(str(exc)) from None


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``error: message`` on standard error and exit with ``code`` (not a usage error)."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def load_records(root: Path) -> Corpus:
    """The records under ``root``; a warning on stderr if any has problems."""
    from claimtracker.store import load_corpus

    corpus = load_corpus(root)
    if corpus.problems:
        typer.echo(
            f"warning: {len(corpus.problems)} problems in the data; records with errors are left out "
            "(run: claimtracker validate)",
            err=True,
        )
    return corpus

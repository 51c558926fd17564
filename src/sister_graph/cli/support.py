"""The command line's plumbing: one error line per problem, an option per setting, progress.

Errors follow the project's one hierarchy (errors.SisterGraphError): its message and problems,
exit 1; an unexpected exception is one line and exit 70 (SISTER_GRAPH_DEBUG=1 shows the
traceback). Options come from the settings table (settings.SETTINGS).
"""

from __future__ import annotations

import os

import click

from sister_graph.errors import SisterGraphError
from sister_graph.settings import DEBUG_VARIABLE, SETTINGS, Config, Setting, load_config

EXIT_FAILED = 1


class CommandGroup(click.Group):
    """Translates SisterGraphError into one clear line per problem and a non-zero exit."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SisterGraphError as err:
            click.secho(f"error: {err.message}", fg="red", err=True)
            for problem in err.problems:
                click.echo(f"  {problem}", err=True)
            ctx.exit(EXIT_FAILED)
        except (ValueError, OSError) as err:
            click.secho(f"error: {err}", fg="red", err=True)
            ctx.exit(EXIT_FAILED)
        except click.exceptions.Exit:
            raise
        except click.NoSuchOption as err:
            raise one_line(self._misplaced(ctx, err) or err) from None
        except click.UsageError as err:
            raise one_line(err) from None
        except (click.ClickException, click.Abort):
            raise
        except Exception as err:  # noqa: BLE001 - a bug: say so in one line, exit 70
            if os.environ.get(DEBUG_VARIABLE):
                raise
            click.secho(
                f"internal error: {type(err).__name__}: {err} "
                f"(set {DEBUG_VARIABLE}=1 for the traceback)",
                fg="red",
                err=True,
            )
            ctx.exit(70)
        except KeyboardInterrupt:
            kept = "; dist/ was left as it was" if ctx.invoked_subcommand == "build" else ""
            click.secho(f"interrupted{kept}", fg="red", err=True)
            ctx.exit(130)

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.NoSuchOption as err:  # a command's option written before the command
            takes = [
                name
                for name, command in self.commands.items()
                if any(err.option_name in getattr(p, "opts", ()) for p in command.params)
            ]
            if takes:
                err = click.UsageError(
                    f"{err.option_name} is an option of {', '.join(takes)}: write it after the "
                    f"command (sister-graph {takes[0]} {err.option_name} …)",
                    err.ctx,
                )
            raise one_line(err) from None
        except click.UsageError as err:  # the group's own options and arguments
            raise one_line(err) from None

    def _misplaced(self, ctx: click.Context, err: click.NoSuchOption) -> click.UsageError | None:
        """The error for an option of the group written after the command, or None."""
        for param in self.params:
            if err.option_name in getattr(param, "opts", ()):
                command = ctx.invoked_subcommand or "COMMAND"
                return click.UsageError(
                    f"{err.option_name} is an option of sister-graph itself: write it before "
                    f"the command (sister-graph {err.option_name} … {command} …)",
                    err.ctx,
                )
        return None


def one_line(err: click.UsageError) -> click.UsageError:
    """Make a usage error show itself in one line, naming the help to read (click says it in
    three: 'Usage: ...', 'Try ... --help', 'Error: ...'); exit status 2 as click's. The error
    stays click's own class (the project's error classes are errors.py's alone)."""

    def show(file=None) -> None:
        command = err.ctx.command_path if err.ctx else "sister-graph"
        click.echo(f"error: {err.format_message()} (see '{command} --help')", err=True)

    err.show = show
    return err


def _help(setting: Setting) -> str:
    return f"{setting.help} [env {setting.env}; default {setting.shown_default()}]"


def setting_options(command: str):
    """Add a CLI option for every setting the table gives this command ("" is the group).

    Options take the raw text; `load_config` checks it exactly as it checks the variable.
    """

    def decorate(function):
        for setting in reversed([s for s in SETTINGS if command in s.commands]):
            if setting.type is bool:
                flag = setting.cli_option.removeprefix("--")
                decls = (f"{setting.cli_option}/--no-{flag}", setting.name)
                kwargs = {"default": None}
            else:
                decls = (setting.cli_option, setting.name)
                kwargs = {"metavar": setting.allowed().upper().replace(" ", ":")}
            function = click.option(*decls, help=_help(setting), **kwargs)(function)
        return function

    return decorate


def config_from(ctx: click.Context, **options) -> Config:
    return load_config(cli={**ctx.obj, **options})


def progress(message: str) -> None:
    click.echo(f"· {message}", err=True)

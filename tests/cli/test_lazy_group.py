"""The commands kept in modules of their own: each is found under its name, and a command that
does not need them does not import them (nor the libraries they bring)."""

import subprocess
import sys

import click
import pytest

from csn.cli.main import COMMANDS_IN_MODULES, cli


@pytest.mark.parametrize("name", sorted(COMMANDS_IN_MODULES))
def test_each_command_kept_in_a_module_is_found_under_its_name(name):
    with click.Context(cli) as context:
        command = cli.get_command(context, name)
        assert isinstance(command, click.Command) and command.name == name
        assert name in cli.list_commands(context)


def test_a_command_named_wrongly_in_the_table_is_an_error_not_another_command():
    group = type(cli)(name="g", lazy={"show": "csn.cli.main:check"})
    with click.Context(group) as context, pytest.raises(TypeError, match="is not the command 'show'"):
        group.get_command(context, "show")


def test_the_command_line_alone_imports_neither_the_matcher_nor_the_web_server():
    script = (
        "import sys\n"
        "import csn.cli.main\n"
        "print(sorted(m for m in ('rigour', 'csn.web', 'starlette', 'pandas', 'csn.cli.resolve_command')"
        " if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"

"""The Jinja2 environment template packs render in: the sandbox (no code execution) plus budgets on
what a template can make the machine do, and a loader that stays inside its pack.

Jinja2's SandboxedEnvironment blocks attribute tricks but not cost: `{{ 'x' * 10**9 }}`, nested
`range(99999)` loops, `center(10**9)` or a `%1000000000s` format each take gigabytes or hours.
Budgets here: sequence repetition and powers are checked before they are computed; every for loop
counts its iterations against one budget per render; width and repeat arguments of the string
filters and methods are bounded; output is streamed and stopped at a size; `lipsum` is gone.
Over a budget: a SecurityError whose message names the budget, which templating turns into one
Chinese sentence with the file and line.
"""

from __future__ import annotations

import math
import operator
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

MAX_SEQUENCE = 100_000  # characters or items a repetition may make
MAX_ITERATIONS = 1_000_000  # loop steps in one render of a pack
MAX_OUTPUT_CHARS = 1_000_000  # characters one template file may render
MAX_WIDTH = 10_000  # width / count arguments of center, indent, wordwrap, zfill, format …
MAX_NUMBER_DIGITS = 30  # results of ** stay below 10^30

_WIDE_FORMAT = re.compile(r"%[-#0 +]*(?:\*|\d{5,})|\{[^{}]*:[^{}]*\d{5,}[^{}]*\}|\{[^{}]*:[^{}]*\{")
_WIDTH_METHODS = {"center", "ljust", "rjust", "zfill", "expandtabs"}


class TemplateBudgetError(SecurityError):
    """A template asked for more than a report needs; the message names the budget (in Chinese)."""


def _length(value: Any) -> int | None:
    return len(value) if isinstance(value, str | bytes | list | tuple) else None


def _check_repeat(left: Any, right: Any) -> None:
    for sequence, count in ((left, right), (right, left)):
        size = _length(sequence)
        if size is not None and isinstance(count, int) and size * max(count, 0) > MAX_SEQUENCE:
            raise TemplateBudgetError(f"重复生成的文字超过 {MAX_SEQUENCE} 字的上限")


def _check_power(base: Any, exponent: Any) -> None:
    numbers = isinstance(base, int | float) and isinstance(exponent, int | float)
    if numbers and abs(base) > 1 and exponent > 0 and exponent * math.log10(abs(base)) > MAX_NUMBER_DIGITS:
        raise TemplateBudgetError(f"乘方的结果超过 {MAX_NUMBER_DIGITS} 位数的上限")


def _check_format(pattern: Any) -> None:
    if isinstance(pattern, str) and _WIDE_FORMAT.search(pattern):
        raise TemplateBudgetError(f"格式宽度超过 {MAX_WIDTH} 的上限")


def _check_widths(args: Iterable[Any]) -> None:
    if any(isinstance(a, int) and not isinstance(a, bool) and abs(a) > MAX_WIDTH for a in args):
        raise TemplateBudgetError(f"宽度或次数参数超过 {MAX_WIDTH} 的上限")


def _check_replace(text: Any, old: Any, new: Any, count: Any = -1) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        hits = text.count(old) if old else len(text) + 1
        if isinstance(count, int) and count >= 0:
            hits = min(hits, count)
        if len(text) + hits * (len(new) - len(old)) > MAX_SEQUENCE:
            raise TemplateBudgetError(f"替换后的文字超过 {MAX_SEQUENCE} 字的上限")


def _bounded_filter(original: Callable[..., Any]) -> Callable[..., Any]:
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _check_widths([*args[1:], *kwargs.values()])
        return original(*args, **kwargs)

    bounded.__name__ = getattr(original, "__name__", "filter")
    return bounded


class BudgetedSandbox(SandboxedEnvironment):
    """SandboxedEnvironment with the budgets above; one instance renders one pack."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.iterations = 0
        self.globals.pop("lipsum", None)
        self.globals["range"] = self._range
        self.globals["rw_budget_iter"] = self._budget_iter
        for name in ("center", "indent", "wordwrap", "truncate", "filesizeformat"):
            if name in self.filters:
                self.filters[name] = _bounded_filter(self.filters[name])
        original_format, original_replace = self.filters["format"], self.filters["replace"]

        def safe_format(value: Any, *args: Any, **kwargs: Any) -> Any:
            _check_format(value)
            return original_format(value, *args, **kwargs)

        def safe_replace(eval_ctx: Any, value: Any, old: Any, new: Any, count: Any = None) -> Any:
            _check_replace(str(value), str(old), str(new), -1 if count is None else count)
            return original_replace(eval_ctx, value, old, new, count)

        safe_replace.jinja_pass_arg = original_replace.jinja_pass_arg  # type: ignore[attr-defined]
        self.filters["format"], self.filters["replace"] = safe_format, safe_replace

    # -- loops: every for loop's iterable passes through _budget_iter (added to the parsed tree) --

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            call = nodes.Call(nodes.Name("rw_budget_iter", "load"), [loop.iter], [], None, None)
            call.set_lineno(loop.lineno)
            call.set_environment(self)
            loop.iter = call
        return tree

    def _budget_iter(self, iterable: Any) -> Iterator[Any]:
        for item in iterable:
            self.iterations += 1
            if self.iterations > MAX_ITERATIONS:
                raise TemplateBudgetError(f"循环次数超过 {MAX_ITERATIONS} 次的上限")
            yield item

    def _range(self, *args: int) -> range:
        numbers = range(*args)
        if len(numbers) > MAX_SEQUENCE:
            raise TemplateBudgetError(f"range 的长度超过 {MAX_SEQUENCE} 的上限")
        return numbers

    # -- operators and method calls --

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "*":
            _check_repeat(left, right)
            return operator.mul(left, right)
        if operator_name == "**":
            _check_power(left, right)
            return operator.pow(left, right)
        if operator_name == "%":
            _check_format(left)
            return operator.mod(left, right)
        return super().call_binop(context, operator_name, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        if isinstance(owner, str):
            if name in _WIDTH_METHODS:
                _check_widths([*args, *kwargs.values()])
            elif name == "replace":
                _check_replace(owner, *args[:3])
            elif name == "join":
                items = list(args[0]) if args else []
                if len(owner) * len(items) + sum(len(str(i)) for i in items) > MAX_SEQUENCE * 10:
                    raise TemplateBudgetError(f"拼接的文字超过 {MAX_SEQUENCE * 10} 字的上限")
                return owner.join(items)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """str.format / format_map, as the sandbox wraps them on attribute access, with widths bounded."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        _check_format(value.__self__)
        return wrapped


def render_bounded(template: jinja2.Template, context: dict[str, Any]) -> str:
    """Render streaming, stopped as soon as the output passes MAX_OUTPUT_CHARS."""
    pieces: list[str] = []
    size = 0
    for piece in template.generate(context):
        size += len(piece)
        if size > MAX_OUTPUT_CHARS:
            raise TemplateBudgetError(f"生成的文字超过 {MAX_OUTPUT_CHARS // 10000} 万字的上限")
        pieces.append(piece)
    return "".join(pieces)


def inside(root: Path, candidate: Path) -> bool:
    """Whether `candidate`, through every symlink, is a file or folder within `root`."""
    try:
        return candidate.resolve(strict=True).is_relative_to(root.resolve(strict=True))
    except (OSError, RuntimeError):  # missing, or a symlink loop
        return False


class PackLoader(jinja2.FileSystemLoader):
    """FileSystemLoader that refuses a name resolving (through symlinks) outside the pack folder, so
    `{% include 'link' %}` with link -> /etc/passwd reads nothing."""

    def __init__(self, root: Path) -> None:
        super().__init__(str(root))
        self.root = root

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)
        candidate = self.root.joinpath(*pieces)
        if not inside(self.root, candidate):
            if candidate.is_symlink() or os.path.lexists(candidate):
                raise TemplateBudgetError(f"文件“{template}”链接到模板包以外，不能读取")
            raise jinja2.TemplateNotFound(template)
        return super().get_source(environment, template)

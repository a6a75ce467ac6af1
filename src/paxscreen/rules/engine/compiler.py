"""compile_rule: a CEL expression in, a checked CompiledRule out, or a RuleCompileError.

Three checks, in order:

1. Length: at most MAX_EXPRESSION_CHARS characters.
2. Syntax: `cel.compile` (the `common-expression-language` package, a binding of the Rust
   cel-interpreter). It reports syntax errors only as text ("ERROR: <input>:LINE:COL: ...",
   1-based, columns in characters); the position is read from that text.
3. The allowlist and types. The package offers no type checker and no field references:
   `Program.variables()` gives top-level names only (`traveller`, not `traveller.religion`),
   without positions, and evaluation needs the data. So this module carries a small
   tokenizer and parser of its own over the (already valid) CEL text. It resolves every
   field path against the context schema (context.py), including the variables bound by
   `exists`/`all`/`map`/`filter`, records where each name is, and infers types far enough
   to refuse a rule that cannot yield a bool. What it cannot verify, it refuses: this is an
   allowlist, so "unsupported" is the safe answer. As a cross-check, the names the package
   itself reports (`variables()`, `functions()`) must all be ones the checker accepted.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Final

import cel

from paxscreen.rules.engine.context import (
    FIELDS_BY_PATH,
    ROOTS,
    child_fields,
    is_sensitive_name,
)
from paxscreen.rules.engine.errors import CompileErrorKind, RuleCompileError
from paxscreen.rules.engine.evaluate import CompiledRule

MAX_EXPRESSION_CHARS: Final = 4_000
# Human-written rules do not nest deeper than this; the limit keeps the checker's recursion
# far below Python's limit (CEL's own parser stops at 96).
MAX_NESTING: Final = 32

_POSITION = re.compile(r"ERROR: <input>:(\d+):(\d+): ([^\n]*)")


def compile_rule(expression: str) -> CompiledRule:
    """Compile and check one rule expression. Raises RuleCompileError, nothing else."""
    if len(expression) > MAX_EXPRESSION_CHARS:
        line, column = _line_col(expression, MAX_EXPRESSION_CHARS)
        raise RuleCompileError(
            f"expression is {len(expression)} characters; the limit is {MAX_EXPRESSION_CHARS}",
            line,
            column,
            "too_long",
        )
    program = _cel_compile(expression)
    try:
        tree = _Parser(_tokenize(expression)).parse()
        checker = _Checker()
        result = checker.check(tree, {})
    except _Refusal as refusal:
        raise RuleCompileError(
            refusal.message, refusal.line, refusal.column, refusal.kind
        ) from None
    except RecursionError:
        raise RuleCompileError("expression is nested too deeply", 1, 1, "unsupported") from None
    if result.kind not in ("bool", "dyn"):
        raise RuleCompileError(
            f"a rule must yield a bool (true or false); this expression yields {result.kind}",
            tree.line,
            tree.column,
            "type",
        )
    _cross_check(program, checker)
    return CompiledRule(expression, program, tuple(sorted(checker.fields)))


# --- the CEL package ------------------------------------------------------------------------


def _cel_compile(expression: str) -> cel.Program:
    try:
        return cel.compile(expression)
    except BaseException as exc:
        # Syntax errors are ValueError; a Rust panic would be pyo3's PanicException (a
        # BaseException). Everything but the interpreter's own exits becomes a compile error.
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise _syntax_error(expression, str(exc)) from None


def _syntax_error(expression: str, text: str) -> RuleCompileError:
    # The text starts "Failed to parse expression '<source>': "; skip the echoed source so
    # that an "ERROR: <input>:..." inside a string literal cannot be mistaken for the report.
    prefix = f"Failed to parse expression '{expression}': "
    report = text[len(prefix) :] if text.startswith(prefix) else text
    match = _POSITION.search(report)
    if match is None:
        return RuleCompileError(_first_line(report) or "invalid expression", 1, 1, "syntax")
    line, column, message = int(match[1]), int(match[2]), match[3]
    if "Recursion limit" in message:
        message = "expression is nested too deeply"
    if line < 1 or column < 1:
        # Some macro errors come without a position ("<input>:0:0: invalid argument to has()
        # macro"); the checker's own parse usually finds where the problem is.
        line, column = _locate(expression)
    return RuleCompileError(message, line, column, "syntax")


def _locate(expression: str) -> tuple[int, int]:
    try:
        _Checker().check(_Parser(_tokenize(expression)).parse(), {})
    except _Refusal as refusal:
        return refusal.line, refusal.column
    except RecursionError:
        pass
    return 1, 1


def _cross_check(program: cel.Program, checker: _Checker) -> None:
    for name in program.variables():
        if name not in checker.names:
            raise RuleCompileError(f"cannot verify the use of {name!r}", 1, 1, "unsupported")
    for name in program.functions():
        # operators are reported as `_+_`, `!_`, `@in`: only named functions are checked
        if _IDENT.fullmatch(name) and name not in checker.functions:
            raise RuleCompileError(f"cannot verify the call of {name!r}", 1, 1, "unsupported")


# --- tokens ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # ident, int, uint, double, string, bytes, op, eof
    text: str
    line: int
    column: int


class _Refusal(Exception):
    def __init__(self, message: str, line: int, column: int, kind: CompileErrorKind) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.kind: CompileErrorKind = kind


_NUMBER = re.compile(
    r"0[xX][0-9a-fA-F]+(?P<hu>[uU])?"
    r"|(?:\d+\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|\.\d+(?:[eE][+-]?\d+)?)(?P<f>)"
    r"|\d+(?P<u>[uU])?"
)
_IDENT = re.compile(r"[_a-zA-Z][_a-zA-Z0-9]*")
_OPERATORS = ("&&", "||", "==", "!=", "<=", ">=", *"<>!-+*/%?:.,()[]{}")
_STRING_PREFIXES = frozenset({"r", "R", "b", "B", "rb", "rB", "Rb", "RB", "br", "bR", "Br", "BR"})


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, line, line_start = 0, 1, 0
    n = len(text)
    while i < n:
        ch = text[i]
        column = i - line_start + 1
        if ch == "\n":
            i, line, line_start = i + 1, line + 1, i + 1
            continue
        if ch in " \t\r\f\v":
            i += 1
            continue
        if text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        ident = _IDENT.match(text, i)
        if ident is not None:
            word = ident.group()
            after = ident.end()
            if word in _STRING_PREFIXES and after < n and text[after] in "\"'":
                end, newlines, last_nl = _scan_string(text, after, raw="r" in word.lower())
                kind = "bytes" if "b" in word.lower() else "string"
                tokens.append(_Token(kind, text[i:end], line, column))
                if newlines:
                    line, line_start = line + newlines, last_nl + 1
                i = end
                continue
            tokens.append(_Token("ident", word, line, column))
            i = after
            continue
        if ch in "\"'":
            end, newlines, last_nl = _scan_string(text, i, raw=False)
            tokens.append(_Token("string", text[i:end], line, column))
            if newlines:
                line, line_start = line + newlines, last_nl + 1
            i = end
            continue
        number = _NUMBER.match(text, i)
        if number is not None and (ch.isdigit() or ch == "."):
            if number["f"] is not None:
                kind = "double"
            elif number["u"] or number["hu"]:
                kind = "uint"
            else:
                kind = "int"
            tokens.append(_Token(kind, number.group(), line, column))
            i = number.end()
            continue
        for op in _OPERATORS:
            if text.startswith(op, i):
                tokens.append(_Token("op", op, line, column))
                i += len(op)
                break
        else:
            raise _Refusal(f"unexpected character {ch!r}", line, column, "syntax")
    tokens.append(_Token("eof", "", line, n - line_start + 1))
    return tokens


def _scan_string(text: str, start: int, *, raw: bool) -> tuple[int, int, int]:
    """End offset of the string literal at `start`, and the newlines inside it."""
    quote = text[start]
    delimiter = quote * 3 if text.startswith(quote * 3, start) else quote
    i = start + len(delimiter)
    while i < len(text):
        if not raw and text[i] == "\\":
            i += 2
            continue
        if text.startswith(delimiter, i):
            end = i + len(delimiter)
            body = text[start:end]
            return end, body.count("\n"), start + body.rfind("\n")
        i += 1
    raise _Refusal("unterminated string", *_line_col(text, start), "syntax")


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _first_line(text: str) -> str:
    return text.strip().split("\n", 1)[0][:300]


# --- syntax tree ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Node:
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class _Literal(_Node):
    kind: str  # bool, int, uint, double, string, bytes, null


@dataclass(frozen=True, slots=True)
class _Ident(_Node):
    name: str


@dataclass(frozen=True, slots=True)
class _Select(_Node):  # operand.name; line/column point at `name`
    operand: _Node
    name: str


@dataclass(frozen=True, slots=True)
class _Index(_Node):
    operand: _Node
    index: _Node


@dataclass(frozen=True, slots=True)
class _Call(_Node):  # target.name(args) or name(args); line/column point at `name`
    target: _Node | None
    name: str
    args: tuple[_Node, ...]


@dataclass(frozen=True, slots=True)
class _Unary(_Node):
    ops: str  # prefix operators, outermost first: "!!", "-"
    operand: _Node


@dataclass(frozen=True, slots=True)
class _Binary(_Node):
    op: str
    left: _Node
    right: _Node


@dataclass(frozen=True, slots=True)
class _Conditional(_Node):
    condition: _Node
    then: _Node
    otherwise: _Node


@dataclass(frozen=True, slots=True)
class _List(_Node):
    items: tuple[_Node, ...]


_PRECEDENCE: Final[dict[str, int]] = {
    "||": 1,
    "&&": 2,
    **dict.fromkeys(("==", "!=", "<", "<=", ">", ">=", "in"), 3),
    "+": 4,
    "-": 4,
    "*": 5,
    "/": 5,
    "%": 5,
}


class _Parser:
    """Precedence climbing over CEL's grammar. Loops, not recursion, for operator chains."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0

    def parse(self) -> _Node:
        node = self.expr()
        self.expect_end()
        return node

    def peek(self) -> _Token:
        return self.tokens[self.pos]

    def next(self) -> _Token:
        token = self.tokens[self.pos]
        if token.kind != "eof":
            self.pos += 1
        return token

    def at(self, text: str) -> bool:
        token = self.peek()
        return token.text == text and token.kind in ("op", "ident")

    def expect(self, text: str) -> _Token:
        token = self.next()
        if token.text != text or token.kind not in ("op", "ident"):
            raise _Refusal(f"expected {text!r}", token.line, token.column, "syntax")
        return token

    def expect_end(self) -> None:
        token = self.peek()
        if token.kind != "eof":
            raise _Refusal(f"unexpected {token.text!r}", token.line, token.column, "syntax")

    def expr(self) -> _Node:
        self.depth += 1
        if self.depth > MAX_NESTING:
            token = self.peek()
            raise _Refusal(
                f"expression is nested deeper than {MAX_NESTING} levels",
                token.line,
                token.column,
                "unsupported",
            )
        condition = self.binary(1)
        if self.at("?"):
            self.next()
            then = self.expr()
            self.expect(":")
            otherwise = self.expr()
            condition = _Conditional(condition.line, condition.column, condition, then, otherwise)
        self.depth -= 1
        return condition

    def binary(self, min_precedence: int) -> _Node:
        left = self.unary()
        while True:
            token = self.peek()
            precedence = _PRECEDENCE.get(token.text) if token.kind in ("op", "ident") else None
            if precedence is None or precedence < min_precedence:
                return left
            self.next()
            right = self.binary(precedence + 1)
            left = _Binary(token.line, token.column, token.text, left, right)

    def unary(self) -> _Node:
        first = self.peek()
        ops = ""
        while self.at("!") or self.at("-"):
            ops += self.next().text
        operand = self.member()
        return _Unary(first.line, first.column, ops, operand) if ops else operand

    def member(self) -> _Node:
        node = self.primary()
        while True:
            if self.at("."):
                self.next()
                name = self.next()
                if name.kind != "ident":
                    raise _Refusal("expected a field name", name.line, name.column, "syntax")
                if self.at("("):
                    node = _Call(name.line, name.column, node, name.text, self.arguments(")"))
                else:
                    node = _Select(name.line, name.column, node, name.text)
            elif self.at("["):
                bracket = self.next()
                index = self.expr()
                self.expect("]")
                node = _Index(bracket.line, bracket.column, node, index)
            elif self.at("{"):
                token = self.peek()
                raise _Refusal(
                    "message construction is not supported in rules",
                    token.line,
                    token.column,
                    "unsupported",
                )
            else:
                return node

    def arguments(self, closing: str) -> tuple[_Node, ...]:
        self.next()  # the opening bracket
        items: list[_Node] = []
        while not self.at(closing):
            items.append(self.expr())
            if not self.at(","):
                break
            self.next()
        self.expect(closing)
        return tuple(items)

    def primary(self) -> _Node:
        token = self.peek()
        if token.kind in ("int", "uint", "double", "string", "bytes"):
            self.next()
            return _Literal(token.line, token.column, token.kind)
        if token.kind == "ident":
            self.next()
            if token.text in ("true", "false"):
                return _Literal(token.line, token.column, "bool")
            if token.text == "null":
                return _Literal(token.line, token.column, "null")
            if self.at("("):
                return _Call(token.line, token.column, None, token.text, self.arguments(")"))
            return _Ident(token.line, token.column, token.text)
        if token.text == "." and token.kind == "op":
            # CEL's `.name` (root scope) reaches the package as a variable called ".name",
            # which the activation never holds; refuse it rather than let the rule never fire.
            raise _Refusal(
                "a leading '.' is not supported; write the field path without it",
                token.line,
                token.column,
                "unsupported",
            )
        if token.text == "(" and token.kind == "op":
            self.next()
            inner = self.expr()
            self.expect(")")
            return inner
        if token.text == "[" and token.kind == "op":
            return _List(token.line, token.column, self.arguments("]"))
        if token.text == "{" and token.kind == "op":
            raise _Refusal(
                "map literals are not supported in rules", token.line, token.column, "unsupported"
            )
        raise _Refusal(
            f"unexpected {token.text or 'end of expression'!r}",
            token.line,
            token.column,
            "syntax",
        )


# --- types and the allowlist check ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Type:
    kind: str  # bool int uint double string bytes null object list dyn
    path: str | None = None  # the schema path a value was read from (objects: always)
    elem: _Type | None = None  # lists


_BOOL = _Type("bool")
_INT = _Type("int")
_UINT = _Type("uint")
_DOUBLE = _Type("double")
_STRING = _Type("string")
_DYN = _Type("dyn")
_NUMERIC = frozenset({"int", "uint", "double"})
_MACROS = frozenset({"all", "exists", "exists_one", "map", "filter"})
_STRING_METHODS = frozenset({"contains", "startsWith", "endsWith", "matches"})
_CONVERSIONS: Final[dict[str, _Type]] = {
    "int": _INT,
    "uint": _UINT,
    "double": _DOUBLE,
    "string": _STRING,
}


def _schema_type(path: str) -> _Type:
    spec = FIELDS_BY_PATH[path]
    if spec.type == "object":
        return _Type("object", path)
    if spec.type == "list<object>":
        return _Type("list", path, _Type("object", path + "[]"))
    if spec.type == "list<string>":
        return _Type("list", path, _Type("string", path + "[]"))
    return _Type(spec.type, path)


@dataclass
class _Checker:
    fields: set[str] = field(default_factory=set)  # schema paths read
    names: set[str] = field(default_factory=set)  # identifiers accepted (roots, bound vars)
    functions: set[str] = field(default_factory=set)  # functions and methods accepted

    def check(self, node: _Node, scope: dict[str, _Type]) -> _Type:
        if isinstance(node, _Binary):
            # Walk the left spine with a loop: `1 + 1 + ... + 1` is a deep left-leaning tree.
            spine: list[_Binary] = []
            current: _Node = node
            while isinstance(current, _Binary):
                spine.append(current)
                current = current.left
            result = self.check(current, scope)
            for binary in reversed(spine):
                result = self.binary(binary, result, self.check(binary.right, scope))
            return result
        if isinstance(node, _Select | _Index | _Call) and _postfix_operand(node) is not None:
            chain: list[_Node] = []
            current = node
            while (operand := _postfix_operand(current)) is not None:
                chain.append(current)
                current = operand
            result = self.check(current, scope)
            for step in reversed(chain):
                result = self.postfix(step, result, scope)
            return result
        if isinstance(node, _Literal):
            return _Type(node.kind)
        if isinstance(node, _Ident):
            return self.ident(node, scope)
        if isinstance(node, _Unary):
            result = self.check(node.operand, scope)
            for op in reversed(node.ops):
                if op == "!":
                    self.require(result, "bool", node, "!")
                    result = _BOOL
                elif result.kind not in _NUMERIC | {"dyn"}:
                    raise _Refusal(f"cannot negate a {result.kind}", node.line, node.column, "type")
            return result
        if isinstance(node, _Conditional):
            self.require(self.check(node.condition, scope), "bool", node.condition, "?:")
            then = self.check(node.then, scope)
            otherwise = self.check(node.otherwise, scope)
            return then if then.kind == otherwise.kind and then.kind != "object" else _DYN
        if isinstance(node, _List):
            items = [self.check(item, scope) for item in node.items]
            kinds = {item.kind for item in items}
            elem = _Type(kinds.pop()) if len(kinds) == 1 and "object" not in kinds else _DYN
            return _Type("list", None, elem)
        if isinstance(node, _Call):  # a global function
            return self.function(node, scope)
        raise _Refusal("unsupported construct", node.line, node.column, "unsupported")

    def ident(self, node: _Ident, scope: dict[str, _Type]) -> _Type:
        if node.name in scope:
            self.names.add(node.name)
            return scope[node.name]
        if node.name in ROOTS:
            self.names.add(node.name)
            self.fields.add(node.name)
            return _schema_type(node.name)
        raise self.unknown(node.name, None, node)

    def postfix(self, node: _Node, operand: _Type, scope: dict[str, _Type]) -> _Type:
        if isinstance(node, _Select):
            return self.select(node, operand)
        if isinstance(node, _Index):
            index = self.check(node.index, scope)
            if operand.kind == "list" and operand.elem is not None:
                if index.kind not in ("int", "uint", "dyn"):
                    raise _Refusal("a list index must be an int", node.line, node.column, "type")
                return operand.elem
            raise _Refusal(f"cannot index a {operand.kind}", node.line, node.column, "unsupported")
        assert isinstance(node, _Call)
        return self.method(node, operand, scope)

    def select(self, node: _Select, operand: _Type) -> _Type:
        if operand.kind == "object" and operand.path is not None:
            children = child_fields(operand.path)
            if node.name in children:
                path = children[node.name].path
                self.fields.add(path)
                return _schema_type(path)
            raise self.unknown(node.name, operand.path, node)
        where = f"{operand.path} is a {operand.kind}" if operand.path else f"a {operand.kind}"
        if operand.path is not None and is_sensitive_name(node.name):
            raise self.unknown(node.name, operand.path, node)
        raise _Refusal(
            f"cannot read field {node.name!r}: {where}, not an object of the rule context",
            node.line,
            node.column,
            "unknown_field",
        )

    def unknown(self, name: str, parent: str | None, node: _Node) -> _Refusal:
        path = f"{parent}.{name}" if parent else name
        if is_sensitive_name(name):
            return _Refusal(
                f"{path} is not an allowed field: sensitive data is not in the rule context",
                node.line,
                node.column,
                "sensitive_field",
            )
        known = sorted(child_fields(parent)) if parent else list(ROOTS)
        message = f"{path} is not an allowed field"
        close = difflib.get_close_matches(name, known, n=1)
        if close:
            message += f" (did you mean {close[0]!r}?)"
        where = parent if parent else "the rule context"
        message += f"; {where} has: {', '.join(known)}"
        return _Refusal(message, node.line, node.column, "unknown_field")

    def method(self, node: _Call, target: _Type, scope: dict[str, _Type]) -> _Type:
        name = node.name
        if name in _MACROS:
            return self.macro(node, target, scope)
        args = [self.check(arg, scope) for arg in node.args]
        if name in _STRING_METHODS:
            self.arity(node, 1)
            self.require(target, "string", node, name)
            self.require(args[0], "string", node.args[0], name)
            self.functions.add(name)
            return _BOOL
        if name == "size":
            self.arity(node, 0)
            self.functions.add(name)
            return _INT
        raise _Refusal(f"unknown method {name!r}", node.line, node.column, "unknown_function")

    def macro(self, node: _Call, target: _Type, scope: dict[str, _Type]) -> _Type:
        name = node.name
        arities = (2, 3) if name == "map" else (2,)
        if len(node.args) not in arities:
            raise _Refusal(
                f"{name}() takes {' or '.join(map(str, arities))} arguments",
                node.line,
                node.column,
                "syntax",
            )
        variable = node.args[0]
        if not isinstance(variable, _Ident):
            raise _Refusal(
                f"the first argument of {name}() must be a variable name",
                variable.line,
                variable.column,
                "syntax",
            )
        if variable.name in ROOTS:
            raise _Refusal(
                f"{variable.name!r} names part of the rule context; choose another variable",
                variable.line,
                variable.column,
                "unsupported",
            )
        if target.kind != "list" or target.elem is None:
            raise _Refusal(
                f"{name}() needs a list, not a {target.kind}", node.line, node.column, "type"
            )
        self.names.add(variable.name)
        self.functions.add(name)
        inner = {**scope, variable.name: target.elem}
        bodies = [self.check(arg, inner) for arg in node.args[1:]]
        if name == "map":
            if len(bodies) == 2:
                self.require(bodies[0], "bool", node.args[1], name)
            return _Type("list", None, bodies[-1])
        self.require(bodies[0], "bool", node.args[1], name)
        return target if name == "filter" else _BOOL

    def function(self, node: _Call, scope: dict[str, _Type]) -> _Type:
        name = node.name
        if name == "has":
            self.arity(node, 1)
            argument = node.args[0]
            if not isinstance(argument, _Select):
                raise _Refusal(
                    "has() needs a field selection, e.g. has(booking.agency)",
                    node.line,
                    node.column,
                    "syntax",
                )
            self.check(argument, scope)
            return _BOOL
        args = [self.check(arg, scope) for arg in node.args]
        if name == "size":
            self.arity(node, 1)
            self.functions.add(name)
            return _INT
        if name in _CONVERSIONS:
            self.arity(node, 1)
            self.functions.add(name)
            return _CONVERSIONS[name]
        if name == "matches":
            self.arity(node, 2)
            for arg, type_ in zip(node.args, args, strict=True):
                self.require(type_, "string", arg, name)
            self.functions.add(name)
            return _BOOL
        raise _Refusal(f"unknown function {name!r}", node.line, node.column, "unknown_function")

    def binary(self, node: _Binary, left: _Type, right: _Type) -> _Type:
        op = node.op
        if op in ("&&", "||"):
            self.require(left, "bool", node, op)
            self.require(right, "bool", node, op)
            return _BOOL
        if op == "in":
            if right.kind not in ("list", "dyn"):
                raise _Refusal(
                    f"'in' needs a list on its right, not a {right.kind}",
                    node.line,
                    node.column,
                    "type",
                )
            return _BOOL
        if op in ("==", "!=", "<", "<=", ">", ">="):
            return _BOOL
        # arithmetic: CEL does not coerce (1 + 2.5 fails at run time), so refuse it here
        if "dyn" in (left.kind, right.kind):
            return _DYN
        if left.kind == right.kind and left.kind in _NUMERIC:
            return _Type(left.kind)
        if op == "+" and left.kind == right.kind and left.kind in ("string", "bytes", "list"):
            return _Type(left.kind, None, left.elem if left.elem == right.elem else _DYN)
        mixed_numbers = {left.kind, right.kind} <= _NUMERIC
        hint = " (convert with double(...) or int(...))" if mixed_numbers else ""
        raise _Refusal(
            f"cannot apply {op} to {left.kind} and {right.kind}{hint}",
            node.line,
            node.column,
            "type",
        )

    @staticmethod
    def require(type_: _Type, kind: str, node: _Node, where: str) -> None:
        if type_.kind not in (kind, "dyn"):
            raise _Refusal(
                f"{where} needs a {kind} here, not a {type_.kind}", node.line, node.column, "type"
            )

    @staticmethod
    def arity(node: _Call, count: int) -> None:
        if len(node.args) != count:
            raise _Refusal(
                f"{node.name}() takes {count} argument{'s' if count != 1 else ''}",
                node.line,
                node.column,
                "syntax",
            )


def _postfix_operand(node: _Node) -> _Node | None:
    if isinstance(node, _Select | _Index):
        return node.operand
    if isinstance(node, _Call):
        return node.target
    return None

"""YAML read so that every value means what a person reads, or is refused.

PyYAML's ``safe_load`` follows YAML 1.1: ``024`` is the octal 20, ``1:30`` the sexagesimal 90,
``yes``/``no``/``on``/``off`` are booleans, a second ``events:`` key silently replaces the first,
and anchors with aliases can expand a 500-byte file into gigabytes of structure. The data files
are reviewed by people, so this loader

- resolves plain scalars as YAML 1.2's core schema does for decimal integers, decimal floats,
  ``true``/``false`` and ``null``, and refuses the YAML 1.1 forms a reader would misread
  (leading zeros, ``0o``/``0x``/``0b`` prefixes, sexagesimal ``1:30``, digit separators
  ``1_000``, ``yes``/``no``/``on``/``off``, ``.inf``/``.nan``), asking for quotes;
- refuses duplicate mapping keys, anchors and aliases, and nesting deeper than
  :data:`MAX_DEPTH`, naming the line;

It uses libyaml's C parser when PyYAML was built with it (about six times faster than the pure
Python one on the bundled data) and the pure-Python parser otherwise; both give the same result.
"""

from __future__ import annotations

import re

import yaml

__all__ = ["MAX_DEPTH", "YamlError", "read_yaml"]

#: Deepest nesting of mappings and lists accepted (the data format needs 6).
MAX_DEPTH = 16

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_AMBIGUOUS = "tag:sarcoma-stats,2026:ambiguous"


class YamlError(ValueError):
    """A YAML text that cannot be read unambiguously; the message names the line."""


class _StrictLoader(_Parser):
    """The (C) safe loader with a YAML 1.2-like resolver and strict mappings."""

    yaml_implicit_resolvers: dict = {}

    def construct_mapping(self, node, deep=False):
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, f"expected a mapping, found {node.id}", node.start_mark)
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise YamlError(f"line {key_node.start_mark.line + 1}: a mapping key must be a "
                                f"plain value") from None
            if key in seen:
                raise YamlError(f"line {key_node.start_mark.line + 1}: duplicate key {key!r} "
                                f"(first at line {seen[key]}); a second key silently replaces "
                                f"the first")
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def _refuse_ambiguous(loader, node):
    value = node.value
    if re.fullmatch(r"(?i:yes|no|on|off)", value):
        meaning = "a boolean in YAML 1.1"
    elif ":" in value:
        meaning = "a base-60 number in YAML 1.1 (1:30 is 90)"
    elif re.fullmatch(r"[-+]?0[0-9]+", value):
        meaning = "an octal number in YAML 1.1 (024 is 20)"
    else:
        meaning = "read differently by different YAML versions"
    raise YamlError(f"line {node.start_mark.line + 1}: {value!r} is {meaning}; write the number "
                    f"plainly (24, not 024) or quote the text ('{value}')")


def _resolver(tag: str, pattern: str, first: str) -> None:
    _StrictLoader.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))


_resolver("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_resolver("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""])
_resolver("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789")
_resolver("tag:yaml.org,2002:float",
          r"^[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$",
          "-+0123456789.")
_resolver(_AMBIGUOUS,
          r"""^(?: [-+]?0[0-9_]+(?:\.[0-9_]*)?          # leading zeros: octal in YAML 1.1
                 | [-+]?0[oObBxX][0-9a-fA-F_]+           # 0o17, 0b101, 0x1F
                 | [-+]?[0-9][0-9_]*(?::[0-9_]+)+(?:\.[0-9_]*)?  # 1:30, sexagesimal
                 | [-+]?[0-9]*_[0-9_]*(?:\.[0-9_]*)?     # 1_000
                 | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
                 | yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF )$""",
          "-+0123456789.yYnNoO")
_StrictLoader.add_constructor(_AMBIGUOUS, _refuse_ambiguous)


def _check_graph(root) -> None:
    """Refuse anchors/aliases (a node reached twice) and nesting deeper than MAX_DEPTH, in one
    pass over the node graph that never recurses and visits each node once."""
    seen: set[int] = set()
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            raise YamlError(f"line {node.start_mark.line + 1}: anchors and aliases (&name, "
                            f"*name) are not allowed in data files; write the value out")
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            continue
        if depth > MAX_DEPTH:
            raise YamlError(f"line {node.start_mark.line + 1}: nested more than {MAX_DEPTH} "
                            f"levels deep")
        children = (node.value if isinstance(node, yaml.SequenceNode)
                    else [item for pair in node.value for item in pair])
        stack.extend((child, depth + 1) for child in children)


def read_yaml(data: str):
    """Parse one YAML document strictly.

    Parameters
    ----------
    data : str
        The file's text (the loader decodes it, naming the file if it is not UTF-8).

    Returns
    -------
    object
        The document (mappings, lists, str, int, float, bool, None); None for an empty one.

    Raises
    ------
    YamlError
        For malformed YAML or any of the refused forms; the message names the line.

    Examples
    --------
    >>> read_yaml("n: 24\\npercent: '35.7'")
    {'n': 24, 'percent': '35.7'}
    >>> read_yaml("n: 024")
    Traceback (most recent call last):
    ...
    sarcoma_stats.claims.strict_yaml.YamlError: line 1: '024' is an octal number in YAML 1.1 (024 is 20); write the number plainly (24, not 024) or quote the text ('024')
    """
    loader = _StrictLoader(data)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        _check_graph(root)
        return loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise YamlError(f"{where}malformed YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise YamlError(f"malformed YAML: {str(exc)[:200]}") from None
    except RecursionError:
        raise YamlError(f"nested more than {MAX_DEPTH} levels deep") from None
    finally:
        loader.dispose()

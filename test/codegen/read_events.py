"""Reads events through a module that quicktype generated from the schemas, for test/codegen.test.ts.

Given a job (JSON on stdin: the module's folder and name, the top-level types whose fields to list, the
events to parse), prints JSON: each top-level type's fields (by JSON name: whether optional, the enum's
values) and its content's, and for each event the name and one content field read back from the object.
"""
import enum
import importlib
import inspect
import json
import re
import sys
import typing


def attributes(cls):
    """JSON name -> attribute of a generated class, as its from_dict reads them."""
    source = inspect.getsource(cls.from_dict)
    return {key: attr for attr, key in re.findall(r'^\s+(\w+) = .*?obj\.get\("([^"]+)"\)', source, re.M)}


def unwrap(hint):
    """The type of an attribute, without the None of an optional one; and whether it is optional."""
    args = typing.get_args(hint)
    if type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return (rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]), True
    return hint, False


def fields(cls):
    hints = typing.get_type_hints(cls)
    out = {}
    for key, attr in attributes(cls).items():
        base, optional = unwrap(hints[attr])
        is_enum = inspect.isclass(base) and issubclass(base, enum.Enum)
        out[key] = {"optional": optional, "enum": sorted(m.value for m in base) if is_enum else None}
    return out


def top_class(module, function):
    return typing.get_type_hints(getattr(module, function))["return"]


def plain(value):
    if isinstance(value, enum.Enum):
        return value.value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def main():
    job = json.load(sys.stdin)
    sys.path.insert(0, job["folder"])
    module = importlib.import_module(job["module"])
    shapes = {}
    for function in job["shapes"]:
        cls = top_class(module, function)
        content = unwrap(typing.get_type_hints(cls)[attributes(cls)[job["content"]]])[0]
        shapes[function] = {"envelope": fields(cls), "content": fields(content)}
    parsed = []
    for item in job["parse"]:
        event = getattr(module, item["function"])(item["value"])
        content = getattr(event, attributes(type(event))[job["content"]])
        value = getattr(content, attributes(type(content))[item["field"]])
        name = getattr(event, attributes(type(event))[job["name"]])
        parsed.append({"name": plain(name), "field": plain(value)})
    json.dump({"shapes": shapes, "parsed": parsed}, sys.stdout)


main()

"""Python jsonschema's verdicts on events, for test/codegen.test.ts.

Given a job (JSON on stdin: schemas by path, and checks as [path, event] pairs), checks every schema
against its meta-schema, then prints JSON: for each check, whether the event is valid.
"""
import json
import sys

from jsonschema import Draft202012Validator


def main():
    job = json.load(sys.stdin)
    validators = {}
    for path, schema in job["schemas"].items():
        Draft202012Validator.check_schema(schema)
        validators[path] = Draft202012Validator(schema)
    json.dump([validators[path].is_valid(event) for path, event in job["checks"]], sys.stdout)


main()

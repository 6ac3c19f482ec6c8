"""Quick schema check of KB YAML files, usable before `caveat kb check` exists: python tools/validate_kb_schema.py FILE..."""
import json
import pathlib
import sys

import jsonschema
import yaml

schema = json.loads((pathlib.Path(__file__).parent.parent / "annotator/schemas/kb-entry.schema.json").read_text())
validator = jsonschema.Draft202012Validator(schema)
bad = 0
for name in sys.argv[1:]:
    data = yaml.safe_load(pathlib.Path(name).read_text())
    if isinstance(data, dict) and isinstance(data.get("reviewed"), object):
        data["reviewed"] = str(data.get("reviewed"))
    for err in validator.iter_errors(data):
        bad += 1
        print(f"{name}: {'/'.join(map(str, err.absolute_path))}: {err.message}")
print("problems:", bad)

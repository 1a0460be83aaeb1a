"""The extracted claims as a data folder (``sources.yaml``, ``claims/<source>.yaml``,
``tables/<table>.csv``), the format of ``data/`` that ``sarcoma-stats verify --data`` reads and a
person can review, correct and keep.
"""

from __future__ import annotations

import yaml

from .check import CheckedDocument, source_entry, table_csv

__all__ = ["write_data_folder", "claims_yaml"]


class _Dumper(yaml.SafeDumper):
    """Block style, text kept as is; multi-line quotes folded."""


def _str(dumper, value: str):
    style = ">" if "\n" in value or len(value) > 90 else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", " ".join(value.split())
                                   if style else value, style=style)


def _list(dumper, value: list):
    flow = all(isinstance(v, (int, str)) and len(str(v)) < 40 for v in value) and len(value) <= 8
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(list, _list)


def claims_yaml(document: CheckedDocument) -> str:
    """One document's claims file."""
    header = (f"# Claims extracted from {document.name} by sarcoma-stats check: review them\n"
              f"# against the text (quote, span) before relying on them.\n")
    records = document.extraction.as_claims_file()
    accepted = set(document.verdicts["id"])
    records["claims"] = [c for c in records["claims"] if c["id"] in accepted]
    body = yaml.dump(records, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return header + body


def write_data_folder(folder, documents: list[CheckedDocument]) -> None:
    """Write ``sources.yaml``, one claims file per document and the tables, through
    ``folder.write(relative path, text)``."""
    sources = []
    for doc in documents:
        entry = source_entry(doc.extraction.source, doc.name)
        entry["seed"] = doc.name
        sources.append(entry)
        folder.write(f"claims/{doc.extraction.source}.yaml", claims_yaml(doc))
        for table in doc.extraction.tables:
            folder.write(f"tables/{table['file']}",
                         table_csv(table, doc.extraction.table_rows[table["id"]]))
    folder.write("sources.yaml", yaml.dump({"sources": sources}, Dumper=_Dumper,
                                           sort_keys=False, allow_unicode=True, width=100))

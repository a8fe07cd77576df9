"""JSON figures as Markdown tables, whatever their shape: a list of records
is one table, anything else is flattened to name | value rows."""


def markdown_table(data):
    if isinstance(data, list) and data and all(isinstance(r, dict) for r in data):
        columns = list(dict.fromkeys(k for record in data for k in record))
        rows = [[record.get(c, "") for c in columns] for record in data]
    else:
        columns = ["figure", "value"]
        rows = [[name, value] for name, value in _flatten(data, "")]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(str(v).replace("|", "\\|") for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _flatten(data, prefix):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _flatten(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(data, list):
        for number, value in enumerate(data):
            yield from _flatten(value, f"{prefix}[{number}]")
    else:
        yield prefix, data

"""Export formats that are safe to open in a spreadsheet, and read back what they wrote."""

from import_export.formats import base_formats

from ..spreadsheets import escape_cell, unescape_cell


def _escaped(dataset):
    escaped = dataset.__class__(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        escaped.append([escape_cell(cell) for cell in row])
    return escaped


def _unescaped(dataset):
    for index, row in enumerate(list(dataset)):
        dataset[index] = [unescape_cell(cell) for cell in row]
    return dataset


class CSV(base_formats.CSV):
    """UTF-8 with a BOM, so Excel shows Chinese; formula-like cells escaped with a leading '."""

    def export_data(self, dataset, **kwargs):
        return "\ufeff" + super().export_data(_escaped(dataset), **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, str):
            in_stream = in_stream.lstrip("\ufeff")
        return _unescaped(super().create_dataset(in_stream, **kwargs))


class XLSX(base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        return super().export_data(_escaped(dataset), **kwargs)

    def create_dataset(self, in_stream):
        # An empty spreadsheet cell reads as None; read it as CSV does, as an empty string.
        dataset = super().create_dataset(in_stream)
        for index, row in enumerate(list(dataset)):
            dataset[index] = ["" if cell is None else cell for cell in row]
        return _unescaped(dataset)


class JSON(base_formats.JSON):
    pass


FORMATS = [CSV, XLSX, JSON]

"""Export formats that are safe to open in a spreadsheet, and read back what they wrote; an
import file's rows and cells are limited as they are read (settings IMPORT_MAX_ROWS and
IMPORT_MAX_CELLS): a 9 KB XLSX can hold two million rows."""

import io

import openpyxl
import tablib
from django.conf import settings
from django.utils.translation import gettext as _
from import_export.formats import base_formats

from ..spreadsheets import escape_cell, unescape_cell


class TooLarge(ValueError):
    """An import file over the limits; its message says which, for the import page."""


def _too_many_rows() -> TooLarge:
    return TooLarge(
        _("The file has more than %(limit)d rows; split it into files of at most %(limit)d rows.")
        % {"limit": settings.IMPORT_MAX_ROWS}
    )


def _too_many_cells() -> TooLarge:
    return TooLarge(
        _("The file has more than %(limit)d cells; split it, or leave out the columns not imported.")
        % {"limit": settings.IMPORT_MAX_CELLS}
    )


def _check_size(rows: int, cells: int) -> None:
    if rows > settings.IMPORT_MAX_ROWS:
        raise _too_many_rows()
    if cells > settings.IMPORT_MAX_CELLS:
        raise _too_many_cells()


def _cells(row) -> list:
    # An empty spreadsheet cell reads as None; read it as CSV does, as an empty string.
    return ["" if cell.value is None else cell.value for cell in row]


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
            if in_stream.count("\n") > settings.IMPORT_MAX_ROWS + 1:  # before parsing them all
                raise _too_many_rows()
        dataset = super().create_dataset(in_stream, **kwargs)
        _check_size(len(dataset), len(dataset) * (dataset.width or 0))
        return _unescaped(dataset)


class XLSX(base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        return super().export_data(_escaped(dataset), **kwargs)

    def create_dataset(self, in_stream):
        """The first sheet, read a row at a time and refused as soon as it passes a limit (the
        sheet's declared size first): import-export's reader takes every row before looking."""
        book = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        try:
            sheet = book.active
            declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
            _check_size(declared_rows - 1, declared_rows * declared_columns)
            rows = sheet.iter_rows()
            dataset = tablib.Dataset()
            dataset.headers = [cell.value for cell in next(rows, ())]
            count, cells = 0, len(dataset.headers)
            for row in rows:
                values = _cells(row)
                count, cells = count + 1, cells + len(values)
                _check_size(count, cells)
                dataset.append(values)
        finally:
            book.close()
        return _unescaped(dataset)


class JSON(base_formats.JSON):
    def create_dataset(self, in_stream):
        dataset = super().create_dataset(in_stream)
        _check_size(len(dataset), len(dataset) * (dataset.width or 0))
        return dataset


FORMATS = [CSV, XLSX, JSON]

"""Import responses gathered elsewhere from a CSV or XLSX export (channel "import").

Service layer, split by step: `reading` (bytes → rows), `shapes` (the export formats of
Microsoft Forms, Google Forms, SurveyMonkey and LimeSurvey), `mapping` (columns → questions,
answers → options), `times` (completion times) and `importing` (keep the upload, then import
all rows or none). Imports nothing from Flask.
"""

from app.services.imports.importing import (
    ALREADY_IMPORTED,
    MAX_PROBLEMS_SHOWN,
    AlreadyImported,
    ImportProblems,
    Problem,
    clean_filename,
    get_batch,
    import_responses,
    imported_count,
    start_import,
)
from app.services.imports.mapping import (
    SKIP,
    TIME_FIELD,
    Mapping,
    Preview,
    auto_mapping,
    mapping_from_form,
    preview,
)
from app.services.imports.reading import MAX_COLUMNS, MAX_ROWS, UNREADABLE, FileUnreadable
from app.services.imports.shapes import SHAPES

__all__ = [
    "ALREADY_IMPORTED",
    "MAX_COLUMNS",
    "MAX_PROBLEMS_SHOWN",
    "MAX_ROWS",
    "SHAPES",
    "SKIP",
    "TIME_FIELD",
    "UNREADABLE",
    "AlreadyImported",
    "FileUnreadable",
    "ImportProblems",
    "Mapping",
    "Preview",
    "Problem",
    "auto_mapping",
    "clean_filename",
    "get_batch",
    "import_responses",
    "imported_count",
    "mapping_from_form",
    "preview",
    "start_import",
]

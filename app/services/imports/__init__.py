"""Import responses gathered elsewhere from a CSV or XLSX export.

Service layer, split by step: `reading` (a file streamed into rows), `shapes` (the export
formats of Microsoft Forms, Google Forms, SurveyMonkey and LimeSurvey), `mapping` (columns →
questions, answers → options), `dates` (a time column's format, decided from all its values),
`choices` (the preview form read back), `provenance` (the other tool's response id, the
respondent, the channel), `cells` and `problems` (what is wrong, grouped), `source_ids` (rows
imported before), `importing` (import all rows or none) and `uploads` (the same file refused,
undo, and deleting old uploads).
Imports nothing from Flask's request.
"""

from app.services.imports.choices import BadChoices, mapping_from_form
from app.services.imports.column_guess import auto_mapping
from app.services.imports.dates import EXAMPLES as DATE_EXAMPLES
from app.services.imports.dates import DateOrder
from app.services.imports.importing import (
    ALREADY_IMPORTED,
    AlreadyImported,
    ImportProblems,
    clean_filename,
    get_batch,
    import_responses,
    imported_count,
    start_import,
)
from app.services.imports.mapping import (
    DATE_ORDER_FIELD,
    DROP_CONTROLS_FIELD,
    SKIP,
    TIME_FIELD,
    Mapping,
    Preview,
    preview,
)
from app.services.imports.problems import MAX_PROBLEMS_SHOWN, Problem
from app.services.imports.provenance import (
    CHANNEL_FIELD,
    CHANNEL_LABELS,
    RESPONDENT_FIELD,
    SOURCE_ID_FIELD,
)
from app.services.imports.reading import (
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_ROWS,
    TOO_BIG,
    UNREADABLE,
    FileUnreadable,
)
from app.services.imports.shapes import SHAPES
from app.services.imports.uploads import (
    KEEP_UPLOADS_FOR,
    FileAlreadyImported,
    imports_of,
    purge_old_uploads,
    undo_import,
    when,
)

__all__ = [
    "ALREADY_IMPORTED",
    "CHANNEL_FIELD",
    "CHANNEL_LABELS",
    "DATE_EXAMPLES",
    "DATE_ORDER_FIELD",
    "DROP_CONTROLS_FIELD",
    "KEEP_UPLOADS_FOR",
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_PROBLEMS_SHOWN",
    "MAX_ROWS",
    "RESPONDENT_FIELD",
    "SHAPES",
    "SKIP",
    "SOURCE_ID_FIELD",
    "TIME_FIELD",
    "TOO_BIG",
    "UNREADABLE",
    "AlreadyImported",
    "BadChoices",
    "DateOrder",
    "FileAlreadyImported",
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
    "imports_of",
    "mapping_from_form",
    "preview",
    "purge_old_uploads",
    "start_import",
    "undo_import",
    "when",
]

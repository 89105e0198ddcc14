"""The survey builder's use cases: create, edit, branch, duplicate and a survey's life.

Each public function is one `@transactional` use case that checks the version the lead
saw (two leads cannot overwrite each other), applies the change, bumps the version and
writes the audit row in the same commit. Once a survey has a response, only its words may
be corrected, and each correction is recorded (`meaning.py`).
"""

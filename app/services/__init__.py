"""Use cases, one module per aggregate; each public function owns its transaction."""

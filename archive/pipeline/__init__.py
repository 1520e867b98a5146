"""The pipeline, the last step: a run over many documents, each taking the same steps
(intake → parsing → resolution → records; README, "Architecture").

Takes: paths (``load.load_paths``: ``load_minutes``, with or without ``--dry-run``), a stored
source (``reparse.reparse_source``) or a file's bytes (``steps.parse_bytes``: the admin's source
import, the evaluation). Gives: per document a ``FileResult`` (the contract's object: parsed,
loaded, unchanged or error, with its meeting, place and review reasons) and a ``LoadReport``;
for a re-parse, a ``ReparseResult`` (updated or unchanged). Here live batching, the parse
workers (.workers: their lifecycle), retries of a batch that meets another writer, and the run's
report. Submodules are imported by name; .steps and .workers need no Django (parse workers).
"""

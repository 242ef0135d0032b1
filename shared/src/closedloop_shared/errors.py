"""The errors the shared messaging layer understands.

- `Rejected`: the message can never be applied as sent (bad content, illegal in the complaint's
  stage). Not retried; dead-lettered at once with its reason.
- `ConcurrencyConflict`: someone else changed the record between load and save. Retried.
- Any other exception is treated as transient: retried with back-off, then dead-lettered.
"""


class Rejected(Exception):  # noqa: N818 - reads as "the message was rejected"
    """A message that can never be applied as sent; its text is the reason given to the sender."""


class ConcurrencyConflict(Exception):  # noqa: N818
    """The record changed between load and save; load again and retry."""

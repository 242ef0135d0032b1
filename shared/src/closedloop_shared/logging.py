"""structlog set-up, once for every service: JSON when not a terminal, console when it is.

Handlers bind `complaint_id`, `event_id` and friends with `structlog.contextvars`; the messaging
middleware clears the context per message so nothing leaks from one message to the next.
"""

import logging
import sys

import structlog


def configure_logging(service: str, *, level: str = "INFO", json: bool | None = None) -> None:
    """Route stdlib and structlog output through one renderer, with `service` on every line."""
    render_json = not sys.stderr.isatty() if json is None else json
    shared: list[structlog.types.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer(ensure_ascii=False)
        if render_json
        else structlog.dev.ConsoleRenderer()
    )
    structlog.configure(
        processors=[
            *shared,
            structlog.processors.StackInfoRenderer(),
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=True,
    )
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(service=service)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                renderer,
            ],
            foreign_pre_chain=[*shared, structlog.stdlib.add_logger_name],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # aiokafka reports every rebalance and retriable fetch error at INFO/WARNING; keep them quieter.
    logging.getLogger("aiokafka").setLevel(max(logging.WARNING, root.level))

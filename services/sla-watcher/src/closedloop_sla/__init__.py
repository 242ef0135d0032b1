"""SLA watcher: per-stage clocks of every complaint, and red/yellow/blue escalation."""

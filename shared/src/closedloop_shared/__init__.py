"""Contracts every closedloop service shares: events, topics, settings base, logging, messaging."""

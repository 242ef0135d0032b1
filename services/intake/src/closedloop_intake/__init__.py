"""Intake: every channel's complaint becomes one accurate ComplaintReceived."""

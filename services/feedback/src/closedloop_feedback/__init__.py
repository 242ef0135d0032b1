"""Feedback: asks the owner whether a resolved complaint is settled, then closes or reopens it."""

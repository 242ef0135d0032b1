"""Router: names the one department that owns a complaint, and turns staff actions into events."""

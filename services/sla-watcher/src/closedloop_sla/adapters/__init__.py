"""MongoDB adapters: clock records and the stored SLA policy."""

// Placeholder: replaced by the ServiceKit module's real sources.

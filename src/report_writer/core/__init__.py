"""The document model, the project file, templating and reuse of old reports. No Qt here."""

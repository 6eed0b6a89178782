"""Dialogs and docks: thin, they call Processing and the core."""

"""The project store: models, sessions and migrations (SQLAlchemy), and the light readers the
window's first paint uses before SQLAlchemy is loaded (arrays, snapshot, project_file).
Nothing is imported here, so that importing a light one does not load SQLAlchemy."""

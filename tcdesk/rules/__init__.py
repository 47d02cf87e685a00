"""The rule engine: rules read a submission and produce findings; it knows no particular rule."""

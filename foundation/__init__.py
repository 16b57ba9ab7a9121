"""The foundation every package stands on: one Settings object and our own error types. It imports
nothing of ours."""

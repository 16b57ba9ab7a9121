"""Question → cited answer. Pure Python, no Telegram: used by the CLI and the bot alike."""

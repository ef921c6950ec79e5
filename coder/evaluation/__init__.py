"""Scoring the coder against gold sets: the dev-corpus format (`scoring`) and PETRARCH's unit tests (`petrarch`)."""

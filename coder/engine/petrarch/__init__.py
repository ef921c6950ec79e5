"""The engine with PETRARCH's conventions, for rule sets imported from PETRARCH/TABARI dictionaries (coder.rules.petrarch):
verb patterns matched against frames, PETRARCH's actor-code composition, its comma options."""

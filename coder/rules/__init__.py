"""The rule language: rule objects (`model`), loading and validating YAML rule files with file:line errors (`loader`,
`yaml_lines`), text normalisation (`text`), coverage reports (`coverage`) and the PETRARCH/TABARI dictionary importer
(`petrarch/`). Packaged rule files live in coder/dictionaries/. Never imports spaCy."""

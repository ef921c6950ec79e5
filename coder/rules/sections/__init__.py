"""The sections of a rule file, each validated by its own module (`actors`, `places`, `agents`, `verbs`, `discards`,
`settings`) into the tables a loaded rule set is built from (`tables.RuleTables`); `fields` holds the checks they
share. Every fault is a `RuleFileError` with its own E2xx code, located at `file:line` (docs/errors.md)."""

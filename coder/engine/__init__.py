"""The coding engine: parsed news text -> coded events, with spaCy.

`parsing/` turns articles into parsed sentences (segmentation, headline wording, the pipeline, date phrases);
`mentions` finds the rule files' actors, agents and discards; `frames` reads predicate frames from the parse;
`actors` turns argument heads into actor codes; `dates` dates events; `coding` runs the coding stages (match, arguments,
assemble, article); `petrarch/` codes with imported PETRARCH dictionaries. See docs/architecture.md."""

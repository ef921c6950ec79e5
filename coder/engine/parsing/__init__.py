"""From articles to parsed sentences: paragraphs and sentences by rule, wire datelines cut out, headlines in a wording
the parser reads better, the spaCy pipeline (with the fast path's filter and rule-based date phrases)."""

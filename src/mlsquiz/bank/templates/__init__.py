"""The generator's question templates, grouped by the kind of options they offer.

- `naming`: "which service / technique / model" questions whose options are entry names.
- `statements`: questions whose options are statements, needs or conditions of one shape.

Both draw on `knowledge.Knowledge`, which knows the confusion sets, the categories and the feature groups.
"""

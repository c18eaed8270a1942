"""Declared properties (`eigenschappen.yaml`) checked over the whole input space of a model
(docs/eigenschappen.md), in the order a run uses the modules:

- `space`: the input space read from the model, analyse.yaml and the `zoekruimte`;
- `strategies`: Hypothesis strategies for cases of that space;
- `transformaties/`: one module per transformation of a case (relational properties);
- `evaluation`: many cases in one run of the vectorised engine, or one by the interpreter;
- `checks`: what each kind of property demands of the computed values;
- `search`: Hypothesis's search and shrink of one property;
- `solver`: z3 where it decides (`grenzen`, `nooit-leeg`);
- `database`, `serial`: the replay database in the model folder, cases as case files;
- `run`: all properties of one model as findings (`regelspraak test`);
- `versions`: properties between two versions (`regelspraak vergelijk`).
"""

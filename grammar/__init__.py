"""The lark grammars of RegelSpraak, shipped inside the wheel as `regelspraak.grammar`."""

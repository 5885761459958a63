"""The logic modules of the bundled campaigns, one per campaign, named after its id
(``wuhan-2015`` → ``wuhan_2015``): the criteria their data files cannot express
(:mod:`wennuan_rules.eligibility.logic` finds them; there is no registry)."""

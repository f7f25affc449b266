"""Use cases for young inspectors, as plain functions ``verb_noun(session, actor, ...)``.

- :mod:`.frameworks`: frameworks and standards, versioned; the two ready-made frameworks
- :mod:`.people`: young inspector accounts, training, consent, hours and the hours export
- :mod:`.inspections`: planning, scoring, self-assessment, agreement, report, responses, publishing
- :mod:`.followup`: recommendations into commitments, re-inspection, assurance, certificate, history
- :mod:`.comparison` and :mod:`.workdays`: pure functions (no database)
- :mod:`.summary`: the published summary, for other packages to show
"""

"""Complaint triage behind `closedloop_intake.classify`, in pure Python, offline.

text        normalise; Chinese characters and pinyin words both become toneless syllables
lexicon     cue concepts from data/lexicon.txt, found by spelling or by sound
features    concepts, character pairs, syllable pairs, English word stems
model       naive Bayes, trained at first use from data/train.jsonl plus augment's pinyin and
            homophone-typo copies; deterministic, about a second
precedence  DOMAIN.md's compensation > billing > service_attitude where the cue is explicit
urgent      hazards (patterns in hazard_cues, a narrow and a wide net, homophone typos read as
            the word) unless clearly denied, hypothetical, over, past, planned or general
classifier  all of the above, the confidence policy, and a second naive Bayes (urgent or
            routine) whose vote counts when no rule set a hazard aside and no near miss is named
metrics     accuracy, per-category scores, confusion, urgent precision and recall

Data: data/train.jsonl (training), data/urgent_train.jsonl (urgency model only: wordings of
danger now and near misses), data/dev.jsonl, data/dev3.jsonl and data/dev4.jsonl
(development only, never trained on; dev3 and dev4 were each written in one go before any tuning
against them, dev4 urgent-focused),
data/pinyin.txt (regenerate with `python -m closedloop_intake.triage.pinyin_build`).
"""

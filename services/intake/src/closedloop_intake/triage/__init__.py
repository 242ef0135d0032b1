"""Complaint triage behind `closedloop_intake.classify`, in pure Python, offline.

text        normalise; Chinese characters and pinyin words both become toneless syllables
lexicon     cue concepts from data/lexicon.txt, found by spelling or by sound
features    concepts, character pairs, syllable pairs, English word stems
model       naive Bayes, trained at first use from data/train.jsonl plus augment's pinyin and
            homophone-typo copies; deterministic, well under a second
precedence  DOMAIN.md's compensation > billing > service_attitude where the cue is explicit
urgent      hazards (patterns in hazard_cues, homophone typos read as the word) unless clearly
            denied, hypothetical, over, past, planned or general
classifier  all of the above, and the confidence policy
metrics     accuracy, per-category scores, confusion, urgent precision and recall

Data: data/train.jsonl (training), data/dev.jsonl and data/dev3.jsonl (development only, never
trained on; dev3 was written in one go before any tuning against it),
data/pinyin.txt (regenerate with `python -m closedloop_intake.triage.pinyin_build`).
"""

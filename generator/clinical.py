"""Safety content printed on every plan, whatever the program: the pain rule and the red
flags. It lives in code, not in the editable library, so no plan can go out without it.

Sources, summarised in our own words:

- The pain rule: the pain-monitoring model of Silbernagel KG, Thomeé R, Eriksson BI,
  Karlsson J, "Continued sports activity, using a pain-monitoring model, during
  rehabilitation in patients with Achilles tendinopathy", Am J Sports Med 2007;35(6):897-906,
  in the traffic-light form clinics use for back pain; doses held or eased by the next
  morning's response.
- Exercise rather than rest for low back pain: NICE guideline NG59, "Low back pain and
  sciatica in over 16s: assessment and management" (2016, updated 2020).
- Progressing load a little at a time: American College of Sports Medicine position stand,
  "Progression models in resistance training for healthy adults", Med Sci Sports Exerc
  2009;41(3):687-708; short repeated holds for the trunk: McGill S, "Low Back Disorders:
  Evidence-Based Prevention and Rehabilitation", Human Kinetics (3rd ed., 2016).
- Red flags: NHS pages "Cauda equina syndrome" (nhs.uk/conditions/cauda-equina-syndrome)
  and "Back pain" (nhs.uk/conditions/back-pain), and Finucane LM et al., "International
  framework for red flags for potential serious spinal pathologies", J Orthop Sports Phys
  Ther 2020;50(7):350-372.
"""

from __future__ import annotations

PAIN_RULE_TITLE = "The pain rule"
PAIN_RULE_INTRO = "Score your pain from 0 (none) to 10 (the worst you can imagine) while you exercise."

PAIN_RULE = (
    ("0 to 3", "Safe. Carry on, and move up as the plan says."),
    ("4 to 5", "Acceptable if it has settled by the next morning. Stay at this week's dose."),
    ("Above 5", "Too much, or worse the next day, or up 3 points or more: go back to last "
                "week's dose or an easier variant."),
    ("Down a leg", "Pain, numbness or tingling spreading down a leg: stop that exercise and "
                   "ask your clinician."),
)

EMERGENCY_TITLE = "Go to an emergency department straight away if you have"
EMERGENCY = (
    "numbness around your genitals, buttocks or inner thighs (where you would sit on a saddle)",
    "new difficulty passing urine, or loss of control of your bladder or bowels",
    "new problems with sexual function",
    "pain, numbness or weakness in both legs",
    "weakness in your legs that is getting worse, or difficulty walking",
)

SEE_DOCTOR_TITLE = "See a doctor soon (within a day or two) if you have"
SEE_DOCTOR = (
    "back pain and a history of cancer",
    "weight loss you cannot explain, a fever, or you feel generally unwell",
    "constant pain at night that does not ease when you change position",
    "new back pain and you are over 50",
    "back pain after a fall, an accident or another injury",
    "osteoporosis, long-term steroid use, or a weakened immune system",
)

SEEK_HELP_TITLE = "Also ask your doctor or physiotherapist if your spasms"
SEEK_HELP = (
    "keep coming back, or have not eased after a few weeks",
    "come with severe pain, or with numbness, tingling or weakness",
    "stop you doing everyday things or keep you awake at night",
    "started after an injury or accident",
)

HOW_TO_USE = (
    "Do your sessions on the days shown, with at least a day's rest between strength sessions.",
    "Each week, follow that week's dose. The plan moves you up a little at a time.",
    "Tick each exercise in the log when done, and score your pain before and after.",
    "Use the pain rule. On a bad day, stay at last week's dose. That is fine.",
    "Read the safety page. Stop and get help if any warning sign appears.",
)

# The same warning signs as questions, for the wizard's screening (hepgen new).
EMERGENCY_QUESTIONS = (
    "Do you have numbness around your genitals, buttocks or inner thighs (where you would "
    "sit on a saddle)?",
    "Is it newly hard to pass urine, or have you lost control of your bladder or bowels?",
    "Have you had new problems with sexual function?",
    "Do you have pain, numbness or weakness in both legs?",
    "Is weakness in your legs getting worse, or is it hard to walk?",
)
SEE_DOCTOR_QUESTIONS = (
    "Have you ever had cancer?",
    "Have you lost weight without trying, had a fever, or felt generally unwell?",
    "Is your back pain constant at night, not easing when you change position?",
    "Are you over 50, and is this back pain new?",
    "Did the pain start after a fall, an accident or another injury?",
    "Do you have osteoporosis, take steroids long-term, or have a weakened immune system?",
)

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
PAIN_RULE_INTRO = ("Score your pain from 0 (none) to 10 (the worst you can imagine), before you "
                   "start and while you exercise.")

PAIN_RULE = (
    ("0 to 3", "Safe. Carry on, and move up as the plan says."),
    ("4 to 5", "All right if it has settled by the next morning. Do not move up yet. Do the "
               "same amount as this week again."),
    ("Above 5", "Too much. So is pain that is worse the next morning, or 3 or more points above "
                "your score before you started. Go back to last week's plan or an easier exercise."),
    ("Spreads down a leg", "Pain, numbness or tingling that spreads down a leg, or further "
                          "down it than before: stop that exercise and ask a physiotherapist "
                          "or doctor."),
)

FLARE_UP_TITLE = "In a flare-up"
FLARE_UP = (
    "A few bad days do not mean you have hurt your back. Keep moving gently and do what you can."
)
BACK_ON_PLAN = (
    "When the pain is back to how it was, start again one week back from where you stopped. "
    "Write the new dates on your log sheets."
)


def pain_rule_line() -> str:
    """The whole pain rule in one paragraph, for the log sheets and the calendar, in the
    language being rendered (every text of this module is in the catalogs)."""
    from .i18n import _

    zones = " ".join(f"{_(zone)}: {_(text)}" for zone, text in PAIN_RULE)
    return (f"{_(PAIN_RULE_TITLE)}. {_(PAIN_RULE_INTRO)} {zones} {_(FLARE_UP_TITLE)}: "
            f"{_(FLARE_UP)} {_(BACK_ON_PLAN)}")


EMERGENCY_TITLE = "Go to an emergency department straight away if"
EMERGENCY = (
    "you have numbness around your genitals, buttocks or inner thighs (where you would sit "
    "on a saddle)",
    "you cannot tell if your bladder is full or empty, you find it hard to pee, or you lose "
    "control of your bladder or bowels",
    "you have new problems with sexual function",
    "you have pain, numbness or weakness in both legs",
    "weakness in your legs is getting worse, or it is hard to walk",
)

SEE_DOCTOR_TITLE = "See a doctor soon if"
SEE_DOCTOR = (
    "your back pain started after a fall, an accident or another injury: get seen the same day",
    "you have back pain and you have had cancer",
    "you have lost weight without trying, you have a fever, or you feel unwell all over",
    "the pain is there all night and does not ease when you change position",
    "your back pain is new and you are under 20 or over 50",
    "you have pain in your upper back, between or around your shoulder blades",
    "you have thin, weak bones (osteoporosis)",
    "you have taken steroid tablets for a long time, or your body is less able to fight "
    "infection (a weak immune system)",
    "you have back pain and you inject drugs, or have done in the past",
)

SEEK_HELP_TITLE = "Also ask a physiotherapist or doctor if your pain or spasms"
SEEK_HELP = (
    "keep coming back, or have not eased after a few weeks",
    "are very bad, or bring new numbness, tingling or weakness",
    "stop you doing everyday things or keep you awake at night",
)  # after an injury or accident: the see-a-doctor-soon signs say to be seen the same day

GET_HELP_NOW = (
    "Get help now at an emergency department if you have numbness around your genitals or "
    "buttocks. The same goes if you cannot tell if your bladder is full or empty, if you lose "
    "control of your bladder or bowels, or if both legs are numb or weak. The full list of "
    "warning signs is in your plan."
)

HOW_TO_USE = (
    "Do your sessions on the days shown, with a day's rest between strength sessions.",
    "Each week, do what that week's plan says. Tick each exercise in the log, and score your "
    "pain before and after.",
    "Use the pain rule each week to move up, stay the same or go back a step. Going back a "
    "step is fine.",
    "Keep active, and keep working if you can. This helps your back get better.",
    "Read the warning signs. Stop and get help if any of them appear.",
)

# The same warning signs as questions, for the wizard's screening (hepgen new).
EMERGENCY_QUESTIONS = (
    "Do you have numbness around your genitals, buttocks or inner thighs (where you would "
    "sit on a saddle)?",
    "Can you not tell if your bladder is full or empty, is it newly hard to pee, or have you "
    "lost control of your bladder or bowels?",
    "Have you had new problems with sexual function?",
    "Do you have pain, numbness or weakness in both legs?",
    "Is weakness in your legs getting worse, or is it hard to walk?",
)
SEE_DOCTOR_QUESTIONS = (
    "Did the pain start after a fall, an accident or another injury?",
    "Have you ever had cancer?",
    "Have you lost weight without trying, had a fever, or felt unwell all over?",
    "Is your back pain there all night, not easing when you change position?",
    "Is this back pain new, and are you under 20 or over 50?",
    "Is the pain in your upper back, between or around your shoulder blades?",
    "Do you have thin, weak bones (osteoporosis)?",
    "Have you taken steroid tablets for a long time, or is your body less able to fight "
    "infection (a weak immune system)?",
    "Do you inject drugs, or have you done in the past?",
)

from passerelle.people.models.diagnostic import (
    PixMapping,
    SkillAnswer,
    SkillArea,
    SkillAssessment,
    SkillQuestion,
)
from passerelle.people.models.follow_up import Consent, Note
from passerelle.people.models.imports import PeopleImport
from passerelle.people.models.pathway import Goal, GoalTemplate, GoalUpdate
from passerelle.people.models.person import Person, PersonQuerySet, ProgrammeMembership

__all__ = [
    "Consent",
    "Goal",
    "GoalTemplate",
    "GoalUpdate",
    "Note",
    "PeopleImport",
    "Person",
    "PersonQuerySet",
    "PixMapping",
    "ProgrammeMembership",
    "SkillAnswer",
    "SkillArea",
    "SkillAssessment",
    "SkillQuestion",
]

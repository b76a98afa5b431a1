import pytest
from django.core.exceptions import ValidationError

from passerelle.core.models import Activity
from passerelle.people import extensions, selectors
from passerelle.people.enums import SkillLevel
from passerelle.people.models import SkillAssessment, SkillQuestion
from passerelle.people.services_pathway import assessment_create
from tests.factories import PersonFactory


@pytest.fixture
def person(organisation):
    return PersonFactory(organisation=organisation)


def answers_by_area(questionnaire, scores_by_area: dict[str, int], default=0):
    return {q.pk: scores_by_area.get(q.area.name, default) for q in questionnaire}


def test_default_questionnaire_has_about_fifteen_questions_over_six_areas(questionnaire):
    assert len(questionnaire) == 15
    assert len({q.area_id for q in questionnaire}) == 6


def test_scores_are_given_per_area_and_overall(person, manager, questionnaire):
    answers = answers_by_area(questionnaire, {"E-mail": 3, "Utiliser un appareil": 2}, default=0)
    assessment = assessment_create(person=person, staff=manager, answers=answers)
    result = selectors.assessment_results([assessment])[0]
    by_area = {r.area.name: r.percent for r in result.areas}
    assert by_area["E-mail"] == 100
    assert by_area["Utiliser un appareil"] == pytest.approx(66.67, abs=0.01)
    assert by_area["Sécurité et vie privée"] == 0
    # 2 questions × 3 + 3 questions × 2 = 12 points of 45
    assert result.overall == pytest.approx(100 * 12 / 45)


@pytest.mark.parametrize(
    ("percent", "level"),
    [
        (0, SkillLevel.DISCOVER),
        (33.3, SkillLevel.DISCOVER),
        (34, SkillLevel.PROGRESSING),
        (66.6, SkillLevel.PROGRESSING),
        (67, SkillLevel.COMFORTABLE),
        (100, SkillLevel.COMFORTABLE),
    ],
)
def test_levels_follow_the_score(percent, level):
    assert selectors.level_for(percent) == level


def test_weakest_areas_come_first(person, manager, questionnaire):
    answers = answers_by_area(questionnaire, {"Sécurité et vie privée": 0}, default=3)
    result = selectors.assessment_results(
        [assessment_create(person=person, staff=manager, answers=answers)]
    )[0]
    assert result.weakest_first()[0].area.name == "Sécurité et vie privée"


def test_every_question_must_be_answered(person, manager, questionnaire):
    answers = {q.pk: 1 for q in questionnaire[:-1]}
    with pytest.raises(ValidationError):
        assessment_create(person=person, staff=manager, answers=answers)
    assert not SkillAssessment.objects.exists()


def test_a_diagnostic_writes_one_diagnostic_activity(person, manager, questionnaire, site):
    assessment = assessment_create(
        person=person, staff=manager, site=site, answers={q.pk: 1 for q in questionnaire}
    )
    activity = Activity.objects.get()
    assert (activity.kind, activity.theme) == ("diagnostic", "diagnostic_numerique")
    assert activity.source == assessment
    assert activity.person == person


def test_diagnostic_form_with_a_missing_answer_says_so_and_saves_nothing(
    staff_client, person, questionnaire
):
    client, _ = staff_client("mediator")
    data = {f"q{q.pk}": "1" for q in questionnaire[1:]} | {"duration_minutes": "15"}
    response = client.post(f"/personnes/{person.pk}/diagnostics/nouveau/", data)
    assert "Choisissez une réponse." in response.text
    assert not SkillAssessment.objects.exists()


def test_volunteer_runs_a_diagnostic_through_the_form(staff_client, person, questionnaire):
    client, _ = staff_client("volunteer")
    data = {f"q{q.pk}": "2" for q in questionnaire} | {"duration_minutes": "12"}
    response = client.post(f"/personnes/{person.pk}/diagnostics/nouveau/", data)
    assert response["Location"] == f"/personnes/{person.pk}/diagnostics/"
    assert SkillAssessment.objects.get().duration_minutes == 12


def test_the_file_shows_the_latest_diagnostic_and_how_many_there_are(
    staff_client, person, manager, questionnaire
):
    import datetime as dt

    client, _ = staff_client("mediator")
    for day, score in [
        (dt.date(2026, 1, 5), 0),
        (dt.date(2026, 6, 1), 3),
        (dt.date(2026, 3, 2), 1),
    ]:
        assessment_create(
            person=person,
            staff=manager,
            answers={q.pk: score for q in questionnaire},
            assessed_on=day,
        )
    page = client.get(f"/personnes/{person.pk}/")
    assert page.context["latest_result"].assessment.assessed_on == dt.date(2026, 6, 1)
    assert page.context["latest_result"].overall == 100
    assert "Voir les 3 diagnostics et la progression" in page.text


def test_progress_chart_appears_from_the_second_diagnostic(
    staff_client, person, manager, questionnaire
):
    client, _ = staff_client("mediator")
    assessment_create(person=person, staff=manager, answers={q.pk: 0 for q in questionnaire})
    assert "progress_chart" not in client.get(f"/personnes/{person.pk}/diagnostics/").context
    assessment_create(person=person, staff=manager, answers={q.pk: 2 for q in questionnaire})
    page = client.get(f"/personnes/{person.pk}/diagnostics/")
    assert "<svg" in str(page.context["progress_chart"])
    assert page.context["progress_rows"][0][1] == [0, pytest.approx(66.67, abs=0.01)]


def test_retired_question_is_no_longer_asked(person, manager, questionnaire, staff_client):
    retired = questionnaire[0]
    SkillQuestion.objects.filter(pk=retired.pk).update(is_active=False)
    client, _ = staff_client("mediator")
    form = client.get(f"/personnes/{person.pk}/diagnostics/nouveau/").context["form"]
    assert f"q{retired.pk}" not in form.fields
    assert len(form.questions) == 14


def test_manager_edits_the_questionnaire(manager_client, questionnaire):
    question = questionnaire[0]
    manager_client.post(
        f"/personnes/diagnostic/questions/{question.pk}/",
        {
            "area": question.area_id,
            "text": "Allumer une tablette",
            "position": 0,
            "is_active": "on",
        },
    )
    question.refresh_from_db()
    assert question.text == "Allumer une tablette"


def test_other_roles_cannot_edit_the_questionnaire(staff_client, questionnaire):
    client, _ = staff_client("mediator")
    assert client.get("/personnes/diagnostic/questionnaire/").status_code == 403


def test_suggestions_come_from_registered_providers(person, manager, questionnaire, monkeypatch):
    calls = []

    def provider(person, weakest):
        calls.append([r.area.name for r in weakest])
        return ["Atelier « Se protéger des arnaques »"]

    monkeypatch.setattr(extensions, "SUGGESTION_PROVIDERS", [provider])
    answers = answers_by_area(questionnaire, {"Sécurité et vie privée": 0}, default=3)
    result = selectors.assessment_results(
        [assessment_create(person=person, staff=manager, answers=answers)]
    )[0]
    assert selectors.suggestions_for(person, result) == ["Atelier « Se protéger des arnaques »"]
    assert calls == [["Sécurité et vie privée"]]

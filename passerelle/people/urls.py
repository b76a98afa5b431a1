from django.urls import path

from passerelle.people import views, views_import, views_pathway

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("nouvelle/", views.person_create, name="create"),
    path("creees-en-ligne/", views.people_created_online, name="created_online"),
    path("<int:pk>/verifiee/", views.person_checked, name="checked"),
    path("importer/", views_import.import_start, name="import"),
    path("importer/<int:pk>/", views_import.import_detail, name="import_detail"),
    path("importer/coop/", views.beneficiaries_import, name="import_coop"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/modifier/", views.person_edit, name="edit"),
    path("<int:pk>/chronologie/", views.person_timeline, name="timeline"),
    path("<int:pk>/consentements/", views.consent_add, name="consent_add"),
    path(
        "<int:pk>/consentements/<str:scope>/retrait/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("<int:pk>/notice/", views.notice_given, name="notice_given"),
    path("<int:pk>/dispositifs/", views.programme_add, name="programme_add"),
    path(
        "<int:pk>/dispositifs/<int:membership_pk>/fin/",
        views.programme_end,
        name="programme_end",
    ),
    path("<int:pk>/notes/", views.note_add, name="note_add"),
    path("<int:pk>/fusion/", views.person_merge, name="merge"),
    path("<int:pk>/journal/", views.person_access_log, name="access_log"),
    path("<int:pk>/donnees/", views.person_data, name="data"),
    path("<int:pk>/diagnostics/", views_pathway.assessment_list, name="assessments"),
    path(
        "<int:pk>/diagnostics/nouveau/", views_pathway.assessment_create, name="assessment_create"
    ),
    path("<int:pk>/objectifs/nouveau/", views_pathway.goal_create, name="goal_create"),
    path("<int:pk>/objectifs/<int:goal_pk>/", views_pathway.goal_update, name="goal_update"),
    path("diagnostic/questionnaire/", views_pathway.questionnaire, name="questionnaire"),
    path("diagnostic/pix/", views_pathway.pix_import, name="pix_import"),
    path("diagnostic/pix/correspondances/", views_pathway.pix_mapping, name="pix_mapping"),
    path("diagnostic/questions/nouvelle/", views_pathway.question_edit, name="question_create"),
    path(
        "diagnostic/questions/<int:question_pk>/",
        views_pathway.question_edit,
        name="question_edit",
    ),
    path("diagnostic/domaines/nouveau/", views_pathway.area_create, name="area_create"),
]

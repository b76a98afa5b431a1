from django_tasks import task

from passerelle.reports import funder


@task()
def build_funder_report(report_id: int) -> str:
    return funder.build(report_id)

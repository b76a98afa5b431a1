from django_tasks import task

from passerelle.people import services_import


@task()
def run_people_import(batch_id: int) -> str:
    return services_import.people_import_run(batch_id=batch_id)

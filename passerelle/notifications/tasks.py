"""The background task: django-tasks with its database backend, run by `manage.py db_worker`."""

from django_tasks import task

from passerelle.notifications import services


@task(queue_name="default")
def deliver_message(message_id: int) -> str:
    return services.deliver(message_id)

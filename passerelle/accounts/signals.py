from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from passerelle.core import enums
from passerelle.core.services import audit_log


@receiver(user_logged_in)
def journal_login(sender, request, user, **kwargs):
    audit_log(actor=user, action=enums.AuditAction.LOGIN, request=request)


@receiver(user_logged_out)
def journal_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_log(actor=user, action=enums.AuditAction.LOGOUT, request=request)

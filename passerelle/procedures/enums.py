from django.db import models
from django.utils.translation import gettext_lazy as _

from passerelle.core.enums import AdminProcedureTheme


class Outcome(models.TextChoices):
    DONE = "done", _("Fait")
    WAITING = "waiting", _("En attente d'une réponse")
    BLOCKED = "blocked", _("Bloqué")
    REFERRED = "referred", _("Réorienté vers un partenaire")


class DeadlineKind(models.TextChoices):
    FT_ACTUALISATION = "ft_actualisation", _("Actualisation mensuelle France Travail")
    CAF_QUARTERLY = (
        "caf_quarterly",
        _("Déclaration trimestrielle CAF / MSA (RSA, prime d'activité)"),
    )
    TAX_RETURN = "tax_return", _("Déclaration de revenus")
    CSS_RENEWAL = "css_renewal", _("Renouvellement de la complémentaire santé solidaire")
    AAH_RENEWAL = "aah_renewal", _("Renouvellement de l'AAH (MDPH)")
    RESIDENCE_PERMIT = "residence_permit", _("Renouvellement du titre de séjour")
    IDENTITY_DOCUMENT = "identity_document", _("Renouvellement d'une pièce d'identité")
    SOCIAL_HOUSING = "social_housing", _("Renouvellement de la demande de logement social")
    ENERGY_VOUCHER = "energy_voucher", _("Demande du chèque énergie")
    DOMICILIATION = "domiciliation", _("Renouvellement de la domiciliation")
    RESIDENCE_RECEIPT = (
        "residence_receipt",
        _("Fin d'un récépissé ou d'une attestation de prolongation d'instruction"),
    )


class PermitKind(models.TextChoices):
    """Which renewal rule a residence permit follows (CESEDA R431-5)."""

    ANEF = "anef", _("Titre renouvelé en ligne (liste ANEF)")
    PREFECTURE = "prefecture", _("Titre renouvelé en préfecture")
    EU_LONG_TERM = "eu_long_term", _("Carte de résident de longue durée – UE")


class CampaignKind(models.TextChoices):
    """Yearly campaigns whose dates a manager types when they are published."""

    ENERGY_VOUCHER = "energy_voucher", _("Demande du chèque énergie")


# The national report's administrative domain of each followed deadline.
DEADLINE_CATEGORY = {
    DeadlineKind.FT_ACTUALISATION: AdminProcedureTheme.WORK,
    DeadlineKind.CAF_QUARTERLY: AdminProcedureTheme.SOCIAL_HEALTH,
    DeadlineKind.TAX_RETURN: AdminProcedureTheme.MONEY,
    DeadlineKind.CSS_RENEWAL: AdminProcedureTheme.SOCIAL_HEALTH,
    DeadlineKind.AAH_RENEWAL: AdminProcedureTheme.SOCIAL_HEALTH,
    DeadlineKind.RESIDENCE_PERMIT: AdminProcedureTheme.FOREIGNERS,
    DeadlineKind.IDENTITY_DOCUMENT: AdminProcedureTheme.PAPERS,
    DeadlineKind.SOCIAL_HOUSING: AdminProcedureTheme.HOUSING,
    DeadlineKind.ENERGY_VOUCHER: AdminProcedureTheme.HOUSING,
    DeadlineKind.DOMICILIATION: AdminProcedureTheme.SOCIAL_HEALTH,
    DeadlineKind.RESIDENCE_RECEIPT: AdminProcedureTheme.FOREIGNERS,
}

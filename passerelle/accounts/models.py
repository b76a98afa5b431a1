"""Staff accounts: one login per person working at the centre, by e-mail, with a role."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passerelle.accounts.enums import Role
from passerelle.core.models import ChoiceDisplayMixin, Organisation, Site


class UserQuerySet(models.QuerySet):
    def visible_to(self, user) -> UserQuerySet:
        """Colleagues of the same organisation; a manager sees all, others the colleagues of
        their sites and the managers, who work at every site (and may hold consultation
        hours there)."""
        if not user.is_authenticated or user.organisation_id is None:
            return self.none()
        qs = self.filter(organisation_id=user.organisation_id)
        if not user.sees_all_sites:
            qs = qs.filter(
                models.Q(sites__in=user.sites.all()) | models.Q(role=Role.MANAGER)
            ).distinct()
        return qs

    def active(self) -> UserQuerySet:
        return self.filter(is_active=True)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **fields) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        fields.setdefault("role", Role.MANAGER)
        return self._create_user(email, password, **fields)

    def get_by_natural_key(self, username: str) -> User:
        return self.get(email__iexact=username)


class User(ChoiceDisplayMixin, AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("adresse e-mail"), unique=True)
    first_name = models.CharField(_("prénom"), max_length=150)
    last_name = models.CharField(_("nom"), max_length=150)
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        related_name="staff",
        verbose_name=_("structure"),
    )
    sites = models.ManyToManyField(
        Site, blank=True, related_name="staff", verbose_name=_("lieux d'intervention")
    )
    is_active = models.BooleanField(_("actif"), default=True)
    # The national "conseiller numérique" scheme (ANCT): the Coop export names the role.
    is_digital_adviser = models.BooleanField(
        _("conseiller numérique (dispositif de l'État)"), default=False
    )
    is_staff = models.BooleanField(
        _("accès à l'administration technique"),
        default=False,
        help_text=_("Réservé à l'administrateur technique de l'installation."),
    )
    date_joined = models.DateTimeField(_("créé le"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        verbose_name = _("membre du personnel")
        verbose_name_plural = _("membres du personnel")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_unique_email_ci"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name

    @property
    def sees_all_sites(self) -> bool:
        return self.role == Role.MANAGER


class CalendarFeed(models.Model):
    """The secret address of a staff member's calendar (ICS), revocable by renewing it."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("agenda en ligne")

    def __str__(self) -> str:
        return f"Agenda de {self.user}"

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "passerelle.demo"
    label = "demo"
    verbose_name = "Démonstration"

"""The default diagnostic questionnaire and goal catalogue every organisation starts with.

A manager edits them afterwards (Personnes → Diagnostic : questionnaire).
"""

from passerelle.core.enums import Theme

QUESTIONNAIRE = [
    (
        "Utiliser un appareil",
        Theme.HARDWARE,
        [
            "Allumer un ordinateur ou un smartphone et le déverrouiller",
            "Utiliser la souris, le clavier ou l'écran tactile",
            "Installer une application sur son téléphone",
        ],
    ),
    (
        "Naviguer sur internet",
        Theme.BROWSING,
        [
            "Ouvrir un site en tapant son adresse",
            "Faire une recherche et choisir un site officiel",
            "Télécharger un document et le retrouver",
        ],
    ),
    (
        "E-mail",
        Theme.EMAIL,
        [
            "Lire ses e-mails et ouvrir une pièce jointe",
            "Écrire et envoyer un e-mail avec une pièce jointe",
        ],
    ),
    (
        "Identité numérique et démarches",
        Theme.ADMIN_PROCEDURES,
        [
            "Se connecter à son compte (CAF, ameli, impots.gouv…)",
            "Utiliser FranceConnect",
            "Remplir un formulaire en ligne et envoyer un justificatif",
        ],
    ),
    (
        "Sécurité et vie privée",
        Theme.SECURITY,
        [
            "Reconnaître un SMS ou un e-mail d'arnaque",
            "Choisir un mot de passe solide et le garder secret",
        ],
    ),
    (
        "Bureautique et emploi",
        Theme.EMPLOYMENT,
        [
            "Écrire un document simple (CV, lettre) et l'enregistrer",
            "Chercher une offre d'emploi ou de formation en ligne",
        ],
    ),
]

GOALS = [
    ("Créer une adresse e-mail", Theme.EMAIL),
    ("Faire son actualisation France Travail seul(e)", Theme.ADMIN_PROCEDURES),
    ("Faire sa déclaration trimestrielle CAF seul(e)", Theme.ADMIN_PROCEDURES),
    ("Déclarer ses revenus en ligne", Theme.ADMIN_PROCEDURES),
    ("Utiliser FranceConnect", Theme.ADMIN_PROCEDURES),
    ("Scanner et envoyer un justificatif", Theme.ADMIN_PROCEDURES),
    ("Consulter son compte ameli", Theme.HEALTH),
    ("Prendre un rendez-vous médical en ligne", Theme.HEALTH),
    ("Chercher un emploi en ligne", Theme.EMPLOYMENT),
    ("Faire son CV", Theme.EMPLOYMENT),
    ("Reconnaître une arnaque par SMS ou e-mail", Theme.SECURITY),
    ("Utiliser son smartphone au quotidien", Theme.HARDWARE),
]

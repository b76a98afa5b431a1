"""The default catalogue of online procedures, in plain French, one action per step.

Seeded into each organisation, then the organisation's managers keep it up to date (each
entry shows when it was last checked). Fiche numbers are service-public.fr's, where known.
"""

from passerelle.core.enums import AdminProcedureTheme as C
from passerelle.core.enums import Theme as T

CAF = "CAF"
FT = "France Travail"
DGFIP = "impots.gouv (DGFiP)"
AMELI = "Assurance maladie (ameli)"
ANTS = "ANTS"

# (name, agency, category, theme, url, fiche, minutes, email, mobile, franceconnect,
#  documents, steps)
PROCEDURES = [
    (
        "Déclaration trimestrielle RSA et prime d'activité",
        CAF,
        C.SOCIAL_HEALTH,
        T.ADMIN_PROCEDURES,
        "https://www.caf.fr",
        "F19778",
        15,
        False,
        False,
        True,
        "Les revenus des 3 derniers mois (bulletins de salaire, indemnités, pensions)",
        "Aller sur caf.fr et ouvrir « Mon Compte ».\n"
        "La personne saisit elle-même son numéro allocataire et son mot de passe.\n"
        "Ouvrir « Déclarer mes ressources trimestrielles ».\n"
        "Vérifier les montants déjà remplis, mois par mois.\n"
        "Corriger ou ajouter ce qui manque, pour chaque personne du foyer.\n"
        "Valider, puis noter ou photographier le récapitulatif.",
    ),
    (
        "Demande de prime d'activité",
        CAF,
        C.SOCIAL_HEALTH,
        T.ADMIN_PROCEDURES,
        "https://www.caf.fr",
        "F2882",
        30,
        True,
        False,
        True,
        "Bulletins de salaire des 3 derniers mois\nRIB",
        "Faire d'abord la simulation sur caf.fr.\n"
        "Se connecter à « Mon Compte » (ou créer le compte).\n"
        "Ouvrir « Faire une demande de prestation », puis « Prime d'activité ».\n"
        "Répondre aux questions sur le foyer et les revenus.\n"
        "Envoyer la demande et garder l'accusé de réception.",
    ),
    (
        "Demande de RSA",
        CAF,
        C.SOCIAL_HEALTH,
        T.ADMIN_PROCEDURES,
        "https://www.caf.fr",
        "F19778",
        45,
        True,
        False,
        True,
        "Pièce d'identité ou titre de séjour\nRIB\nRevenus des 3 derniers mois",
        "Faire la simulation du RSA sur caf.fr.\n"
        "Se connecter à « Mon Compte » (ou créer le compte).\n"
        "Ouvrir « Faire une demande de prestation », puis « RSA ».\n"
        "Répondre aux questions, une page après l'autre.\n"
        "Joindre les justificatifs demandés (photo ou scan).\n"
        "Envoyer la demande et garder l'accusé de réception.",
    ),
    (
        "Demande d'aide au logement (APL)",
        CAF,
        C.HOUSING,
        T.ADMIN_PROCEDURES,
        "https://www.caf.fr",
        "F12006",
        40,
        True,
        False,
        True,
        "Bail ou contrat de location\nRIB\nNom et adresse du propriétaire",
        "Faire la simulation « aides au logement » sur caf.fr.\n"
        "Se connecter à « Mon Compte » (ou créer le compte).\n"
        "Choisir « Faire une demande de prestation », puis « Aide au logement ».\n"
        "Saisir le loyer et les informations du logement.\n"
        "Joindre le bail si demandé.\n"
        "Envoyer et noter la date.",
    ),
    (
        "Déclarer un changement de situation à la CAF",
        CAF,
        C.SOCIAL_HEALTH,
        T.ADMIN_PROCEDURES,
        "https://www.caf.fr",
        "",
        20,
        False,
        False,
        True,
        "Le justificatif du changement (contrat, acte, bail…)",
        "Se connecter à « Mon Compte » sur caf.fr.\n"
        "Ouvrir « Déclarer un changement ».\n"
        "Choisir le changement : adresse, famille, travail, ressources…\n"
        "Indiquer la date du changement.\n"
        "Valider et garder le récapitulatif.",
    ),
    (
        "Créer son espace Mon Compte CAF",
        CAF,
        C.SOCIAL_HEALTH,
        T.ADMIN_PROCEDURES,
        "https://www.caf.fr",
        "",
        20,
        True,
        True,
        True,
        "Numéro allocataire (sur un courrier de la CAF)\nNuméro de sécurité sociale",
        "Aller sur caf.fr et choisir « Mon Compte ».\n"
        "Cliquer sur « Créer mon compte » ou utiliser FranceConnect.\n"
        "Saisir le numéro allocataire et le numéro de sécurité sociale.\n"
        "La personne choisit son mot de passe et le garde pour elle.\n"
        "Valider le code reçu par e-mail ou SMS.",
    ),
    (
        "Télécharger une attestation de paiement CAF",
        CAF,
        C.SOCIAL_HEALTH,
        T.ADMIN_PROCEDURES,
        "https://www.caf.fr",
        "",
        10,
        False,
        False,
        True,
        "",
        "Se connecter à « Mon Compte » sur caf.fr.\n"
        "Ouvrir « Mes attestations ».\n"
        "Choisir « Attestation de paiement » et la période.\n"
        "Télécharger le document, l'imprimer ou l'envoyer par e-mail.",
    ),
    (
        "S'inscrire à France Travail",
        FT,
        C.WORK,
        T.ADMIN_PROCEDURES,
        "https://www.francetravail.fr",
        "",
        45,
        True,
        True,
        True,
        "Pièce d'identité ou titre de séjour\nRIB\nCV si possible\nAttestations employeur",
        "Aller sur francetravail.fr, espace « Candidat ».\n"
        "Choisir « M'inscrire ».\n"
        "Répondre aux questions sur la formation et le métier recherché.\n"
        "Joindre les justificatifs demandés.\n"
        "Noter le rendez-vous proposé avec le conseiller.",
    ),
    (
        "Actualisation mensuelle France Travail",
        FT,
        C.WORK,
        T.ADMIN_PROCEDURES,
        "https://www.francetravail.fr",
        "F1637",
        10,
        False,
        False,
        True,
        "Heures travaillées et salaires du mois (si la personne a travaillé)",
        "Aller sur francetravail.fr ou l'application, entre le 28 et le 15.\n"
        "La personne saisit son identifiant et son mot de passe.\n"
        "Choisir « M'actualiser ».\n"
        "Répondre aux questions sur le mois écoulé.\n"
        "Déclarer les heures et le salaire brut si elle a travaillé.\n"
        "Valider et garder le numéro de confirmation.",
    ),
    (
        "Consulter son espace personnel et ses courriers France Travail",
        FT,
        C.WORK,
        T.ADMIN_PROCEDURES,
        "https://www.francetravail.fr",
        "",
        15,
        False,
        False,
        True,
        "",
        "Se connecter à l'espace personnel.\n"
        "Ouvrir « Mes échanges » puis « Mes courriers ».\n"
        "Lire les courriers non lus avec la personne.\n"
        "Noter les rendez-vous et les dates limites.",
    ),
    (
        "Déclarer un changement de situation à France Travail",
        FT,
        C.WORK,
        T.ADMIN_PROCEDURES,
        "https://www.francetravail.fr",
        "",
        20,
        False,
        False,
        True,
        "Le justificatif (contrat de travail, arrêt maladie, formation…)",
        "Se connecter à l'espace personnel.\n"
        "Ouvrir « Mes démarches », puis « Déclarer un changement de situation ».\n"
        "Choisir le changement et sa date.\n"
        "Joindre le justificatif et valider.",
    ),
    (
        "Envoyer un justificatif à France Travail",
        FT,
        C.WORK,
        T.ADMIN_PROCEDURES,
        "https://www.francetravail.fr",
        "",
        15,
        False,
        False,
        True,
        "Le document à envoyer (papier à scanner ou photo nette)",
        "Scanner le document ou le prendre en photo bien à plat.\n"
        "Se connecter à l'espace personnel.\n"
        "Ouvrir « Envoyer un document ».\n"
        "Choisir le type de document et joindre le fichier.\n"
        "Valider et garder l'accusé de réception.",
    ),
    (
        "Créer son espace particulier impots.gouv",
        DGFIP,
        C.MONEY,
        T.ADMIN_PROCEDURES,
        "https://www.impots.gouv.fr",
        "",
        20,
        True,
        False,
        True,
        "Numéro fiscal (sur un avis d'impôt)\nNuméro d'accès en ligne et revenu fiscal de "
        "référence (sur le dernier avis)",
        "Aller sur impots.gouv.fr, « Votre espace particulier ».\n"
        "Saisir le numéro fiscal, puis « Continuer ».\n"
        "Saisir le numéro d'accès en ligne et le revenu fiscal de référence.\n"
        "La personne choisit son mot de passe et le garde pour elle.\n"
        "Valider le lien reçu par e-mail.",
    ),
    (
        "Déclarer ses revenus en ligne",
        DGFIP,
        C.MONEY,
        T.ADMIN_PROCEDURES,
        "https://www.impots.gouv.fr",
        "F358",
        30,
        False,
        False,
        True,
        "Montants des revenus de l'année passée (salaires, chômage, pensions)",
        "Se connecter à l'espace particulier.\n"
        "Ouvrir « Déclarer mes revenus ».\n"
        "Vérifier la situation de famille et l'adresse.\n"
        "Vérifier chaque montant déjà rempli.\n"
        "Ajouter ce qui manque, puis « Signer ma déclaration ».\n"
        "Télécharger l'accusé de réception.",
    ),
    (
        "Télécharger son avis d'impôt",
        DGFIP,
        C.MONEY,
        T.ADMIN_PROCEDURES,
        "https://www.impots.gouv.fr",
        "",
        10,
        False,
        False,
        True,
        "",
        "Se connecter à l'espace particulier.\n"
        "Ouvrir « Documents ».\n"
        "Choisir l'avis d'impôt de l'année demandée.\n"
        "Télécharger, puis imprimer ou envoyer.",
    ),
    (
        "Corriger sa déclaration de revenus en ligne",
        DGFIP,
        C.MONEY,
        T.ADMIN_PROCEDURES,
        "https://www.impots.gouv.fr",
        "",
        20,
        False,
        False,
        True,
        "Le montant juste et son justificatif",
        "Se connecter à l'espace particulier, à partir de l'été.\n"
        "Ouvrir « Corriger ma déclaration en ligne ».\n"
        "Modifier la ligne concernée.\n"
        "Valider et télécharger le nouvel accusé de réception.",
    ),
    (
        "Créer son compte ameli",
        AMELI,
        C.SOCIAL_HEALTH,
        T.HEALTH,
        "https://www.ameli.fr",
        "",
        20,
        True,
        True,
        True,
        "Carte Vitale\nRIB (les derniers chiffres sont demandés)",
        "Aller sur ameli.fr, « Compte ameli », puis « Créer mon compte ».\n"
        "Saisir le numéro de sécurité sociale et le code postal.\n"
        "Saisir les derniers chiffres du RIB.\n"
        "La personne choisit son mot de passe et le garde pour elle.\n"
        "Valider avec le code reçu par e-mail.",
    ),
    (
        "Télécharger une attestation de droits (ameli)",
        AMELI,
        C.SOCIAL_HEALTH,
        T.HEALTH,
        "https://www.ameli.fr",
        "",
        10,
        False,
        False,
        True,
        "",
        "Se connecter au compte ameli.\n"
        "Ouvrir « Mes démarches », puis « Obtenir une attestation ».\n"
        "Choisir « Attestation de droits ».\n"
        "Télécharger, imprimer ou envoyer.",
    ),
    (
        "Demander la complémentaire santé solidaire",
        AMELI,
        C.SOCIAL_HEALTH,
        T.HEALTH,
        "https://www.complementaire-sante-solidaire.gouv.fr",
        "F10027",
        30,
        False,
        False,
        True,
        "Ressources des 12 derniers mois du foyer",
        "Faire la simulation sur complementaire-sante-solidaire.gouv.fr.\n"
        "Se connecter au compte ameli.\n"
        "Ouvrir « Mes démarches », puis « Complémentaire santé solidaire ».\n"
        "Saisir les ressources de chaque personne du foyer.\n"
        "Envoyer et noter la date : la réponse arrive en 2 mois au plus.",
    ),
    (
        "Commander une carte Vitale",
        AMELI,
        C.SOCIAL_HEALTH,
        T.HEALTH,
        "https://www.ameli.fr",
        "",
        15,
        False,
        False,
        True,
        "Photo d'identité récente (ou photo prise au centre)\nPièce d'identité",
        "Se connecter au compte ameli.\n"
        "Ouvrir « Commander ma carte Vitale ».\n"
        "Envoyer la photo et la pièce d'identité.\n"
        "Vérifier l'adresse d'envoi et valider.",
    ),
    (
        "Pré-demande de carte d'identité",
        ANTS,
        C.PAPERS,
        T.ADMIN_PROCEDURES,
        "https://ants.gouv.fr",
        "F1341",
        30,
        True,
        False,
        True,
        "Ancienne carte ou acte de naissance\nJustificatif de domicile\nTimbre fiscal si "
        "la carte est perdue ou volée",
        "Aller sur ants.gouv.fr, « Carte d'identité ».\n"
        "Se connecter, avec FranceConnect si possible.\n"
        "Remplir la pré-demande.\n"
        "Noter ou imprimer le numéro de pré-demande.\n"
        "Prendre rendez-vous dans une mairie équipée.",
    ),
    (
        "Pré-demande de passeport",
        ANTS,
        C.PAPERS,
        T.ADMIN_PROCEDURES,
        "https://ants.gouv.fr",
        "F21089",
        30,
        True,
        False,
        True,
        "Ancien passeport ou carte d'identité\nJustificatif de domicile\nTimbre fiscal "
        "électronique",
        "Acheter le timbre fiscal électronique en ligne.\n"
        "Remplir la pré-demande sur ants.gouv.fr.\n"
        "Noter le numéro de pré-demande.\n"
        "Prendre rendez-vous dans une mairie équipée.",
    ),
    (
        "Demande de permis de conduire (ANTS)",
        ANTS,
        C.TRANSPORT,
        T.ADMIN_PROCEDURES,
        "https://ants.gouv.fr",
        "",
        30,
        True,
        False,
        True,
        "Photo-signature numérique (e-photo)\nPièce d'identité\nJustificatif de domicile",
        "Faire faire une e-photo dans une cabine agréée.\n"
        "Se connecter sur ants.gouv.fr.\n"
        "Choisir la démarche : inscription, renouvellement, perte, vol…\n"
        "Joindre les pièces et valider.\n"
        "Suivre la demande dans l'espace ANTS.",
    ),
    (
        "Certificat d'immatriculation (carte grise)",
        ANTS,
        C.TRANSPORT,
        T.ADMIN_PROCEDURES,
        "https://ants.gouv.fr",
        "",
        30,
        True,
        False,
        True,
        "Certificat de cession\nCarte grise barrée\nJustificatif de domicile",
        "Se connecter sur ants.gouv.fr.\n"
        "Choisir « Je souhaite acheter ou recevoir un véhicule d'occasion ».\n"
        "Saisir le code de cession donné par le vendeur.\n"
        "Payer les taxes en ligne.\n"
        "Imprimer le certificat provisoire.",
    ),
    (
        "Renouveler son titre de séjour (ANEF)",
        "Ministère de l'Intérieur (ANEF)",
        C.FOREIGNERS,
        T.ADMIN_PROCEDURES,
        "https://administration-etrangers-en-france.interieur.gouv.fr",
        "",
        45,
        True,
        True,
        False,
        "Titre de séjour actuel\nPasseport\nJustificatif de domicile\nPhoto-signature "
        "numérique (e-photo)",
        "Commencer entre 120 et 60 jours avant la fin du titre.\n"
        "Se connecter sur le site de l'ANEF (ou créer le compte).\n"
        "Choisir « Renouveler mon titre de séjour ».\n"
        "Joindre chaque pièce demandée (scan ou photo nette).\n"
        "Envoyer et télécharger l'attestation de dépôt.",
    ),
    (
        "Suivre sa demande de titre de séjour (ANEF)",
        "Ministère de l'Intérieur (ANEF)",
        C.FOREIGNERS,
        T.ADMIN_PROCEDURES,
        "https://administration-etrangers-en-france.interieur.gouv.fr",
        "",
        15,
        False,
        False,
        False,
        "",
        "Se connecter sur le site de l'ANEF.\n"
        "Ouvrir « Mes demandes ».\n"
        "Lire l'état de la demande et les messages.\n"
        "Télécharger l'attestation de prolongation si elle est disponible.",
    ),
    (
        "Demande d'AAH (MDPH)",
        "MDPH du Val-de-Marne",
        C.SOCIAL_HEALTH,
        T.ADMIN_PROCEDURES,
        "https://mdphenligne.cnsa.fr",
        "F12242",
        60,
        True,
        False,
        False,
        "Certificat médical de moins d'un an\nPièce d'identité\nJustificatif de domicile",
        "Demander au médecin le certificat médical MDPH.\n"
        "Se connecter au service MDPH en ligne.\n"
        "Remplir le formulaire de demande, partie par partie.\n"
        "Joindre le certificat médical et les justificatifs.\n"
        "Envoyer et garder l'accusé de réception.",
    ),
    (
        "Renouveler ses droits MDPH (AAH, RQTH, CMI)",
        "MDPH du Val-de-Marne",
        C.SOCIAL_HEALTH,
        T.ADMIN_PROCEDURES,
        "https://mdphenligne.cnsa.fr",
        "",
        45,
        True,
        False,
        False,
        "Certificat médical de moins d'un an\nDernière notification de la MDPH",
        "Commencer environ 6 mois avant la fin des droits.\n"
        "Se connecter au service MDPH en ligne.\n"
        "Choisir une demande de renouvellement.\n"
        "Joindre le nouveau certificat médical.\n"
        "Envoyer et garder l'accusé de réception.",
    ),
    (
        "Créer son compte retraite",
        "Info Retraite",
        C.SOCIAL_HEALTH,
        T.ADMIN_PROCEDURES,
        "https://www.info-retraite.fr",
        "",
        15,
        True,
        False,
        True,
        "",
        "Aller sur info-retraite.fr.\n"
        "Se connecter avec FranceConnect.\n"
        "Vérifier le relevé de carrière, année par année.\n"
        "Signaler les périodes qui manquent.",
    ),
    (
        "Demander sa retraite en ligne",
        "Info Retraite",
        C.SOCIAL_HEALTH,
        T.ADMIN_PROCEDURES,
        "https://www.info-retraite.fr",
        "",
        60,
        True,
        False,
        True,
        "RIB\nAvis d'impôt\nJustificatifs des périodes qui manquent",
        "Commencer 6 mois avant la date de départ choisie.\n"
        "Se connecter à l'espace personnel sur info-retraite.fr.\n"
        "Choisir « Demander ma retraite ».\n"
        "Répondre aux questions et joindre les pièces.\n"
        "Envoyer : la demande part à tous les régimes en une fois.",
    ),
    (
        "Mon Compte Formation : consulter ses droits",
        "Caisse des dépôts",
        C.WORK,
        T.EMPLOYMENT,
        "https://www.moncompteformation.gouv.fr",
        "F10705",
        20,
        True,
        True,
        True,
        "",
        "Se connecter sur moncompteformation.gouv.fr avec FranceConnect+.\n"
        "Lire le montant disponible sur le compte.\n"
        "Chercher une formation par métier et par ville.\n"
        "Enregistrer les formations intéressantes.",
    ),
    (
        "S'inscrire à une formation avec son CPF",
        "Caisse des dépôts",
        C.WORK,
        T.EMPLOYMENT,
        "https://www.moncompteformation.gouv.fr",
        "F10705",
        30,
        True,
        True,
        True,
        "",
        "Se connecter sur moncompteformation.gouv.fr.\n"
        "Ouvrir la fiche de la formation choisie.\n"
        "Vérifier les dates, le lieu et le reste à payer.\n"
        "Envoyer la demande d'inscription.\n"
        "Attention aux appels et SMS qui proposent des formations : ce sont souvent des "
        "arnaques.",
    ),
    (
        "Chercher une offre d'emploi sur francetravail.fr",
        FT,
        C.WORK,
        T.EMPLOYMENT,
        "https://candidat.francetravail.fr/offres/recherche",
        "",
        30,
        False,
        False,
        False,
        "",
        "Ouvrir la recherche d'offres.\n"
        "Saisir le métier et la ville.\n"
        "Filtrer par type de contrat et distance.\n"
        "Ouvrir une offre et lire comment postuler.\n"
        "Enregistrer l'offre ou postuler.",
    ),
    (
        "Postuler aux offres de l'inclusion (IAE)",
        "Plateforme de l'inclusion",
        C.WORK,
        T.EMPLOYMENT,
        "https://emplois.inclusion.beta.gouv.fr",
        "",
        30,
        True,
        False,
        True,
        "CV",
        "Ouvrir le site des emplois de l'inclusion.\n"
        "Chercher les employeurs solidaires près de chez soi.\n"
        "Créer son compte candidat.\n"
        "Envoyer sa candidature avec le CV.",
    ),
    (
        "Créer son CV en ligne",
        FT,
        C.WORK,
        T.EMPLOYMENT,
        "https://www.francetravail.fr",
        "",
        60,
        True,
        False,
        True,
        "Liste des emplois et formations, avec les dates",
        "Se connecter à l'espace personnel France Travail.\n"
        "Ouvrir « Mon profil de compétences ».\n"
        "Ajouter les expériences et les formations.\n"
        "Ajouter les savoir-faire et les qualités.\n"
        "Télécharger le CV en PDF.",
    ),
    (
        "Utiliser son chèque énergie en ligne",
        "Ministère de la Transition énergétique",
        C.HOUSING,
        T.ADMIN_PROCEDURES,
        "https://chequeenergie.gouv.fr",
        "",
        15,
        False,
        False,
        False,
        "Le chèque énergie reçu par courrier\nLa dernière facture d'énergie",
        "Aller sur chequeenergie.gouv.fr.\n"
        "Choisir « Utiliser mon chèque en ligne ».\n"
        "Saisir le numéro du chèque et le code.\n"
        "Choisir le fournisseur et saisir la référence client.\n"
        "Valider.",
    ),
    (
        "Demande de logement social",
        "Système national d'enregistrement",
        C.HOUSING,
        T.ADMIN_PROCEDURES,
        "https://www.demande-logement-social.gouv.fr",
        "",
        45,
        True,
        False,
        False,
        "Pièce d'identité ou titre de séjour\nAvis d'impôt des 2 dernières années",
        "Aller sur demande-logement-social.gouv.fr.\n"
        "Créer le compte.\n"
        "Remplir la demande : foyer, ressources, logement actuel, communes souhaitées.\n"
        "Joindre les pièces.\n"
        "Noter le numéro unique d'enregistrement.",
    ),
    (
        "Renouveler sa demande de logement social",
        "Système national d'enregistrement",
        C.HOUSING,
        T.ADMIN_PROCEDURES,
        "https://www.demande-logement-social.gouv.fr",
        "",
        15,
        True,
        False,
        False,
        "Numéro unique de la demande",
        "Renouveler chaque année avant la date anniversaire.\n"
        "Se connecter avec le numéro unique.\n"
        "Mettre à jour les ressources et la situation.\n"
        "Valider le renouvellement.",
    ),
    (
        "Se connecter avec FranceConnect",
        "FranceConnect",
        C.PAPERS,
        T.ADMIN_PROCEDURES,
        "https://franceconnect.gouv.fr",
        "",
        15,
        False,
        False,
        True,
        "Un compte existant : ameli, impots.gouv, La Poste ou MSA",
        "Sur le site de la démarche, cliquer « S'identifier avec FranceConnect ».\n"
        "Choisir le compte que la personne connaît déjà (ameli, impots.gouv…).\n"
        "La personne saisit elle-même ses identifiants.\n"
        "Vérifier les nom et prénom affichés, puis continuer.",
    ),
    (
        "Créer une adresse e-mail",
        "Fournisseur de messagerie",
        C.PAPERS,
        T.EMAIL,
        "https://www.laposte.net",
        "",
        30,
        False,
        True,
        False,
        "Un téléphone portable",
        "Choisir un fournisseur de messagerie.\n"
        "Choisir une adresse simple : prénom.nom.\n"
        "La personne choisit son mot de passe, l'écrit sur un papier qu'elle garde chez elle.\n"
        "Ajouter le numéro de portable pour retrouver le compte.\n"
        "Envoyer un premier e-mail pour tester.",
    ),
    (
        "Créer son Identité Numérique La Poste",
        "La Poste",
        C.PAPERS,
        T.ADMIN_PROCEDURES,
        "https://lidentitenumerique.laposte.fr",
        "",
        30,
        True,
        True,
        False,
        "Carte d'identité ou passeport français en cours de validité\nSmartphone",
        "Installer l'application L'Identité Numérique La Poste.\n"
        "Créer le compte avec l'adresse e-mail et le portable.\n"
        "Photographier la pièce d'identité dans l'application.\n"
        "Faire vérifier l'identité par un facteur ou en bureau de poste.",
    ),
    (
        "Demander l'aide juridictionnelle",
        "Ministère de la Justice",
        C.JUSTICE,
        T.ADMIN_PROCEDURES,
        "https://www.aidejuridictionnelle.justice.fr",
        "",
        40,
        True,
        False,
        True,
        "Avis d'impôt\nDocuments de l'affaire (convocation, jugement)",
        "Aller sur le site de l'aide juridictionnelle.\n"
        "Faire la simulation.\n"
        "Remplir la demande et joindre les documents.\n"
        "Envoyer et garder l'accusé de réception.",
    ),
    (
        "Demander la réduction Solidarité Transport (Île-de-France)",
        "Île-de-France Mobilités",
        C.TRANSPORT,
        T.ADMIN_PROCEDURES,
        "https://www.iledefrance-mobilites.fr",
        "",
        20,
        True,
        False,
        False,
        "Attestation CAF ou France Travail ou CSS\nPasse Navigo",
        "Aller sur le site d'Île-de-France Mobilités, « Solidarité Transport ».\n"
        "Vérifier que la personne y a droit.\n"
        "Remplir la demande et joindre l'attestation.\n"
        "Recharger le passe Navigo une fois les droits ouverts.",
    ),
    (
        "Demander une bourse de collège ou de lycée",
        "Éducation nationale",
        C.FAMILY,
        T.ADMIN_PROCEDURES,
        "https://educonnect.education.gouv.fr",
        "",
        20,
        True,
        False,
        True,
        "Avis d'impôt\nIdentifiants ÉduConnect (donnés par l'établissement)",
        "Se connecter à ÉduConnect (ou avec FranceConnect).\n"
        "Ouvrir « Scolarité services », puis « Bourse ».\n"
        "Vérifier les informations fiscales récupérées.\n"
        "Valider la demande avant la date limite de l'établissement.",
    ),
    (
        "Vérifier son inscription sur les listes électorales",
        "Service-Public.fr",
        C.PAPERS,
        T.ADMIN_PROCEDURES,
        "https://www.service-public.fr",
        "",
        10,
        False,
        False,
        True,
        "Nom, prénoms et date de naissance",
        "Ouvrir le service « Interroger sa situation électorale ».\n"
        "Saisir la commune de vote, le nom et la date de naissance.\n"
        "Lire le bureau de vote indiqué.\n"
        "Si la personne n'est pas inscrite, faire la demande d'inscription en ligne.",
    ),
    (
        "Signaler un changement d'adresse à tous les organismes",
        "Service-Public.fr",
        C.HOUSING,
        T.ADMIN_PROCEDURES,
        "https://www.service-public.fr",
        "",
        20,
        True,
        False,
        True,
        "Nouvelle adresse et date du déménagement",
        "Ouvrir le service de changement de coordonnées.\n"
        "Se connecter avec FranceConnect.\n"
        "Saisir la nouvelle adresse et la date.\n"
        "Cocher les organismes à prévenir (CAF, France Travail, impôts…).\n"
        "Valider.",
    ),
]

// French UI strings (formal "vous"; French typography: a thin space before ? and :).
import type { Table } from './en';

export const fr: Table = [
  'Discuter avec nous', // title
  'Ouvrir la discussion', // open
  'Ouvrir la discussion, non lus : {n}', // openUnread
  'Fermer la discussion', // close
  'Réduire la discussion', // minimize
  'Participants', // participants
  'Télécharger la transcription', // transcript
  'Terminer la discussion', // endChat
  'Terminer cette discussion ?', // endAsk
  'Terminer', // end
  'Annuler', // cancel
  'Prénom', // firstName
  'Nom', // lastName
  'E-mail', // email
  'Téléphone', // phoneNumber
  'Veuillez saisir votre prénom.', // needName
  'Saisissez une adresse comme nom@exemple.fr.', // badEmail
  'Démarrer la discussion', // startChat
  'En attente d’un conseiller…', // waiting
  'Messages', // messages
  'Charger les messages précédents', // earlier
  'Message', // message
  'Envoyer', // send
  'Envoi…', // sending
  'Non envoyé', // failed
  'Réessayer', // retry
  '{name} écrit…', // typing
  '{name} a rejoint la discussion', // joined
  '{name} a quitté la discussion', // leftChat
  'Conseiller', // AGENT
  'Visiteur', // CUSTOMER
  'Bot', // WORKFLOW
  'File d’attente', // ACD
  'Le conseiller souhaite {x}', // media
  'naviguer avec vous', // cobrowse
  'voir votre écran', // screenshare
  'Accepter', // accept
  'Refuser', // decline
  'Reconnexion…', // reconnecting
  'Discussion terminée', // ended
  'Nouvelle discussion', // startNew
  'Connexion impossible. Veuillez réessayer.', // errRetry
  'La discussion n’est pas disponible pour le moment.', // errSetup
];

// German UI strings (formal "Sie", as German customer service writes).
import type { Table } from './en';

export const de: Table = [
  'Chatten Sie mit uns', // title
  'Chat öffnen', // open
  'Chat öffnen, {n} ungelesen', // openUnread
  'Chat schließen', // close
  'Chat minimieren', // minimize
  'Teilnehmer', // participants
  'Verlauf herunterladen', // transcript
  'Chat beenden', // endChat
  'Diesen Chat beenden?', // endAsk
  'Beenden', // end
  'Abbrechen', // cancel
  'Vorname', // firstName
  'Nachname', // lastName
  'E-Mail', // email
  'Telefonnummer', // phoneNumber
  'Bitte geben Sie Ihren Vornamen ein.', // needName
  'Geben Sie eine E-Mail wie name@beispiel.de ein.', // badEmail
  'Chat starten', // startChat
  'Warten auf einen Mitarbeiter…', // waiting
  'Nachrichten', // messages
  'Ältere Nachrichten laden', // earlier
  'Nachricht', // message
  'Senden', // send
  'Wird gesendet…', // sending
  'Nicht gesendet', // failed
  'Erneut senden', // retry
  '{name} schreibt…', // typing
  '{name} ist dem Chat beigetreten', // joined
  '{name} hat den Chat verlassen', // leftChat
  'Mitarbeiter', // AGENT
  'Gast', // CUSTOMER
  'Bot', // WORKFLOW
  'Warteschlange', // ACD
  'Ein Mitarbeiter möchte {x}', // media
  'gemeinsam mit Ihnen browsen', // cobrowse
  'Ihren Bildschirm sehen', // screenshare
  'Annehmen', // accept
  'Ablehnen', // decline
  'Verbindung wird wiederhergestellt…', // reconnecting
  'Chat beendet', // ended
  'Neuen Chat starten', // startNew
  'Keine Verbindung möglich. Bitte versuchen Sie es erneut.', // errRetry
  'Der Chat ist derzeit nicht verfügbar.', // errSetup
];

// Spanish UI strings (informal "tú", as most Spanish-language site chats address visitors).
import type { Table } from './en';

export const es: Table = [
  'Chatea con nosotros', // title
  'Abrir chat', // open
  'Abrir chat, {n} sin leer', // openUnread
  'Cerrar chat', // close
  'Minimizar chat', // minimize
  'Participantes', // participants
  'Descargar conversación', // transcript
  'Finalizar chat', // endChat
  '¿Finalizar este chat?', // endAsk
  'Finalizar', // end
  'Cancelar', // cancel
  'Nombre', // firstName
  'Apellido', // lastName
  'Correo electrónico', // email
  'Teléfono', // phoneNumber
  'Escribe tu nombre.', // needName
  'Escribe un correo como nombre@ejemplo.com.', // badEmail
  'Iniciar chat', // startChat
  'Esperando a un agente…', // waiting
  'Mensajes', // messages
  'Cargar mensajes anteriores', // earlier
  'Mensaje', // message
  'Enviar', // send
  'Enviando…', // sending
  'No enviado', // failed
  'Reintentar', // retry
  '{name} está escribiendo…', // typing
  '{name} se unió al chat', // joined
  '{name} salió del chat', // leftChat
  'Agente', // AGENT
  'Invitado', // CUSTOMER
  'Bot', // WORKFLOW
  'Cola', // ACD
  'El agente quiere {x}', // media
  'navegar contigo', // cobrowse
  'ver tu pantalla', // screenshare
  'Aceptar', // accept
  'Rechazar', // decline
  'Reconectando…', // reconnecting
  'Chat finalizado', // ended
  'Iniciar un chat nuevo', // startNew
  'No se pudo conectar. Inténtalo de nuevo.', // errRetry
  'El chat no está disponible en este momento.', // errSetup
];

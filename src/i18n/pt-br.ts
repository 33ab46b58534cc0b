// Brazilian Portuguese UI strings ("você"); also served for any other `pt` tag.
import type { Table } from './en';

export const ptBR: Table = [
  'Fale com a gente', // title
  'Abrir chat', // open
  'Abrir chat, não lidas: {n}', // openUnread
  'Fechar chat', // close
  'Minimizar chat', // minimize
  'Participantes', // participants
  'Baixar conversa', // transcript
  'Encerrar chat', // endChat
  'Encerrar esta conversa?', // endAsk
  'Encerrar', // end
  'Cancelar', // cancel
  'Nome', // firstName
  'Sobrenome', // lastName
  'E-mail', // email
  'Telefone', // phoneNumber
  'Informe seu nome.', // needName
  'Informe um e-mail como nome@exemplo.com.', // badEmail
  'Iniciar chat', // startChat
  'Aguardando um atendente…', // waiting
  'Mensagens', // messages
  'Carregar mensagens anteriores', // earlier
  'Mensagem', // message
  'Enviar', // send
  'Enviando…', // sending
  'Não enviada', // failed
  'Tentar de novo', // retry
  '{name} está digitando…', // typing
  '{name} entrou no chat', // joined
  '{name} saiu do chat', // leftChat
  'Atendente', // AGENT
  'Visitante', // CUSTOMER
  'Bot', // WORKFLOW
  'Fila', // ACD
  'O atendente quer {x}', // media
  'navegar com você', // cobrowse
  'ver sua tela', // screenshare
  'Aceitar', // accept
  'Recusar', // decline
  'Reconectando…', // reconnecting
  'Chat encerrado', // ended
  'Iniciar novo chat', // startNew
  'Não foi possível conectar. Tente de novo.', // errRetry
  'O chat não está disponível no momento.', // errSetup
];
